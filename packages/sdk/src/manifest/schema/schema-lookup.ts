import {parsePointer} from '@crmkit/json-kit';
import {PLUGIN_MANIFEST_SCHEMA} from './plugin-manifest-schema.js';

/** The value at `pointer` inside `root` (undefined when missing). */
export function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The schema node at an ajv `schemaPath` such as `#/properties/elements/items/additionalProperties`. */
export function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  const node = valueAt(PLUGIN_MANIFEST_SCHEMA, schemaPath.replace(/^#/, ''));
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}
