/**
 * How a plugin shown in an extension point's dialog asks to be closed: by dispatching on its element
 * an event whose type is one of `types` or ends with `suffix` (e.g. `crm-reject-cancel`), or by calling
 * `context.emit(channelType)`.
 */
export const PLUGIN_CLOSE_EVENTS = {
  types: ['crm-plugin-close', 'crm-reject-cancel'],
  suffix: '-cancel',
  channelType: 'close',
} as const;

/** Whether a plugin event of this type closes the plugin's dialog. */
export function isPluginCloseEvent(type: string): boolean {
  return (
    (PLUGIN_CLOSE_EVENTS.types as readonly string[]).includes(type) ||
    type.endsWith(PLUGIN_CLOSE_EVENTS.suffix)
  );
}
