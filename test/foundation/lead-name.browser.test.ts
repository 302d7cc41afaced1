import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import {setupWorker} from 'msw/browser';
import type {TestLeadName} from './lead-name.js';
import './lead-name.js';

const worker = setupWorker(
  http.get('/api/leads/:id', ({params}) =>
    params.id === 'L-1'
      ? HttpResponse.json({id: 'L-1', firstName: 'Jana', lastName: 'Krüger'})
      : HttpResponse.json({code: 'lead-not-found'}, {status: 404}),
  ),
);

before(() => worker.start({quiet: true, serviceWorker: {url: '/mockServiceWorker.js'}}));
after(() => worker.stop());

describe('a Lit element fetching through msw', () => {
  it('renders the lead returned by the mocked API', async () => {
    const el = await fixture<TestLeadName>(html`<test-lead-name></test-lead-name>`);
    const loaded = oneEvent(el, 'loaded');
    el.setAttribute('lead-id', 'L-1');
    await loaded;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('output')!.textContent).to.equal('Jana Krüger');
  });

  it('shows the status of a failed request', async () => {
    const el = await fixture<TestLeadName>(html`<test-lead-name lead-id="L-404"></test-lead-name>`);
    await waitUntil(() => el.shadowRoot!.querySelector('output')!.textContent !== '');
    expect(el.shadowRoot!.querySelector('output')!.textContent).to.equal('error 404');
  });
});
