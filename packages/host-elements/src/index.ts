export {defineHostElements} from './define-host-elements.js';
export {CrmExtensionPoint} from './extension-point/crm-extension-point.js';
export {defineExtensionPoint} from './extension-point/define-extension-point.js';
export {extensionPointStyles} from './extension-point/extension-point-styles.js';
export {extensionPointTemplate} from './extension-point/extension-point-template.js';
export {PermissionDeniedEvent} from './events/permission-denied-event.js';
export {PluginEmittedEvent} from './events/plugin-emitted-event.js';
export {PluginFrameFailedEvent} from './events/plugin-frame-failed-event.js';
export {PluginLoadFailedEvent} from './events/plugin-load-failed-event.js';
export {PluginMountFailedEvent} from './events/plugin-mount-failed-event.js';
export {PluginMountedEvent} from './events/plugin-mounted-event.js';
export {PluginNotifyEvent} from './events/plugin-notify-event.js';
export {PluginUnmountedEvent} from './events/plugin-unmounted-event.js';
export {PluginsLoadedEvent} from './events/plugins-loaded-event.js';
export {HOST_ELEMENT_STRINGS, hostElementText} from './host-element-strings.js';
export {mountPluginElement} from './mount-plugin-element.js';
export {PLUGIN_CLOSE_EVENTS, isPluginCloseEvent} from './plugin-close-events.js';
export {pluginHostContext} from './plugin-host-context.js';
export {CrmPluginFrame, FRAME_RUNTIME_SPECIFIER} from './plugin-frame/crm-plugin-frame.js';
export {definePluginFrame} from './plugin-frame/define-plugin-frame.js';
export {pluginFrameStyles} from './plugin-frame/plugin-frame-styles.js';
export {pluginFrameTemplate} from './plugin-frame/plugin-frame-template.js';
export {FRAME_PROTOCOL, isFrameForwardedEvent} from './plugin-frame/frame-protocol.js';
export {CrmPluginHost} from './plugin-host/crm-plugin-host.js';
export {definePluginHost} from './plugin-host/define-plugin-host.js';
export {pluginHostStyles} from './plugin-host/plugin-host-styles.js';
export {pluginHostTemplate} from './plugin-host/plugin-host-template.js';
export {PluginMountError} from './plugin-mount-error.js';

export type {
  ExtensionPointAction,
  ExtensionPointError,
} from './extension-point/crm-extension-point.js';
export type {PluginMountMode} from './events/plugin-mounted-event.js';
export type {PluginUnmountReason} from './events/plugin-unmounted-event.js';
export type {HostElementStringKey} from './host-element-strings.js';
export type {MountPluginElementOptions} from './mount-plugin-element.js';
export type {PluginHostConnection} from './plugin-host-connection.js';
export type {PluginFrameOptions} from './plugin-frame/crm-plugin-frame.js';
export type {
  FrameFailure,
  FrameInit,
  FrameTheme,
  FrameToHostMessage,
  HostToFrameMessage,
} from './plugin-frame/frame-protocol.js';
export type {InstalledPluginSource, PluginSource} from './plugin-host/crm-plugin-host.js';
export type {PluginMountErrorCode} from './plugin-mount-error.js';
