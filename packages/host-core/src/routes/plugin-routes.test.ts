import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FIXTURE_ENTRY, pluginPackage, sri} from '../../test/plugin-package-fixture.js';
import {memoryHost} from '../../test/memory-host.js';

const ID = 'dev.crmkit.fixture';
const v = (version: string, permissions: string[] = ['leads.read'], entry = FIXTURE_ENTRY) =>
  pluginPackage({manifest: {version, permissions}, entry});

describe('uploading a plugin package', () => {
  test('a new plugin is installed disabled (201); the same bytes again 200; other bytes 409', async () => {
    const {call, store} = memoryHost();
    const bytes = v('1.0.0');
    const first = await call('POST', '/api/admin/plugins', {as: 'anna', bytes});
    assert.equal(first.status, 201);
    assert.equal(first.body.id, ID);
    assert.equal(first.body.enabled, false);
    assert.deepEqual(first.body.permissions, ['leads.read']);
    assert.equal(first.body.integrity, sri(FIXTURE_ENTRY));
    assert.equal(first.body.size, bytes.length);
    assert.deepEqual(first.body.files, [
      {path: 'plugin.json', size: first.body.files[0].size},
      {path: 'dist/index.js', size: FIXTURE_ENTRY.length},
    ]);
    assert.equal(first.body.plugin.enabled, false);
    assert.deepEqual(first.body.plugin.acceptedPermissions, []);
    assert.equal(store.state.audit.at(-1)!.action, 'plugin.installed');
    assert.equal(store.state.audit.at(-1)!.pluginId, ID);

    const again = await call('POST', '/api/admin/plugins', {as: 'anna', bytes});
    assert.equal(again.status, 200);
    assert.equal(store.state.pluginPackages.length, 1);

    const other = await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: v('1.0.0', ['leads.read'], `${FIXTURE_ENTRY}// changed\n`),
    });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'plugin-version-exists');
    assert.equal(other.body.pluginId, ID);
    assert.match(other.body.detail, /erhöhen Sie „version“/); // anna reads German
    assert.equal(store.state.pluginPackages.length, 1);
  });

  test('a refused package stores nothing and names the file; the texts come in both languages', async () => {
    const {call, store} = memoryHost();
    const before = structuredClone(store.state.audit);
    const bad = await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: pluginPackage({entry: FIXTURE_ENTRY, integrity: sri('something else')}),
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'invalid-plugin-package');
    assert.deepEqual(
      bad.body.errors.map((e: {field: string; code: string}) => [e.field, e.code]),
      [['dist/index.js', 'integrity-mismatch']],
    );
    assert.match(bad.body.errors[0].message, /Die Bytes von dist\/index.js/); // anna speaks German
    assert.equal(store.state.pluginPackages.length, 0);
    assert.equal(store.state.plugins.length, 0);
    assert.deepEqual(store.state.audit, before);
  });

  test('only application/gzip (415 otherwise) and only with plugins.manage (403)', async () => {
    const {call} = memoryHost();
    const json = await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: v('1.0.0'),
      type: 'application/json',
    });
    assert.equal(json.status, 415);
    assert.equal(json.body.code, 'unsupported-media-type');
    const max = await call('POST', '/api/admin/plugins', {as: 'max', bytes: v('1.0.0')});
    assert.equal(max.status, 403);
    assert.equal(max.body.privilege, 'plugins.manage');
  });

  test('an invalid manifest is 422 invalid-manifest, fields under /plugin.json', async () => {
    const {call} = memoryHost();
    const answer = await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: pluginPackage({manifest: {permissions: ['leads.delete']}}),
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'invalid-manifest');
    assert.ok(
      answer.body.errors.some((e: {field: string}) =>
        e.field.startsWith('/plugin.json/permissions'),
      ),
    );
  });
});

describe('consent, upgrades and roll backs', () => {
  async function installed(permissions = ['leads.read']) {
    const host = memoryHost();
    assert.equal(
      (await host.call('POST', '/api/admin/plugins', {as: 'anna', bytes: v('1.0.0', permissions)}))
        .status,
      201,
    );
    return host;
  }

  test('pages get only enabled plugins; enabling is consent, audited with the permissions', async () => {
    const {call, store} = await installed();
    assert.deepEqual((await call('GET', '/api/plugins', {as: 'max'})).body, []);
    const enabled = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {enabled: true},
    });
    assert.equal(enabled.status, 200);
    assert.deepEqual(enabled.body.acceptedPermissions, ['leads.read']);
    const audit = store.state.audit.at(-1)!;
    assert.equal(audit.action, 'plugin.enabled');
    assert.deepEqual(audit.detail, {id: ID, version: '1.0.0', permissions: ['leads.read']});
    const pages = (await call('GET', '/api/plugins', {as: 'max'})).body;
    assert.deepEqual(pages, [
      {
        id: ID,
        version: '1.0.0',
        manifest: pages[0].manifest,
        baseUrl: `/plugins/${ID}/1.0.0/`,
        entryUrl: `/plugins/${ID}/1.0.0/dist/index.js`,
        integrity: sri(FIXTURE_ENTRY),
        config: {greeting: 'Hello'},
        isolation: 'frame',
      },
    ]);
    assert.equal(pages[0]!.manifest.integrity, sri(FIXTURE_ENTRY));
    await call('PUT', `/api/admin/plugins/${ID}`, {as: 'anna', json: {enabled: false}});
    assert.deepEqual((await call('GET', '/api/plugins', {as: 'max'})).body, []);
    assert.equal(store.state.audit.at(-1)!.action, 'plugin.disabled');
  });

  test('an upgrade asking for more stays pending (409 with the added ones) until accepted; the old version runs meanwhile', async () => {
    const {call, store} = await installed();
    await call('PUT', `/api/admin/plugins/${ID}`, {as: 'anna', json: {enabled: true}});
    const uploaded = await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: v('1.1.0', ['leads.read', 'leads.qualify']),
    });
    assert.equal(uploaded.status, 201);
    assert.equal(uploaded.body.enabled, false);
    assert.deepEqual(uploaded.body.plugin.upgrade, {
      version: '1.1.0',
      permissions: ['leads.read', 'leads.qualify'],
      addedPermissions: ['leads.qualify'],
    });
    assert.equal((await call('GET', '/api/plugins', {as: 'max'})).body[0].version, '1.0.0');

    const unaccepted = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '1.1.0'},
    });
    assert.equal(unaccepted.status, 409);
    assert.equal(unaccepted.body.code, 'permissions-not-accepted');
    assert.deepEqual(unaccepted.body.added, ['leads.qualify']);
    const partly = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '1.1.0', acceptPermissions: ['leads.read']},
    });
    assert.equal(partly.status, 409);
    assert.deepEqual(partly.body.added, ['leads.qualify']);
    assert.equal((await call('GET', '/api/plugins', {as: 'max'})).body[0].version, '1.0.0');

    const accepted = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '1.1.0', acceptPermissions: ['leads.qualify', 'leads.read']},
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.version, '1.1.0');
    assert.equal(accepted.body.previousVersion, '1.0.0');
    assert.equal(accepted.body.upgrade, null);
    assert.deepEqual(accepted.body.acceptedPermissions, ['leads.read', 'leads.qualify']);
    assert.equal(store.state.audit.at(-1)!.action, 'plugin.version-changed');
    assert.equal((await call('GET', '/api/plugins', {as: 'max'})).body[0].version, '1.1.0');

    // Roll back: fewer permissions need no consent; the previous version runs again.
    const back = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '1.0.0'},
    });
    assert.equal(back.status, 200);
    assert.equal(back.body.version, '1.0.0');
    assert.equal(back.body.previousVersion, '1.1.0');
    assert.equal((await call('GET', '/api/plugins', {as: 'max'})).body[0].version, '1.0.0');
  });

  test('a disabled plugin may switch versions without consent; enabling it later consents to that version', async () => {
    const {call} = await installed();
    await call('POST', '/api/admin/plugins', {
      as: 'anna',
      bytes: v('2.0.0', ['leads.read', 'leads.archive']),
    });
    const switched = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '2.0.0'},
    });
    assert.equal(switched.status, 200);
    const enabled = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {enabled: true},
    });
    assert.deepEqual(enabled.body.acceptedPermissions, ['leads.read', 'leads.archive']);
  });

  test('an unknown version is 422; a bad config 422 with the field; an unknown plugin 404', async () => {
    const {call} = await installed();
    const unknown = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {version: '9.9.9'},
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.code, 'unknown-plugin-version');
    assert.match(unknown.body.detail, /gespeichert: 1\.0\.0/);
    const config = await call('PUT', `/api/admin/plugins/${ID}`, {
      as: 'anna',
      json: {config: {greeting: 7}},
    });
    assert.equal(config.status, 422);
    assert.equal(config.body.code, 'invalid-plugin-config');
    assert.equal(config.body.errors[0].field, '/config/greeting');
    const missing = await call('PUT', '/api/admin/plugins/dev.crmkit.nope', {
      as: 'anna',
      json: {enabled: true},
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'plugin-not-found');
  });

  test('uninstall removes the installation and every stored version; its files are gone', async () => {
    const {call, store} = await installed();
    assert.equal((await call('GET', `/plugins/${ID}/1.0.0/dist/index.js`)).status, 200);
    assert.equal((await call('DELETE', `/api/admin/plugins/${ID}`, {as: 'anna'})).status, 204);
    assert.deepEqual(store.state.pluginPackages, []);
    assert.equal((await call('GET', `/plugins/${ID}/1.0.0/dist/index.js`)).status, 404);
    assert.equal((await call('GET', '/api/admin/plugins', {as: 'anna'})).body.length, 0);
  });
});

describe('the stored files', () => {
  test('exactly the uploaded bytes, immutable, nosniff, sandboxed, with their type', async () => {
    const {call} = memoryHost();
    await call('POST', '/api/admin/plugins', {as: 'anna', bytes: v('1.0.0')});
    const entry = await call('GET', `/plugins/${ID}/1.0.0/dist/index.js`);
    assert.equal(entry.status, 200);
    assert.equal(new TextDecoder().decode(entry.bytes), FIXTURE_ENTRY);
    assert.equal(entry.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(entry.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(entry.headers['x-content-type-options'], 'nosniff');
    assert.match(entry.headers['content-security-policy']!, /sandbox/);
    const manifest = await call('GET', `/plugins/${ID}/1.0.0/plugin.json`);
    assert.equal(manifest.body.integrity, sri(FIXTURE_ENTRY));
  });

  // (Plain and %2e dot segments are resolved by URL parsing before any host sees the path, in Node
  // and in browsers alike; what is left can only name a stored file of a stored version.)
  test('a path that decodes to / \\ . or .., or anything not stored, is 404', async () => {
    const {call} = memoryHost();
    await call('POST', '/api/admin/plugins', {as: 'anna', bytes: v('1.0.0')});
    for (const path of [
      `/plugins/${ID}/1.0.0/dist%2findex.js`,
      `/plugins/${ID}/1.0.0/dist%5cindex.js`,
      `/plugins/${ID}/1.0.0/..%2f..%2fplugin.json`,
      `/plugins/${ID}/1.0.0/dist/..%2fplugin.json`,
      `/plugins/${ID}/1.0.0//plugin.json`,
      `/plugins/${ID}/1.0.0/dist/%E0%A4%A`,
      `/plugins/${ID}/1.0.1/plugin.json`,
      `/plugins/${ID}/1.0.0/dist/other.js`,
      `/plugins/${ID}/1.0.0`,
    ]) {
      assert.equal((await call('GET', path)).status, 404, path);
    }
  });
});
