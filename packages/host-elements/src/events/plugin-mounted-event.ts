/** How a plugin element is shown: in the extension point's dialog, or inline (panels). */
export type PluginMountMode = 'dialog' | 'inline';

/**
 * Fired by `<crm-extension-point>` (bubbles, composed) after it mounted a plugin element: in its dialog
 * when an action was chosen, or inline for an element declared at the point without an action.
 */
export class PluginMountedEvent extends Event {
  static readonly type = 'crm-plugin-mounted';
  readonly pluginId: string;
  readonly element: HTMLElement;
  readonly mode: PluginMountMode;
  /** The action that opened the element (dialog mode only). */
  readonly actionId: string | undefined;

  constructor(pluginId: string, element: HTMLElement, mode: PluginMountMode, actionId?: string) {
    super(PluginMountedEvent.type, {bubbles: true, composed: true});
    this.pluginId = pluginId;
    this.element = element;
    this.mode = mode;
    this.actionId = actionId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-mounted': PluginMountedEvent;
  }
}
