import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {createMockHost} from '@crmkit/rest-client/msw';
import {
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
import type {LeadRejectedEvent} from './lead-rejected-event.js';

describe('<crm-reject-lead>: the seed, step by step', () => {
  it('1. only a user with Reject Leads gets the form; without it a clear message', async () => {
    const {element: lena} = await renderRejectLead({user: 'lena', locale: 'en'});
    expect(lena.shadowRoot!.querySelector('form')).to.equal(null);
    expect(part(lena, 'message')!.textContent).to.contain('Reject Leads');
    expect(part(lena, 'message')!.getAttribute('role')).to.equal('alert');

    const {element: max} = await renderRejectLead({user: 'max', locale: 'en'});
    expect(max.shadowRoot!.querySelector('form')).to.not.equal(null);
  });

  it('1–2. the Reject button is offered only to a user with Reject Leads, and opens the dialog', async () => {
    let refusal: unknown;
    await renderRejectLead({action: 'reject', user: 'lena'}).catch((e: unknown) => (refusal = e));
    expect(String(refusal)).to.contain('lena lacks the privilege leads.reject');
    const {element, extensionPoint} = await renderRejectLead({action: 'reject', locale: 'en'});
    expect(extensionPoint.openElement).to.equal(element);
    expect(part(element, 'title')!.textContent).to.equal('Reject Lead');
  });

  it('2–3. shows the lead, its status and owner, and the status it will get; focus on the code', async () => {
    const {element: el, state} = await renderRejectLead({locale: 'en', leadId: 'L-1002'});
    const lead = state.leads.get('L-1002')!;
    expect(part(el, 'title')!.textContent).to.equal('Reject Lead');
    expect(valueOf(el, 'Lead')).to.equal(`${lead.firstName} ${lead.lastName}`);
    expect(valueOf(el, 'Company')).to.equal(lead.company);
    expect(valueOf(el, 'Lead Status')).to.equal('Qualified');
    expect(valueOf(el, 'Owner')).to.equal('Max Müller');
    expect(valueOf(el, 'New Lead Status')).to.equal('Rejected');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
  });

  it('3. offers the active reject codes only, in picklist order, labelled in the user language', async () => {
    const mockHost = createMockHost();
    mockHost.state.rejectCodes[2]!.active = false; // DUPLICATE
    const {element: el} = await renderRejectLead({locale: 'de', mockHost});
    const options = [...codeSelect(el).options].slice(1);
    const expected = mockHost.state.rejectCodes.filter((c) => c.active);
    expect(options.map((o) => o.value)).to.deep.equal(expected.map((c) => c.key));
    expect(options.map((o) => o.textContent!.trim())).to.deep.equal(
      expected.map((c) => c.labels.de),
    );
    expect(options.map((o) => o.value)).to.not.include('DUPLICATE');
    expect(codeSelect(el).options[0]!.value).to.equal('');
    expect(codeSelect(el).required).to.equal(true);
  });

  it('3–6. rejects with code, reason and reassignment; fires crm-lead-rejected and shows the rejection', async () => {
    const rendered = await renderRejectLead({locale: 'en', leadId: 'L-1002'});
    const el = rendered.element;
    await chooseCode(el, 'NO_BUSINESS_OPPORTUNITY');
    await typeReason(el, '  No budget until 2028.  ');
    reassignBox(el).click();
    await el.updateComplete;
    const rejected = oneEvent(el, 'crm-lead-rejected') as Promise<LeadRejectedEvent>;
    await confirmReject(el);
    const event = await rejected;

    const rejects = rejectsOf(rendered);
    expect(rejects).to.have.length(1);
    expect(rejects[0]!.body).to.deep.equal({
      rejectCode: 'NO_BUSINESS_OPPORTUNITY',
      rejectReason: 'No budget until 2028.',
      reassignOwner: true,
    });
    expect(rejects[0]!.ifMatch!.replace(/"/g, '')).to.equal('1'); // the version the user saw
    expect(rejects[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(rendered.eventsOf('crm-lead-rejected').map((e) => e.source)).to.deep.equal(['element']);

    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.status).to.equal('Rejected');
    expect(event.detail.rejection!.code).to.equal('NO_BUSINESS_OPPORTUNITY');
    expect(event.assignment!.ownerId).to.equal('jonas'); // back to the original owner
    const stored = rendered.state.leads.get('L-1002')!;
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
    const rendered = await renderRejectLead({locale: 'en', leadId: 'L-1001'});
    const el = rendered.element;
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(rejectsOf(rendered)[0]!.body).to.deep.equal({
      rejectCode: 'DUPLICATE',
      reassignOwner: false,
    });
    expect(valueOf(el, 'Reject Reason')).to.equal(undefined);
    expect(valueOf(el, 'New owner')).to.equal(undefined);
    expect(rendered.state.leads.get('L-1001')!.ownerId).to.equal('max');
  });

  it('Cancel fires crm-reject-cancel and sends nothing', async () => {
    const rendered = await renderRejectLead({locale: 'en'});
    const el = rendered.element;
    await chooseCode(el, 'DUPLICATE');
    const cancelled = oneEvent(el, 'crm-reject-cancel');
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    const event = await cancelled;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(rejectsOf(rendered)).to.have.length(0);
    expect(rendered.state.leads.get('L-1001')!.status).to.equal('Qualified');
  });

  it('a new lead-id loads that lead and starts a fresh form', async () => {
    const {element: el} = await renderRejectLead({locale: 'en'});
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
    const {element: off} = await renderRejectLead({locale: 'en'});
    expect(reassignBox(off).checked).to.equal(false);
    const {element: on} = await renderRejectLead({
      locale: 'en',
      config: {reassignOwnerDefault: true},
    });
    expect(reassignBox(on).checked).to.equal(true);
  });

  it('a lead that is not Qualified cannot be confirmed, and says why', async () => {
    const rendered = await renderRejectLead({locale: 'en', leadId: 'L-1015'}); // Qualifying
    const el = rendered.element;
    expect(valueOf(el, 'Lead Status')).to.equal('Qualifying');
    expect(part(el, 'message')!.textContent).to.contain('Only Qualified leads');
    expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(0);
  });

  it('runs sandboxed (isolation frame): the same bundle in a frame, calling with its own credential', async () => {
    const rendered = await renderRejectLead({
      locale: 'en',
      isolation: 'frame',
      // What this repository's test server serves: the frame runtime from its sources, lit (the
      // modules a host shares with its plugins) and the built plugin raw at /__raw/.
      frame: {
        runtimeUrl: '/packages/host-elements/src/frame-runtime.ts',
        importMap: {
          lit: '/node_modules/lit/index.js',
          'lit/decorators.js': '/node_modules/lit/decorators.js',
        },
        scriptSources: [location.origin],
        rawBaseUrl: '/__raw/',
      },
      timeout: 15000,
    });
    expect(rendered.element.localName).to.equal('crm-plugin-frame');
    expect(rendered.requests.map((r) => r.path)).to.include('/api/plugin-sessions');
    const [inFrame] = (await executeServerCommand('plugin-frame-eval', {
      tag: 'crm-reject-lead',
      fn: '(el) => el.shadowRoot.querySelector(\'[part~="title"]\').textContent',
    })) as Array<{value: string}>;
    expect(inFrame!.value).to.equal('Reject Lead');
  });

  it('the Reject button is not offered on a lead that is not Qualified (when.status)', async () => {
    let refusal: unknown;
    await renderRejectLead({action: 'reject', leadId: 'L-1015'}).catch(
      (e: unknown) => (refusal = e),
    );
    expect(String(refusal)).to.contain('status Qualifying is not one of when.status');
  });
});

describe('<crm-reject-lead>: client validation', () => {
  it('requires a reject code: inline message, aria-invalid, focus, no request', async () => {
    const rendered = await renderRejectLead({locale: 'en'});
    const el = rendered.element;
    reasonArea(el).focus();
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(0);
    expect(fieldError(el, 'rejectCode')).to.equal('Choose a reject code.');
    expect(codeSelect(el).getAttribute('aria-invalid')).to.equal('true');
    expect(codeSelect(el).getAttribute('aria-describedby')).to.contain('rejectCode-error');
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
    await chooseCode(el, 'DUPLICATE');
    expect(fieldError(el, 'rejectCode')).to.equal(undefined);
    expect(codeSelect(el).getAttribute('aria-invalid')).to.equal('false');
  });

  it('the code OTHER requires a reason: marked required, refused blank, focus on the reason', async () => {
    const rendered = await renderRejectLead({locale: 'en'});
    const el = rendered.element;
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
    expect(rejectsOf(rendered)).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal('Enter a reason: code "Other" requires one.');
    expect(el.shadowRoot!.activeElement).to.equal(reasonArea(el));
    await typeReason(el, 'Moved abroad');
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(1);
    expect(rendered.state.leads.get('L-1001')!.rejection!.reason).to.equal('Moved abroad');
  });

  it('OTHER still requires a reason after an admin renamed it (the rule follows the key)', async () => {
    const mockHost = createMockHost();
    const other = mockHost.state.rejectCodes.find((c) => c.key === 'OTHER')!;
    other.labels = {en: 'Something else', de: 'Etwas anderes'};
    const rendered = await renderRejectLead({locale: 'de', mockHost});
    const el = rendered.element;
    await chooseCode(el, 'OTHER');
    expect(codeSelect(el).selectedOptions[0]!.textContent!.trim()).to.equal('Etwas anderes');
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal(
      'Geben Sie einen Grund ein: Code „Etwas anderes“ erfordert ihn.',
    );
  });

  it('a code whose label is "Other" but whose key is not OTHER does not require a reason', async () => {
    const mockHost = createMockHost();
    const duplicate = mockHost.state.rejectCodes.find((c) => c.key === 'DUPLICATE')!;
    duplicate.labels = {en: 'Other', de: 'Sonstige'};
    const rendered = await renderRejectLead({locale: 'en', mockHost});
    const el = rendered.element;
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(1);
    expect(rendered.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });

  it('refuses a reason over 2000 characters, counts them, and sends 2000 exactly', async () => {
    const rendered = await renderRejectLead({locale: 'en'});
    const el = rendered.element;
    await chooseCode(el, 'DUPLICATE');
    await typeReason(el, 'x'.repeat(2001));
    expect(part(el, 'counter')!.textContent!.trim()).to.equal('2001 / 2000');
    expect(part(el, 'counter')!.classList.contains('over')).to.equal(true);
    expect(reasonArea(el).getAttribute('aria-invalid')).to.equal('true');
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(0);
    expect(fieldError(el, 'rejectReason')).to.equal(
      'Shorten the reason to 2000 characters (now 2001).',
    );
    expect(reasonArea(el).value).to.have.length(2001); // nothing typed is cut off
    await typeReason(el, 'x'.repeat(2000));
    await confirmReject(el);
    expect(rejectsOf(rendered)).to.have.length(1);
    expect(rejectsOf(rendered)[0]!.body.rejectReason).to.have.length(2000);
  });
});

describe('<crm-reject-lead>: ownership modes', () => {
  it('Book mode disables Reassign Owner, says why, and sends reassignOwner false', async () => {
    const rendered = await renderRejectLead({
      locale: 'en',
      config: {reassignOwnerDefault: true},
      mockHost: {ownershipMode: 'book'},
    });
    const el = rendered.element;
    const box = reassignBox(el);
    expect(box.disabled).to.equal(true);
    expect(box.checked).to.equal(false);
    const reason = part(el, 'reassign-disabled-reason')!;
    expect(reason.textContent).to.contain('Book mode');
    expect(box.getAttribute('aria-describedby')!.split(' ')).to.include(reason.id);
    await chooseCode(el, 'DUPLICATE');
    await confirmReject(el);
    expect(rejectsOf(rendered)[0]!.body.reassignOwner).to.equal(false);
    expect(rendered.state.leads.get('L-1001')!.status).to.equal('Rejected');
  });

  for (const mode of ['mixed', 'user'] as const) {
    it(`${mode} mode allows Reassign Owner and the lead is reassigned`, async () => {
      const rendered = await renderRejectLead({
        locale: 'en',
        leadId: 'L-1003',
        mockHost: {ownershipMode: mode},
      });
      const el = rendered.element;
      const box = reassignBox(el);
      expect(box.disabled).to.equal(false);
      expect(part(el, 'reassign-disabled-reason')).to.equal(null);
      box.click();
      await chooseCode(el, 'INSUFFICIENT_DATA');
      await confirmReject(el);
      expect(rejectsOf(rendered)[0]!.body.reassignOwner).to.equal(true);
      // L-1003's original owner (petra) is inactive: the unassigned owner gets it.
      expect(valueOf(el, 'New owner')).to.equal('Lead Desk');
      expect(rendered.state.leads.get('L-1003')!.ownerId).to.equal('lead-desk');
    });
  }
});
