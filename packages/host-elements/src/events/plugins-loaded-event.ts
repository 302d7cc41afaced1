import type {LoadedPlugin, PluginLoadError} from '@crmkit/sdk';

/**
 * Fired by `<crm-plugin-host>` (bubbles, composed) when loading its `sources` finished, successful or
 * not: `loaded` were registered, `failed` were not (each also got a `crm-plugin-load-failed`).
 */
export class PluginsLoadedEvent extends Event {
  static readonly type = 'crm-plugins-loaded';
  readonly loaded: readonly LoadedPlugin[];
  readonly failed: ReadonlyArray<{source: string; error: PluginLoadError}>;

  constructor(
    loaded: readonly LoadedPlugin[],
    failed: ReadonlyArray<{source: string; error: PluginLoadError}>,
  ) {
    super(PluginsLoadedEvent.type, {bubbles: true, composed: true});
    this.loaded = loaded;
    this.failed = failed;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugins-loaded': PluginsLoadedEvent;
  }
}
