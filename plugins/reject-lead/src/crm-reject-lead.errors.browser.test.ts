import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {CrmRejectLead} from './crm-reject-lead.js';
import {
  bannerText,
  chooseCode,
  codeSelect,
  confirmButton,
  confirmReject,
  fieldError,
  part,
  reasonArea,
  reassignBox,
  rejectsOf,
  renderRejectLead,
  typeReason,
  valueOf,
} from '../test/reject-lead-form.js';
const rejectRoute = '*/api/leads/:id/reject';

/** Fills the form: code OTHER, a reason, Reassign Owner ticked. */
async function fill(el: CrmRejectLead): Promise<void> {
  await chooseCode(el, 'OTHER');
  await typeReason(el, 'Bought from a competitor last week.');
  reassignBox(el).click();
  await el.updateComplete;
}

/** Asserts that what `fill` entered is still there. */
function expectInputKept(el: CrmRejectLead): void {
  expect(codeSelect(el).value).to.equal('OTHER');
  expect(reasonArea(el).value).to.equal('Bought from a competitor last week.');
  expect(reassignBox(el).checked).to.equal(true);
}

describe('<crm-reject-lead>: refusals keep the input', () => {
  it('403: the host refuses (privilege revoked meanwhile): explained, input kept', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    // An admin took Reject Leads from max's role after the dialog opened.
    r.state.roles = r.state.roles.map((r) =>
      r.id === 'sales-rep'
        ? {...r, privileges: r.privileges.filter((p) => p !== 'leads.reject')}
        : r,
    );
    await confirmReject(el);
    expect(rejectsOf(r)).to.have.length(1);
    expect(bannerText(el)).to.equal(
      'Your role lacks the privilege Reject Leads. Your input is kept.',
    );
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.contains(part(el, 'error-banner'))).to.equal(true);
    expectInputKept(el);
    expect(r.state.leads.get('L-1001')!.status).to.equal('Qualified');
  });

  it('409 version-conflict: explained with Reload, which loads the changes and keeps the input', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    const lead = r.state.leads.get('L-1001')!;
    lead.version += 1;
    lead.company = 'Renamed Company GmbH';
    await confirmReject(el);
    expect(bannerText(el)).to.contain('Someone else changed the lead');
    expect(bannerText(el)).to.contain('Your input is kept.');
    const reload = part<HTMLButtonElement>(el, 'reload-button')!;
    expect(el.shadowRoot!.activeElement).to.equal(reload);
    expectInputKept(el);

    reload.click();
    await waitUntil(() => valueOf(el, 'Company') === 'Renamed Company GmbH', 'lead reloaded');
    expect(bannerText(el)).to.equal(undefined);
    expectInputKept(el);
    await confirmReject(el);
    expect(rejectsOf(r)).to.have.length(2);
    expect(rejectsOf(r)[1]!.ifMatch!.replace(/"/g, '')).to.equal('2');
    expect(rejectsOf(r)[1]!.idempotencyKey).to.not.equal(rejectsOf(r)[0]!.idempotencyKey);
    expect(r.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });

  it('409 lead-not-qualified: explained; after Reload the status shows and confirm is off', async () => {
    const r = await renderRejectLead({locale: 'de'});
    const el = r.element;
    await fill(el);
    r.state.leads.get('L-1001')!.status = 'Converted';
    await confirmReject(el);
    expect(bannerText(el)).to.contain('nicht mehr qualifiziert');
    expect(bannerText(el)).to.contain('Ihre Eingaben bleiben erhalten.');
    expectInputKept(el);
    part<HTMLButtonElement>(el, 'reload-button')!.click();
    await waitUntil(() => valueOf(el, 'Lead-Status') === 'Konvertiert', 'lead reloaded');
    expect(part(el, 'message')!.textContent).to.contain('Nur qualifizierte Leads');
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
    expectInputKept(el);
    await confirmReject(el);
    expect(rejectsOf(r)).to.have.length(1);
  });

  it('422 inactive-reject-code: shown at the code, in the user language, focused, input kept', async () => {
    const r = await renderRejectLead({locale: 'de'});
    const el = r.element;
    await fill(el);
    r.state.rejectCodes.find((c) => c.key === 'OTHER')!.active = false;
    await confirmReject(el);
    expect(bannerText(el)).to.equal(undefined);
    expect(fieldError(el, 'rejectCode')).to.match(/Zurückweisungscode/); // the host's German text
    expect(codeSelect(el).getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
    expectInputKept(el);
  });

  it('422 reassign-not-allowed-in-book-mode: shown at Reassign Owner, which turns off; then rejects', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    r.state.ownershipMode = 'book';
    await confirmReject(el);
    expect(fieldError(el, 'reassignOwner')).to.contain('Book');
    expect(reassignBox(el).disabled).to.equal(true);
    expect(part(el, 'reassign-disabled-reason')).to.not.equal(null);
    expect(codeSelect(el).value).to.equal('OTHER');
    expect(reasonArea(el).value).to.equal('Bought from a competitor last week.');
    await confirmReject(el);
    expect(rejectsOf(r)).to.have.length(2);
    expect(rejectsOf(r)[1]!.body.reassignOwner).to.equal(false);
    expect(r.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });
});

describe('<crm-reject-lead>: network failures and duplicates', () => {
  it('a network failure offers Retry, keeps the input, and the retry reuses the idempotency key', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    r.worker.use(http.post(rejectRoute, () => HttpResponse.error(), {once: true}));
    await confirmReject(el);
    expect(bannerText(el)).to.contain('The CRM cannot be reached');
    const retry = part<HTMLButtonElement>(el, 'retry-button')!;
    expect(el.shadowRoot!.activeElement).to.equal(retry);
    expectInputKept(el);
    expect(r.state.leads.get('L-1001')!.status).to.equal('Qualified');

    retry.click();
    await waitUntil(() => part(el, 'summary'), 'rejected on retry');
    expect(rejectsOf(r)).to.have.length(2);
    expect(rejectsOf(r)[1]!.idempotencyKey).to.equal(rejectsOf(r)[0]!.idempotencyKey);
    expect(r.state.leads.get('L-1001')!.rejection!.reason).to.equal(
      'Bought from a competitor last week.',
    );
  });

  it('when the answer was lost after the host committed, the retry is deduplicated (one rejection)', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    // The host handles the request, then the connection drops before the answer arrives.
    r.worker.use(
      http.post(
        rejectRoute,
        async ({request}) => {
          await r.mockHost.fetch(request);
          return HttpResponse.error();
        },
        {once: true},
      ),
    );
    await confirmReject(el);
    expect(part(el, 'retry-button')).to.not.equal(null);
    expect(r.state.leads.get('L-1001')!.version).to.equal(2);

    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'summary'), 'the replayed answer shows the rejection');
    const lead = r.state.leads.get('L-1001')!;
    expect(lead.version).to.equal(2); // rejected once, not twice
    expect(lead.status).to.equal('Rejected');
    expect(rejectsOf(r)[1]!.idempotencyKey).to.equal(rejectsOf(r)[0]!.idempotencyKey);
  });

  it('changing the input after a network failure makes a new submission with a new key', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    r.worker.use(http.post(rejectRoute, () => HttpResponse.error(), {once: true}));
    await confirmReject(el);
    await typeReason(el, 'Bought from a competitor last month.');
    await confirmReject(el);
    expect(rejectsOf(r)).to.have.length(2);
    expect(rejectsOf(r)[1]!.idempotencyKey).to.not.equal(rejectsOf(r)[0]!.idempotencyKey);
    expect(r.state.leads.get('L-1001')!.rejection!.reason).to.equal(
      'Bought from a competitor last month.',
    );
  });

  it("a server error (500) shows the host's message with Retry, which reuses the key", async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await fill(el);
    const problem = {
      status: 500,
      title: 'Assignment failed',
      code: 'assignment-failed',
      detail: 'The Assignment Manager failed; nothing was changed.',
    };
    r.worker.use(
      http.post(
        rejectRoute,
        () =>
          HttpResponse.json(problem, {
            status: 500,
            headers: {'Content-Type': 'application/problem+json'},
          }),
        {once: true},
      ),
    );
    await confirmReject(el);
    expect(bannerText(el)).to.equal(
      'The Assignment Manager failed; nothing was changed. Your input is kept. Retry',
    );
    expectInputKept(el);
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'summary'), 'rejected on retry');
    expect(rejectsOf(r)[1]!.idempotencyKey).to.equal(rejectsOf(r)[0]!.idempotencyKey);
  });

  it('a double click sends one request', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await chooseCode(el, 'DUPLICATE');
    const button = confirmButton(el);
    button.click();
    button.click();
    button.dispatchEvent(new MouseEvent('dblclick', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Rejecting…');
    button.click(); // while the request is in flight
    await waitUntil(() => part(el, 'summary'), 'rejected');
    expect(rejectsOf(r)).to.have.length(1);
    expect(r.state.leads.get('L-1001')!.version).to.equal(2);
  });

  it('opening another lead while a reject runs: the event still fires, the answer stays off the new form', async () => {
    const r = await renderRejectLead({locale: 'en'});
    const el = r.element;
    await chooseCode(el, 'DUPLICATE');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    r.worker.use(
      http.post(
        rejectRoute,
        async ({request}) => {
          await held;
          return r.mockHost.fetch(request);
        },
        {once: true},
      ),
    );
    const rejected = oneEvent(el, 'crm-lead-rejected');
    confirmButton(el).click();
    await waitUntil(() => rejectsOf(r).length === 1, 'request sent');
    el.leadId = 'L-1002';
    await waitUntil(
      () => valueOf(el, 'Owner') === 'Max Müller' && codeSelect(el).value === '',
      'new lead',
    );
    release();
    expect((await rejected).detail.id).to.equal('L-1001');
    await el.updateComplete;
    expect(part(el, 'summary')).to.equal(null);
    expect(el.shadowRoot!.querySelector('form')).to.not.equal(null);
    expect(valueOf(el, 'Lead')).to.equal(
      `${r.state.leads.get('L-1002')!.firstName} ${r.state.leads.get('L-1002')!.lastName}`,
    );
  });

  it('a lead that fails to load offers Reload, which then shows the form', async () => {
    const r = await renderRejectLead({
      locale: 'en',
      handlers: [http.get('*/api/leads/:id', () => HttpResponse.error(), {once: true})],
    });
    const el = r.element;
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    expect(bannerText(el)).to.contain('The CRM cannot be reached');
    part<HTMLButtonElement>(el, 'reload-button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form after reload');
    expect(valueOf(el, 'Lead Status')).to.equal('Qualified');
  });
});
