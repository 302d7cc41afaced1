import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {pluginPackage} from '../../test/plugin-package-fixture.js';
import {memoryHost} from '../../test/memory-host.js';

const REJECTER = 'dev.crmkit.rejecter';
const READER = 'dev.crmkit.reader';
const reject = {rejectCode: 'DUPLICATE', reassignOwner: false};

/** A host with two enabled plugins: one that may reject, one that only reads. */
async function withPlugins(now?: () => Date) {
  const host = memoryHost(now ? {now} : {});
  for (const [id, permissions] of [
    [REJECTER, ['leads.read', 'leads.reject']],
    [READER, ['leads.read']],
  ] as const) {
    const bytes = pluginPackage({manifest: {id, permissions}});
    assert.equal((await host.call('POST', '/api/admin/plugins', {as: 'anna', bytes})).status, 201);
    await host.call('PUT', `/api/admin/plugins/${id}`, {as: 'anna', json: {enabled: true}});
  }
  const mint = async (as: string, pluginId: string) =>
    (await host.call('POST', '/api/plugin-sessions', {as, json: {pluginId}})).body;
  const asPlugin = (token: string) => ({headers: {authorization: `Bearer ${token}`}});
  return {...host, mint, asPlugin};
}

describe('page sessions', () => {
  test('the cookie is HttpOnly and SameSite=Strict; calls with it need the CSRF header from the same origin', async () => {
    const {call} = memoryHost();
    const started = await call('POST', '/api/sessions', {as: 'max'});
    assert.equal(started.status, 201);
    const cookie = started.headers['set-cookie']!;
    assert.match(
      cookie,
      /^crmkit_session=crs_[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );
    const session = cookie.split(';')[0]!;
    const me = await call('GET', '/api/me', {
      headers: {cookie: session, 'x-crmkit-csrf': '1', host: 'crm.test', origin: 'http://crm.test'},
    });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, 'max');
    for (const [what, headers] of [
      ['without the header', {cookie: session}],
      [
        'from another origin',
        {cookie: session, 'x-crmkit-csrf': '1', host: 'crm.test', origin: 'https://evil.test'},
      ],
      [
        'from a sandboxed frame',
        {cookie: session, 'x-crmkit-csrf': '1', host: 'crm.test', origin: 'null'},
      ],
      [
        'cross-site by fetch metadata',
        {cookie: session, 'x-crmkit-csrf': '1', 'sec-fetch-site': 'cross-site'},
      ],
    ] as const) {
      const refused = await call('POST', '/api/leads/L-1001/reject', {json: reject, headers});
      assert.equal(refused.status, 403, what);
      assert.equal(refused.body.code, 'csrf', what);
    }
    const out = await call('DELETE', '/api/sessions/current', {
      headers: {cookie: session, 'x-crmkit-csrf': '1'},
    });
    assert.equal(out.status, 204);
    assert.match(out.headers['set-cookie']!, /Max-Age=0/);
    const after = await call('GET', '/api/me', {headers: {cookie: session, 'x-crmkit-csrf': '1'}});
    assert.equal(after.status, 401);
  });

  test('the store keeps only a hash of the token', async () => {
    const {call, store} = memoryHost();
    const cookie = (await call('POST', '/api/sessions', {as: 'max'})).headers['set-cookie']!;
    const token = /crmkit_session=([^;]+)/.exec(cookie)![1]!;
    assert.ok(!JSON.stringify(store.state.sessions).includes(token));
  });
});

describe('plugin credentials', () => {
  test('scopes are the declared permissions the user holds; reject-lead-like rejects, audited with its id', async () => {
    const {call, mint, asPlugin, store} = await withPlugins();
    const rejecter = await mint('max', REJECTER);
    assert.match(rejecter.token, /^cps_/);
    assert.deepEqual(rejecter.scopes, ['leads.read', 'leads.reject']);
    const me = await call('GET', '/api/me', asPlugin(rejecter.token));
    assert.deepEqual(me.body.plugin, {id: REJECTER, scopes: ['leads.read', 'leads.reject']});
    const done = await call('POST', '/api/leads/L-1001/reject', {
      json: reject,
      ...asPlugin(rejecter.token),
    });
    assert.equal(done.status, 200);
    const audit = store.state.audit.at(-1)!;
    assert.equal(audit.action, 'lead.rejected');
    assert.equal(audit.userId, 'max');
    assert.equal(audit.pluginId, REJECTER);
    // lena's role cannot reject: her credential for the same plugin cannot either.
    assert.deepEqual((await mint('lena', REJECTER)).scopes, ['leads.read']);
  });

  test('a leads.read plugin is refused a reject with outside-plugin-scope naming privilege and plugin', async () => {
    const {call, mint, asPlugin, store} = await withPlugins();
    const reader = await mint('max', READER);
    const refused = await call('POST', '/api/leads/L-1001/reject', {
      json: reject,
      ...asPlugin(reader.token),
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'outside-plugin-scope');
    assert.equal(refused.body.privilege, 'leads.reject');
    assert.equal(refused.body.pluginId, READER);
    assert.match(refused.body.detail, /dev\.crmkit\.reader/);
    assert.equal(store.state.leads.get('L-1001')!.status, 'Qualified');
    assert.equal((await call('GET', '/api/leads/L-1001', asPlugin(reader.token))).status, 200);
  });

  test("neither credential reaches an admin or session route, max's or anna's", async () => {
    const {call, mint, asPlugin} = await withPlugins();
    for (const [user, pluginId] of [
      ['anna', REJECTER],
      ['anna', READER],
      ['max', REJECTER],
    ] as const) {
      const {token} = await mint(user, pluginId);
      for (const [method, path, json] of [
        ['GET', '/api/admin/roles', undefined],
        ['GET', '/api/admin/audit', undefined],
        ['PUT', '/api/admin/settings/lead', {ownershipMode: 'book'}],
        ['PUT', `/api/admin/plugins/${pluginId}`, {trusted: true}],
        ['POST', '/api/plugin-sessions', {pluginId: REJECTER}],
        ['POST', '/api/sessions', undefined],
      ] as const) {
        const answer = await call(method, path, {...asPlugin(token), ...(json ? {json} : {})});
        assert.equal(answer.status, 403, `${pluginId} ${method} ${path}`);
        assert.equal(answer.body.code, 'outside-plugin-scope', `${pluginId} ${method} ${path}`);
      }
    }
  });

  test('scopes narrow at once: disabling the plugin or taking the privilege from the role', async () => {
    const {call, mint, asPlugin} = await withPlugins();
    const {token} = await mint('max', REJECTER);
    await call('PUT', '/api/admin/roles/sales-rep', {
      as: 'anna',
      json: {privileges: ['leads.read', 'leads.qualify', 'leads.convert']},
    });
    const noRole = await call('POST', '/api/leads/L-1001/reject', {
      json: reject,
      ...asPlugin(token),
    });
    // The scopes narrowed with the role: the plugin is refused as a plugin.
    assert.equal(noRole.status, 403);
    assert.equal(noRole.body.code, 'outside-plugin-scope');
    await call('PUT', `/api/admin/plugins/${REJECTER}`, {as: 'anna', json: {enabled: false}});
    const disabled = await call('GET', '/api/leads/L-1001', asPlugin(token));
    assert.equal(disabled.status, 403);
    assert.equal(disabled.body.code, 'outside-plugin-scope');
    const minted = await call('POST', '/api/plugin-sessions', {
      as: 'max',
      json: {pluginId: REJECTER},
    });
    assert.equal(minted.status, 404);
    assert.equal(minted.body.code, 'plugin-not-found');
  });

  test('a credential expires after 15 minutes: 401, and a new one is minted', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const {call, mint, asPlugin} = await withPlugins(() => now);
    const {token, expiresAt} = await mint('max', READER);
    assert.equal(expiresAt, '2026-12-01T10:15:00.000Z');
    now = new Date('2026-12-01T10:15:00Z');
    const expired = await call('GET', '/api/leads/L-1001', asPlugin(token));
    assert.equal(expired.status, 401);
    assert.match(expired.body.detail, /abgelaufen|expired/);
    const fresh = await mint('max', READER);
    assert.equal((await call('GET', '/api/leads/L-1001', asPlugin(fresh.token))).status, 200);
  });
});
