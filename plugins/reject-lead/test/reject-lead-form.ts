// What <crm-reject-lead>'s browser tests share: how to render it (through @crmkit/sdk/testing's
// renderPlugin, against the msw mock host, loading the built dist/index.js that `crmkit pack` ships
// with Lit's production build), the reject requests it sent, and how a user reads and fills its form.
import {waitUntil} from '@open-wc/testing';
import {renderPlugin} from '@crmkit/sdk/testing';
import type {RenderPluginOptions, RenderedPlugin} from '@crmkit/sdk/testing';
import type {CrmRejectLead} from '../src/index.js';

export type RenderedRejectLead = RenderedPlugin<CrmRejectLead>;

/**
 * Renders <crm-reject-lead> for a lead (default L-1001, as max in max's language), mounted at
 * lead.detail.actions with the context its Reject action would give it. Without the action's button
 * and its checks, so the element's own answers to a user without the privilege or a lead that is
 * not Qualified can be tested; `action: 'reject'` goes through the button instead.
 */
export function renderRejectLead(
  options: Omit<RenderPluginOptions, 'manifest'> = {},
): Promise<RenderedRejectLead> {
  return renderPlugin<CrmRejectLead>({
    manifest: new URL('../plugin.json', import.meta.url),
    tag: 'crm-reject-lead',
    ...options,
  });
}

/** One reject request as the plugin sent it. */
export interface SentReject {
  leadId: string;
  body: {rejectCode?: string; rejectReason?: string; reassignOwner?: boolean};
  ifMatch: string | null;
  idempotencyKey: string | null;
}

/** The reject requests of a render, in order (also those an extra handler answered). */
export function rejectsOf(rendered: RenderedRejectLead): SentReject[] {
  return rendered.requests.flatMap((request) => {
    const match = /\/api\/leads\/([^/]+)\/reject$/.exec(request.path);
    if (!match || request.method !== 'POST') return [];
    return [
      {
        leadId: decodeURIComponent(match[1] ?? ''),
        body: request.body as SentReject['body'],
        ifMatch: request.headers.get('If-Match'),
        idempotencyKey: request.headers.get('Idempotency-Key'),
      },
    ];
  });
}

/** The element in the shadow root with `part="<name>"`. */
export function part<T extends Element = HTMLElement>(el: CrmRejectLead, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** The text of the `<dd>` after the `<dt>` labelled `label` (lead box or summary). */
export function valueOf(el: CrmRejectLead, label: string): string | undefined {
  const terms = [...el.shadowRoot!.querySelectorAll('dt')];
  const term = terms.find((dt) => dt.textContent!.trim() === label);
  return term?.nextElementSibling?.textContent?.trim().replace(/\s+/g, ' ');
}

export const codeSelect = (el: CrmRejectLead) => part<HTMLSelectElement>(el, 'code-select')!;
export const reasonArea = (el: CrmRejectLead) => part<HTMLTextAreaElement>(el, 'reason-textarea')!;
export const reassignBox = (el: CrmRejectLead) => part<HTMLInputElement>(el, 'reassign-checkbox')!;
export const confirmButton = (el: CrmRejectLead) => part<HTMLButtonElement>(el, 'confirm-button')!;

/** Picks a reject code by key, as a user would (change event). */
export async function chooseCode(el: CrmRejectLead, key: string): Promise<void> {
  const select = codeSelect(el);
  select.value = key;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  await el.updateComplete;
}

/** Types a reject reason (input event). */
export async function typeReason(el: CrmRejectLead, text: string): Promise<void> {
  const area = reasonArea(el);
  area.value = text;
  area.dispatchEvent(new Event('input', {bubbles: true}));
  await el.updateComplete;
}

/** Clicks Confirm Reject and waits until the request (if one was sent) has been answered. */
export async function confirmReject(el: CrmRejectLead): Promise<void> {
  confirmButton(el).click();
  await el.updateComplete;
  await waitUntil(
    () => !el.shadowRoot!.querySelector('form[aria-busy="true"]'),
    'the reject request is answered',
    {timeout: 5000},
  );
  await el.updateComplete;
}

/** The message shown at a field (`rejectCode`, `rejectReason`, `reassignOwner`), if any. */
export function fieldError(el: CrmRejectLead, field: string): string | undefined {
  return el.shadowRoot!.getElementById(`${field}-error`)?.textContent?.trim();
}

/** The text of the error banner above the form, if any. */
export function bannerText(el: CrmRejectLead): string | undefined {
  return part(el, 'error-banner')?.textContent?.trim().replace(/\s+/g, ' ');
}
