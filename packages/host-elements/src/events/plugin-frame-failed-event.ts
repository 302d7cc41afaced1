import type {PluginMountError} from '../plugin-mount-error.js';

/**
 * Fired by `<crm-plugin-frame>` (not bubbling: its `<crm-extension-point>` reports it as
 * `crm-plugin-mount-failed`) when the sandboxed plugin could not be loaded or mounted in its frame:
 * the entry's bytes do not match the manifest's integrity, the entry failed to import, the element
 * is not defined or threw. Nothing of the plugin runs then.
 */
export class PluginFrameFailedEvent extends Event {
  static readonly type = 'crm-plugin-frame-failed';
  readonly error: PluginMountError;

  constructor(error: PluginMountError) {
    super(PluginFrameFailedEvent.type);
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-plugin-frame-failed': PluginFrameFailedEvent;
  }
}
