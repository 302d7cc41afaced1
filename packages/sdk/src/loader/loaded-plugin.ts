import type {PluginManifest} from '../manifest/manifest.js';

/**
 * Where a plugin's code runs. `page`: its entry is imported into the page (trusted: it shares the
 * page's powers). `frame`: sandboxed, in an iframe of its own with an opaque origin; the page never
 * imports its entry and its context is bridged to the host element over a MessagePort.
 */
export type PluginIsolation = 'page' | 'frame';

/**
 * A registered plugin, frozen. In the page (`isolation` absent or `page`) its entry was imported and
 * its elements are defined; sandboxed (`frame`) only its manifest was checked, and its entry runs in
 * a frame of its own whenever one of its elements is mounted.
 */
export interface LoadedPlugin {
  manifest: PluginManifest;
  /** The absolute URL of the entry module. */
  entryUrl: string;
  /**
   * What the manifest's `entry` was resolved against: plugin.json's URL, or the package folder an
   * installed plugin was given with. A sandboxed frame loads the same manifest against it again.
   */
  baseUrl?: string;
  /** The absolute URL of plugin.json, when loaded from one. */
  manifestUrl?: string;
  /** Where its code runs; absent means `page`. */
  isolation?: PluginIsolation;
}
