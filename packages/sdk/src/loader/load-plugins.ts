import type {PluginLoadError} from '../errors/plugin-load-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {asLoadError, preparePlugin, type LoadPluginOptions} from './load-plugin.js';
import type {LoadedPlugin} from './loaded-plugin.js';

/** What loadPlugins did: the plugins it registered and the ones that failed, each in source order. */
export interface LoadPluginsResult {
  loaded: LoadedPlugin[];
  failed: Array<{source: string; error: PluginLoadError}>;
}

/**
 * Loads several plugins at once (fetching and importing in parallel), then registers the ones that
 * loaded in the order of `sources`, so the order of actions at an extension point does not depend on
 * network timing. Never rejects: one broken plugin never stops the others; each failure is in
 * `failed` and reported to the registry.
 */
export async function loadPlugins(
  sources: Array<string | URL | PluginManifest>,
  options: LoadPluginOptions = {},
): Promise<LoadPluginsResult> {
  const {registry, ...prepareOptions} = options;
  const settled = await Promise.allSettled(
    sources.map((source) =>
      preparePlugin(source, {...prepareOptions, ...(registry ? {registry} : {})}),
    ),
  );
  const result: LoadPluginsResult = {loaded: [], failed: []};
  settled.forEach((outcome, i) => {
    const source = sources[i] as string | URL | PluginManifest;
    try {
      if (outcome.status === 'rejected') throw outcome.reason;
      registry?.register(outcome.value);
      result.loaded.push(outcome.value);
    } catch (error) {
      const failure = asLoadError(error, source);
      result.failed.push({source: failure.source, error: failure});
      registry?.reportFailure(failure.source, failure);
    }
  });
  return result;
}
