import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import {setupWorker} from 'msw/browser';
import {HostApiError, NetworkError} from '@crmkit/sdk';
import {createRestHostApi} from './create-rest-host-api.js';

const worker = setupWorker(
  http.get('/api/me', () => HttpResponse.error()),
  http.get('/api/leads', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return HttpResponse.json([]);
  }),
  http.get('/api/settings/lead', ({request}) =>
    HttpResponse.json(
      {
        type: 'urn:crmkit:problem:missing-privilege',
        status: 403,
        title: 'Missing privilege',
        detail: request.headers.get('Accept-Language') === 'de' ? 'Recht fehlt.' : 'No privilege.',
        code: 'missing-privilege',
        privilege: 'leads.read',
      },
      {status: 403, headers: {'Content-Type': 'application/problem+json'}},
    ),
  ),
);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('createRestHostApi in the browser', () => {
  before(() => worker.start({quiet: true, serviceWorker: {url: '/mockServiceWorker.js'}}));
  after(() => worker.stop());

  it('turns a failed fetch into a NetworkError', async () => {
    const error = await failure(createRestHostApi({token: 'max'}).getCurrentUser());
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).code).to.equal('network-error');
  });

  it('rejects an aborted call with an AbortError, not a NetworkError', async () => {
    const controller = new AbortController();
    const pending = failure(
      createRestHostApi({token: 'max'}).listLeads({}, {signal: controller.signal}),
    );
    controller.abort();
    const error = await pending;
    expect(error).not.to.be.instanceOf(NetworkError);
    expect((error as Error).name).to.equal('AbortError');
  });

  it('maps a problem document in the language it asked for', async () => {
    const error = await failure(createRestHostApi({token: 'lena', locale: 'de'}).getLeadSettings());
    expect(error).to.be.instanceOf(HostApiError);
    expect((error as HostApiError).status).to.equal(403);
    expect((error as HostApiError).message).to.equal('Recht fehlt.');
  });
});
