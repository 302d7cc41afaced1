import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {http, HttpResponse} from 'msw';
import {setupServer} from 'msw/node';
import {HostApiError} from '@crmkit/sdk';
import {createRestAdminApi} from './create-rest-admin-api.js';
import {createMockHost} from './msw/create-mock-host.js';

const baseUrl = 'http://crm.test';
const seen: Array<{
  method: string;
  path: string;
  type: string | null;
  auth: string | null;
  body: Uint8Array;
}> = [];
const server = setupServer(
  http.all(`${baseUrl}/api/*`, async ({request}) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      type: request.headers.get('Content-Type'),
      auth: request.headers.get('Authorization'),
      body: new Uint8Array(await request.arrayBuffer()),
    });
    if (request.method === 'DELETE') return new HttpResponse(null, {status: 204});
    if (request.method === 'POST' && url.pathname === '/api/admin/plugins') {
      if (seen.at(-1)!.body.length === 0) {
        return HttpResponse.json(
          {
            status: 422,
            title: 'Unprocessable Content',
            code: 'invalid-plugin-package',
            detail: 'This is not a plugin package.',
            errors: [{field: '', code: 'not-gzip', message: 'not a gzip file'}],
          },
          {status: 422, headers: {'Content-Type': 'application/problem+json'}},
        );
      }
      // The same bytes twice answer 200 (already stored), anything else 201.
      const again = seen.filter((s) => s.path === '/api/admin/plugins').length > 1;
      return HttpResponse.json({id: 'p', version: '1.0.0'}, {status: again ? 200 : 201});
    }
    return HttpResponse.json({ok: true});
  }),
);
before(() => server.listen({onUnhandledRequest: 'error'}));
afterEach(() => (seen.length = 0));
after(() => server.close());

const api = createRestAdminApi({baseUrl, token: 'anna'});
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('each admin call goes to its route with its method and JSON body', async () => {
  await api.getLeadSettings();
  await api.putLeadSettings({ownershipMode: 'book'});
  await api.getRejectCodes();
  await api.putRejectCodes([]);
  await api.getAssignmentRules();
  await api.getAssignmentStats();
  await api.listPlugins();
  await api.updatePlugin('dev.crmkit.x', {
    version: '0.2.0',
    acceptPermissions: ['leads.read', 'leads.qualify'],
  });
  await api.listRoles();
  await api.updateRole('sales-rep', {privileges: ['leads.read']});
  await api.listUsers();
  await api.updateUser('max', {roleId: 'marketing'});
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
      'PUT /api/admin/plugins/dev.crmkit.x',
      'GET /api/admin/roles',
      'PUT /api/admin/roles/sales-rep',
      'GET /api/admin/users',
      'PUT /api/admin/users/max',
    ],
  );
  assert.equal(text(seen[1]!.body), '{"ownershipMode":"book"}');
  assert.equal(
    text(seen[7]!.body),
    '{"version":"0.2.0","acceptPermissions":["leads.read","leads.qualify"]}',
  );
  assert.equal(text(seen[9]!.body), '{"privileges":["leads.read"]}');
  assert.equal(text(seen[11]!.body), '{"roleId":"marketing"}');
  assert.equal(seen[11]!.type, 'application/json');
});

test('the audit filters become query parameters; empty ones are left out', async () => {
  await api.listAudit({leadId: 'L-1', userId: 'max', pluginId: 'dev.crmkit.x', limit: 5});
  await api.listAudit({leadId: '', userId: 'anna'});
  await api.listAudit();
  assert.deepEqual(
    seen.map((s) => s.path),
    [
      '/api/admin/audit?leadId=L-1&userId=max&pluginId=dev.crmkit.x&limit=5',
      '/api/admin/audit?userId=anna',
      '/api/admin/audit',
    ],
  );
});

test('a plugin package goes as the raw gzip body, byte for byte, with the token', async () => {
  const bytes = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0xff, 0x00, 0x80]);
  const first = await api.uploadPluginPackage(bytes);
  assert.deepEqual(first, {upload: {id: 'p', version: '1.0.0'}, created: true});
  const again = await api.uploadPluginPackage(new Blob([bytes]));
  assert.equal(again.created, false, 'the same bytes again: 200, nothing new stored');
  for (const s of seen) {
    assert.equal(`${s.method} ${s.path}`, 'POST /api/admin/plugins');
    assert.equal(s.type, 'application/gzip');
    assert.equal(s.auth, 'Bearer anna');
    assert.deepEqual(s.body, bytes);
  }
});

test('a refused package rejects with a HostApiError carrying every field error', async () => {
  const error = await api.uploadPluginPackage(new Uint8Array()).then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HostApiError);
  assert.equal(error.status, 422);
  assert.equal(error.code, 'invalid-plugin-package');
  assert.equal(error.detail, 'This is not a plugin package.');
  assert.deepEqual(error.errors, [{field: '', code: 'not-gzip', message: 'not a gzip file'}]);
});

test('ids are encoded; an empty id or a body that is not bytes is refused before any request', async () => {
  await api.uninstallPlugin('dev.crmkit/x y');
  assert.equal(seen[0]!.path, '/api/admin/plugins/dev.crmkit%2Fx%20y');
  await assert.rejects(api.uninstallPlugin(''), /plugin id must be a non-empty string/);
  await assert.rejects(api.updatePlugin('', {enabled: true}), /plugin id must be a non-empty/);
  await assert.rejects(api.updateRole('', {privileges: []}), /role id must be a non-empty/);
  await assert.rejects(api.updateUser('', {roleId: 'x'}), /user id must be a non-empty/);
  await assert.rejects(
    api.uploadPluginPackage('plugin.tgz' as unknown as Uint8Array),
    /bytes of the \.tgz/,
  );
  assert.equal(seen.length, 1);
});

test('a ruleset given as text is sent verbatim, so lint positions match what the admin typed', async () => {
  const ruleset = '{\n  "recordType": "lead",\n\n  "rules": []\n}';
  await api.putAssignmentRules(ruleset);
  await api.putAssignmentRules({recordType: 'lead'});
  assert.equal(text(seen[0]!.body), ruleset);
  assert.equal(text(seen[1]!.body), '{"recordType":"lead"}');
});

test('the ruleset preview posts the text verbatim, with the reject code and replay count as query', async () => {
  const ruleset = '{\n  "recordType": "lead",\n  "rules": []\n}';
  await api.previewAssignmentRules(ruleset, {rejectCode: 'DUPLICATE', replay: 0});
  await api.previewAssignmentRules({recordType: 'lead'});
  await api.previewAssignmentRules(ruleset, {rejectCode: ''});
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.path}`),
    [
      // replay 0 is a count (replay none), not a missing value
      'POST /api/admin/assignment-rules/preview?rejectCode=DUPLICATE&replay=0',
      'POST /api/admin/assignment-rules/preview',
      // an empty code is left out: the host's default (OTHER) applies
      'POST /api/admin/assignment-rules/preview',
    ],
  );
  assert.equal(text(seen[0]!.body), ruleset);
  assert.equal(seen[0]!.type, 'application/json');
  assert.equal(text(seen[1]!.body), '{"recordType":"lead"}');
});

test('versions: list, one version, and a rollback that posts no body', async () => {
  await api.listAssignmentRulesVersions();
  await api.getAssignmentRulesVersion(3);
  await api.activateAssignmentRulesVersion(2);
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.path}`),
    [
      'GET /api/admin/assignment-rules/versions',
      'GET /api/admin/assignment-rules/versions/3',
      'POST /api/admin/assignment-rules/versions/2/activate',
    ],
  );
  assert.equal(seen[2]!.body.length, 0);
  assert.equal(seen[2]!.type, null);
});

test('a version that is not a positive integer is refused before any request', async () => {
  for (const bad of [0, -1, 1.5, Number.NaN, '2' as unknown as number]) {
    await assert.rejects(api.getAssignmentRulesVersion(bad), /version must be a positive integer/);
    await assert.rejects(
      api.activateAssignmentRulesVersion(bad),
      /version must be a positive integer/,
    );
  }
  assert.equal(seen.length, 0);
});

test('against the mock host (host-core’s routes): preview, versions and a rollback round trip', async () => {
  const host = createMockHost();
  const admin = createRestAdminApi({token: 'anna', fetch: host.fetch});
  const active = await admin.getAssignmentRules();
  const [seed] = await admin.listAssignmentRulesVersions();
  assert.ok(seed?.active, 'the demo data activates a ruleset');

  const candidate = structuredClone(active) as {description?: string; unassignedOwner: string};
  candidate.unassignedOwner = 'sofia';
  const preview = await admin.previewAssignmentRules(candidate, {rejectCode: 'OTHER', replay: 0});
  assert.equal(preview.rejectCode, 'OTHER');
  assert.equal(preview.active.version, seed.version);
  assert.equal(preview.replayed.evaluated, 0);
  assert.ok(preview.leads.evaluated > 0);
  assert.ok(Array.isArray(preview.candidate.rules));

  await admin.putAssignmentRules(candidate as Record<string, unknown>);
  const [activated] = await admin.listAssignmentRulesVersions();
  assert.ok(activated && activated.active && activated.version > seed.version);
  assert.equal(activated.activatedBy?.id, 'anna');

  const rolledBack = await admin.activateAssignmentRulesVersion(seed.version);
  assert.equal(rolledBack.restoredFrom, seed.version);
  assert.equal(rolledBack.active, true);
  assert.deepEqual(rolledBack.ruleset, active);
  assert.deepEqual((await admin.getAssignmentRulesVersion(rolledBack.version)).ruleset, active);
  assert.deepEqual(await admin.getAssignmentRules(), active);

  const missing = await admin.getAssignmentRulesVersion(9999).then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(missing instanceof HostApiError);
  assert.equal(missing.status, 404);
});
