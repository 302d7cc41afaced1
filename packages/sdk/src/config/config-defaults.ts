import type {PluginManifest} from '../manifest/manifest.js';

/**
 * The default admin settings of a plugin: every `default` of its config schema's top-level properties
 * (deep-copied, so callers may change the result). Properties without a default are left out.
 */
export function configDefaults(manifest: PluginManifest): Record<string, unknown> {
  const properties = manifest.config?.['properties'];
  const defaults: Record<string, unknown> = {};
  if (!properties || typeof properties !== 'object') return defaults;
  for (const [key, schema] of Object.entries(properties as Record<string, unknown>)) {
    if (schema && typeof schema === 'object' && 'default' in schema) {
      // defineProperty, not assignment: a setting named "__proto__" must not change the prototype.
      Object.defineProperty(defaults, key, {
        value: structuredClone((schema as {default: unknown}).default),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return defaults;
}
