// A sandboxed plugin's result event is a claim, not a fact: <crm-plugin-frame> relays a
// `crm-lead-rejected` only as the server confirms it. Three plugins run sandboxed on one Lead Detail
// (L-1001), installed as a host stores them, against the msw mock host: reject-lead's built entry (the
// Reject action), rejection-history's built entry (a panel that shows the lead's rejection and reads it
// again on `crm-lead-rejected`) and the hostile test plugin (a panel that declares only `leads.read`).
// Forged events (from the hostile panel, and from reject-lead's own frame, dispatched on its element
// and posted straight on its port) reach neither the page nor the other frame; a real reject does,
// once, with the server's data; a reject whose answer was lost is confirmed by reading the lead again.
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {Updates} from '@microsoft/fast-element';
import {setupWorker} from 'msw/browser';
import type {HostApi, Lead, PluginManifest} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import '../define.js';
import type {CrmExtensionPoint} from '../extension-point/crm-extension-point.js';
import type {CrmPluginHost} from '../plugin-host/crm-plugin-host.js';
import {mountElement, removeFixtures} from '../../test/mount-fixture.js';

Updates.setMode(false);

const origin = location.origin;
interface TestPlugin {
  /** The package folder as the test server serves it raw. */
  folder: string;
  /** Where its plugin.json is (default: in `folder`). */
  manifestUrl?: string;
  tag: string;
}
const REJECT_LEAD: TestPlugin = {
  folder: '/__raw/plugins/reject-lead/dist/',
  tag: 'crm-reject-lead',
};
/** Its plugin.json sits above dist/ (entry `dist/index.js`), as `crmkit create` lays a plugin out. */
const HISTORY: TestPlugin = {
  folder: '/__raw/plugins/rejection-history/',
  manifestUrl: '/plugins/rejection-history/plugin.json',
  tag: 'crm-rejection-history',
};
const HOSTILE: TestPlugin = {
  folder: '/__raw/test/fixtures/plugins/hostile/',
  tag: 'crm-hostile-panel',
};

/** The built frame runtime and the shared modules, as a host serves them. */
const FRAME_OPTIONS = {
  runtimeUrl: `${origin}/packages/host-elements/dist/frame-runtime.js`,
  importMap: {
    lit: `${origin}/node_modules/lit/index.js`,
    'lit/': `${origin}/node_modules/lit/`,
    '@crmkit/sdk': `${origin}/packages/sdk/src/index.ts`,
  },
};

async function sha384(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** A plugin's manifest as the host stored it at install time (with its entry's integrity). */
async function installedManifest(
  folder: string,
  manifestUrl = `${folder}plugin.json`,
): Promise<PluginManifest> {
  const manifest = (await (await fetch(manifestUrl)).json()) as PluginManifest;
  if (manifest.integrity) return manifest;
  const entry = await (await fetch(`${folder}${manifest.entry}`)).arrayBuffer();
  return {...manifest, integrity: await sha384(entry)};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeout = 10000,
): Promise<T> {
  const until = Date.now() + timeout;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(25);
    value = await read();
  }
  return value;
}

type PluginElement = HTMLElement & Record<string, unknown>;

/** Runs `fn(element, ...args)` inside the one frame that holds `<tag>` (a test command). */
async function inFrame<A extends unknown[], R>(
  tag: string,
  fn: (element: PluginElement, ...args: A) => R | Promise<R>,
  ...args: A
): Promise<R> {
  const results = await executeServerCommand<Array<{found: boolean; value?: R}>, unknown>(
    'plugin-frame-eval',
    {tag, fn: String(fn), args},
  );
  const found = results.filter((r) => r.found);
  if (found.length !== 1) throw new Error(`<${tag}> is in ${found.length} frames`);
  return found[0]!.value as R;
}

/** Starts recording the `crm-lead-rejected` events a frame's document hears (as its plugin does). */
const listenInFrame = (tag: string) =>
  inFrame(tag, () => {
    const heard: unknown[] = [];
    (globalThis as unknown as {heard: unknown[]}).heard = heard;
    document.addEventListener('crm-lead-rejected', (e) => heard.push((e as CustomEvent).detail));
  });
const heardInFrame = (tag: string) =>
  inFrame(tag, () => (globalThis as unknown as {heard: Lead[]}).heard);

/** The rejection-history panel's message line, or its first event's lines. */
const historyShows = () =>
  inFrame(HISTORY.tag, (el) => {
    const root = el.shadowRoot!;
    const event = root.querySelector('[part="event"]');
    const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (!event) return text(root.querySelector('[part~="message"]'));
    return [...event.querySelectorAll('dt')]
      .map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`)
      .join('; ');
  });

/** A forged rejection of `lead`: "by Anna", another code, a reason, a newer version. */
const forgedRejection = (lead: Lead): Lead => ({
  ...lead,
  status: 'Rejected',
  version: lead.version + 1,
  rejection: {
    code: 'OTHER',
    reason: 'Forged by the test.',
    rejectedBy: {id: 'anna', name: 'Anna Schmidt'},
    rejectedAt: new Date().toISOString(),
  },
});

describe('<crm-plugin-frame>: a plugin’s crm-lead-rejected is relayed only as the server confirms it', () => {
  const mock = createMockHost();
  const worker = setupWorker(...mock.handlers);
  /** The `crm-lead-rejected` events the page heard. */
  const pageHeard: Array<CustomEvent<Lead> & {assignment?: unknown}> = [];
  const onPage = (event: Event) => pageHeard.push(event as never);
  const warnings: string[] = [];
  const warn = console.warn;

  before(() =>
    worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: {url: '/mockServiceWorker.js'},
    }),
  );
  after(() => worker.stop());
  beforeEach(() => {
    mock.reset();
    pageHeard.length = 0;
    warnings.length = 0;
    document.addEventListener('crm-lead-rejected', onPage);
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    document.removeEventListener('crm-lead-rejected', onPage);
    removeFixtures();
  });

  interface Page {
    host: CrmPluginHost;
    actions: CrmExtensionPoint;
    panels: CrmExtensionPoint;
  }

  /**
   * Lead Detail of L-1001 as max: every plugin sandboxed; `hostile` adds the hostile panel. The frames'
   * calls run on a host API whose fetch `lose` may make lose the answer of a reject (after the server
   * did it).
   */
  async function leadDetail(
    options: {hostile?: boolean; lose?: (url: string) => boolean} = {},
  ): Promise<Page> {
    const api = createRestHostApi({token: 'max', locale: 'en'});
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (options.lose?.(url)) throw new TypeError('Failed to fetch (the answer was lost)');
      return response;
    };
    const host = document.createElement('crm-plugin-host');
    host.locale = 'en';
    host.host = api;
    host.user = await api.getCurrentUser();
    host.frameOptions = FRAME_OPTIONS;
    host.pluginHostApi = async (): Promise<HostApi> =>
      createRestHostApi({token: 'max', locale: 'en', fetch: lossy});
    const point = (name: string) => {
      const el = document.createElement('crm-extension-point');
      el.setAttribute('name', name);
      el.setAttribute('record-id', 'L-1001');
      el.setAttribute('record-status', 'Qualified');
      host.append(el);
      return el;
    };
    const actions = point('lead.detail.actions');
    const panels = point('lead.detail.panel');
    const plugins = [REJECT_LEAD, HISTORY, ...(options.hostile ? [HOSTILE] : [])];
    host.sources = await Promise.all(
      plugins.map(async (p) => ({
        manifest: await installedManifest(p.folder, p.manifestUrl),
        baseUrl: p.folder,
        isolation: 'frame' as const,
      })),
    );
    mountElement(host);
    await host.loaded;
    expect(host.failures).to.deep.equal([]);
    await eventually(
      () => [...panels.querySelectorAll('crm-plugin-frame')].map((f) => f.getAttribute('state')),
      (states) => states.length === plugins.length - 1 && states.every((s) => s === 'ready'),
      'the panels’ frames ready',
    );
    await eventually(
      () => historyShows().catch(() => ''),
      (text) => text === 'This lead has not been rejected.',
      'the rejection history',
    );
    await listenInFrame(HISTORY.tag);
    return {host, actions, panels};
  }

  async function openReject(page: Page): Promise<void> {
    expect(page.actions.open('dev.crmkit.reject-lead/reject')).to.equal(true);
    await eventually(
      () =>
        inFrame(
          REJECT_LEAD.tag,
          (el) => el.shadowRoot?.querySelector('#rejectCode option[value="DUPLICATE"]') !== null,
        ).catch(() => false),
      (ready) => ready,
      'the Reject Lead form with its codes',
    );
  }

  /** Confirms a reject of the open form with `code`, reassigning the owner. */
  async function confirmReject(code: string): Promise<void> {
    await inPlugin(code);
    await sleep(0);
    await inFrame(REJECT_LEAD.tag, (el) =>
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click(),
    );
  }
  const inPlugin = (code: string) =>
    inFrame(
      REJECT_LEAD.tag,
      (el, value: string) => {
        const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#rejectCode')!;
        select.value = value;
        select.dispatchEvent(new Event('change'));
        const box = el.shadowRoot!.querySelector<HTMLInputElement>('#reassignOwner')!;
        box.checked = true;
        box.dispatchEvent(new Event('change'));
      },
      code,
    );

  /** Claims from inside reject-lead's frame that `detail` was rejected: on its element, and on its port. */
  const claimFromRejectLead = (detail: Lead, alsoOnPort: boolean) =>
    inFrame(
      REJECT_LEAD.tag,
      async (el, claimed: Lead, port: boolean) => {
        el.dispatchEvent(
          new CustomEvent('crm-lead-rejected', {detail: claimed, bubbles: true, composed: true}),
        );
        if (!port) return;
        // Code in the frame can reach the port the runtime holds (here by wrapping postMessage
        // while the plugin makes an ordinary call), and post on it past the runtime.
        const proto = MessagePort.prototype;
        const original = proto.postMessage;
        let stolen: MessagePort | undefined;
        proto.postMessage = function (this: MessagePort, ...args: [unknown]) {
          // eslint-disable-next-line @typescript-eslint/no-this-alias -- the port is what it steals
          stolen = this;
          return original.apply(this, args);
        };
        await (el.context as {getLeadSettings(): Promise<unknown>}).getLeadSettings();
        proto.postMessage = original;
        original.call(stolen!, {
          type: 'dom-event',
          eventType: 'crm-lead-rejected',
          detail: claimed,
          fields: {assignment: {outcome: 'assigned', ownerId: 'anna', rule: 'forged'}},
        });
      },
      detail,
      alsoOnPort,
    );

  it('a hostile panel’s forged crm-lead-rejected reaches neither the page nor the other frame', async () => {
    await leadDetail({hostile: true});
    await inFrame(HOSTILE.tag, (el) => {
      el.setAttribute('data-only', 'forged-result-event');
      el.setAttribute('data-run', '');
    });
    type Result = {id: string; outcome: string; evidence: string};
    const results = await eventually<Result[] | undefined>(
      () =>
        inFrame(HOSTILE.tag, (el) =>
          el.hasAttribute('data-done')
            ? (JSON.parse(el.shadowRoot!.querySelector('[data-results]')!.textContent!) as Result[])
            : undefined,
        ),
      (value) => value !== undefined,
      'the hostile panel’s attack',
    );
    // It really tried both ways: on its element (the runtime forwards that) and on its port.
    expect(results!.map((r) => [r.id, r.outcome])).to.deep.equal([
      ['forged-result-event', 'blocked'],
    ]);
    expect(results![0]!.evidence).to.contain('dispatched on the element: yes');
    expect(results![0]!.evidence).to.contain('posted as a dom-event on the bridge: yes');
    await sleep(200);
    expect(pageHeard).to.deep.equal([]);
    expect(await heardInFrame(HISTORY.tag)).to.deep.equal([]);
    expect(await historyShows()).to.equal('This lead has not been rejected.');
    expect(mock.state.leads.get('L-1001')!.status).to.equal('Qualified');
    // Both (on the element, on the port), each dropped before any request: it asked for no reject.
    expect(warnings).to.deep.equal([
      '<crm-plugin-frame>: crm-lead-rejected of dev.crmkit.hostile not relayed (not-asked)',
      '<crm-plugin-frame>: crm-lead-rejected of dev.crmkit.hostile not relayed (not-asked)',
    ]);
  });

  it('reject-lead’s frame: forged claims are dropped, the real reject is relayed once with the server’s data', async () => {
    const page = await leadDetail();
    await openReject(page);
    const frame = page.actions.querySelector('crm-plugin-frame')!;
    const before = {...mock.state.leads.get('L-1001')!} as Lead;

    // Before any reject: a claim on the element and one straight on the port.
    await claimFromRejectLead(forgedRejection(before), true);
    await sleep(300);
    expect(pageHeard).to.deep.equal([]);
    expect(await heardInFrame(HISTORY.tag)).to.deep.equal([]);
    expect(mock.state.leads.get('L-1001')!.status).to.equal('Qualified');

    // The real one, through the form: the page hears it once, with what the server answered.
    await confirmReject('DUPLICATE');
    await eventually(
      () => pageHeard.length,
      (n) => n === 1,
      'the real crm-lead-rejected',
    );
    const [event] = pageHeard;
    const stored = mock.state.leads.get('L-1001')!;
    expect(stored.status).to.equal('Rejected');
    expect(event!.target).to.equal(frame);
    expect(event!.bubbles && event!.composed).to.equal(true);
    expect(event!.detail.status).to.equal('Rejected');
    expect(event!.detail.version).to.equal(stored.version);
    expect(event!.detail.rejection).to.deep.include({code: 'DUPLICATE'});
    expect(event!.detail.rejection!.rejectedBy.id).to.equal('max');
    expect(event!.assignment).to.have.property('outcome');
    expect(event!.assignment).not.to.deep.include({rule: 'forged'});

    // The other frame hears it (its host read the lead again) and shows the rejection.
    const heard = await eventually(
      () => heardInFrame(HISTORY.tag),
      (list) => list.length === 1,
      'the history frame hearing the reject',
    );
    expect(heard[0]!.status).to.equal('Rejected');
    await eventually(
      historyShows,
      (text) => text.includes('Reject Code: Duplicate'),
      'the history showing the rejection',
    );

    // A claim after it (another rejecter, another code) is not news: dropped.
    await claimFromRejectLead(forgedRejection(event!.detail), true);
    await sleep(300);
    expect(pageHeard).to.have.length(1);
    expect(await heardInFrame(HISTORY.tag)).to.have.length(1);
    expect(await historyShows()).to.contain('Reject Code: Duplicate');
    expect(await historyShows()).not.to.contain('Anna');
    // Each forged claim (two before, two after) dropped before any request; the real one relayed.
    expect(warnings).to.deep.equal(
      Array(4).fill(
        '<crm-plugin-frame>: crm-lead-rejected of dev.crmkit.reject-lead not relayed (not-asked)',
      ),
    );
  });

  it('a reject whose answer was lost: relayed only once the lead, read again, is Rejected as claimed', async () => {
    let lost = 0;
    const page = await leadDetail({
      lose: (url) => url.endsWith('/api/leads/L-1001/reject') && ++lost > 0,
    });
    await openReject(page);
    await confirmReject('DUPLICATE');
    // The server rejected it, but the frame got a network error: reject-lead says so, no event.
    await eventually(
      () => [mock.state.leads.get('L-1001')!.status, lost],
      ([status, n]) => status === 'Rejected' && n === 1,
      'the reject on the server, its answer lost',
    );
    await eventually(
      () =>
        inFrame(REJECT_LEAD.tag, (el) => el.shadowRoot!.querySelector('[role="alert"]') !== null),
      (shown) => shown,
      'reject-lead’s error',
    );
    expect(pageHeard).to.deep.equal([]);
    const stored = JSON.parse(JSON.stringify(mock.state.leads.get('L-1001'))) as Lead;

    // Claimed as someone else's rejection: the server's is max's. Read again, and dropped.
    await claimFromRejectLead(forgedRejection(stored), false);
    await sleep(300);
    expect(pageHeard).to.deep.equal([]);
    expect(warnings).to.deep.equal([
      '<crm-plugin-frame>: crm-lead-rejected of dev.crmkit.reject-lead not relayed (other-rejection)',
    ]);

    // The plugin tries again (same idempotency key: the host answers from its store, nothing
    // changes), and that answer is lost too; then it claims what the server has: relayed.
    await inFrame(REJECT_LEAD.tag, (el) =>
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click(),
    );
    await eventually(
      () => lost,
      (n) => n === 2,
      'the second answer lost',
    );
    await sleep(100);
    expect(pageHeard).to.deep.equal([]);
    expect(mock.state.leads.get('L-1001')!.version).to.equal(stored.version);
    await claimFromRejectLead({...stored, company: 'Claimed Company'}, false);
    await eventually(
      () => pageHeard.length,
      (n) => n === 1,
      'the confirmed claim relayed',
    );
    // What the server has, not what the plugin said.
    expect(pageHeard[0]!.detail.company).to.equal(stored.company);
    expect(pageHeard[0]!.detail.rejection).to.deep.include({code: 'DUPLICATE'});
    expect(pageHeard[0]!.detail.rejection!.rejectedBy.id).to.equal('max');
    await eventually(
      () => heardInFrame(HISTORY.tag),
      (list) => list.length === 1,
      'the history frame hearing it',
    );
  });
});
