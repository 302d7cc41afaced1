/** What closed a plugin's dialog or removed its element. */
export type PluginUnmountReason =
  | 'close-button'
  | 'escape'
  | 'plugin-event'
  | 'replaced'
  | 'removed'
  | 'api'
  /** A sandboxed plugin's frame could not load or mount it (see `crm-plugin-mount-failed`). */
  | 'failed';

/**
 * Fired by `<crm-extension-point>` (bubbles, composed) after a plugin element was removed: its dialog
 * closed (close button, Escape, the plugin's `crm-plugin-close` / `*-cancel` event or its
 * `context.emit('close')`, or a call to `close()`), or the plugin/point went away.
 */
export class PluginUnmountedEvent extends Event {
  static readonly type = 'crm-plugin-unmounted';
  readonly pluginId: string;
  readonly element: HTMLElement;
  readonly reason: PluginUnmountReason;

  constructor(pluginId: string, element: HTMLElement, reason: PluginUnmountReason) {
    super(PluginUnmountedEvent.type, {bubbles: true, composed: true});
    this.pluginId = pluginId;
    this.element = element;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-unmounted': PluginUnmountedEvent;
  }
}
