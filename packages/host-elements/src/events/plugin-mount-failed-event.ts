import type {PluginMountError} from '../plugin-mount-error.js';

/**
 * Fired by `<crm-extension-point>` (bubbles, composed) when a plugin element could not be mounted (tag
 * not defined, constructor or `connectedCallback` threw). The point shows an error in its alert region;
 * the page and the other plugins go on working.
 */
export class PluginMountFailedEvent extends Event {
  static readonly type = 'crm-plugin-mount-failed';
  readonly error: PluginMountError;

  constructor(error: PluginMountError) {
    super(PluginMountFailedEvent.type, {bubbles: true, composed: true});
    this.error = error;
  }

  get pluginId(): string {
    return this.error.pluginId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-mount-failed': PluginMountFailedEvent;
  }
}
