import {defineExtensionPoint} from './extension-point/define-extension-point.js';
import {definePluginFrame} from './plugin-frame/define-plugin-frame.js';
import {definePluginHost} from './plugin-host/define-plugin-host.js';

/**
 * Defines `<crm-plugin-host>`, `<crm-extension-point>` and `<crm-plugin-frame>` (a sandboxed
 * plugin's element) in `registry` (default: the global one), host first. Resolves when both are defined; names already defined there are left alone.
 */
export async function defineHostElements(
  registry: CustomElementRegistry = customElements,
): Promise<void> {
  await definePluginHost(registry);
  await defineExtensionPoint(registry);
  await definePluginFrame(registry);
}
