import {expect} from '@open-wc/testing';
import {setupWorker} from 'msw/browser';
import {HostApiError} from '@crmkit/sdk';
import {createRestAdminApi} from '../create-rest-admin-api.js';
import {createRestHostApi} from '../create-rest-host-api.js';
import {createMockHost} from './create-mock-host.js';

const host = createMockHost();
const worker = setupWorker(...host.handlers);

describe('createMockHost in the browser (msw service worker)', () => {
  before(() => worker.start({quiet: true, serviceWorker: {url: '/mockServiceWorker.js'}}));
  afterEach(() => host.reset());
  after(() => worker.stop());

  it('answers same-origin calls of the rest client: reject, then read the lead back', async () => {
    const api = createRestHostApi({token: 'max'});
    const {lead} = await api.rejectLead(
      'L-1001',
      {rejectCode: 'OTHER', rejectReason: ' Kein Bedarf ', reassignOwner: false},
      {ifMatch: 1, idempotencyKey: crypto.randomUUID()},
    );
    expect(lead.status).to.equal('Rejected');
    expect(lead.rejection?.reason).to.equal('Kein Bedarf');
    expect((await api.getLead('L-1001')).version).to.equal(2);
  });

  it('labels the picklist in the user locale and refuses lena with 403', async () => {
    const codes = await createRestHostApi({token: 'max'}).getRejectCodes();
    expect(codes.find((c) => c.key === 'OTHER')?.label).to.equal('Sonstige');
    let error: unknown;
    try {
      await createRestHostApi({token: 'lena'}).rejectLead('L-1001', {
        rejectCode: 'DUPLICATE',
        reassignOwner: false,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(HostApiError);
    expect((error as HostApiError).code).to.equal('missing-privilege');
  });

  it('checks an uploaded plugin package in the browser too: not gzip, refused naming why', async () => {
    const admin = createRestAdminApi({token: 'anna', locale: 'en'});
    let error: unknown;
    try {
      await admin.uploadPluginPackage(new TextEncoder().encode('a zip, not a tgz'));
    } catch (e) {
      error = e;
    }
    expect((error as HostApiError).code).to.equal('invalid-plugin-package');
    expect((error as HostApiError).errors.map((e) => e.code)).to.deep.equal(['not-gzip']);
  });
});
