import {CrmPluginFrame} from './crm-plugin-frame.js';
import {pluginFrameStyles} from './plugin-frame-styles.js';
import {pluginFrameTemplate} from './plugin-frame-template.js';

/**
 * Defines `<crm-plugin-frame>` in `registry` (default: the global one). Resolves when defined; does
 * nothing when the name is already taken there (a second copy of the package on the page).
 */
export async function definePluginFrame(
  registry: CustomElementRegistry = customElements,
): Promise<void> {
  if (registry.get('crm-plugin-frame')) return;
  await CrmPluginFrame.define({
    name: 'crm-plugin-frame',
    template: pluginFrameTemplate,
    styles: pluginFrameStyles,
    registry,
  });
}
