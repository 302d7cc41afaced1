// The realistic stack for <crm-reject-lead> browser tests: the element, a guarded PluginContext over
// the REST client, and the msw mock host of the REST contract answering in a service worker. Each
// test file calls useMockHost() once; mountRejectLead() then mounts the element as a given demo user.
import {fixture, html, waitUntil} from '@open-wc/testing';
import {setupWorker} from 'msw/browser';
import type {SetupWorker} from 'msw/browser';
import {createGuardedContext, validateManifest} from '@crmkit/sdk';
import type {PluginContext, PluginManifest} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import type {MockHost} from '@crmkit/rest-client/msw';
// The built bundle that `crmkit pack` ships (`npm test` builds first), with Lit's production build.
import '../dist/index.js';
import type {CrmRejectLead} from '../src/index.js';

/** One reject request as the mock host received it. */
export interface SentReject {
  leadId: string;
  body: {rejectCode?: string; rejectReason?: string; reassignOwner?: boolean};
  ifMatch: string | null;
  idempotencyKey: string | null;
}

export interface MockHostFixture {
  host: MockHost;
  worker: SetupWorker;
  /** The reject requests of the current test, in order. */
  rejects: SentReject[];
}

let manifest: PluginManifest | undefined;

/** The plugin's own plugin.json, checked by the SDK's validator (a test fails on an invalid one). */
export async function rejectLeadManifest(): Promise<PluginManifest> {
  if (manifest) return manifest;
  const response = await fetch(new URL('../plugin.json', import.meta.url));
  const result = validateManifest(await response.text(), {file: 'plugins/reject-lead/plugin.json'});
  if (!result.valid || !result.manifest) {
    throw new Error(`plugin.json is invalid: ${JSON.stringify(result.issues, null, 2)}`);
  }
  manifest = result.manifest;
  return manifest;
}

/**
 * Starts the mock host in a service worker for this test file; before each test its data is reset,
 * extra handlers are dropped and the log of reject requests is emptied.
 */
export function useMockHost(): MockHostFixture {
  const host = createMockHost();
  const worker = setupWorker(...host.handlers);
  const fixtureState: MockHostFixture = {host, worker, rejects: []};
  worker.events.on('request:start', ({request}) => {
    const match = /\/api\/leads\/([^/]+)\/reject$/.exec(new URL(request.url).pathname);
    if (!match || request.method !== 'POST') return;
    const sent: SentReject = {
      leadId: decodeURIComponent(match[1] ?? ''),
      body: {},
      ifMatch: request.headers.get('If-Match'),
      idempotencyKey: request.headers.get('Idempotency-Key'),
    };
    fixtureState.rejects.push(sent);
    void request
      .clone()
      .json()
      .then((body: SentReject['body']) => (sent.body = body));
  });
  before(() =>
    worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: {url: '/mockServiceWorker.js'},
    }),
  );
  after(() => worker.stop());
  beforeEach(() => {
    host.reset();
    worker.resetHandlers();
    fixtureState.rejects.length = 0;
  });
  return fixtureState;
}

export interface MountOptions {
  /** Demo user's bearer token (default `max`, a sales rep who may reject). */
  token?: string;
  /** UI language (default: the user's own). */
  locale?: string;
  leadId?: string;
  /** The admin's plugin config, laid over the manifest's defaults. */
  config?: Record<string, unknown>;
}

/** The guarded context a host would give the plugin for this user. */
export async function createTestContext(options: MountOptions = {}): Promise<PluginContext> {
  const token = options.token ?? 'max';
  const api = createRestHostApi({token, ...(options.locale ? {locale: options.locale} : {})});
  const user = await api.getCurrentUser();
  const locale = options.locale ?? user.locale;
  return createGuardedContext(
    createRestHostApi({token, locale}),
    await rejectLeadManifest(),
    user,
    {
      locale,
      ...(options.config ? {config: options.config} : {}),
    },
  );
}

/** Mounts `<crm-reject-lead>` for a lead and waits until it shows its form or a message. */
export async function mountRejectLead(options: MountOptions = {}): Promise<CrmRejectLead> {
  const context = await createTestContext(options);
  const el = await fixture<CrmRejectLead>(
    html`<crm-reject-lead
      lead-id=${options.leadId ?? 'L-1001'}
      .context=${context}
    ></crm-reject-lead>`,
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('form, .banner'),
    'the element shows its form or a message',
    {timeout: 5000},
  );
  await el.updateComplete;
  return el;
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
