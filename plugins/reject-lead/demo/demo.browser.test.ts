// Opens the demo page (served by the test runner with the same transforms) in an iframe and rejects
// a lead in it, as a visitor would: the demo runs the element against the msw mock host, no server.
import {expect, waitUntil} from '@open-wc/testing';
import type {CrmRejectLead} from '../src/index.js';

async function openDemo(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./index.html', import.meta.url).pathname;
  frame.style.width = '900px';
  frame.style.height = '900px';
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.body?.dataset['ready'] === 'true', 'demo ready', {
    timeout: 20000,
  });
  return frame;
}

describe('the demo page', function () {
  // As long as its own waits (20 s for the page, 10 s each for the form and the reject): the page
  // bundles the element and the mock host when it loads, which takes long on a busy machine.
  this.timeout(40_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('rejects a lead against the mock host and logs the event', async () => {
    frame = await openDemo();
    const doc = frame.contentDocument!;
    const el = doc.querySelector<CrmRejectLead>('crm-reject-lead')!;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('form'), 'form shown', {timeout: 10000});
    expect(root.querySelector('[part~="title"]')!.textContent).to.equal('Lead zurückweisen');
    const select = root.querySelector<HTMLSelectElement>('[part~="code-select"]')!;
    select.value = 'DUPLICATE';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
    await waitUntil(() => root.querySelector('[part~="summary"]'), 'rejected', {timeout: 10000});
    expect(root.querySelector('[part~="summary"]')!.textContent).to.contain('Duplikat');
    expect(doc.querySelector('#log')!.textContent).to.contain(
      'crm-lead-rejected L-1001: Rejected, code DUPLICATE',
    );
    const lead = doc.querySelector<HTMLSelectElement>('select[name="lead"]')!;
    expect(lead.selectedOptions[0]!.textContent).to.contain('(Rejected)');
  });

  it('switches language and ownership mode through its controls', async () => {
    frame = await openDemo();
    const doc = frame.contentDocument!;
    const locale = doc.querySelector<HTMLSelectElement>('select[name="locale"]')!;
    locale.value = 'en';
    locale.dispatchEvent(new Event('change', {bubbles: true}));
    const mode = doc.querySelector<HTMLSelectElement>('select[name="mode"]')!;
    mode.value = 'book';
    mode.dispatchEvent(new Event('change', {bubbles: true}));
    await waitUntil(
      () => {
        const root = doc.querySelector('crm-reject-lead')?.shadowRoot;
        return (
          root?.querySelector('[part~="title"]')?.textContent === 'Reject Lead' &&
          root.querySelector<HTMLInputElement>('[part~="reassign-checkbox"]')?.disabled
        );
      },
      'English, Book mode',
      {timeout: 10000},
    );
  });
});
