// Two dev host processes on one database, as two nodes of one CRM would run: on one SQLite file, and
// on one PostgreSQL database. What one process changes is in force on the other at its next request,
// whatever either cached, and a lead is rejected exactly once however the requests spread.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {apiTestClient} from './server/api-test-client.js';
import {pluginPackage} from '../../host-core/test/plugin-package-fixture.js';
import {startPostgres} from '../test/start-postgres.js';
import type {TestPostgres} from '../test/start-postgres.js';

const script = fileURLToPath(new URL('../test/serve-api.ts', import.meta.url));
type Client = ReturnType<typeof apiTestClient>;

/** The engines both nodes share: where the database is, and how to make it go away. */
const ENGINES: Array<{name: string; open(): Promise<{db: string; close(): Promise<void>}>}> = [
  {
    name: 'one SQLite file',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crmkit-two-'));
      return {
        db: join(dir, 'crm.sqlite'),
        close: async () => rmSync(dir, {recursive: true, force: true}),
      };
    },
  },
  {
    name: 'one PostgreSQL database',
    open: async () => {
      const cluster: TestPostgres = await startPostgres();
      return {db: cluster.url, close: () => cluster.stop()};
    },
  },
];

for (const engine of ENGINES) {
  describe(`two dev host processes on ${engine.name}`, () => {
    const children: ChildProcess[] = [];
    let database: {db: string; close(): Promise<void>};
    let a: Client;
    let b: Client;

    /** Starts one process and resolves its API client once it printed its URL. */
    async function start(): Promise<Client> {
      const child = spawn(
        process.execPath,
        ['--conditions=@crmkit/source', '--import', 'tsx', script, database.db],
        {stdio: ['ignore', 'pipe', 'inherit']},
      );
      children.push(child);
      const [line] = await Promise.race([
        (async () => {
          for await (const l of createInterface({input: child.stdout!})) return [l];
          return [];
        })(),
        new Promise<never>((_, reject) =>
          child.once('exit', (code) => reject(new Error(`exit ${code}`))),
        ),
      ]);
      return apiTestClient((JSON.parse(line!) as {url: string}).url);
    }

    before(async () => {
      database = await engine.open();
      a = await start(); // seeds the database
      b = await start();
    });
    after(async () => {
      await Promise.all(
        children.map((c) => new Promise((done) => (c.once('exit', done), c.kill('SIGTERM')))),
      );
      await database?.close();
    });

    test('an ownership mode set through one process is enforced by the other at its next request', async () => {
      assert.equal((await b('/api/settings/lead', {token: 'max'})).body.ownershipMode, 'mixed');
      const put = await a('/api/admin/settings/lead', {
        token: 'anna',
        method: 'PUT',
        body: {ownershipMode: 'book'},
      });
      assert.equal(put.status, 200);
      assert.equal((await b('/api/settings/lead', {token: 'max'})).body.ownershipMode, 'book');
      const refused = await b('/api/leads/L-1001/reject', {
        token: 'max',
        body: {rejectCode: 'DUPLICATE', reassignOwner: true},
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'reassign-not-allowed-in-book-mode');
      await a('/api/admin/settings/lead', {
        token: 'anna',
        method: 'PUT',
        body: {ownershipMode: 'mixed'},
      });
    });

    test('an Idempotency-Key used on one process replays on the other, and the lead changes once', async () => {
      const request = {
        token: 'max',
        headers: {'Idempotency-Key': 'two-processes-1'},
        body: {rejectCode: 'DUPLICATE', reassignOwner: false},
      };
      const first = await a('/api/leads/L-1002/reject', request);
      assert.equal(first.status, 200);
      const replay = await b('/api/leads/L-1002/reject', request);
      assert.equal(replay.status, 200);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body, first.body);
      const lead = await b('/api/leads/L-1002', {token: 'max'});
      assert.equal(lead.body.version, first.body.lead.version);
      const other = await b('/api/leads/L-1002/reject', {
        ...request,
        body: {rejectCode: 'OTHER', rejectReason: 'changed my mind', reassignOwner: false},
      });
      assert.equal(other.status, 422);
      assert.equal(other.body.code, 'idempotency-key-reused');
    });

    test('one Idempotency-Key sent to both processes at once: one rejection, the other its replay', async () => {
      const request = {
        token: 'max',
        headers: {'Idempotency-Key': 'two-processes-at-once'},
        body: {rejectCode: 'DUPLICATE', reassignOwner: true},
      };
      const answers = await Promise.all(
        Array.from({length: 10}, (_, i) => (i % 2 ? a : b)('/api/leads/L-1005/reject', request)),
      );
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(10).fill(200),
      );
      assert.equal(
        answers.filter((r) => r.headers.get('idempotent-replayed') !== 'true').length,
        1,
      );
      for (const r of answers) assert.deepEqual(r.body, answers[0]!.body);
      const audit = await a('/api/admin/audit?leadId=L-1005', {token: 'anna'});
      assert.equal(
        audit.body.filter((e: {action: string}) => e.action === 'lead.rejected').length,
        1,
      );
    });

    test('100 concurrent rejects of one lead over both processes: exactly one 200 and one audit row', async () => {
      const answers = await Promise.all(
        Array.from({length: 100}, (_, i) =>
          (i % 2 ? a : b)('/api/leads/L-1006/reject', {
            token: 'max',
            body: {rejectCode: 'FAILED_TO_REACH_CONTACT', reassignOwner: true},
          }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 200).length, 1, String(statuses));
      // Every other one sees the lead already rejected: none fails otherwise.
      assert.deepEqual(
        [...new Set(answers.filter((r) => r.status !== 200).map((r) => r.body.code))],
        ['lead-not-qualified'],
      );
      const audit = await b('/api/admin/audit?leadId=L-1006', {token: 'anna'});
      assert.equal(
        audit.body.filter((e: {action: string}) => e.action === 'lead.rejected').length,
        1,
      );
      const lead = await a('/api/leads/L-1006', {token: 'max'});
      assert.equal(lead.body.status, 'Rejected');
      assert.equal(lead.body.version, 2);
    });

    test('a reject code deactivated through one process is refused by the other', async () => {
      const codes = (await a('/api/admin/reject-codes', {token: 'anna'})).body as Array<{
        key: string;
        active: boolean;
      }>;
      const put = await a('/api/admin/reject-codes', {
        token: 'anna',
        method: 'PUT',
        body: codes.map((c) => (c.key === 'DUPLICATE' ? {...c, active: false} : c)),
      });
      assert.equal(put.status, 200);
      const refused = await b('/api/leads/L-1003/reject', {
        token: 'max',
        body: {rejectCode: 'DUPLICATE', reassignOwner: false},
      });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'inactive-reject-code');
      await a('/api/admin/reject-codes', {token: 'anna', method: 'PUT', body: codes});
    });

    test('a role losing a privilege through one process is refused it by the other at once', async () => {
      const roles = (await a('/api/admin/roles', {token: 'anna'})).body as Array<{
        id: string;
        privileges: string[];
      }>;
      const role = roles.find((r) => r.id === 'sales-rep')!; // max's
      assert.ok(role.privileges.includes('leads.reject'));
      const put = await a(`/api/admin/roles/${role.id}`, {
        token: 'anna',
        method: 'PUT',
        body: {privileges: role.privileges.filter((p) => p !== 'leads.reject')},
      });
      assert.equal(put.status, 200);
      const refused = await b('/api/leads/L-1007/reject', {
        token: 'max',
        body: {rejectCode: 'FAILED_TO_REACH_CONTACT', reassignOwner: false},
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'missing-privilege');
      const back = await a(`/api/admin/roles/${role.id}`, {
        token: 'anna',
        method: 'PUT',
        body: {privileges: role.privileges},
      });
      assert.equal(back.status, 200);
      const allowed = await b('/api/leads/L-1007/reject', {
        token: 'max',
        body: {rejectCode: 'FAILED_TO_REACH_CONTACT', reassignOwner: false},
      });
      assert.equal(allowed.status, 200);
    });

    test('two admins demoted at once on the two processes: one is, the last admin stays', async () => {
      const made = await a('/api/admin/users/sofia', {
        token: 'anna',
        method: 'PUT',
        body: {roleId: 'administrator'},
      });
      assert.equal(made.status, 200);
      const [byA, byB] = await Promise.all([
        a('/api/admin/users/anna', {token: 'sofia', method: 'PUT', body: {roleId: 'sales-rep'}}),
        b('/api/admin/users/sofia', {token: 'anna', method: 'PUT', body: {roleId: 'sales-rep'}}),
      ]);
      // The later one is refused: as the last admin (409) when it was authorized before the
      // earlier one committed, or as a user who is no admin any more (403) when after.
      const refused = [byA, byB].filter((r) => r.status !== 200);
      assert.equal(refused.length, 1, JSON.stringify([byA.body, byB.body]));
      assert.ok(['last-admin', 'missing-privilege'].includes(refused[0]!.body.code));
      const users = (await a('/api/admin/users', {token: byA.status === 200 ? 'sofia' : 'anna'}))
        .body as Array<{id: string; roleId: string}>;
      assert.equal(users.filter((u) => u.roleId === 'administrator').length, 1);
      // Back as seeded: anna the one admin, sofia a sales manager.
      const admin = byA.status === 200 ? 'sofia' : 'anna';
      await a('/api/admin/users/anna', {
        token: admin,
        method: 'PUT',
        body: {roleId: 'administrator'},
      });
      await a('/api/admin/users/sofia', {
        token: 'anna',
        method: 'PUT',
        body: {roleId: 'sales-manager'},
      });
    });

    test('a plugin disabled through one process is gone from the other’s list and its credentials', async () => {
      const minted = await b('/api/plugin-sessions', {
        token: 'max',
        body: {pluginId: 'dev.crmkit.reject-lead'},
      });
      assert.equal(minted.status, 201);
      const credential = minted.body.token as string;
      assert.equal((await b('/api/leads/L-1008', {token: credential})).status, 200);
      const off = await a('/api/admin/plugins/dev.crmkit.reject-lead', {
        token: 'anna',
        method: 'PUT',
        body: {enabled: false},
      });
      assert.equal(off.status, 200);
      const listed = (await b('/api/plugins', {token: 'max'})).body as Array<{id: string}>;
      assert.deepEqual(
        listed.map((p) => p.id),
        [],
      );
      // The credential minted before stays valid as a session but holds no scope any more.
      const refused = await b('/api/leads/L-1008', {token: credential});
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'outside-plugin-scope');
      const on = await a('/api/admin/plugins/dev.crmkit.reject-lead', {
        token: 'anna',
        method: 'PUT',
        body: {enabled: true},
      });
      assert.equal(on.status, 200);
    });

    test('one package uploaded to both processes at once is stored once; two admins’ changes of a plugin both hold', async () => {
      const bytes = pluginPackage({manifest: {id: 'dev.example.raced', version: '1.0.0'}});
      const [x, y] = await Promise.all([
        a('/api/admin/plugins', {token: 'anna', body: bytes}),
        b('/api/admin/plugins', {token: 'anna', body: bytes}),
      ]);
      assert.deepEqual([x.status, y.status].sort(), [200, 201], JSON.stringify([x.body, y.body]));
      const listed = (await a('/api/admin/plugins', {token: 'anna'})).body as Array<{
        id: string;
        versions: unknown[];
      }>;
      assert.equal(listed.filter((p) => p.id === 'dev.example.raced').length, 1);
      assert.equal(listed.find((p) => p.id === 'dev.example.raced')!.versions.length, 1);
      // Enabled on one node while marked trusted on the other: neither change is lost.
      const [on, trusted] = await Promise.all([
        a('/api/admin/plugins/dev.example.raced', {
          token: 'anna',
          method: 'PUT',
          body: {enabled: true},
        }),
        b('/api/admin/plugins/dev.example.raced', {
          token: 'anna',
          method: 'PUT',
          body: {trusted: true},
        }),
      ]);
      assert.deepEqual([on.status, trusted.status], [200, 200]);
      const after = (await b('/api/admin/plugins', {token: 'anna'})).body.find(
        (p: {id: string}) => p.id === 'dev.example.raced',
      );
      assert.equal(after.enabled, true);
      assert.equal(after.trusted, true);
    });

    // The second ruleset only json-rules-engine runs ($..status): the other process decides its next
    // reject from the compiled, synchronous one it has; its transaction finds this one active, and
    // the reject is decided again the asynchronous way.
    for (const {kind, path, rule, userId, lead} of [
      {
        kind: 'compiled',
        path: '$.status',
        rule: 'everything-to-sofia',
        userId: 'sofia',
        lead: 'L-1004',
      },
      {
        kind: 'json-rules-engine',
        path: '$..status',
        rule: 'deep-path-to-jonas',
        userId: 'jonas',
        lead: 'L-1009',
      },
    ]) {
      test(`a ruleset (${kind}) activated through one process decides the other’s next reassignment`, async () => {
        const ruleset = {
          recordType: 'lead',
          unassignedOwner: 'lead-desk',
          rules: [
            {
              name: rule,
              conditions: {all: [{fact: 'lead', path, operator: 'equal', value: 'Rejected'}]},
              event: {type: 'assign', params: {to: 'user', userId}},
            },
          ],
        };
        const put = await a('/api/admin/assignment-rules', {
          token: 'anna',
          method: 'PUT',
          body: ruleset,
        });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const rejected = await b(`/api/leads/${lead}/reject`, {
          token: 'max',
          body: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
        });
        assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
        assert.deepEqual(rejected.body.assignment, {outcome: 'assigned', ownerId: userId, rule});
      });
    }
  });
}
