import type {PluginLoadError} from '../errors/plugin-load-error.js';

/**
 * Dispatched on a `PluginRegistry` when a plugin failed to load. A registry event, not a DOM event:
 * host elements re-dispatch it to the page as `crm-plugin-load-failed`.
 */
export class PluginLoadFailureEvent extends Event {
  static readonly type = 'plugin-load-failure' as const;
  readonly source: string;
  readonly error: PluginLoadError;

  constructor(source: string, error: PluginLoadError) {
    super(PluginLoadFailureEvent.type);
    this.source = source;
    this.error = error;
  }
}
