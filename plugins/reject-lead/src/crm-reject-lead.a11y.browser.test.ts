import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import type {CrmRejectLead} from './crm-reject-lead.js';
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
import {axeViolations} from '../test/axe-violations.js';

/** Runs axe-core on the element (its shadow root included) and fails with every violation. */
async function expectNoAxeViolations(el: CrmRejectLead): Promise<void> {
  expect(await axeViolations(el)).to.deep.equal([]);
}

const text = (el: Element | null | undefined) => el?.textContent?.trim().replace(/\s+/g, ' ');
const label = (el: CrmRejectLead, id: string) =>
  text(el.shadowRoot!.querySelector(`label[for="${id}"]`));

/** Every label of the form and the summary, per language; the German ones are the seed's terms. */
const LABELS = {
  de: {
    title: 'Lead zurückweisen',
    terms: ['Lead', 'Unternehmen', 'Lead-Status', 'Verantwortlicher', 'Neuer Lead-Status'],
    qualified: 'Qualifiziert',
    rejected: 'Zurückgewiesen',
    code: 'Zurückweisungscode (erforderlich)',
    reasonOptional: 'Zurückweisungsgrund (optional)',
    reasonRequired: 'Zurückweisungsgrund (erforderlich)',
    reassign: 'Verantwortlichen neu zuweisen',
    help: 'Der Lead wird nach den Zuweisungsregeln des Unternehmens neu zugewiesen.',
    choose: 'Auswählen…',
    other: 'Sonstige',
    confirm: 'Zurückweisung bestätigen',
    cancel: 'Abbrechen',
    codeRequired: 'Wählen Sie einen Zurückweisungscode aus.',
    summary: 'Lead zurückgewiesen',
    summaryTerms: [
      'Lead',
      'Lead-Status',
      'Zurückgewiesen von',
      'Zurückweisungscode',
      'Zurückweisungsgrund',
      'Zurückgewiesen am',
      'Neuer Verantwortlicher',
    ],
  },
  en: {
    title: 'Reject Lead',
    terms: ['Lead', 'Company', 'Lead Status', 'Owner', 'New Lead Status'],
    qualified: 'Qualified',
    rejected: 'Rejected',
    code: 'Reject Code (required)',
    reasonOptional: 'Reject Reason (optional)',
    reasonRequired: 'Reject Reason (required)',
    reassign: 'Reassign Owner',
    help: "The lead is reassigned by the company's assignment rules.",
    choose: 'Choose…',
    other: 'Other',
    confirm: 'Confirm Reject',
    cancel: 'Cancel',
    codeRequired: 'Choose a reject code.',
    summary: 'Lead rejected',
    summaryTerms: [
      'Lead',
      'Lead Status',
      'Rejected by',
      'Reject Code',
      'Reject Reason',
      'Rejected on',
      'New owner',
    ],
  },
} as const;

for (const locale of ['de', 'en'] as const) {
  const t = LABELS[locale];
  describe(`<crm-reject-lead> in ${locale === 'de' ? 'German' : 'English'}`, () => {
    it('renders every label of the form', async () => {
      const {element: el} = await renderRejectLead({locale, leadId: 'L-1002'});
      expect(text(part(el, 'title'))).to.equal(t.title);
      expect([...el.shadowRoot!.querySelectorAll('dt')].map(text)).to.deep.equal(t.terms);
      expect(valueOf(el, t.terms[2])).to.equal(t.qualified);
      expect(valueOf(el, t.terms[4])).to.equal(t.rejected);
      expect(label(el, 'rejectCode')).to.equal(t.code);
      expect(label(el, 'rejectReason')).to.equal(t.reasonOptional);
      expect(label(el, 'reassignOwner')).to.equal(t.reassign);
      expect(text(el.shadowRoot!.getElementById('help'))).to.equal(t.help);
      expect(text(codeSelect(el).options[0])).to.equal(t.choose);
      expect([...codeSelect(el).options].map(text)).to.include(t.other);
      expect(text(confirmButton(el))).to.equal(t.confirm);
      expect(text(part(el, 'cancel-button'))).to.equal(t.cancel);
      await chooseCode(el, 'OTHER');
      expect(label(el, 'rejectReason')).to.equal(t.reasonRequired);
      await chooseCode(el, '');
      await confirmReject(el);
      expect(fieldError(el, 'rejectCode')).to.equal(t.codeRequired);
    });

    it('renders every label of the summary, the date and time in the user locale', async () => {
      const {element: el, state} = await renderRejectLead({locale, leadId: 'L-1002'});
      await chooseCode(el, 'OTHER');
      await typeReason(el, 'Grund / reason');
      reassignBox(el).click();
      await confirmReject(el);
      expect(text(part(el, 'title'))).to.equal(t.summary);
      expect([...el.shadowRoot!.querySelectorAll('dt')].map(text)).to.deep.equal(t.summaryTerms);
      expect(valueOf(el, t.summaryTerms[1])).to.equal(t.rejected);
      expect(valueOf(el, t.summaryTerms[3])).to.equal(t.other);
      const at = state.leads.get('L-1002')!.rejection!.rejectedAt;
      const expected = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'});
      expect(valueOf(el, t.summaryTerms[5])).to.equal(expected.format(new Date(at)));
      expect(part(el, 'summary')!.querySelector('time')!.getAttribute('datetime')).to.equal(at);
    });
  });
}

describe('<crm-reject-lead>: the other texts in both languages', () => {
  it('Book mode, progress, no privilege and the banner actions', async () => {
    const {element: de, mockHost} = await renderRejectLead({
      locale: 'de',
      mockHost: {ownershipMode: 'book'},
    });
    expect(text(part(de, 'reassign-disabled-reason'))).to.equal(
      'Nicht verfügbar: Leads sind im Buchmodus.',
    );
    await chooseCode(de, 'DUPLICATE');
    confirmButton(de).click();
    await de.updateComplete;
    expect(text(confirmButton(de))).to.equal('Wird zurückgewiesen…');
    await waitUntil(() => part(de, 'summary'), 'rejected');

    const {element: en} = await renderRejectLead({locale: 'en', leadId: 'L-1004', mockHost});
    expect(text(part(en, 'reassign-disabled-reason'))).to.equal(
      'Not available: leads are in Book mode.',
    );
    const {element: lena} = await renderRejectLead({user: 'lena', locale: 'de', mockHost});
    expect(text(part(lena, 'message'))).to.equal(
      'Ihrer Rolle fehlt die Berechtigung „Leads zurückweisen“.',
    );
  });

  it('follows the language of a regional locale (de-AT) and falls back to English', async () => {
    const {element: at} = await renderRejectLead({locale: 'de-AT'});
    expect(text(part(at, 'title'))).to.equal('Lead zurückweisen');
    const {element: fr} = await renderRejectLead({locale: 'fr'});
    expect(text(part(fr, 'title'))).to.equal('Reject Lead');
  });
});

describe('<crm-reject-lead>: accessibility', () => {
  after(() => emulateMedia({colorScheme: 'light'}));

  it('every control is labelled and described', async () => {
    const {element: el} = await renderRejectLead({
      locale: 'en',
      mockHost: {ownershipMode: 'book'},
    });
    for (const control of [codeSelect(el), reasonArea(el), reassignBox(el)]) {
      expect(control.labels!.length, control.id).to.equal(1);
      for (const id of (control.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)) {
        expect(el.shadowRoot!.getElementById(id), `${control.id} → #${id}`).to.not.equal(null);
      }
    }
    expect(reasonArea(el).getAttribute('aria-describedby')).to.contain('counter');
    expect(reassignBox(el).getAttribute('aria-describedby')).to.contain('book');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no violations in the form, error and success states (${scheme})`, async () => {
      await emulateMedia({colorScheme: scheme});
      const {element: el, state} = await renderRejectLead({locale: 'de'});
      await expectNoAxeViolations(el);

      await chooseCode(el, 'OTHER');
      await confirmReject(el); // reason missing: inline error
      expect(fieldError(el, 'rejectReason')).to.not.equal(undefined);
      await expectNoAxeViolations(el);

      await typeReason(el, 'Kein Bedarf');
      state.leads.get('L-1001')!.version += 1;
      await confirmReject(el); // 409: banner with Reload
      expect(part(el, 'reload-button')).to.not.equal(null);
      await expectNoAxeViolations(el);

      part<HTMLButtonElement>(el, 'reload-button')!.click();
      await waitUntil(() => !part(el, 'error-banner'), 'reloaded');
      await confirmReject(el);
      expect(part(el, 'summary')).to.not.equal(null);
      await expectNoAxeViolations(el);

      const {element: lena} = await renderRejectLead({user: 'lena', locale: 'de'});
      await expectNoAxeViolations(lena);
    });
  }

  it('dark scheme changes the colours', async () => {
    await emulateMedia({colorScheme: 'light'});
    const {element: el} = await renderRejectLead({locale: 'en'});
    const light = getComputedStyle(el).backgroundColor;
    await emulateMedia({colorScheme: 'dark'});
    const dark = getComputedStyle(el).backgroundColor;
    expect(light).to.equal('rgb(255, 255, 255)');
    expect(dark).to.not.equal(light);
  });

  it('a host themes it through --crm-* custom properties', async () => {
    await emulateMedia({colorScheme: 'light'});
    const {element: el} = await renderRejectLead({locale: 'en'});
    el.style.setProperty('--crm-color-primary', 'rgb(1, 2, 3)');
    expect(getComputedStyle(confirmButton(el)).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('rejects with the keyboard only, and announces the result', async () => {
    const rendered = await renderRejectLead({locale: 'en', leadId: 'L-1002'});
    const el = rendered.element;
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
    await sendKeys({press: 'ArrowDown'}); // first code: 3rd Party Contact
    expect(codeSelect(el).value).to.equal('THIRD_PARTY_CONTACT');
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(reasonArea(el));
    await sendKeys({type: 'Typed with keys'});
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(reassignBox(el));
    await sendKeys({press: 'Space'});
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(confirmButton(el));
    const rejected = oneEvent(el, 'crm-lead-rejected');
    await sendKeys({press: 'Enter'});
    await rejected;
    await el.updateComplete;
    expect(rejectsOf(rendered)[0]!.body).to.deep.equal({
      rejectCode: 'THIRD_PARTY_CONTACT',
      rejectReason: 'Typed with keys',
      reassignOwner: true,
    });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'summary')!.querySelector('h2'));
    expect(text(el.shadowRoot!.querySelector('[aria-live="polite"]'))).to.contain('Lead rejected');
  });

  it('with the keyboard, an invalid confirm moves the focus to the first invalid field', async () => {
    const rendered = await renderRejectLead({locale: 'en'});
    const el = rendered.element;
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(confirmButton(el));
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(codeSelect(el));
    expect(rejectsOf(rendered)).to.have.length(0);
  });
});
