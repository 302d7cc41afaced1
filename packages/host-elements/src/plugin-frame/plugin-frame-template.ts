import {html, ref} from '@microsoft/fast-element';
import type {CrmPluginFrame} from './crm-plugin-frame.js';

/**
 * `<crm-plugin-frame>`: the sandboxed iframe. `sandbox="allow-scripts"` only: never
 * `allow-same-origin` (the frame's origin stays opaque: no cookies, storage or DOM of the host), no
 * popups, top navigation, forms or modals. Its `srcdoc` is set by the element.
 */
export const pluginFrameTemplate = html<CrmPluginFrame>`
  <iframe
    part="frame"
    class="frame"
    sandbox="allow-scripts"
    referrerpolicy="no-referrer"
    title="${(x) => x.label ?? ''}"
    ${ref('iframe')}
  ></iframe>
`;
