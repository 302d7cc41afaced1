// renderPlugin against two no-build plugins of the repository's fixtures: a panel (lead-panel, at
// lead.detail.panel) and an action's element (hello-note, at lead.detail.actions).
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import {createMockHost} from '@crmkit/rest-client/msw';
import {renderPlugin} from '@crmkit/sdk/testing';

const leadPanel = new URL(
  '../../../../test/fixtures/plugins/lead-panel/plugin.json',
  import.meta.url,
);
const helloNote = new URL(
  '../../../host-elements/test/fixtures/hello-plugin/plugin.json',
  import.meta.url,
);

const text = (el: Element | null | undefined) => el?.textContent?.trim().replace(/\s+/g, ' ');
const termsOf = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('dt')].map(
    (dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`,
  );

describe('renderPlugin', () => {
  it('mounts a panel inline at its extension point, as the demo user, and settles after its reads', async () => {
    const {element, extensionPoint, pluginHost, requests, state} = await renderPlugin({
      manifest: leadPanel,
      user: 'max',
      locale: 'de',
      leadId: 'L-1002',
    });
    expect(element.localName).to.equal('crm-lead-panel');
    expect(extensionPoint.name).to.equal('lead.detail.panel');
    expect(extensionPoint.panelElements.get('dev.crmkit.lead-panel/crm-lead-panel')).to.equal(
      element,
    );
    expect(pluginHost.contains(element)).to.equal(true);
    expect(element.getAttribute('lead-id')).to.equal('L-1002');
    expect(text(element.shadowRoot!.querySelector('h3'))).to.equal('Lead-Zusammenfassung');
    expect(termsOf(element)).to.deep.equal([
      `Unternehmen: ${state.leads.get('L-1002')!.company}`,
      'Lead-Status: Qualifiziert',
    ]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET /api/me',
      'GET /api/leads/L-1002',
    ]);
    expect(requests[1]!.headers.get('Authorization')).to.equal('Bearer max');
    expect(requests[1]!.headers.get('Accept-Language')).to.equal('de');
  });

  it('an undeclared permission is one option away: the call is refused before any request', async () => {
    const {element, requests, eventsOf} = await renderPlugin({
      manifest: leadPanel,
      permissions: [],
      locale: 'en',
    });
    expect(text(element.shadowRoot!.querySelector('[role="alert"]'))).to.equal(
      'The lead could not be loaded.',
    );
    expect(requests.map((r) => r.path)).to.deep.equal(['/api/me']);
    const denied = eventsOf('crm-permission-denied');
    expect(denied).to.have.length(1);
    expect((denied[0]!.event as Event & {denial: unknown}).denial).to.deep.include({
      pluginId: 'dev.crmkit.lead-panel',
      privilege: 'leads.read',
      code: 'permission-undeclared',
    });
  });

  it('a user without a privilege is one option away: the action is not offered, and says why', async () => {
    const mockHost = createMockHost();
    mockHost.state.roles = mockHost.state.roles.map((role) => ({
      ...role,
      privileges: role.privileges.filter((p) => p !== 'leads.read'),
    }));
    let refusal: unknown;
    await renderPlugin({manifest: helloNote, action: 'hello', mockHost}).catch(
      (error: unknown) => (refusal = error),
    );
    expect(String(refusal)).to.contain(
      'the action "hello" is not offered to max on L-1001: max lacks the privilege leads.read',
    );
  });

  it("opens an action's element in the point's dialog, with the user's context, and records its events", async () => {
    const {element, extensionPoint, events, eventsOf} = await renderPlugin({
      manifest: helloNote,
      action: 'hello',
      user: 'sofia',
      locale: 'en',
    });
    expect(extensionPoint.openElement).to.equal(element);
    expect(text(element.shadowRoot!.querySelector('.greeting'))).to.equal(
      'Hello, Sofia Romano (L-1001)',
    );
    element.shadowRoot!.querySelector('button')!.click();
    expect(eventsOf('crm-plugin-close').map((e) => e.source)).to.deep.equal(['element']);
    expect(extensionPoint.openElement).to.equal(undefined);
    expect(events.map((e) => e.type)).to.include.members([
      'crm-plugin-mounted',
      'crm-plugin-unmounted',
    ]);
  });

  it('a shared mock host keeps its state across renders; extra handlers answer first', async () => {
    const first = await renderPlugin({
      manifest: leadPanel,
      locale: 'en',
      handlers: [http.get('*/api/leads/:id', () => HttpResponse.error(), {once: true})],
    });
    expect(text(first.element.shadowRoot!.querySelector('[role="alert"]'))).to.equal(
      'The lead could not be loaded.',
    );
    first.state.leads.get('L-1001')!.company = 'Renamed GmbH';
    const second = await renderPlugin({
      manifest: leadPanel,
      locale: 'en',
      mockHost: first.mockHost,
    });
    expect(termsOf(second.element)[0]).to.equal('Company: Renamed GmbH');
  });

  it('removes what it rendered after each test, and on cleanup()', async () => {
    expect(document.querySelectorAll('[data-crmkit-render-plugin]')).to.have.length(0);
    const {pluginHost, cleanup} = await renderPlugin({manifest: leadPanel});
    expect(pluginHost.isConnected).to.equal(true);
    cleanup();
    expect(pluginHost.isConnected).to.equal(false);
  });

  it('isolation frame: sandboxed in a <crm-plugin-frame>, calling with its own plugin credential', async () => {
    const {element, requests, state} = await renderPlugin({
      manifest: leadPanel,
      isolation: 'frame',
      locale: 'en',
      // What this repository's test server serves: the frame runtime from its sources, no shared
      // modules (lead-panel imports none), the plugin's files raw at /__raw/.
      frame: {
        runtimeUrl: '/packages/host-elements/src/frame-runtime.ts',
        importMap: {},
        scriptSources: [location.origin],
        rawBaseUrl: '/__raw/',
      },
      timeout: 15000,
    });
    expect(element.localName).to.equal('crm-plugin-frame');
    expect(element.getAttribute('state')).to.equal('ready');
    expect(requests.map((r) => r.path)).to.deep.equal([
      '/api/me',
      '/api/plugin-sessions',
      '/api/leads/L-1001',
    ]);
    // The lead was read with the plugin's credential, not the user's token.
    expect(requests[2]!.headers.get('Authorization')).to.not.equal('Bearer max');
    expect(state.plugins.map((p) => `${p.id} ${p.enabled}`)).to.deep.equal([
      'dev.crmkit.lead-panel true',
    ]);
    const [inFrame] = (await executeServerCommand('plugin-frame-eval', {
      tag: 'crm-lead-panel',
      fn: '(el) => el.shadowRoot.textContent',
    })) as Array<{value: string}>;
    expect(inFrame!.value).to.equal(
      `Lead summaryCompany${state.leads.get('L-1001')!.company}Lead StatusQualified`,
    );
  });

  it('refuses an element the manifest does not declare, naming the ones it does', async () => {
    let refusal: unknown;
    await renderPlugin({manifest: leadPanel, tag: 'crm-nope'}).catch((e: unknown) => (refusal = e));
    expect(String(refusal)).to.contain(
      'declares no element <crm-nope> (its elements: crm-lead-panel)',
    );
  });
});
