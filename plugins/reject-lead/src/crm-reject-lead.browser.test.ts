import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {
  chooseCode,
  codeSelect,
  confirmButton,
  confirmReject,
  fieldError,
  mountRejectLead,
  part,
  reasonArea,
  reassignBox,
  typeReason,
  useMockHost,
  valueOf,
} from '../test/reject-lead-harness.js';
import type {LeadRejectedEvent} from './lead-rejected-event.js';

const mock = useMockHost();

describe('<crm-reject-lead>: the seed, step by step', () => {
  it('1. only a user with Reject Leads gets the form; without it a clear message', async () => {
    const lena = await mountRejectLead({token: 'lena', locale: 'en'});
    expect(lena.shadowRoot!.querySelector('form')).to.equal(null);
    expect(part(lena, 'message')!.textContent).to.contain('Reject Leads');
    expect(part(lena, 'message')!.getAttribute('role')).to.equal('alert');

    const max = await mountRejectLead({token: 'max', locale: 'en'});
    expect(max.shadowRoot!.querySelector('form')).to.not.equal(null);
  });

  it('2–3. shows the lead, its status and owner, and the status it will get; focus on the code', async () => {
    const el = await mountRejectLead({locale: 'en', leadId: 'L-1002'});
    const lead = mock.host.state.leads.get('L-1002')!;
    expect(part(el, 'title')!.textContent).to.equal('Reject Lead');
    expect(valueOf(el, 'Lead')).to.equal(`${lead.firstName} ${lead.lastName}`);
    expect(valueOf(el, 'Company')).to.equal(lead.company);
    expect(valueOf(el, 'Lead Status')).to.equal('Qualified');
    expect(valueOf(el, 'Owner')).to.equal('Max Müller');
    expect(valueOf(el, 'New Lead Status')).to.equal('Rejected');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
  });

  it('3. offers the active reject codes only, in picklist order, labelled in the user language', async () => {
    mock.host.state.rejectCodes[2]!.active = false; // DUPLICATE
    const el = await mountRejectLead({locale: 'de'});
    const options = [...codeSelect(el).options].slice(1);
    const expected = mock.host.state.rejectCodes.filter((c) => c.active);
    expect(options.map((o) => o.value)).to.deep.equal(expected.map((c) => c.key));
    expect(options.map((o) => o.textContent!.trim())).to.deep.equal(
      expected.map((c) => c.labels.de),
    );
    expect(options.map((o) => o.value)).to.not.include('DUPLICATE');
    expect(codeSelect(el).options[0]!.value).to.equal('');
    expect(codeSelect(el).required).to.equal(true);
  });

  it('3–6. rejects with code, reason and reassignment; fires crm-lead-rejected and shows the rejection', async () => {
    const el = await mountRejectLead({locale: 'en', leadId: 'L-1002'});
    await chooseCode(el, 'NO_BUSINESS_OPPORTUNITY');
    await typeReason(el, '  No budget until 2028.  ');
    reassignBox(el).click();
    await el.updateComplete;
    const rejected = oneEvent(el, 'crm-lead-rejected') as Promise<LeadRejectedEvent>;
    await confirmReject(el);
    const event = await rejected;

    expect(mock.rejects).to.have.length(1);
    expect(mock.rejects[0]!.body).to.deep.equal({
      rejectCode: 'NO_BUSINESS_OPPORTUNITY',
      rejectReason: 'No budget until 2028.',
      reassignOwner: true,
    });
    expect(mock.rejects[0]!.ifMatch!.replace(/"/g, '')).to.equal('1'); // the version the user saw
    expect(mock.rejects[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);

    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.status).to.equal('Rejected');
    expect(event.detail.rejection!.code).to.equal('NO_BUSINESS_OPPORTUNITY');
    expect(event.assignment!.ownerId).to.equal('jonas'); // back to the original owner
    const stored = mock.host.state.leads.get('L-1002')!;
    expect(stored.status).to.equal('Rejected');
    expect(stored.ownerId).to.equal('jonas');

    expect(part(el, 'title')!.textContent).to.equal('Lead rejected');
    expect(valueOf(el, 'Lead Status')).to.equal('Rejected');
    expect(valueOf(el, 'Rejected by')).to.equal('Max Müller');
    expect(valueOf(el, 'Reject Code')).to.equal('No Business Opportunity');
    expect(valueOf(el, 'Reject Reason')).to.equal('No budget until 2028.');
    expect(valueOf(el, 'New owner')).to.equal('Jonas Weber');
    const when = new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'}).format(
      new Date(stored.rejection!.rejectedAt),
    );
    expect(valueOf(el, 'Rejected on')).to.equal(when);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'summary')!.querySelector('h2'));
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain(
      'Lead rejected',
    );
  });

  it('6. without a reason and without reassignment: no reason or new owner shown, owner kept', async () => {
    const el = await mountRejectLead({locale: 'en', leadId: 'L-1001'});
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(mock.rejects[0]!.body).to.deep.equal({rejectCode: 'DUPLICATE', reassignOwner: false});
    expect(valueOf(el, 'Reject Reason')).to.equal(undefined);
    expect(valueOf(el, 'New owner')).to.equal(undefined);
    expect(mock.host.state.leads.get('L-1001')!.ownerId).to.equal('max');
  });

  it('Cancel fires crm-reject-cancel and sends nothing', async () => {
    const el = await mountRejectLead({locale: 'en'});
    await chooseCode(el, 'DUPLICATE');
    const cancelled = oneEvent(el, 'crm-reject-cancel');
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    const event = await cancelled;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(mock.rejects).to.have.length(0);
    expect(mock.host.state.leads.get('L-1001')!.status).to.equal('Qualified');
  });

  it('a new lead-id loads that lead and starts a fresh form', async () => {
    const el = await mountRejectLead({locale: 'en'});
    await chooseCode(el, 'DUPLICATE');
    await typeReason(el, 'for the first lead');
    el.setAttribute('lead-id', 'L-1004');
    await waitUntil(() => valueOf(el, 'Owner') === 'Sofia Romano', 'L-1004 shown');
    expect(el.leadId).to.equal('L-1004');
    expect(codeSelect(el).value).to.equal('');
    expect(reasonArea(el).value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
  });

  it('Reassign Owner starts from the admin config reassignOwnerDefault', async () => {
    const off = await mountRejectLead({locale: 'en'});
    expect(reassignBox(off).checked).to.equal(false);
    const on = await mountRejectLead({locale: 'en', config: {reassignOwnerDefault: true}});
    expect(reassignBox(on).checked).to.equal(true);
  });

  it('a lead that is not Qualified cannot be confirmed, and says why', async () => {
    const el = await mountRejectLead({locale: 'en', leadId: 'L-1015'}); // Qualifying
    expect(valueOf(el, 'Lead Status')).to.equal('Qualifying');
    expect(part(el, 'message')!.textContent).to.contain('Only Qualified leads');
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(0);
  });
});

describe('<crm-reject-lead>: client validation', () => {
  it('requires a reject code: inline message, aria-invalid, focus, no request', async () => {
    const el = await mountRejectLead({locale: 'en'});
    reasonArea(el).focus();
    await confirmReject(el);
    expect(mock.rejects).to.have.length(0);
    expect(fieldError(el, 'rejectCode')).to.equal('Choose a reject code.');
    expect(codeSelect(el).getAttribute('aria-invalid')).to.equal('true');
    expect(codeSelect(el).getAttribute('aria-describedby')).to.contain('rejectCode-error');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
    await chooseCode(el, 'DUPLICATE');
    expect(fieldError(el, 'rejectCode')).to.equal(undefined);
    expect(codeSelect(el).getAttribute('aria-invalid')).to.equal('false');
  });

  it('the code OTHER requires a reason: marked required, refused blank, focus on the reason', async () => {
    const el = await mountRejectLead({locale: 'en'});
    expect(el.shadowRoot!.querySelector('label[for="rejectReason"]')!.textContent).to.contain(
      '(optional)',
    );
    await chooseCode(el, 'OTHER');
    expect(el.shadowRoot!.querySelector('label[for="rejectReason"]')!.textContent).to.contain(
      '(required)',
    );
    expect(reasonArea(el).required).to.equal(true);
    await typeReason(el, '   ');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal('Enter a reason: code "Other" requires one.');
    expect(el.shadowRoot!.activeElement).to.equal(reasonArea(el));
    await typeReason(el, 'Moved abroad');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(1);
    expect(mock.host.state.leads.get('L-1001')!.rejection!.reason).to.equal('Moved abroad');
  });

  it('OTHER still requires a reason after an admin renamed it (the rule follows the key)', async () => {
    const other = mock.host.state.rejectCodes.find((c) => c.key === 'OTHER')!;
    other.labels = {en: 'Something else', de: 'Etwas anderes'};
    const el = await mountRejectLead({locale: 'de'});
    await chooseCode(el, 'OTHER');
    expect(codeSelect(el).selectedOptions[0]!.textContent!.trim()).to.equal('Etwas anderes');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal(
      'Geben Sie einen Grund ein: Code „Etwas anderes“ erfordert ihn.',
    );
  });

  it('a code whose label is "Other" but whose key is not OTHER does not require a reason', async () => {
    const duplicate = mock.host.state.rejectCodes.find((c) => c.key === 'DUPLICATE')!;
    duplicate.labels = {en: 'Other', de: 'Sonstige'};
    const el = await mountRejectLead({locale: 'en'});
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(1);
    expect(mock.host.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });

  it('refuses a reason over 2000 characters, counts them, and sends 2000 exactly', async () => {
    const el = await mountRejectLead({locale: 'en'});
    await chooseCode(el, 'DUPLICATE');
    await typeReason(el, 'x'.repeat(2001));
    expect(part(el, 'counter')!.textContent!.trim()).to.equal('2001 / 2000');
    expect(part(el, 'counter')!.classList.contains('over')).to.equal(true);
    expect(reasonArea(el).getAttribute('aria-invalid')).to.equal('true');
    await confirmReject(el);
    expect(mock.rejects).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal(
      'Shorten the reason to 2000 characters (now 2001).',
    );
    expect(reasonArea(el).value).to.have.length(2001); // nothing typed is cut off
    await typeReason(el, 'x'.repeat(2000));
    await confirmReject(el);
    expect(mock.rejects).to.have.length(1);
    expect(mock.rejects[0]!.body.rejectReason).to.have.length(2000);
  });
});

describe('<crm-reject-lead>: ownership modes', () => {
  it('Book mode disables Reassign Owner, says why, and sends reassignOwner false', async () => {
    mock.host.state.ownershipMode = 'book';
    const el = await mountRejectLead({locale: 'en', config: {reassignOwnerDefault: true}});
    const box = reassignBox(el);
    expect(box.disabled).to.equal(true);
    expect(box.checked).to.equal(false);
    const reason = part(el, 'reassign-disabled-reason')!;
    expect(reason.textContent).to.contain('Book mode');
    expect(box.getAttribute('aria-describedby')!.split(' ')).to.include(reason.id);
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(mock.rejects[0]!.body.reassignOwner).to.equal(false);
    expect(mock.host.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });

  for (const mode of ['mixed', 'user'] as const) {
    it(`${mode} mode allows Reassign Owner and the lead is reassigned`, async () => {
      mock.host.state.ownershipMode = mode;
      const el = await mountRejectLead({locale: 'en', leadId: 'L-1003'});
      const box = reassignBox(el);
      expect(box.disabled).to.equal(false);
      expect(part(el, 'reassign-disabled-reason')).to.equal(null);
      box.click();
      await chooseCode(el, 'INSUFFICIENT_DATA');
      await confirmReject(el);
      expect(mock.rejects[0]!.body.reassignOwner).to.equal(true);
      // L-1003's original owner (petra) is inactive: the unassigned owner gets it.
      expect(valueOf(el, 'New owner')).to.equal('Lead Desk');
      expect(mock.host.state.leads.get('L-1003')!.ownerId).to.equal('lead-desk');
    });
  }
});
