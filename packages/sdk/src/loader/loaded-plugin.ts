import type {PluginManifest} from '../manifest/manifest.js';

/** A plugin whose entry was imported and whose elements are defined. Frozen. */
export interface LoadedPlugin {
  manifest: PluginManifest;
  /** The absolute URL of the entry module. */
  entryUrl: string;
  /** The absolute URL of plugin.json, when loaded from one. */
  manifestUrl?: string;
}
