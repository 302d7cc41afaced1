// Node level, no browser: the plugin credential itself, against the dev host over HTTP. A token max
// mints for reject-lead (`POST /api/plugin-sessions`) rejects a lead, audited with the plugin's id; a
// token of the hostile plugin (it declares only leads.read) reads leads and is refused the reject
// (403 outside-plugin-scope); no plugin token reaches any admin route or mints a credential, whoever
// minted it, and its scopes follow the user's role and the plugin's installation on every request.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Lead} from '@crmkit/sdk';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {
  HOSTILE,
  HOSTILE_DIR,
  REJECT_LEAD,
  call,
  install,
  pack,
  stateChanges,
  storedState,
  type Answer,
} from './hostile-helpers.js';

const OPENAPI = fileURLToPath(new URL('../../../packages/host-core/openapi.json', import.meta.url));
const REJECT = {rejectCode: 'DUPLICATE', reassignOwner: false};

let host: DevHost;
let work: string;
let hostileTgz: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'crmkit-plugin-credential-'));
  hostileTgz = await pack(HOSTILE_DIR, work);
  host = await startDevHost({port: 0});
  await install(host.url, hostileTgz);
  const installed = (await rest('anna', 'GET', '/api/admin/plugins')).body as Array<{
    id: string;
    enabled: boolean;
  }>;
  assert.ok(
    installed.some((p) => p.id === REJECT_LEAD && p.enabled),
    'the seeded reject-lead is enabled',
  );
});

after(async () => {
  await host?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

const rest = (token: string, method: string, path: string, body?: unknown): Promise<Answer> =>
  call(host.url, token, method, path, body);

interface Minted {
  token: string;
  pluginId: string;
  scopes: string[];
  expiresAt: string;
}

/** `POST /api/plugin-sessions {pluginId}` as `user`; must be 201. */
async function mint(user: string, pluginId: string): Promise<Minted> {
  const minted = await rest(user, 'POST', '/api/plugin-sessions', {pluginId});
  assert.equal(minted.status, 201, JSON.stringify(minted.body));
  return minted.body as Minted;
}

/** Qualified leads, as max sees them. */
async function qualifiedLeads(): Promise<Lead[]> {
  const listed = await rest('max', 'GET', '/api/leads?status=Qualified');
  assert.equal(listed.status, 200);
  return listed.body as Lead[];
}

/** A refusal of a plugin token: 403 `outside-plugin-scope` naming the plugin (and a privilege). */
function assertOutsideScope(answer: Answer, pluginId: string, what: string, privilege?: string) {
  assert.equal(answer.status, 403, `${what}: ${JSON.stringify(answer.body)}`);
  assert.equal(
    answer.body?.code,
    'outside-plugin-scope',
    `${what}: ${JSON.stringify(answer.body)}`,
  );
  assert.equal(answer.body.pluginId, pluginId, what);
  if (privilege !== undefined) assert.equal(answer.body.privilege, privilege, what);
}

describe('plugin credentials (POST /api/plugin-sessions)', () => {
  test("max's token for reject-lead rejects a lead; the audit row carries the plugin's id", async () => {
    const minted = await mint('max', REJECT_LEAD);
    assert.match(minted.token, /^cps_[A-Za-z0-9_-]{20,}$/);
    assert.equal(minted.pluginId, REJECT_LEAD);
    assert.deepEqual([...minted.scopes].sort(), ['leads.read', 'leads.reject']);
    const lifetime = Date.parse(minted.expiresAt) - Date.now();
    assert.ok(
      lifetime > 14 * 60_000 && lifetime <= 15 * 60_000,
      `valid 15 minutes: ${lifetime} ms`,
    );

    const me = await rest(minted.token, 'GET', '/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.id, 'max');
    assert.equal(me.body.plugin?.id, REJECT_LEAD);
    assert.deepEqual([...me.body.plugin.scopes].sort(), ['leads.read', 'leads.reject']);

    const [lead] = await qualifiedLeads();
    assert.ok(lead);
    const rejected = await rest(minted.token, 'POST', `/api/leads/${lead.id}/reject`, REJECT);
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    const updated = (rejected.body.lead ?? rejected.body) as Lead;
    assert.equal(updated.status, 'Rejected');
    assert.equal(updated.rejection?.rejectedBy.id, 'max');
    const audit = await rest('anna', 'GET', `/api/admin/audit?leadId=${lead.id}`);
    assert.equal(audit.status, 200);
    const rows = audit.body as Array<{
      action: string;
      pluginId: string | null;
      actor: {id: string};
    }>;
    const row = rows.find((r) => /reject/i.test(r.action));
    assert.ok(row, `an audit row of the rejection: ${JSON.stringify(rows)}`);
    assert.equal(row.pluginId, REJECT_LEAD);
    assert.equal(row.actor.id, 'max');
  });

  test('a token of the leads.read plugin reads leads, and its reject is 403 outside-plugin-scope', async () => {
    const minted = await mint('max', HOSTILE);
    assert.deepEqual(minted.scopes, ['leads.read']);
    const [lead] = await qualifiedLeads();
    assert.ok(lead);
    const read = await rest(minted.token, 'GET', `/api/leads/${lead.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.id, lead.id);

    const before = storedState(host.db);
    const refused = await rest(minted.token, 'POST', `/api/leads/${lead.id}/reject`, REJECT);
    assertOutsideScope(refused, HOSTILE, 'reject', 'leads.reject');
    // Other spellings of the same credential change nothing either.
    for (const authorization of [`bearer ${minted.token}`, `BEARER  ${minted.token} `]) {
      const res: Response = await fetch(`${host.url}/api/leads/${lead.id}/reject`, {
        method: 'POST',
        headers: {authorization, 'content-type': 'application/json'},
        body: JSON.stringify(REJECT),
      });
      assert.equal(res.status, 403, authorization);
    }
    assert.deepEqual(stateChanges(before, storedState(host.db)), {}, 'nothing changed');
    const after = await rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(after.body.status, 'Qualified');
    assert.equal(after.body.version, lead.version);
  });

  test('no plugin token reaches an admin route or mints a credential, whoever minted it', async () => {
    const tokens = [
      ['max', REJECT_LEAD],
      ['max', HOSTILE],
      ['anna', REJECT_LEAD], // anna holds plugins.manage: her plugin tokens still never do
      ['anna', HOSTILE],
    ] as const;
    const roles = (await rest('anna', 'GET', '/api/admin/roles')).body as Array<{
      id: string;
      privileges: string[];
    }>;
    const bodies = await adminBodies(roles);
    const operations = adminOperations();
    assert.ok(operations.length >= 15, `the contract's admin routes: ${operations.length}`);
    const before = storedState(host.db);
    const problems: string[] = [];
    for (const [user, pluginId] of tokens) {
      const {token} = await mint(user, pluginId);
      const userHolds = (await rest(user, 'GET', '/api/me')).body.privileges as string[];
      for (const {method, path} of [
        ...operations,
        {method: 'POST', path: '/api/plugin-sessions'},
        {method: 'POST', path: '/api/sessions'},
        {method: 'DELETE', path: '/api/sessions/current'},
      ]) {
        const concrete = path
          .replace('{pluginId}', HOSTILE)
          .replace('{roleId}', roles[0]?.id ?? 'x')
          .replace('{userId}', 'max')
          .replace(/\{[^}]+\}/g, '1');
        const answer = await rest(token, method, concrete, bodies(method, path));
        const what = `${method} ${concrete} with ${user}'s ${pluginId} token`;
        if (answer.status !== 403) {
          problems.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
        } else if (answer.body?.code !== 'outside-plugin-scope') {
          // A user without the route's privilege may be refused for that first (missing-privilege);
          // one who holds it must be refused for the plugin's scope.
          const routeNeedsWhatUserLacks =
            answer.body?.code === 'missing-privilege' &&
            !userHolds.includes(answer.body.privilege as string);
          if (!routeNeedsWhatUserLacks) problems.push(`${what}: ${JSON.stringify(answer.body)}`);
        }
      }
    }
    assert.deepEqual(problems, [], 'every such call is 403');
    assert.deepEqual(stateChanges(before, storedState(host.db)), {}, 'and none changed anything');
  });

  test("scopes follow the user's role and the plugin's installation on every request", async () => {
    const minted = await mint('max', REJECT_LEAD);
    const [lead] = await qualifiedLeads();
    assert.ok(lead);
    const roles = (await rest('anna', 'GET', '/api/admin/roles')).body as Array<{
      id: string;
      privileges: string[];
    }>;
    const maxRole = (await rest('anna', 'GET', '/api/admin/users')).body.find(
      (u: {id: string}) => u.id === 'max',
    ).roleId as string;
    const role = roles.find((r) => r.id === maxRole);
    assert.ok(role, `max's role ${maxRole}`);
    assert.ok(role.privileges.includes('leads.reject'));
    const put = (privileges: string[]) =>
      rest('anna', 'PUT', `/api/admin/roles/${role.id}`, {privileges});
    try {
      assert.equal((await put(role.privileges.filter((p) => p !== 'leads.reject'))).status, 200);
      const refused = await rest(minted.token, 'POST', `/api/leads/${lead.id}/reject`, REJECT);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
    } finally {
      assert.equal((await put(role.privileges)).status, 200);
    }
    // Disabled, the plugin's token reads nothing any more; enabled again, it does.
    const disable = await rest('anna', 'PUT', `/api/admin/plugins/${REJECT_LEAD}`, {
      enabled: false,
    });
    assert.equal(disable.status, 200);
    try {
      const read = await rest(minted.token, 'GET', `/api/leads/${lead.id}`);
      assertOutsideScope(read, REJECT_LEAD, 'read while disabled', 'leads.read');
      const again = await rest('max', 'POST', '/api/plugin-sessions', {pluginId: REJECT_LEAD});
      assert.equal(again.status, 404, 'no new token for a disabled plugin');
      assert.equal(again.body.code, 'plugin-not-found');
    } finally {
      const enable = await rest('anna', 'PUT', `/api/admin/plugins/${REJECT_LEAD}`, {
        enabled: true,
      });
      assert.equal(enable.status, 200, JSON.stringify(enable.body));
    }
    assert.equal((await rest(minted.token, 'GET', `/api/leads/${lead.id}`)).status, 200);
    // A made-up or malformed plugin token is no credential.
    for (const token of [`${minted.token.slice(0, -2)}xx`, 'cps_', 'cps_max']) {
      assert.equal((await rest(token, 'GET', '/api/me')).status, 401, token);
    }
    const unknown = await rest('max', 'POST', '/api/plugin-sessions', {
      pluginId: 'dev.crmkit.none',
    });
    assert.equal(unknown.status, 404);
  });
});

/** Every operation of the contract under `/api/admin/`, as `{method, path}`. */
function adminOperations(): Array<{method: string; path: string}> {
  const document = JSON.parse(readFileSync(OPENAPI, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/admin/'))
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'put', 'post', 'patch', 'delete'].includes(m))
        .map((m) => ({method: m.toUpperCase(), path})),
    );
}

/**
 * Well-formed bodies for the admin writes (what an admin client would send; the current values where
 * there are some), so that a refusal is the credential's and not the body's.
 */
async function adminBodies(
  roles: Array<{id: string; privileges: string[]}>,
): Promise<(method: string, path: string) => unknown> {
  const codes = (await rest('anna', 'GET', '/api/admin/reject-codes')).body;
  const rules = (await rest('anna', 'GET', '/api/admin/assignment-rules')).body;
  const ruleset = rules?.ruleset ?? rules;
  return (method, path) => {
    if (method === 'GET' || method === 'DELETE') return undefined;
    if (path === '/api/admin/plugins') return new Uint8Array(readFileSync(hostileTgz));
    if (path === '/api/admin/settings/lead') return {ownershipMode: 'user'};
    if (path === '/api/admin/reject-codes') return codes;
    if (path.startsWith('/api/admin/assignment-rules')) return ruleset;
    if (path === '/api/admin/plugins/{pluginId}') return {trusted: true};
    if (path === '/api/admin/roles/{roleId}') return {privileges: roles[0]?.privileges ?? []};
    if (path === '/api/admin/users/{userId}') return {roleId: roles[0]?.id};
    if (path === '/api/plugin-sessions') return {pluginId: REJECT_LEAD};
    return {};
  };
}
