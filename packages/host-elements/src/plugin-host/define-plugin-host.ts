import {CrmPluginHost} from './crm-plugin-host.js';
import {pluginHostStyles} from './plugin-host-styles.js';
import {pluginHostTemplate} from './plugin-host-template.js';

/**
 * Defines `<crm-plugin-host>` in `registry` (default: the global one). Resolves when defined; does
 * nothing when the name is already taken there (a second copy of the package on the page).
 */
export async function definePluginHost(
  registry: CustomElementRegistry = customElements,
): Promise<void> {
  if (registry.get('crm-plugin-host')) return;
  await CrmPluginHost.define({
    name: 'crm-plugin-host',
    template: pluginHostTemplate,
    styles: pluginHostStyles,
    registry,
  });
}
