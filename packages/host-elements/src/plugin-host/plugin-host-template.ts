import {html, repeat, when} from '@microsoft/fast-element';
import type {PluginLoadFailure} from '@crmkit/sdk';
import type {CrmPluginHost} from './crm-plugin-host.js';

/** `<crm-plugin-host>`: the page content, then a quiet status region for failures and notices. */
export const pluginHostTemplate = html<CrmPluginHost>`
  <slot></slot>
  <div part="status" class="status" role="status" aria-live="polite">
    ${when(
      (x) => x.failures.length > 0,
      html<CrmPluginHost>`
        <p class="summary">${(x) => x.failureSummary}</p>
        <ul part="failures" class="failures">
          ${repeat(
            (x) => x.failures,
            html<PluginLoadFailure, CrmPluginHost>`<li>${(x, c) => c.parent.failureText(x)}</li>`,
          )}
        </ul>
      `,
    )}
    ${when(
      (x) => x.notification,
      html<CrmPluginHost>`<p
        part="notification"
        class="notification ${(x) => x.notification?.kind}"
      >
        ${(x) => x.notification?.text}
      </p>`,
    )}
  </div>
`;
