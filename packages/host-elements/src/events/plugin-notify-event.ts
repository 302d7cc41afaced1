import type {PluginNotification} from '@crmkit/sdk';

/**
 * Fired by `<crm-plugin-host>` (bubbles, composed, cancelable) when a plugin calls
 * `context.notify(…)`. A page with its own toasts shows the message and calls `preventDefault()`;
 * otherwise the host announces it in its status region.
 */
export class PluginNotifyEvent extends Event {
  static readonly type = 'crm-plugin-notify';
  readonly pluginId: string;
  readonly notification: PluginNotification;

  constructor(pluginId: string, notification: PluginNotification) {
    super(PluginNotifyEvent.type, {bubbles: true, composed: true, cancelable: true});
    this.pluginId = pluginId;
    this.notification = notification;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-notify': PluginNotifyEvent;
  }
}
