import type {LoadedPlugin} from './loaded-plugin.js';

/**
 * Dispatched on a `PluginRegistry` when a plugin is registered. A registry event, not a DOM event:
 * host elements re-dispatch what their page needs (e.g. `crm-plugins-loaded`).
 */
export class PluginRegisteredEvent extends Event {
  static readonly type = 'plugin-registered' as const;
  readonly plugin: LoadedPlugin;

  constructor(plugin: LoadedPlugin) {
    super(PluginRegisteredEvent.type);
    this.plugin = plugin;
  }
}
