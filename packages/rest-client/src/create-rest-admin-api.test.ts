import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {http, HttpResponse} from 'msw';
import {setupServer} from 'msw/node';
import {createRestAdminApi} from './create-rest-admin-api.js';

const baseUrl = 'http://crm.test';
const seen: Array<{method: string; path: string; body: string}> = [];
const server = setupServer(
  http.all(`${baseUrl}/api/*`, async ({request}) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      body: await request.text(),
    });
    if (request.method === 'DELETE') return new HttpResponse(null, {status: 204});
    if (request.method === 'POST')
      return HttpResponse.json({id: 'p'}, {status: url.search ? 200 : 201});
    return HttpResponse.json({ok: true});
  }),
);
before(() => server.listen({onUnhandledRequest: 'error'}));
afterEach(() => (seen.length = 0));
after(() => server.close());

const api = createRestAdminApi({baseUrl, token: 'anna'});

test('each admin call goes to its route with its method', async () => {
  await api.getLeadSettings();
  await api.putLeadSettings({ownershipMode: 'book'});
  await api.getRejectCodes();
  await api.putRejectCodes([]);
  await api.getAssignmentRules();
  await api.getAssignmentStats();
  await api.listPlugins();
  await api.listAudit({leadId: 'L-1', limit: 5});
  await api.listAudit();
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.path}`),
    [
      'GET /api/admin/settings/lead',
      'PUT /api/admin/settings/lead',
      'GET /api/admin/reject-codes',
      'PUT /api/admin/reject-codes',
      'GET /api/admin/assignment-rules',
      'GET /api/admin/assignment-rules/stats',
      'GET /api/admin/plugins',
      'GET /api/admin/audit?leadId=L-1&limit=5',
      'GET /api/admin/audit',
    ],
  );
  assert.equal(seen[1]!.body, '{"ownershipMode":"book"}');
});

test('a ruleset given as text is sent verbatim, so lint positions match what the admin typed', async () => {
  const text = '{\n  "recordType": "lead",\n\n  "rules": []\n}';
  await api.putAssignmentRules(text);
  await api.putAssignmentRules({recordType: 'lead'});
  assert.equal(seen[0]!.body, text);
  assert.equal(seen[1]!.body, '{"recordType":"lead"}');
});

test('installPlugin tells a new installation (201) from a replaced one (200); uninstall encodes the id', async () => {
  const created = await api.installPlugin({manifestUrl: '/p.json', manifest: {}});
  assert.deepEqual(created, {plugin: {id: 'p'}, created: true});
  await api.uninstallPlugin('dev.crmkit/x y');
  assert.equal(seen[1]!.path, '/api/admin/plugins/dev.crmkit%2Fx%20y');
  await assert.rejects(api.uninstallPlugin(''), /plugin id must be a non-empty string/);
});
