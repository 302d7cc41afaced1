import {expect, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {Updates} from '@microsoft/fast-element';
import {PermissionDeniedError, PluginRegistry} from '@crmkit/sdk';
import type {CurrentUser, PluginContext, PluginManifest} from '@crmkit/sdk';
import '../define.js';
import type {CrmPluginHost} from '../plugin-host/crm-plugin-host.js';
import type {CrmExtensionPoint} from './crm-extension-point.js';
import {
  LENA,
  MAX,
  TestLitPlugin,
  TestVanillaPlugin,
  defineTestElement,
  defineThrowingConnect,
  defineThrowingConstructor,
  spyHost,
  testManifest,
  uniqueTag,
} from '../../test/test-plugins.js';
import {axeViolations} from '../../test/load-axe.js';
import {mountFixture, removeFixtures} from '../../test/mount-fixture.js';

// FAST renders on animation frames, which a page running in the background (the test runner runs
// files in parallel pages) does not get: render synchronously instead.
Updates.setMode(false);

type PluginElement = HTMLElement & {leadId?: string; context?: PluginContext};

interface Setup {
  host: CrmPluginHost;
  point: CrmExtensionPoint;
  spy: ReturnType<typeof spyHost>;
}

/** A plugin host with the given manifests registered, and one extension point inside it. */
async function setup(
  manifests: PluginManifest[],
  options: {
    user?: CurrentUser;
    locale?: string;
    point?: string;
    recordId?: string;
    recordStatus?: string;
  } = {},
): Promise<Setup> {
  const registry = new PluginRegistry();
  for (const manifest of manifests) {
    registry.register({manifest, entryUrl: `https://plugins.test/${manifest.id}/index.js`});
  }
  const spy = spyHost();
  const host = await mountFixture<CrmPluginHost>(html`
    <crm-plugin-host locale=${options.locale ?? 'en'}>
      <crm-extension-point
        name=${options.point ?? 'lead.detail.actions'}
        record-id=${options.recordId ?? 'L-1001'}
      ></crm-extension-point>
    </crm-plugin-host>
  `);
  host.host = spy;
  host.user = options.user ?? MAX;
  host.registry = registry;
  const point = host.querySelector('crm-extension-point')!;
  if (options.recordStatus !== undefined) point.setAttribute('record-status', options.recordStatus);
  await settle();
  return {host, point, spy};
}

/** Lets pending tasks (Lit's update cycle, the loader's promises) run. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
}

/** `oneEvent`, typed by the event map. */
function once<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return oneEvent<GlobalEventHandlersEventMap[K]>(target, type);
}

function buttons(point: CrmExtensionPoint): HTMLButtonElement[] {
  return [...point.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part="action"]')];
}

function button(point: CrmExtensionPoint, label: string): HTMLButtonElement {
  const found = buttons(point).find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no action button "${label}"`);
  return found;
}

function dialog(point: CrmExtensionPoint): HTMLDialogElement {
  return point.shadowRoot!.querySelector('dialog')!;
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function expectNoAxeViolations(element: Element): Promise<void> {
  expect(await axeViolations(element)).to.deep.equal([]);
}

afterEach(removeFixtures);

describe('<crm-extension-point> actions', () => {
  it('offers no action when the user lacks the privilege the action requires', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})], {user: LENA});
    expect(buttons(point)).to.have.length(0);
    expect(point.shadowRoot!.querySelector('[part="actions"]')!.hasAttribute('hidden')).to.equal(
      true,
    );
    expect(point.actions).to.deep.equal([]);
  });

  it('offers nothing before the page has set a host API', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const registry = new PluginRegistry();
    registry.register({manifest: testManifest({id: 'dev.test.nohost', tag}), entryUrl: 'x:/i.js'});
    const host = await mountFixture<CrmPluginHost>(html`
      <crm-plugin-host
        ><crm-extension-point name="lead.detail.actions"></crm-extension-point
      ></crm-plugin-host>
    `);
    host.user = MAX;
    host.registry = registry;
    await settle();
    const point = host.querySelector('crm-extension-point')!;
    expect(buttons(point)).to.have.length(0);
    host.host = spyHost();
    await settle();
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Reject']);
  });

  it('mounts the Lit plugin element with its record id and a guarded context when chosen', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point, spy} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    expect(buttons(point)).to.have.length(1);

    const mounted = once(point, 'crm-plugin-mounted');
    button(point, 'Reject').click();
    const event = await mounted;
    const element = point.querySelector<PluginElement & TestLitPlugin>(tag)!;
    expect(event.element).to.equal(element);
    expect(event.pluginId).to.equal('dev.test.reject');
    expect(event.mode).to.equal('dialog');
    expect(element.slot).to.equal('dialog');
    expect(element.leadId).to.equal('L-1001');
    expect(element.getAttribute('lead-id')).to.equal('L-1001');
    expect(element.context!.can('leads.reject')).to.equal(true);
    expect(element.context!.pluginId).to.equal('dev.test.reject');
    expect(element.context!.user.id).to.equal('max');
    expect(point.openElement).to.equal(element);

    // The Lit element rendered inside the FAST host, and its context reaches the host API.
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('.lead-id')!.textContent).to.equal('L-1001');
    const lead = await element.context!.getLead('L-1001');
    expect(lead.id).to.equal('L-1001');
    expect(spy.calls).to.deep.equal(['getLead L-1001']);

    // Shown in a modal dialog labelled by the action's label.
    const dlg = dialog(point);
    expect(dlg.open).to.equal(true);
    const title = point.shadowRoot!.getElementById(dlg.getAttribute('aria-labelledby')!)!;
    expect(title.textContent!.trim()).to.equal('Reject');
  });

  it('gives the context the config defaults overlaid with the host configs', async () => {
    const tag = uniqueTag('configured');
    defineTestElement(tag, TestVanillaPlugin);
    const config = {
      type: 'object',
      properties: {
        reassignOwnerDefault: {type: 'boolean', default: false},
        pageSize: {type: 'number', default: 10},
      },
    };
    const {host, point} = await setup([testManifest({id: 'dev.test.config', tag, config})]);
    host.configs = {'dev.test.config': {reassignOwnerDefault: true}};
    await settle();
    point.open('dev.test.config/open');
    const element = point.querySelector<PluginElement>(tag)!;
    expect({...element.context!.config}).to.deep.equal({reassignOwnerDefault: true, pageSize: 10});
  });

  it('labels actions in German and switches language live', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {host, point} = await setup([testManifest({id: 'dev.test.reject', tag})], {locale: 'de'});
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Zurückweisen']);
    const group = point.shadowRoot!.querySelector('[part="actions"]')!;
    expect(group.getAttribute('aria-label')).to.equal('Plugin-Aktionen');
    button(point, 'Zurückweisen').click();
    const close = point.shadowRoot!.querySelector('[part="close-button"]')!;
    expect(close.getAttribute('aria-label')).to.equal('Schließen');
    expect(point.querySelector<PluginElement>(tag)!.context!.locale).to.equal('de');

    host.locale = 'en';
    await settle();
    expect(close.getAttribute('aria-label')).to.equal('Close');
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Reject']);
    expect(point.querySelector<PluginElement>(tag)!.context!.locale).to.equal('en');
  });

  it('takes the language from the user when the host has no locale attribute', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {host, point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    host.removeAttribute('locale');
    host.user = {...MAX, locale: 'de-AT'};
    await settle();
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Zurückweisen']);
  });

  it('shows the actions of two plugins at one point, each opening its own element', async () => {
    const first = uniqueTag('reject');
    const second = uniqueTag('note');
    defineTestElement(first, TestLitPlugin);
    defineTestElement(second, TestVanillaPlugin);
    const {point} = await setup([
      testManifest({id: 'dev.test.first', tag: first}),
      testManifest({
        id: 'dev.test.second',
        tag: second,
        label: {en: 'Add note', de: 'Notiz hinzufügen'},
        requires: ['leads.read'],
        permissions: ['leads.read'],
      }),
    ]);
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Reject', 'Add note']);

    button(point, 'Add note').click();
    expect(point.querySelector(second)).to.not.equal(null);
    expect(point.querySelector(first)).to.equal(null);
    expect(point.querySelector<PluginElement>(second)!.context!.pluginId).to.equal(
      'dev.test.second',
    );
    // The second plugin did not declare leads.reject, so its context cannot use it.
    expect(point.querySelector<PluginElement>(second)!.context!.can('leads.reject')).to.equal(
      false,
    );

    // Choosing the other action replaces the open element.
    const unmounted = once(point, 'crm-plugin-unmounted');
    point.open('dev.test.first/open');
    expect((await unmounted).reason).to.equal('replaced');
    expect(point.querySelector(second)).to.equal(null);
    expect(point.querySelector(first)).to.not.equal(null);
  });

  it('hides one plugin’s action but keeps the other’s when only one privilege is held', async () => {
    const first = uniqueTag('reject');
    const second = uniqueTag('note');
    defineTestElement(first, TestLitPlugin);
    defineTestElement(second, TestVanillaPlugin);
    const {point} = await setup(
      [
        testManifest({id: 'dev.test.first', tag: first}),
        testManifest({
          id: 'dev.test.second',
          tag: second,
          label: {en: 'Note'},
          requires: ['leads.read'],
        }),
      ],
      {user: LENA},
    );
    expect(buttons(point).map((b) => b.textContent?.trim())).to.deep.equal(['Note']);
  });

  it('closes the dialog when the user loses the privilege while it is open', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {host, point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    point.open('dev.test.reject/open');
    expect(point.querySelector(tag)).to.not.equal(null);
    const unmounted = once(point, 'crm-plugin-unmounted');
    host.user = LENA;
    expect((await unmounted).reason).to.equal('removed');
    expect(point.querySelector(tag)).to.equal(null);
    expect(dialog(point).open).to.equal(false);
    await settle();
    expect(buttons(point)).to.have.length(0);
  });
});

describe('<crm-extension-point> actions by record status', () => {
  /** A plugin whose action applies to Qualified leads only, and one whose action has no `when`. */
  function conditionalPlugins() {
    const reject = uniqueTag('reject');
    const note = uniqueTag('note');
    defineTestElement(reject, TestLitPlugin);
    defineTestElement(note, TestVanillaPlugin);
    return {
      reject,
      note,
      manifests: [
        testManifest({id: 'dev.test.reject', tag: reject, when: {status: ['Qualified']}}),
        testManifest({
          id: 'dev.test.note',
          tag: note,
          label: {en: 'Note'},
          requires: ['leads.read'],
        }),
      ],
    };
  }
  const labels = (point: CrmExtensionPoint) => buttons(point).map((b) => b.textContent?.trim());

  it('offers an action with when.status only while record-status is one of them', async () => {
    const {manifests} = conditionalPlugins();
    const {point} = await setup(manifests, {recordStatus: 'Qualified'});
    expect(point.recordStatus).to.equal('Qualified');
    expect(labels(point)).to.deep.equal(['Reject', 'Note']);
    expect(point.actions.map((a) => a.key)).to.deep.equal([
      'dev.test.reject/open',
      'dev.test.note/open',
    ]);

    for (const status of ['Rejected', 'Qualifying', 'Converted', 'Archived', 'qualified']) {
      point.setAttribute('record-status', status);
      await settle();
      expect(labels(point), status).to.deep.equal(['Note']);
    }
    // An action that is not offered cannot be opened through the API either.
    expect(point.open('dev.test.reject/open')).to.equal(false);
  });

  it('re-evaluates when the recordStatus property changes, and reflects it', async () => {
    const {manifests} = conditionalPlugins();
    const {point} = await setup(manifests, {recordStatus: 'Rejected'});
    expect(labels(point)).to.deep.equal(['Note']);
    point.recordStatus = 'Qualified';
    await settle();
    expect(point.getAttribute('record-status')).to.equal('Qualified');
    expect(labels(point)).to.deep.equal(['Reject', 'Note']);
    point.recordStatus = 'Rejected';
    await settle();
    expect(point.getAttribute('record-status')).to.equal('Rejected');
    expect(labels(point)).to.deep.equal(['Note']);
  });

  it('offers a conditional action on no record of unknown status; others regardless', async () => {
    const {manifests} = conditionalPlugins();
    const {point} = await setup(manifests);
    expect(point.hasAttribute('record-status')).to.equal(false);
    expect(labels(point)).to.deep.equal(['Note']);
    point.setAttribute('record-status', 'Qualified');
    await settle();
    expect(labels(point)).to.deep.equal(['Reject', 'Note']);
    point.removeAttribute('record-status');
    await settle();
    expect(labels(point)).to.deep.equal(['Note']);
  });

  it('keeps the open dialog when the status changes under it, and closes it cleanly later', async () => {
    const {manifests, reject} = conditionalPlugins();
    const {point} = await setup(manifests, {recordStatus: 'Qualified'});
    expect(point.open('dev.test.reject/open')).to.equal(true);
    const element = point.querySelector(reject)!;
    const unmounts: string[] = [];
    point.addEventListener('crm-plugin-unmounted', (e) => unmounts.push(e.reason));

    // The plugin's own result (a rejection) makes the page set the new status: its summary stays.
    point.recordStatus = 'Rejected';
    await settle();
    expect(labels(point)).to.deep.equal(['Note']);
    expect(dialog(point).open).to.equal(true);
    expect(point.openElement).to.equal(element);
    expect(unmounts).to.deep.equal([]);

    const close = point.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!;
    close.click();
    expect(unmounts).to.deep.equal(['close-button']);
    expect(dialog(point).open).to.equal(false);
    expect(point.querySelector(reject)).to.equal(null);
    // Its button is gone: focus is the page's to move (on crm-plugin-unmounted), not another action's.
    expect(point.shadowRoot!.querySelector('button[data-key="dev.test.reject/open"]')).to.equal(
      null,
    );
    expect(deepActiveElement()).to.not.equal(button(point, 'Note'));
  });

  it('still closes the open dialog when the privilege goes, whatever the status', async () => {
    const {manifests, reject} = conditionalPlugins();
    const {host, point} = await setup(manifests, {recordStatus: 'Qualified'});
    point.open('dev.test.reject/open');
    const unmounted = once(point, 'crm-plugin-unmounted');
    host.user = LENA;
    expect((await unmounted).reason).to.equal('removed');
    expect(point.querySelector(reject)).to.equal(null);
  });

  it("reject-lead's shipped manifest: Reject on a Qualified lead, none on a Rejected one", async () => {
    const response = await fetch('/plugins/reject-lead/plugin.json');
    const manifest = (await response.json()) as PluginManifest;
    expect(manifest.actions[0]!.when).to.deep.equal({status: ['Qualified']});
    // The real element is the plugin's own test subject; here a stand-in under its tag will do.
    if (!customElements.get('crm-reject-lead')) defineTestElement('crm-reject-lead', TestLitPlugin);
    const {point} = await setup([manifest], {recordStatus: 'Qualified'});
    expect(labels(point)).to.deep.equal(['Reject']);
    point.setAttribute('record-status', 'Rejected');
    await settle();
    expect(labels(point)).to.deep.equal([]);
    expect(point.shadowRoot!.querySelector('[part="actions"]')!.hasAttribute('hidden')).to.equal(
      true,
    );
  });
});

describe('<crm-extension-point> closing and events', () => {
  it('opens with Enter and closes with Escape, returning focus to the action button', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    const action = button(point, 'Reject');
    action.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => point.querySelector(tag), 'plugin element mounted');
    expect(dialog(point).open).to.equal(true);
    // Focus moved into the dialog.
    expect(deepActiveElement()).to.not.equal(action);

    await sendKeys({press: 'Escape'});
    await waitUntil(() => !point.querySelector(tag), 'plugin element removed');
    expect(dialog(point).open).to.equal(false);
    expect(deepActiveElement()).to.equal(action);
  });

  it('closes with the close button reached by Tab, returning focus', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestVanillaPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    const action = button(point, 'Reject');
    action.focus();
    await sendKeys({press: 'Space'});
    await waitUntil(() => dialog(point).open, 'dialog open');
    const close = point.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!;
    // The vanilla plugin has nothing focusable, so the close button is the dialog's only stop.
    expect(deepActiveElement()).to.equal(close);
    const unmounted = once(point, 'crm-plugin-unmounted');
    await sendKeys({press: 'Enter'});
    expect((await unmounted).reason).to.equal('close-button');
    expect(point.querySelector(tag)).to.equal(null);
    expect(deepActiveElement()).to.equal(action);
  });

  it('closes when the Lit plugin fires crm-reject-cancel, which still reaches the page', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    const action = button(point, 'Reject');
    action.click();
    const element = point.querySelector<TestLitPlugin>(tag)!;
    await element.updateComplete;
    const cancelled = oneEvent(document, 'crm-reject-cancel');
    const unmounted = once(point, 'crm-plugin-unmounted');
    element.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.click();
    await cancelled;
    const event = await unmounted;
    expect(event.reason).to.equal('plugin-event');
    expect(event.element).to.equal(element);
    expect(point.querySelector(tag)).to.equal(null);
    expect(deepActiveElement()).to.equal(action);
  });

  it('closes on any *-cancel event and on crm-plugin-close the element dispatches', async () => {
    const tag = uniqueTag('generic');
    defineTestElement(tag, TestVanillaPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.generic', tag})]);
    for (const type of ['acme-wizard-cancel', 'crm-plugin-close']) {
      point.open('dev.test.generic/open');
      const element = point.querySelector(tag)!;
      element.dispatchEvent(new Event(type));
      expect(point.querySelector(tag), type).to.equal(null);
      expect(dialog(point).open, type).to.equal(false);
    }
    // Other events do not close it.
    point.open('dev.test.generic/open');
    point.querySelector(tag)!.dispatchEvent(new Event('acme-progress'));
    expect(point.querySelector(tag)).to.not.equal(null);
  });

  it('closes on context.emit("close") and relays every emit as crm-plugin-emit', async () => {
    const tag = uniqueTag('emitter');
    defineTestElement(tag, TestVanillaPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.emitter', tag})]);
    point.open('dev.test.emitter/open');
    const element = point.querySelector<PluginElement>(tag)!;
    const relayed = once(point, 'crm-plugin-emit');
    element.context!.emit('lead-changed', {id: 'L-1001'});
    const event = await relayed;
    expect(event.pluginId).to.equal('dev.test.emitter');
    expect(event.pluginEventType).to.equal('lead-changed');
    expect(event.detail).to.deep.equal({id: 'L-1001'});
    expect(point.querySelector(tag)).to.not.equal(null);

    element.context!.emit('close');
    expect(point.querySelector(tag)).to.equal(null);
  });

  it('lets result events reach the page, composed or not', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point, spy} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    point.open('dev.test.reject/open');
    const element = point.querySelector<TestLitPlugin>(tag)!;
    await element.updateComplete;
    const rejected = oneEvent(document, 'crm-lead-rejected') as Promise<CustomEvent>;
    element.shadowRoot!.querySelector<HTMLButtonElement>('.done')!.click();
    const event = await rejected;
    expect(event.detail.status).to.equal('Rejected');
    expect(spy.calls).to.deep.equal(['rejectLead L-1001']);
    // The dialog stays open so the plugin can show its summary.
    expect(point.querySelector(tag)).to.not.equal(null);

    const plain = oneEvent(point, 'acme-saved');
    element.dispatchEvent(new Event('acme-saved', {bubbles: true}));
    await plain;
  });

  it('closes the dialog when the plugin element removes itself', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestVanillaPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    point.open('dev.test.reject/open');
    const unmounted = once(point, 'crm-plugin-unmounted');
    point.querySelector(tag)!.remove();
    expect((await unmounted).reason).to.equal('removed');
    expect(dialog(point).open).to.equal(false);
    expect(point.openElement).to.equal(undefined);
  });

  it('passes a new record id to the open element', async () => {
    const tag = uniqueTag('reject');
    defineTestElement(tag, TestLitPlugin);
    const {point} = await setup([testManifest({id: 'dev.test.reject', tag})]);
    point.open('dev.test.reject/open');
    point.recordId = 'L-2002';
    const element = point.querySelector<PluginElement>(tag)!;
    expect(element.leadId).to.equal('L-2002');
    expect(element.getAttribute('lead-id')).to.equal('L-2002');
  });
});

describe('<crm-extension-point> panels', () => {
  it('mounts elements declared at lead.detail.panel inline, with record id and context', async () => {
    const tag = uniqueTag('panel');
    defineTestElement(tag, TestVanillaPlugin);
    const {point} = await setup(
      [testManifest({id: 'dev.test.panel', tag, extensionPoint: 'lead.detail.panel'})],
      {point: 'lead.detail.panel'},
    );
    const element = point.querySelector<PluginElement>(tag)!;
    expect(element).to.not.equal(null);
    expect(element.slot).to.equal('panel');
    expect(element.leadId).to.equal('L-1001');
    expect(element.context!.can('leads.read')).to.equal(true);
    expect(buttons(point)).to.have.length(0);
    expect(point.panelElements.get(`dev.test.panel/${tag}`)).to.equal(element);

    point.recordId = 'L-3003';
    expect(element.leadId).to.equal('L-3003');
  });

  it('does not mount at one point the elements declared for another', async () => {
    const panel = uniqueTag('panel');
    const action = uniqueTag('reject');
    defineTestElement(panel, TestVanillaPlugin);
    defineTestElement(action, TestLitPlugin);
    const {point} = await setup([
      testManifest({id: 'dev.test.panel', tag: panel, extensionPoint: 'lead.detail.panel'}),
      testManifest({id: 'dev.test.reject', tag: action}),
    ]);
    expect(point.querySelector(panel)).to.equal(null);
    // The element an action opens is not mounted inline either.
    expect(point.querySelector(action)).to.equal(null);
    expect(buttons(point)).to.have.length(1);
  });

  it('mounts a plugin registered later and removes one whose registry is replaced', async () => {
    const tag = uniqueTag('panel');
    defineTestElement(tag, TestVanillaPlugin);
    const {host, point} = await setup([], {point: 'lead.detail.panel'});
    expect(point.querySelector(tag)).to.equal(null);
    host.registry!.register({
      manifest: testManifest({id: 'dev.test.late', tag, extensionPoint: 'lead.detail.panel'}),
      entryUrl: 'https://plugins.test/late.js',
    });
    await settle();
    expect(point.querySelector(tag)).to.not.equal(null);
    const unmounted = once(point, 'crm-plugin-unmounted');
    host.registry = new PluginRegistry();
    expect((await unmounted).reason).to.equal('removed');
    expect(point.querySelector(tag)).to.equal(null);
  });
});

describe('<crm-extension-point> failing plugins', () => {
  it('reports a tag that never got defined, and the other plugin still works', async () => {
    const missing = uniqueTag('missing');
    const good = uniqueTag('good');
    defineTestElement(good, TestLitPlugin);
    const {point} = await setup([
      testManifest({id: 'dev.test.missing', tag: missing, label: {en: 'Broken', de: 'Kaputt'}}),
      testManifest({id: 'dev.test.good', tag: good}),
    ]);
    const failed = once(point, 'crm-plugin-mount-failed');
    button(point, 'Broken').click();
    const event = await failed;
    expect(event.error.code).to.equal('element-not-defined');
    expect(event.pluginId).to.equal('dev.test.missing');
    expect(event.error.message).to.contain(missing);
    expect(dialog(point).open).to.equal(false);
    await settle();
    const alert = point.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Plugin dev.test.missing could not be opened');
    expect(alert.textContent).to.contain('element-not-defined');

    button(point, 'Reject').click();
    expect(point.querySelector(good)).to.not.equal(null);
    expect(dialog(point).open).to.equal(true);
  });

  it('reports a constructor that throws without an uncaught error on the page', async () => {
    const tag = uniqueTag('ctor');
    defineThrowingConstructor(tag);
    const {point} = await setup([testManifest({id: 'dev.test.ctor', tag})], {locale: 'de'});
    const failed = once(point, 'crm-plugin-mount-failed');
    expect(point.open('dev.test.ctor/open')).to.equal(false);
    const event = await failed;
    expect(event.error.code).to.equal('element-constructor-failed');
    expect((event.error.cause as Error).message).to.equal('constructor exploded');
    await settle();
    const alert = point.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Plugin dev.test.ctor (de) konnte nicht geöffnet werden');
    // Dismissing removes the message.
    alert.querySelector<HTMLButtonElement>('[part="dismiss"]')!.click();
    await settle();
    expect(alert.textContent!.trim()).to.equal('');
  });

  it('reports a connectedCallback that throws and removes the half-mounted element', async () => {
    const broken = uniqueTag('connect');
    const good = uniqueTag('panel');
    defineThrowingConnect(broken);
    defineTestElement(good, TestVanillaPlugin);
    const failures: string[] = [];
    document.addEventListener('crm-plugin-mount-failed', (e) => failures.push(e.error.code));
    const {point} = await setup(
      [
        testManifest({id: 'dev.test.broken', tag: broken, extensionPoint: 'lead.detail.panel'}),
        testManifest({id: 'dev.test.good', tag: good, extensionPoint: 'lead.detail.panel'}),
      ],
      {point: 'lead.detail.panel'},
    );
    expect(failures).to.deep.equal(['element-connect-failed']);
    expect(point.querySelector(broken)).to.equal(null);
    expect(point.querySelector(good)).to.not.equal(null);
    const alert = point.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Plugin dev.test.broken could not be shown');
    // A later change of the host does not retry (and re-report) the same broken plugin.
    (point.closest('crm-plugin-host') as CrmPluginHost).configs = {};
    await settle();
    expect(failures).to.deep.equal(['element-connect-failed']);
  });
});

describe('<crm-extension-point> guard and host integration', () => {
  it('re-dispatches a denied call as crm-permission-denied without calling the host', async () => {
    const tag = uniqueTag('panel');
    defineTestElement(tag, TestVanillaPlugin);
    const {host, point, spy} = await setup(
      [
        testManifest({
          id: 'dev.test.reader',
          tag,
          extensionPoint: 'lead.detail.panel',
          permissions: ['leads.read'],
        }),
      ],
      {point: 'lead.detail.panel'},
    );
    const element = point.querySelector<PluginElement>(tag)!;
    const denied = once(host, 'crm-permission-denied');
    let thrown: unknown;
    try {
      await element.context!.rejectLead('L-1001', {rejectCode: 'OTHER', reassignOwner: false});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(PermissionDeniedError);
    const event = await denied;
    expect(event.denial.pluginId).to.equal('dev.test.reader');
    expect(event.denial.privilege).to.equal('leads.reject');
    expect(event.denial.code).to.equal('permission-undeclared');
    expect(spy.calls).to.deep.equal([]);
  });

  it('gives the plugin no path to the raw host API', async () => {
    const tag = uniqueTag('panel');
    defineTestElement(tag, TestVanillaPlugin);
    const {host, point} = await setup(
      [testManifest({id: 'dev.test.snoop', tag, extensionPoint: 'lead.detail.panel'})],
      {point: 'lead.detail.panel'},
    );
    const element = point.querySelector<PluginElement>(tag)!;
    const hostElement = element.closest('crm-plugin-host')!;
    expect(hostElement).to.equal(host);
    expect(hostElement.host).to.equal(undefined);
    expect(hostElement.hasHost).to.equal(true);
    expect(Object.values(point.connection!)).to.not.include(host);
  });

  it('says which names exist when `name` is not an extension point', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const {point} = await setup([], {point: 'lead.details.actions'});
      expect(buttons(point)).to.have.length(0);
    } finally {
      console.error = original;
    }
    expect(logged.map(String)).to.deep.equal([
      '<crm-extension-point name="lead.details.actions">: not an extension point; use one of lead.detail.actions, lead.detail.panel.',
    ]);
  });

  it('renders nothing, and throws nothing, outside a <crm-plugin-host>', async () => {
    const point = await mountFixture<CrmExtensionPoint>(
      html`<crm-extension-point name="lead.detail.actions" record-id="L-1"></crm-extension-point>`,
    );
    await settle();
    expect(point.connection).to.equal(undefined);
    expect(buttons(point)).to.have.length(0);
    expect(point.open('anything/open')).to.equal(false);
  });

  it('has an accessibility check that does flag violations', async () => {
    const broken = await mountFixture<HTMLElement>(html`<div><button></button></div>`);
    expect((await axeViolations(broken)).join()).to.contain('button-name');
  });

  it('has no axe violations with actions shown, with an error, and with the dialog open', async () => {
    const tag = uniqueTag('reject');
    const missing = uniqueTag('missing');
    defineTestElement(tag, TestLitPlugin);
    const {host, point} = await setup([
      testManifest({id: 'dev.test.reject', tag}),
      testManifest({id: 'dev.test.missing', tag: missing, label: {en: 'Broken'}}),
    ]);
    await expectNoAxeViolations(host);
    point.open('dev.test.missing/open');
    await settle();
    await expectNoAxeViolations(host);
    point.open('dev.test.reject/open');
    await (point.querySelector(tag) as TestLitPlugin).updateComplete;
    await settle();
    await expectNoAxeViolations(host);
  });
});
