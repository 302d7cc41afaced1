import {html, repeat} from '@microsoft/fast-element';
import type {PluginLoadFailure} from '@crmkit/sdk';
import type {CrmPluginHost} from './crm-plugin-host.js';

/**
 * `<crm-plugin-host>`: the page content, then a quiet status region (always present, so that screen
 * readers announce what appears in it) for load failures and plugin notices.
 */
export const pluginHostTemplate = html<CrmPluginHost>`
  <slot></slot>
  <div part="status" class="status" role="status" aria-live="polite">
    <p class="summary" ?hidden="${(x) => x.failures.length === 0}">${(x) => x.failureSummary}</p>
    <ul part="failures" class="failures" ?hidden="${(x) => x.failures.length === 0}">
      ${repeat(
        (x) => x.failures,
        html<PluginLoadFailure, CrmPluginHost>`<li>${(x, c) => c.parent.failureText(x)}</li>`,
      )}
    </ul>
    <p
      part="notification"
      class="notification ${(x) => x.notification?.kind ?? ''}"
      ?hidden="${(x) => !x.notification}"
    >
      ${(x) => x.notification?.text ?? ''}
    </p>
  </div>
`;
