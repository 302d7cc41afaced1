import {CrmExtensionPoint} from './crm-extension-point.js';
import {extensionPointStyles} from './extension-point-styles.js';
import {extensionPointTemplate} from './extension-point-template.js';

/**
 * Defines `<crm-extension-point>` in `registry` (default: the global one). Resolves when defined; does
 * nothing when the name is already taken there (a second copy of the package on the page).
 */
export async function defineExtensionPoint(
  registry: CustomElementRegistry = customElements,
): Promise<void> {
  if (registry.get('crm-extension-point')) return;
  await CrmExtensionPoint.define({
    name: 'crm-extension-point',
    template: extensionPointTemplate,
    styles: extensionPointStyles,
    registry,
  });
}
