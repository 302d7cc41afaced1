// <crm-rejection-history> as a host page mounts it: renderPlugin loads the built dist/index.js through
// plugin.json at lead.detail.panel, against the mock host (its demo data, and rejections made through
// its REST API, as reject-lead makes them).
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import {createMockHost} from '@crmkit/rest-client/msw';
import type {MockHost} from '@crmkit/rest-client/msw';
import {renderPlugin} from '@crmkit/sdk/testing';
import type {RenderPluginOptions} from '@crmkit/sdk/testing';
import type {RejectLeadResult} from '@crmkit/sdk';
import type {CrmRejectionHistory} from './crm-rejection-history.js';
import {axeViolations} from '../test/axe-violations.js';

const manifest = new URL('../plugin.json', import.meta.url);
const render = (options: Omit<RenderPluginOptions, 'manifest'> = {}) =>
  renderPlugin<CrmRejectionHistory>({manifest, ...options});

const text = (el: Element | null | undefined) => el?.textContent?.trim().replace(/\s+/g, ' ');
const title = (el: CrmRejectionHistory) => text(el.shadowRoot!.querySelector('[part="title"]'));
const message = (el: CrmRejectionHistory) =>
  text(el.shadowRoot!.querySelector('[part~="message"]'));
/** Each event as its heading and `name: value` lines. */
const events = (el: CrmRejectionHistory) =>
  [...el.shadowRoot!.querySelectorAll('[part="event"]')].map((event) => [
    text(event.querySelector('h4')),
    ...[...event.querySelectorAll('dt')].map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`),
  ]);
const when = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'}).format(new Date(iso));

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

describe('<crm-rejection-history>', () => {
  it('a lead that was not rejected: says so, in English and German', async () => {
    const {element: en} = await render({locale: 'en', leadId: 'L-1001'});
    expect(title(en)).to.equal('Rejection history');
    expect(message(en)).to.equal('This lead has not been rejected.');
    const {element: de} = await render({locale: 'de', leadId: 'L-1001'});
    expect(title(de)).to.equal('Zurückweisungsverlauf');
    expect(message(de)).to.equal('Dieser Lead wurde nicht zurückgewiesen.');
  });

  it('a rejection without reassignment: who, when, the code label in German, no reason', async () => {
    const {element, state} = await render({locale: 'de', leadId: 'L-1035'});
    const rejection = state.leads.get('L-1035')!.rejection!;
    expect(events(element)).to.deep.equal([
      [
        'Zurückgewiesen',
        'Zurückgewiesen von: Sofia Romano',
        `Zurückgewiesen am: ${when('de', rejection.rejectedAt)}`,
        'Zurückweisungscode: Ungültige Telefonnummer',
        'Zurückweisungsgrund: keiner angegeben',
      ],
    ]);
    expect(element.shadowRoot!.querySelector('time')!.getAttribute('datetime')).to.equal(
      rejection.rejectedAt,
    );
    expect(message(element)).to.equal('Der Verantwortliche wurde nicht neu zugewiesen.');
  });

  it('a rejection with reassignment: the reason, the new owner and the rule that chose them', async () => {
    const mockHost = createMockHost();
    const result = await reject(mockHost, 'L-1002', {
      rejectCode: 'NO_BUSINESS_OPPORTUNITY',
      rejectReason: 'No budget until 2028.',
      reassignOwner: true,
    });
    expect(result.assignment!.outcome).to.equal('assigned');
    const {element} = await render({locale: 'en', leadId: 'L-1002', mockHost});
    const at = result.lead.rejection!.rejectedAt;
    expect(events(element)).to.deep.equal([
      [
        'Rejected',
        'Rejected by: Max Müller',
        `Rejected on: ${when('en', at)}`,
        'Reject Code: No Business Opportunity',
        'Reject Reason: No budget until 2028.',
      ],
      ['Owner reassigned', 'New owner: Jonas Weber', `Assignment rule: ${result.assignment!.rule}`],
    ]);
    expect(message(element)).to.equal(undefined);
  });

  it('a reassignment no rule matched: the unassigned owner, in both languages', async () => {
    const mockHost = createMockHost();
    // L-1003's original owner (petra) is inactive: no rule matches, the unassigned owner gets it.
    const result = await reject(mockHost, 'L-1003', {rejectCode: 'DUPLICATE', reassignOwner: true});
    expect(result.assignment).to.deep.include({outcome: 'unassigned-owner', rule: null});
    const {element: en} = await render({locale: 'en', leadId: 'L-1003', mockHost});
    expect(events(en)[1]).to.deep.equal([
      'Owner reassigned',
      'New owner: Lead Desk',
      'Assignment rule: none matched: the unassigned owner got the lead',
    ]);
    const {element: de} = await render({locale: 'de', leadId: 'L-1003', mockHost});
    expect(events(de)[1]).to.deep.equal([
      'Verantwortlicher neu zugewiesen',
      'Neuer Verantwortlicher: Lead Desk',
      'Zuweisungsregel: keine traf zu: der Verantwortliche für nicht zugewiesene Leads erhielt den Lead',
    ]);
  });

  it('shows the previous owner and the plugin when the host records them', async () => {
    const mockHost = createMockHost();
    const {lead} = await reject(mockHost, 'L-1002', {rejectCode: 'DUPLICATE', reassignOwner: true});
    const recorded = {
      ...lead,
      rejection: {
        ...lead.rejection!,
        previousOwner: {id: 'max', name: 'Max Müller'},
        pluginId: 'dev.crmkit.reject-lead',
      },
    };
    const {element} = await render({
      locale: 'en',
      leadId: 'L-1002',
      mockHost,
      handlers: [http.get('*/api/leads/L-1002', () => HttpResponse.json(recorded))],
    });
    const [rejected, reassigned] = events(element);
    expect(rejected).to.include('Via plugin: dev.crmkit.reject-lead');
    expect(reassigned!.slice(0, 3)).to.deep.equal([
      'Owner reassigned',
      'Previous owner: Max Müller',
      'New owner: Jonas Weber',
    ]);
  });

  it('reads the lead again when a plugin on the page rejected it', async () => {
    const rendered = await render({locale: 'en', leadId: 'L-1002'});
    expect(message(rendered.element)).to.equal('This lead has not been rejected.');
    const {lead} = await reject(rendered.mockHost, 'L-1002', {
      rejectCode: 'DUPLICATE',
      reassignOwner: false,
    });
    document.dispatchEvent(new CustomEvent('crm-lead-rejected', {detail: lead, bubbles: true}));
    await rendered.update();
    expect(events(rendered.element)[0]![3]).to.equal('Reject Code: Duplicate');
  });

  it('without leads.read declared: says so and sends no request for the lead', async () => {
    const {element, requests} = await render({locale: 'de', permissions: []});
    const alert = element.shadowRoot!.querySelector('[role="alert"]');
    expect(text(alert)).to.equal('Ihrer Rolle fehlt die Berechtigung, Leads zu lesen.');
    expect(requests.filter((r) => r.path.startsWith('/api/leads'))).to.deep.equal([]);
  });

  it('a lead that fails to load: an alert with Try again, which then shows it', async () => {
    const rendered = await render({
      locale: 'en',
      leadId: 'L-1035',
      handlers: [http.get('*/api/leads/:id', () => HttpResponse.error(), {once: true})],
    });
    const alert = rendered.element.shadowRoot!.querySelector('[role="alert"]')!;
    expect(text(alert)).to.equal('The rejection history could not be loaded. Try again');
    alert.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await rendered.update();
    expect(events(rendered.element)[0]![0]).to.equal('Rejected');
  });

  it('is accessible: headings, a list of events, times with datetime; axe finds nothing', async () => {
    const mockHost = createMockHost();
    await reject(mockHost, 'L-1002', {
      rejectCode: 'OTHER',
      rejectReason: 'Moved.',
      reassignOwner: true,
    });
    for (const locale of ['en', 'de']) {
      const {element} = await render({locale, leadId: 'L-1002', mockHost});
      const section = element.shadowRoot!.querySelector('section')!;
      expect(section.getAttribute('aria-labelledby')).to.equal('title');
      expect(section.querySelectorAll('ol > li h4')).to.have.length(2);
      expect(await axeViolations(element)).to.deep.equal([]);
    }
    const {element: none} = await render({locale: 'en', leadId: 'L-1001'});
    expect(await axeViolations(none)).to.deep.equal([]);
  });
});
