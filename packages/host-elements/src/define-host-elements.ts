import {defineExtensionPoint} from './extension-point/define-extension-point.js';
import {definePluginHost} from './plugin-host/define-plugin-host.js';

/**
 * Defines `<crm-plugin-host>` and `<crm-extension-point>` in `registry` (default: the global one),
 * host first. Resolves when both are defined; names already defined there are left alone.
 */
export async function defineHostElements(
  registry: CustomElementRegistry = customElements,
): Promise<void> {
  await definePluginHost(registry);
  await defineExtensionPoint(registry);
}
