import {CrmkitError} from '@crmkit/sdk';

/** Why a plugin element could not be mounted at an extension point. */
export type PluginMountErrorCode =
  | 'element-not-defined'
  | 'element-constructor-failed'
  | 'element-connect-failed'
  | 'plugin-not-registered'
  | 'host-not-ready';

/**
 * A plugin element could not be created or connected. The page and the other plugins go on working;
 * `<crm-extension-point>` shows an error and fires `crm-plugin-mount-failed` with this error.
 */
export class PluginMountError extends CrmkitError {
  declare readonly code: PluginMountErrorCode;
  readonly pluginId: string;
  readonly tag: string;

  constructor(
    code: PluginMountErrorCode,
    pluginId: string,
    tag: string,
    message: string,
    options?: {cause?: unknown},
  ) {
    super(code, message, options);
    this.pluginId = pluginId;
    this.tag = tag;
  }
}
