import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {OPENAPI_DOCUMENT} from '@crmkit/host-core';
import type {HttpMethod} from '@crmkit/host-core';
import {PRIVILEGES} from '@crmkit/sdk';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';

const dir = mkdtempSync(join(tmpdir(), 'crmkit-privileges-'));
const file = join(dir, 'crm.sqlite');
let host: DevHost;
/** The operations of the contract (`METHOD /path/{template}`) and the privilege each needs. */
const contract = {
  operations: () =>
    Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  privilegeOf: (method: string, path: string) =>
    OPENAPI_DOCUMENT.paths[path]?.[method.toLowerCase() as HttpMethod]?.['x-crmkit-privilege'],
};
const logged: string[] = [];

/** Demo users by a privilege they lack (`guest` is added by this test and holds none). */
const lacking: Record<string, string> = {
  'leads.read': 'guest',
  'leads.reject': 'lena',
  'leads.qualify': 'guest',
  'leads.convert': 'lena',
  'leads.archive': 'max',
  'assignment.manage': 'sofia',
  'plugins.manage': 'max',
};

const concrete = (path: string) =>
  path.replace('{id}', 'L-1001').replace('{pluginId}', 'dev.crmkit.reject-lead');

function snapshot() {
  return ['leads', 'audit', 'reject_codes', 'settings', 'rulesets', 'plugins'].map((table) =>
    host.db.prepare(`SELECT * FROM ${table}`).all(),
  );
}

before(async () => {
  // Seed, then add a signed-in user without any privilege, then start again on the same file.
  const first = await startDevHost({db: file});
  await first.close();
  const db = new BetterSqlite3(file);
  db.exec(
    "INSERT INTO roles (id, name_en, name_de, privileges, position) VALUES ('guest', 'Guest', 'Gast', '[]', 9)",
  );
  db.exec(
    "INSERT INTO users (id, name, role, role_id, locale, manager_id, active, token) VALUES ('guest', 'Gast', 'Guest', 'guest', 'en', NULL, 1, 'guest')",
  );
  db.close();
  host = await startDevHost({db: file, log: (line) => logged.push(line)});
});
after(async () => {
  await host.close();
  rmSync(dir, {recursive: true, force: true});
});

test('every operation of the contract is served and names a known privilege or none', () => {
  const operations = contract.operations();
  assert.ok(operations.length >= 18, operations.join(', '));
  for (const operation of operations) {
    const [method, path] = operation.split(' ') as [string, string];
    const privilege = contract.privilegeOf(method, path);
    assert.ok(
      privilege === null || (PRIVILEGES as readonly unknown[]).includes(privilege),
      operation,
    );
  }
});

test('401 on every operation without a token and with an unknown one, changing nothing', async () => {
  const call = apiTestClient(host.url);
  const before = snapshot();
  for (const operation of contract.operations()) {
    const [method, path] = operation.split(' ') as [string, string];
    for (const token of [undefined, 'nobody', '']) {
      const answer = await call(concrete(path), {
        method,
        ...(token !== undefined ? {token} : {}),
        ...(['POST', 'PUT'].includes(method) ? {body: {}} : {}),
      });
      assert.equal(answer.status, 401, `${operation} with token ${String(token)}`);
      assert.equal(answer.body.code, 'unauthorized');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
    }
  }
  assert.deepEqual(snapshot(), before);
});

test('403 missing-privilege on every privileged operation for a user without it, changing nothing', async () => {
  const call = apiTestClient(host.url);
  const before = snapshot();
  let checked = 0;
  for (const operation of contract.operations()) {
    const [method, path] = operation.split(' ') as [string, string];
    const privilege = contract.privilegeOf(method, path);
    if (!privilege) continue;
    const token = lacking[privilege]!;
    const answer = await call(concrete(path), {
      token,
      method,
      ...(['POST', 'PUT'].includes(method) ? {body: {}} : {}),
    });
    assert.equal(answer.status, 403, `${operation} as ${token}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, 'missing-privilege');
    assert.equal(answer.body.privilege, privilege, `${operation} needs what the contract says`);
    checked++;
  }
  assert.ok(checked >= 16);
  assert.deepEqual(snapshot(), before);
});

test('the operations without a privilege answer any signed-in user, even one without privileges', async () => {
  const call = apiTestClient(host.url);
  const me = await call('/api/me', {token: 'guest'});
  assert.equal(me.status, 200);
  assert.deepEqual(me.body.privileges, []);
  const plugins = await call('/api/plugins', {token: 'guest'});
  assert.equal(plugins.status, 200);
  assert.deepEqual(
    plugins.body.map((p: {id: string}) => p.id),
    ['dev.crmkit.reject-lead'],
  );
});

test('the Bearer scheme is case-insensitive; the token is not', async () => {
  const call = apiTestClient(host.url);
  for (const [authorization, status] of [
    ['bearer max', 200],
    ['BEARER   max', 200],
    ['Bearer MAX', 401],
    ['Basic bWF4Og==', 401],
    ['max', 401],
  ] as const) {
    const answer = await call('/api/me', {headers: {authorization}});
    assert.equal(answer.status, status, authorization);
  }
});

test('a malformed percent-encoding in a path parameter is 404, not a server error', async () => {
  const answer = await apiTestClient(host.url)('/api/leads/%E0%A4%A', {token: 'max'});
  assert.equal(answer.status, 404);
  assert.equal(answer.body.code, 'not-found');
});

test('an unknown /api/ path is 404 not-found and a known path with another method 405 with Allow', async () => {
  const call = apiTestClient(host.url);
  const missing = await call('/api/nothing-here', {token: 'anna'});
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'not-found');
  const wrong = await call('/api/leads/L-1001', {token: 'anna', method: 'DELETE'});
  assert.equal(wrong.status, 405);
  assert.equal(wrong.body.code, 'method-not-allowed');
  assert.equal(wrong.headers.get('allow'), 'GET');
});

test('no answer in these tests broke the contract', () => {
  assert.deepEqual(
    logged.filter((line) => line.startsWith('contract:')),
    [],
  );
});
