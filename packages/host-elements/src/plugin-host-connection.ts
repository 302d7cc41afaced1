import type {
  CurrentUser,
  LoadedPlugin,
  PluginChannel,
  PluginContext,
  PluginManifest,
  PluginRegistry,
} from '@crmkit/sdk';
import type {PluginFrameOptions} from './plugin-frame/crm-plugin-frame.js';

/**
 * What `<crm-plugin-host>` provides to the elements inside it (through the W3C community context
 * protocol, see {@link pluginHostContext}). A new frozen snapshot is delivered whenever the host's
 * registry, user, locale, configs or host API change. It deliberately has no property holding the raw
 * `HostApi`: plugins only ever get a guarded context from {@link PluginHostConnection.createContext}.
 */
export interface PluginHostConnection {
  /** The installed plugins, or undefined before any were given or loaded. */
  readonly registry: PluginRegistry | undefined;
  /** The signed-in user, or undefined while the page has not set one. */
  readonly user: CurrentUser | undefined;
  /** The UI language: the host's `locale` attribute, else the user's, else `<html lang>`, else `en`. */
  readonly locale: string;
  /** True when a registry, a user and a host API are all set, so plugins can be mounted. */
  readonly ready: boolean;
  /**
   * A guarded context for a registered plugin (its manifest ∩ the user's privileges, its config
   * defaults overlaid with the host's `configs[pluginId]`), or undefined when the host is not ready.
   */
  createContext(plugin: LoadedPlugin, channel: PluginChannel): PluginContext | undefined;
  /** The config a plugin gets: its manifest's config defaults overlaid with the host's `configs`. */
  configFor(manifest: PluginManifest): Record<string, unknown>;
  /** Where sandboxed plugins' frames load their code from (the host's `frameOptions`). */
  readonly frameOptions: PluginFrameOptions | undefined;
}
