// One suite, two trust levels: reject-lead's BUILT entry (plugins/reject-lead/dist/index.js, the bytes
// `crmkit pack` ships, with the integrity its build wrote) and the lead-panel test plugin, installed
// as a host stores them and mounted by <crm-plugin-host>/<crm-extension-point> in a sandboxed frame
// (`frame`) or in the page (`page`), against the msw mock host. Every test body is the same for both;
// only the helpers below know where the plugin element is (inside a frame, tests reach it through
// the `plugin-frame-eval` test command, as the page cannot).
import {expect} from '@open-wc/testing';
import {executeServerCommand, sendKeys} from '@web/test-runner-commands';
import {Updates} from '@microsoft/fast-element';
import {setupWorker} from 'msw/browser';
import {PluginRegistry} from '@crmkit/sdk';
import type * as Sdk from '@crmkit/sdk';
import type {HostApi, LoadedPlugin, PluginIsolation, PluginManifest} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import '../src/define.js';
import type {CrmExtensionPoint} from '../src/extension-point/crm-extension-point.js';
import type {CrmPluginFrame} from '../src/plugin-frame/crm-plugin-frame.js';
import type {CrmPluginHost} from '../src/plugin-host/crm-plugin-host.js';
import type {PluginMountFailedEvent} from '../src/events/plugin-mount-failed-event.js';
import {axeViolations} from './load-axe.js';
import {mountElement, removeFixtures} from './mount-fixture.js';

Updates.setMode(false);

const origin = location.origin;
const REJECT_LEAD = {folder: '/__raw/plugins/reject-lead/dist/', tag: 'crm-reject-lead'};
const LEAD_PANEL = {folder: '/__raw/test/fixtures/plugins/lead-panel/', tag: 'crm-lead-panel'};

/**
 * What the page's import map would say: the shared modules the entries import bare (lit) and the
 * sdk the frame runtime imports, at the URLs this test server resolves them to (the same modules
 * the test itself uses).
 */
const IMPORT_MAP: Record<string, string> = {
  lit: `${origin}/node_modules/lit/index.js`,
  'lit/': `${origin}/node_modules/lit/`,
  '@crmkit/sdk': `${origin}/packages/sdk/src/index.ts`,
};
/** The built frame runtime (what ships), as a host serves it beside its shared modules. */
const FRAME_OPTIONS = {
  runtimeUrl: `${origin}/packages/host-elements/dist/frame-runtime.js`,
  importMap: IMPORT_MAP,
};

// A page that imports plugins resolves their bare imports through its import map.
const pageMap = document.createElement('script');
pageMap.type = 'importmap';
pageMap.textContent = JSON.stringify({imports: IMPORT_MAP});
document.head.append(pageMap);

async function sha384(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** A plugin's manifest as the host stored it at install time (with its entry's integrity). */
async function installedManifest(folder: string): Promise<PluginManifest> {
  const manifest = (await (await fetch(`${folder}plugin.json`)).json()) as PluginManifest;
  if (manifest.integrity) return manifest;
  const entry = await (await fetch(`${folder}${manifest.entry}`)).arrayBuffer();
  return {...manifest, integrity: await sha384(entry)};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeout = 8000,
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

/** The focused element, looking into shadow roots (stops at an iframe: its document is its own). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function definePluginIsolationSuite(isolation: PluginIsolation): void {
  const inFrame = isolation === 'frame';
  const mock = createMockHost();
  const worker = setupWorker(...mock.handlers);
  /** Every API request the mock host got in this test, as `METHOD path auth`. */
  const requests: string[] = [];
  worker.events.on('request:start', ({request}) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/api/')) return;
    requests.push(`${request.method} ${url.pathname} ${request.headers.get('authorization')}`);
  });
  /** Loaded in the page once per page (a custom element can be defined only once), then reused. */
  const pageLoaded = new Map<string, LoadedPlugin>();

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
    requests.length = 0;
  });
  afterEach(removeFixtures);

  interface Setup {
    host: CrmPluginHost;
    point: CrmExtensionPoint;
    tag: string;
    /** The plugin ids the page minted a plugin credential for. */
    minted: string[];
  }

  /** A plugin host as the Lead Detail page makes one, with `plugin` installed at `name`. */
  async function setup(
    plugin: typeof REJECT_LEAD,
    options: {name?: string; locale?: string; manifest?: PluginManifest; token?: string} = {},
  ): Promise<Setup> {
    const token = options.token ?? 'max';
    const locale = options.locale ?? 'en';
    const api = createRestHostApi({token, locale});
    const manifest = options.manifest ?? (await installedManifest(plugin.folder));
    const minted: string[] = [];
    const host = document.createElement('crm-plugin-host');
    host.locale = locale;
    host.host = api;
    host.user = await api.getCurrentUser();
    host.frameOptions = FRAME_OPTIONS;
    host.pluginHostApi = async (pluginId): Promise<HostApi> => {
      minted.push(pluginId);
      return createRestHostApi({token, locale});
    };
    const point = document.createElement('crm-extension-point');
    point.setAttribute('name', options.name ?? 'lead.detail.actions');
    point.setAttribute('record-id', 'L-1001');
    point.setAttribute('record-status', 'Qualified');
    host.append(point);
    const reused = !inFrame && !options.manifest && pageLoaded.get(manifest.id);
    if (reused) {
      const registry = new PluginRegistry();
      registry.register(reused);
      host.registry = registry;
    } else {
      host.sources = [{manifest, baseUrl: plugin.folder, isolation}];
    }
    mountElement(host);
    await host.loaded;
    const loaded = host.registry?.get(manifest.id);
    if (!inFrame && loaded && !options.manifest) pageLoaded.set(manifest.id, loaded);
    requests.length = 0;
    return {host, point, tag: plugin.tag, minted};
  }

  /** Runs `fn(pluginElement, ...args)` where the plugin element lives (its frame, or the page). */
  async function inPlugin<A extends unknown[], R>(
    setup: Setup,
    fn: (element: HTMLElement & Record<string, unknown>, ...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<R> {
    if (!inFrame) {
      const element = setup.point.querySelector(setup.tag);
      if (!element) throw new Error(`no <${setup.tag}> in the page`);
      return fn(element as HTMLElement & Record<string, unknown>, ...args);
    }
    const results = await executeServerCommand<Array<{found: boolean; value?: R}>, unknown>(
      'plugin-frame-eval',
      {tag: setup.tag, fn: String(fn), args},
    );
    const found = results.filter((r) => r.found);
    if (found.length !== 1) throw new Error(`<${setup.tag}> is in ${found.length} frames`);
    return found[0]!.value as R;
  }

  /** `inPlugin`, until the element exists and `fn` gives a value `check` accepts. */
  const waitInPlugin = <R>(
    setup: Setup,
    fn: (element: HTMLElement & Record<string, unknown>) => R,
    check: (value: R) => boolean,
    what: string,
  ) =>
    eventually(
      () => inPlugin(setup, fn).catch(() => undefined as R),
      (value) => value !== undefined && check(value),
      what,
    );

  /** What the extension point holds in its slot for the plugin: the frame, or the plugin element. */
  const hosted = (setup: Setup): HTMLElement | null =>
    setup.point.querySelector<HTMLElement>(inFrame ? 'crm-plugin-frame' : setup.tag);

  const rejectButton = (point: CrmExtensionPoint) =>
    point.shadowRoot!.querySelector<HTMLButtonElement>(
      'button[data-key="dev.crmkit.reject-lead/reject"]',
    );

  async function openReject(): Promise<Setup> {
    const s = await setup(REJECT_LEAD);
    expect(s.point.open('dev.crmkit.reject-lead/reject')).to.equal(true);
    await waitInPlugin(
      s,
      (el) => el.shadowRoot?.querySelector('#rejectCode option[value="DUPLICATE"]') !== null,
      (ready) => ready,
      'the Reject Lead form with its codes',
    );
    return s;
  }

  describe(`plugins in ${isolation} mode`, () => {
    // First: in the page, a later test defines <crm-reject-lead> for good.
    it('refuses an entry whose bytes do not match the stored integrity: nothing of it runs', async () => {
      const manifest = await installedManifest(REJECT_LEAD.folder);
      const other = await sha384(new TextEncoder().encode('export {};').buffer as ArrayBuffer);
      const failed: PluginMountFailedEvent[] = [];
      document.addEventListener('crm-plugin-mount-failed', (e) => failed.push(e));
      const s = await setup(REJECT_LEAD, {manifest: {...manifest, integrity: other}});
      if (inFrame) {
        // Registered without its code; the frame's loader refuses the bytes before importing them.
        expect(rejectButton(s.point)).not.to.equal(null);
        s.point.open('dev.crmkit.reject-lead/reject');
        await eventually(
          () => failed.length,
          (n) => n === 1,
          'crm-plugin-mount-failed',
        );
        expect(failed[0]!.error.code).to.equal('entry-load-failed');
        expect(failed[0]!.error.loadErrorCode).to.equal('integrity-mismatch');
        expect(s.point.querySelector('crm-plugin-frame')).to.equal(null);
        expect(s.point.dialog!.open).to.equal(false);
        expect(s.point.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain(
          'Reject Lead',
        );
      } else {
        expect(s.host.failures.map((f) => f.error.code)).to.deep.equal(['integrity-mismatch']);
        expect(rejectButton(s.point)).to.equal(null);
      }
      expect(customElements.get('crm-reject-lead')).to.equal(undefined);
      expect(requests).to.deep.equal([]);
    });

    it('renders reject-lead’s dialog from its built entry, reading through its context', async () => {
      const s = await openReject();
      expect(s.point.dialog!.open).to.equal(true);
      const title = await inPlugin(s, (el) => el.shadowRoot!.querySelector('h2')?.textContent);
      expect(title?.trim()).to.equal('Reject Lead');
      const lead = mock.state.leads.get('L-1001')!;
      const shown = await inPlugin(
        s,
        (el) => el.shadowRoot!.querySelector('dl')?.textContent ?? '',
      );
      expect(shown).to.contain(`${lead.firstName} ${lead.lastName}`);
      const calls = [
        'GET /api/leads/L-1001',
        'GET /api/picklists/reject-codes',
        'GET /api/settings/lead',
      ];
      expect(requests.map((r) => r.split(' ').slice(0, 2).join(' ')).sort()).to.deep.equal(calls);
      expect(s.minted).to.deep.equal(inFrame ? ['dev.crmkit.reject-lead'] : []);
      const frame = s.point.querySelector<CrmPluginFrame>('crm-plugin-frame');
      if (inFrame) {
        // The code ran in the frame, never in the page; the frame is sandboxed as it must be.
        expect(customElements.get('crm-reject-lead')).to.equal(undefined);
        expect(frame!.slot).to.equal('dialog');
        const iframe = frame!.shadowRoot!.querySelector('iframe')!;
        expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts');
        expect(iframe.title).to.equal('Reject');
        const policy = /content="([^"]*)"/.exec(iframe.srcdoc)![1]!;
        expect(policy).to.match(/^default-src 'none'; script-src /);
        expect(policy).to.contain(`connect-src ${origin}${REJECT_LEAD.folder};`);
        expect(policy).to.contain("form-action 'none'");
        expect(policy).to.contain("base-uri 'none'");
        expect(policy).not.to.contain('unsafe');
      } else {
        expect(frame).to.equal(null);
      }
    });

    it('rejects through the context; crm-lead-rejected reaches the page with the lead', async () => {
      const s = await openReject();
      const rejected = new Promise<CustomEvent & {assignment?: unknown}>((resolve) =>
        document.addEventListener('crm-lead-rejected', (e) => resolve(e as never), {once: true}),
      );
      await inPlugin(s, (el) => {
        const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#rejectCode')!;
        select.value = 'DUPLICATE';
        select.dispatchEvent(new Event('change'));
        const box = el.shadowRoot!.querySelector<HTMLInputElement>('#reassignOwner')!;
        box.checked = true;
        box.dispatchEvent(new Event('change'));
      });
      await sleep(0);
      await inPlugin(s, (el) =>
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click(),
      );
      const event = await rejected;
      expect(event.composed).to.equal(true);
      expect(event.bubbles).to.equal(true);
      expect(event.detail.id).to.equal('L-1001');
      expect(event.detail.status).to.equal('Rejected');
      expect(event.assignment).to.have.property('outcome');
      expect(event.target).to.equal(hosted(s));
      const stored = mock.state.leads.get('L-1001')!;
      expect(stored.status).to.equal('Rejected');
      expect(stored.rejection?.code).to.equal('DUPLICATE');
      expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal([
        'POST /api/leads/L-1001/reject Bearer max',
      ]);
      expect(s.minted).to.deep.equal(inFrame ? ['dev.crmkit.reject-lead'] : []);
      await waitInPlugin(
        s,
        (el) => el.shadowRoot!.querySelector('[part="summary"]') !== null,
        (done) => done,
        'the summary',
      );
    });

    it('sizes what it hosts to the plugin’s content, and follows it when the content grows', async () => {
      const s = await openReject();
      const own = () => inPlugin(s, (el) => Math.round(el.getBoundingClientRect().height));
      const outer = () => Math.round(hosted(s)!.getBoundingClientRect().height);
      const first = await own();
      expect(first).to.be.greaterThan(150);
      await eventually(outer, (h) => Math.abs(h - first) <= 1, 'the frame height');
      expect(hosted(s)!.getBoundingClientRect().width).to.be.closeTo(
        s.point.dialog!.querySelector('.body')?.getBoundingClientRect().width ??
          hosted(s)!.parentElement!.getBoundingClientRect().width,
        40,
      );
      // Confirm without a code: an inline error makes the form taller.
      await inPlugin(s, (el) =>
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click(),
      );
      const grown = await eventually(own, (h) => h > first, 'a taller form');
      await eventually(outer, (h) => Math.abs(h - grown) <= 1, 'the frame following');
    });

    it('keyboard only: focus moves into the dialog, a reject by keys, Escape returns focus', async () => {
      const s = await setup(REJECT_LEAD);
      const button = rejectButton(s.point)!;
      button.focus();
      await sendKeys({press: 'Enter'});
      expect(s.point.dialog!.open).to.equal(true);
      if (inFrame) expect(deepActiveElement()?.localName).to.equal('iframe');
      const focused = () =>
        inPlugin(s, (el) => {
          const active = el.shadowRoot!.activeElement as HTMLElement | null;
          return document.hasFocus() && active ? active.id || active.getAttribute('part') : '';
        });
      await eventually(
        () => focused().catch(() => ''),
        (id) => id === 'rejectCode',
        'focus on the reject code',
      );
      await sendKeys({press: 'ArrowDown'});
      const code = await inPlugin(
        s,
        (el) => el.shadowRoot!.querySelector<HTMLSelectElement>('#rejectCode')!.value,
      );
      expect(code).not.to.equal('');
      for (let i = 0; i < 6 && (await focused()) !== 'confirm-button'; i++) {
        await sendKeys({press: 'Tab'});
      }
      expect(await focused()).to.equal('confirm-button');
      await sendKeys({press: 'Enter'});
      await eventually(
        () => mock.state.leads.get('L-1001')!.status,
        (status) => status === 'Rejected',
        'the lead rejected',
      );
      await eventually(focused, (id) => id === 'done', 'focus on the summary');
      await sendKeys({press: 'Escape'});
      await eventually(
        () => s.point.dialog!.open,
        (open) => !open,
        'the dialog closed',
      );
      expect(hosted(s)).to.equal(null);
      expect(deepActiveElement()).to.equal(button);
    });

    it('is axe-clean with the dialog open, the plugin’s content included', async () => {
      const s = await openReject();
      // The page around the plugin (frames: their title); axe cannot look into an opaque frame…
      expect(await axeViolations(s.point, {iframes: false})).to.deep.equal([]);
      // …so inside the frame, axe runs there (in the page, on the element).
      const inside = inFrame
        ? (await executeServerCommand<string[][], unknown>('plugin-frame-axe', {tag: s.tag}))[0]
        : await axeViolations(s.point.querySelector(s.tag)!, {iframes: false});
      expect(inside).to.deep.equal([]);
    });

    it('ignores forged messages from another window and a second port: nothing is performed', async () => {
      // A hostile frame on the page says hello as a plugin frame, offers every frame a port of its
      // own, and posts calls to the page; the page itself offers the plugin's frame a second port.
      const attacker = document.createElement('iframe');
      attacker.setAttribute('sandbox', 'allow-scripts');
      attacker.title = 'attacker';
      const forgedCall = {
        type: 'call',
        id: 1,
        method: 'rejectLead',
        args: ['L-1001', {rejectCode: 'DUPLICATE', reassignOwner: false}],
      };
      attacker.srcdoc = `<script>
        const heard = [];
        const forge = () => {
          parent.postMessage({crmkit: 'frame-ready', protocol: 1}, '*');
          parent.postMessage(${JSON.stringify(forgedCall)}, '*');
          for (let i = 0; i < parent.frames.length; i++) {
            const channel = new MessageChannel();
            channel.port1.onmessage = (e) => heard.push(e.data);
            if (parent.frames[i] === window) continue;
            try { parent.frames[i].postMessage({crmkit: 'frame-connect', protocol: 1, init: {}}, '*', [channel.port2]); } catch {}
          }
        };
        setInterval(forge, 10);
        addEventListener('message', (e) => {
          heard.push({fromPage: e.data, ports: e.ports.length});
          if (e.data === 'report') parent.postMessage({attacker: heard}, '*');
        });
      </script>`;
      mountElement(attacker);
      await sleep(50);
      const s = await openReject();
      const secondPort = new MessageChannel();
      const overSecond: unknown[] = [];
      secondPort.port1.onmessage = (e) => overSecond.push(e.data);
      const frame = hosted(s)?.shadowRoot?.querySelector('iframe');
      frame?.contentWindow?.postMessage({crmkit: 'frame-connect', protocol: 1, init: {}}, '*', [
        secondPort.port2,
      ]);
      window.postMessage(forgedCall, '*');
      await sleep(300);
      const report = new Promise<unknown[]>((resolve) =>
        addEventListener('message', function listen(e) {
          if (!(e.data && typeof e.data === 'object' && 'attacker' in e.data)) return;
          removeEventListener('message', listen);
          resolve((e.data as {attacker: unknown[]}).attacker);
        }),
      );
      attacker.contentWindow!.postMessage('report', '*');
      const heard = await report;
      // The attacker never got a port or an answer, and the plugin's frame took no second port.
      expect(heard.filter((h) => !(h as {fromPage?: unknown}).fromPage)).to.deep.equal([]);
      expect(heard.filter((h) => (h as {ports?: number}).ports)).to.deep.equal([]);
      expect(overSecond).to.deep.equal([]);
      expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
      expect(mock.state.leads.get('L-1001')!.status).to.equal('Qualified');
      // And the plugin still works as before.
      const title = await inPlugin(s, (el) => el.shadowRoot!.querySelector('h2')?.textContent);
      expect(title?.trim()).to.equal('Reject Lead');
    });

    it('a refused call reaches the plugin as the sdk’s own HostApiError (instanceof holds)', async () => {
      const s = await openReject();
      const seen = await inPlugin(
        s,
        async (el, sdkUrl: string) => {
          const sdk = (await import(sdkUrl)) as typeof Sdk;
          const context = el.context as {getLead(id: string): Promise<unknown>};
          try {
            await context.getLead('L-9999');
            return 'answered';
          } catch (error) {
            const e = error as InstanceType<typeof sdk.HostApiError>;
            return [
              e instanceof sdk.HostApiError,
              e instanceof sdk.CrmkitError,
              e.status,
              e.code,
              typeof e.detail,
            ];
          }
        },
        IMPORT_MAP['@crmkit/sdk']!,
      );
      expect(seen).to.deep.equal([true, true, 404, 'lead-not-found', 'string']);
    });

    if (inFrame) {
      it('a plugin credential that expired (401) is minted again, once, and the call goes through', async () => {
        const s = await setup(REJECT_LEAD);
        const tokens = ['expired', 'max'];
        s.host.pluginHostApi = async (pluginId) => {
          s.minted.push(pluginId);
          return createRestHostApi({token: tokens.shift() ?? 'max', locale: 'en'});
        };
        s.point.open('dev.crmkit.reject-lead/reject');
        await waitInPlugin(
          s,
          (el) => el.shadowRoot?.querySelector('#rejectCode option[value="DUPLICATE"]') !== null,
          (ready) => ready,
          'the form, after a second credential',
        );
        expect(s.minted).to.deep.equal(['dev.crmkit.reject-lead', 'dev.crmkit.reject-lead']);
        expect(requests.filter((r) => r.endsWith('Bearer expired')).length).to.be.greaterThan(0);
      });

      it('on its own port, a hostile frame’s replayed, foreign, unknown and non-JSON calls are refused', async () => {
        const s = await openReject();
        // Code in the frame can reach the port the runtime holds (here by wrapping postMessage
        // while the plugin makes an ordinary call), so it can post anything on it.
        const answers = await inPlugin(s, async (el) => {
          const proto = MessagePort.prototype;
          const original = proto.postMessage;
          let port: MessagePort | undefined;
          proto.postMessage = function (this: MessagePort, ...args: [unknown]) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias -- the port is what it steals
            port = this;
            return original.apply(this, args);
          };
          await (el.context as {getLeadSettings(): Promise<unknown>}).getLeadSettings();
          proto.postMessage = original;
          const heard: Array<{id: number; type: string; error?: {code?: string}}> = [];
          port!.addEventListener('message', (e) => heard.push(e.data));
          const reject = ['L-1001', {rejectCode: 'DUPLICATE', reassignOwner: false}];
          const send = (message: unknown) => original.call(port!, message);
          send({type: 'call', id: 1, method: 'rejectLead', args: reject});
          send({
            type: 'call',
            id: 1000,
            method: 'rejectLead',
            args: reject,
            pluginId: 'dev.crmkit.lead-panel',
          });
          send({type: 'call', id: 1001, method: 'getCurrentUser', args: []});
          send({type: 'call', id: 1002, method: 'rejectLead', args: [...reject, {at: new Date()}]});
          send({type: 'call', id: 1003, method: 'rejectLead'});
          await new Promise((resolve) => setTimeout(resolve, 300));
          return heard.map((a) => [a.id, a.type, a.error?.code]);
        });
        expect(answers).to.deep.equal([
          [1, 'error', 'replayed-call'],
          [1000, 'error', 'wrong-plugin'],
          [1001, 'error', 'invalid-bridge-call'],
          [1002, 'error', 'invalid-bridge-call'],
          [1003, 'error', 'invalid-bridge-call'],
        ]);
        expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal([]);
        expect(mock.state.leads.get('L-1001')!.status).to.equal('Qualified');
      });
    }

    it('the panel plugin: the record, the page language, its changes, the theme and a reject on the page', async () => {
      const s = await setup(LEAD_PANEL, {name: 'lead.detail.panel', locale: 'de'});
      s.point.style.setProperty('--crm-color-text', 'rgb(1, 2, 3)');
      const text = (selector: string) =>
        inPlugin(
          s,
          (el, sel: string) => el.shadowRoot!.querySelector(sel)?.textContent?.trim() ?? '',
          selector,
        );
      const lead = mock.state.leads.get('L-1001')!;
      await eventually(
        () => text('[data-field="company"] dd').catch(() => ''),
        (t) => t === lead.company,
        'the panel',
      );
      expect(await text('h3')).to.equal('Lead-Zusammenfassung');
      expect(await text('[data-field="status"] dd')).to.equal('Qualifiziert');
      expect(hosted(s)!.slot).to.equal('panel');

      s.host.locale = 'en';
      await eventually(
        () => text('h3'),
        (t) => t === 'Lead summary',
        'English',
      );

      await eventually(
        () => inPlugin(s, (el) => getComputedStyle(el).color),
        (color) => color === 'rgb(1, 2, 3)',
        'the page’s --crm-color-text in the plugin',
      );
      // Dark mode: the page's color-scheme reaches the plugin (the frame's root takes it over).
      s.point.style.setProperty('color-scheme', 'dark');
      await eventually(
        () => inPlugin(s, (el) => getComputedStyle(el).colorScheme),
        (scheme) => scheme === 'dark',
        'the dark color scheme in the plugin',
      );
      s.point.style.setProperty('--crm-color-text', 'rgb(4, 5, 6)');
      await eventually(
        () => inPlugin(s, (el) => getComputedStyle(el).color),
        (color) => color === 'rgb(4, 5, 6)',
        'a changed theme token',
      );

      // Another plugin rejected the lead on the page: the panel shows it. In the page it takes the
      // event's lead as it is; a frame gets the lead as the server has it (read again with its own
      // context: the event may come from another, hostile, plugin).
      mock.state.leads.set('L-1001', {...lead, status: 'Rejected'});
      const reads = requests.length;
      document.body.dispatchEvent(
        new CustomEvent('crm-lead-rejected', {
          detail: {...lead, status: 'Rejected'},
          bubbles: true,
          composed: true,
        }),
      );
      await eventually(
        () => text('[data-field="status"] dd'),
        (t) => t === 'Rejected',
        'Rejected',
      );
      expect(requests.slice(reads).map((r) => r.split(' ').slice(0, 2).join(' '))).to.deep.equal(
        inFrame ? ['GET /api/leads/L-1001'] : [],
      );

      const own = await inPlugin(s, (el) => Math.round(el.getBoundingClientRect().height));
      await eventually(
        () => Math.round(hosted(s)!.getBoundingClientRect().height),
        (h) => Math.abs(h - own) <= 1,
        'the panel’s height',
      );
      expect(await axeViolations(s.point, {iframes: false})).to.deep.equal([]);
    });
  });
}
