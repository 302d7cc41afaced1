// Loading the plugin under test once per page. A custom element can be defined only once, so the
// loader (which refuses a tag the page already defines) runs once per manifest and isolation, and
// every later render of the same plugin reuses what it loaded.
import {loadPlugin} from '@crmkit/sdk';
import type {LoadedPlugin, PluginIsolation, PluginManifest} from '@crmkit/sdk';

const loads = new Map<string, Promise<LoadedPlugin>>();

/** What renderPlugin was given as the plugin: a manifest URL or object, and its folder. */
export interface PluginUnderTest {
  manifest: PluginManifest | string | URL;
  baseUrl?: string | URL | undefined;
  isolation: PluginIsolation;
}

/**
 * The plugin loaded as a host loads it (manifest validated, `sdk` range checked, entry imported and
 * its tags checked; with `frame`, only the manifest), or the load of an earlier render.
 */
export function loadTestPlugin({
  manifest,
  baseUrl,
  isolation,
}: PluginUnderTest): Promise<LoadedPlugin> {
  const isObject = typeof manifest === 'object' && !(manifest instanceof URL);
  const url = isObject ? undefined : new URL(String(manifest), document.baseURI).href;
  const folder =
    baseUrl === undefined ? undefined : new URL(String(baseUrl), document.baseURI).href;
  const key = JSON.stringify([url ?? manifest, folder, isolation]);
  let pending = loads.get(key);
  if (!pending) {
    pending = loadPlugin(url ?? (manifest as PluginManifest), {
      ...(folder === undefined ? {} : {baseUrl: folder}),
      ...(isolation === 'frame' ? {isolation} : {}),
    });
    loads.set(key, pending);
    // A failed load is not kept: the next render reports its own error again.
    pending.catch(() => loads.delete(key));
  }
  return pending;
}
