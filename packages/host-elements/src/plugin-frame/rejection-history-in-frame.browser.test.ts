// plugins/rejection-history sandboxed, as every plugin an admin uploads runs unless marked trusted:
// its BUILT dist/index.js (served raw at /__raw/, the bytes checked against their integrity) in a
// <crm-plugin-frame>, mounted by renderPlugin({isolation: 'frame'}) at lead.detail.panel against the
// mock host, with a plugin credential of its own. The plugin's own tests
// (plugins/rejection-history/src/*.browser.test.ts) run it in the page; these are the same cases in
// a frame, looked at through the `plugin-frame-eval` test command.
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {createMockHost} from '@crmkit/rest-client/msw';
import type {MockHost} from '@crmkit/rest-client/msw';
import type {RejectLeadResult} from '@crmkit/sdk';
import {renderPlugin} from '@crmkit/sdk/testing';
import type {RenderPluginOptions} from '@crmkit/sdk/testing';

const TAG = 'crm-rejection-history';

const render = (options: Omit<RenderPluginOptions, 'manifest'> = {}) =>
  renderPlugin({
    manifest: '/plugins/rejection-history/plugin.json',
    isolation: 'frame',
    // What this repository's test server serves: the frame runtime from its sources, lit (the
    // modules a host shares with its plugins) and the built plugin raw at /__raw/.
    frame: {
      runtimeUrl: '/packages/host-elements/src/frame-runtime.ts',
      importMap: {lit: '/node_modules/lit/index.js'},
      scriptSources: [location.origin],
      rawBaseUrl: '/__raw/',
    },
    ...options,
  });

interface Shown {
  title: string;
  message: string;
  alert: string;
  /** Each event as its heading and `name: value` lines. */
  events: string[][];
  axe?: string[];
}

/** What the panel shows inside its frame (the only frame holding it). */
async function shown(): Promise<Shown> {
  const results = await executeServerCommand<Array<{found: boolean; value?: Shown}>, unknown>(
    'plugin-frame-eval',
    {
      tag: TAG,
      fn: String((el: HTMLElement) => {
        const text = (node: Element | null | undefined) =>
          node?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
        const root = el.shadowRoot!;
        return {
          title: text(root.querySelector('[part="title"]')),
          message: text(root.querySelector('[part~="message"]')),
          alert: text(root.querySelector('[role="alert"]')),
          events: [...root.querySelectorAll('[part="event"]')].map((event) => [
            text(event.querySelector('h4')),
            ...[...event.querySelectorAll('dt')].map(
              (dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`,
            ),
          ]),
        };
      }),
    },
  );
  const found = results.filter((r) => r.found);
  if (found.length !== 1) throw new Error(`<${TAG}> is in ${found.length} frames`);
  return found[0]!.value!;
}

/** `shown()`, until `check` accepts it. */
async function eventually(check: (s: Shown) => boolean, what: string): Promise<Shown> {
  const until = Date.now() + 10000;
  for (;;) {
    const value = await shown().catch(() => undefined);
    if (value && check(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Rejects a lead through the mock host's REST API, as reject-lead does for max. */
async function reject(
  host: MockHost,
  leadId: string,
  body: {rejectCode: string; rejectReason?: string; reassignOwner: boolean},
): Promise<RejectLeadResult> {
  const response = await host.fetch(`/api/leads/${leadId}/reject`, {
    method: 'POST',
    headers: {authorization: 'Bearer max', 'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
  return (await response.json()) as RejectLeadResult;
}

describe('<crm-rejection-history> sandboxed (isolation frame)', () => {
  it('runs its built bundle in a frame, with its own credential: not rejected, in English and German', async () => {
    const en = await render({locale: 'en', leadId: 'L-1001'});
    expect(en.element.localName).to.equal('crm-plugin-frame');
    expect(customElements.get(TAG)).to.equal(undefined, 'its code never ran in the page');
    expect(en.requests.map((r) => r.path)).to.include('/api/plugin-sessions');
    const english = await eventually((s) => s.message !== '', 'the English panel');
    expect(english.title).to.equal('Rejection history');
    expect(english.message).to.equal('This lead has not been rejected.');
    en.cleanup();
    await render({locale: 'de', leadId: 'L-1001'});
    const german = await eventually((s) => s.message !== '', 'the German panel');
    expect(german.title).to.equal('Zurückweisungsverlauf');
    expect(german.message).to.equal('Dieser Lead wurde nicht zurückgewiesen.');
  });

  it('a rejection with reassignment: the reason, the new owner and the rule, read over the bridge', async () => {
    const mockHost = createMockHost();
    const result = await reject(mockHost, 'L-1002', {
      rejectCode: 'NO_BUSINESS_OPPORTUNITY',
      rejectReason: 'No budget until 2028.',
      reassignOwner: true,
    });
    await render({locale: 'en', leadId: 'L-1002', mockHost});
    const {events} = await eventually((s) => s.events.length === 2, 'both events');
    const at = new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'}).format(
      new Date(result.lead.rejection!.rejectedAt),
    );
    expect(events).to.deep.equal([
      [
        'Rejected',
        'Rejected by: Max Müller',
        `Rejected on: ${at}`,
        'Reject Code: No Business Opportunity',
        'Reject Reason: No budget until 2028.',
      ],
      ['Owner reassigned', 'New owner: Jonas Weber', `Assignment rule: ${result.assignment!.rule}`],
    ]);
  });

  it('reads the lead again when a plugin on the page rejected it, and only then', async () => {
    const rendered = await render({locale: 'en', leadId: 'L-1002'});
    await eventually((s) => s.message === 'This lead has not been rejected.', 'not rejected');
    // News the server does not have (the lead is still Qualified): the frame hears nothing.
    const lead = rendered.state.leads.get('L-1002')!;
    document.dispatchEvent(
      new CustomEvent('crm-lead-rejected', {detail: {...lead, status: 'Rejected'}, bubbles: true}),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await shown()).message).to.equal('This lead has not been rejected.');
    const {lead: rejected} = await reject(rendered.mockHost, 'L-1002', {
      rejectCode: 'DUPLICATE',
      reassignOwner: false,
    });
    document.dispatchEvent(new CustomEvent('crm-lead-rejected', {detail: rejected, bubbles: true}));
    const {events} = await eventually((s) => s.events.length > 0, 'the rejection');
    expect(events[0]![3]).to.equal('Reject Code: Duplicate');
  });

  it('without leads.read declared: says so, and its frame reads no lead', async () => {
    const {requests} = await render({locale: 'de', permissions: []});
    const {alert} = await eventually((s) => s.alert !== '', 'the alert');
    expect(alert).to.equal('Ihrer Rolle fehlt die Berechtigung, Leads zu lesen.');
    expect(requests.filter((r) => r.path.startsWith('/api/leads'))).to.deep.equal([]);
  });

  it('is axe-clean inside its frame, with a rejection shown', async () => {
    const mockHost = createMockHost();
    await reject(mockHost, 'L-1002', {
      rejectCode: 'OTHER',
      rejectReason: 'Moved.',
      reassignOwner: true,
    });
    await render({locale: 'en', leadId: 'L-1002', mockHost});
    await eventually((s) => s.events.length === 2, 'both events');
    const [violations] = await executeServerCommand<string[][], unknown>('plugin-frame-axe', {
      tag: TAG,
    });
    expect(violations).to.deep.equal([]);
  });
});
