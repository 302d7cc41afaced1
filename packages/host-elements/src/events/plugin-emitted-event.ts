/**
 * Fired by `<crm-extension-point>` (bubbles, composed) when a mounted plugin calls
 * `context.emit(type, detail)`: the host page's view of the plugin's event channel.
 */
export class PluginEmittedEvent extends Event {
  static readonly type = 'crm-plugin-emit';
  readonly pluginId: string;
  /** The type the plugin emitted, e.g. `lead-changed`. */
  readonly pluginEventType: string;
  readonly detail: unknown;

  constructor(pluginId: string, pluginEventType: string, detail: unknown) {
    super(PluginEmittedEvent.type, {bubbles: true, composed: true});
    this.pluginId = pluginId;
    this.pluginEventType = pluginEventType;
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-emit': PluginEmittedEvent;
  }
}
