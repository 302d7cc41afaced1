import type {PluginLoadError} from '@crmkit/sdk';

/**
 * Fired by `<crm-plugin-host>` (bubbles, composed) for each plugin of `sources` / `plugin-urls` that
 * could not be loaded. `error.code` says why (`manifest-fetch-failed`, `invalid-manifest`,
 * `sdk-incompatible`, `integrity-mismatch`, `entry-import-failed`, `element-not-defined`, …). The other
 * plugins are loaded regardless.
 */
export class PluginLoadFailedEvent extends Event {
  static readonly type = 'crm-plugin-load-failed';
  readonly source: string;
  readonly error: PluginLoadError;

  constructor(source: string, error: PluginLoadError) {
    super(PluginLoadFailedEvent.type, {bubbles: true, composed: true});
    this.source = source;
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-load-failed': PluginLoadFailedEvent;
  }
}
