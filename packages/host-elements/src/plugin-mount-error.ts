import {CrmkitError} from '@crmkit/sdk';

/** Why a plugin element could not be mounted at an extension point. */
export type PluginMountErrorCode =
  | 'element-not-defined'
  | 'element-constructor-failed'
  | 'element-connect-failed'
  | 'plugin-not-registered'
  | 'host-not-ready'
  // A sandboxed plugin's frame: its entry failed to load (see `loadErrorCode`), the page cannot
  // make frames (no crypto.subtle), or the frame never answered.
  | 'entry-load-failed'
  | 'frame-unavailable'
  | 'frame-timeout';

/**
 * A plugin element could not be created or connected. The page and the other plugins go on working;
 * `<crm-extension-point>` shows an error and fires `crm-plugin-mount-failed` with this error.
 */
export class PluginMountError extends CrmkitError {
  declare readonly code: PluginMountErrorCode;
  readonly pluginId: string;
  readonly tag: string;
  /**
   * For `entry-load-failed`: the code of the loader's PluginLoadError in the frame, e.g.
   * `integrity-mismatch` (the entry's bytes are not the ones the admin installed).
   */
  readonly loadErrorCode: string | undefined;

  constructor(
    code: PluginMountErrorCode,
    pluginId: string,
    tag: string,
    message: string,
    options?: {cause?: unknown; loadCode?: string},
  ) {
    super(code, message, options?.cause === undefined ? undefined : {cause: options.cause});
    this.pluginId = pluginId;
    this.tag = tag;
    this.loadErrorCode = options?.loadCode;
  }
}
