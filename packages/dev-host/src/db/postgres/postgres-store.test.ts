import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import pg from 'pg';
import {AUDIT_ACTIONS, DEFAULT_REJECT_CODES, DEMO_USERS} from '@crmkit/host-core';
import type {
  HostStore,
  LeadRow,
  PluginPackageRecord,
  PluginRecord,
  UserRecord,
} from '@crmkit/host-core';
import {fakePluginDist} from '../../../test/fake-plugin-dist.js';
import type {FakePluginDist} from '../../../test/fake-plugin-dist.js';
import {startPostgres} from '../../../test/start-postgres.js';
import type {TestPostgres} from '../../../test/start-postgres.js';
import {DevHostStore} from '../dev-host-store.js';
import {openDatabase} from '../open-database.js';
import {seedDemoData} from '../seed-demo-data.js';
import {PostgresStore, isPostgresUrl} from './postgres-store.js';

const RULESET = '{"rules":[],"unassignedOwner":"lead-desk"}';
const EPOCH = '1970-01-01T00:00:00.000Z';

let cluster: TestPostgres;
let dist: FakePluginDist;
let databases = 0;
const open: Array<{close(): Promise<void>}> = [];

before(async () => {
  cluster = await startPostgres();
  dist = fakePluginDist();
});
after(async () => {
  await Promise.all(open.map((s) => s.close()));
  await cluster?.stop();
  dist?.remove();
});

/** A new database with the demo data; `nodes` stores on it (each its own pool: a "node"). */
async function seeded(nodes = 1): Promise<{url: string; stores: PostgresStore[]}> {
  const url = await cluster.database(`store_${++databases}`);
  const stores: PostgresStore[] = [];
  for (let i = 0; i < nodes; i++) {
    const store = await PostgresStore.open(url, {
      seed: 'if-empty',
      seedOptions: {rulesetText: RULESET, pluginDist: dist.url},
    });
    open.push(store);
    stores.push(store);
  }
  return {url, stores};
}

/** A plain pool on the database, to look at rows behind the stores' back. */
function peek(url: string): pg.Pool {
  const pool = new pg.Pool({connectionString: url, max: 2});
  open.push({close: () => pool.end()});
  return pool;
}

const count = async (pool: pg.Pool, sql: string) => Number((await pool.query(sql)).rows[0].n);

/** A user as plain data (the privileges set as a sorted list). */
const plainUser = (u: UserRecord | undefined) => u && {...u, privileges: [...u.privileges].sort()};

const firstQualified = async (store: HostStore): Promise<LeadRow> =>
  (await store.leadRows('Qualified'))[0]!;

/**
 * Every method of the store, in one script, with what each answered (times that are the clock's
 * left out): run against the SQLite store and the PostgreSQL store, the answers must be equal.
 */
async function everyMethod(store: HostStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const ids = (rows: LeadRow[]) => rows.map((r) => r.id);
  out.all = ids(await store.leadRows());
  out.qualified = ids(await store.leadRows('Qualified'));
  const page1 = ids(await store.leadRows(undefined, {limit: 7}));
  out.pages = [
    page1,
    ids(await store.leadRows(undefined, {limit: 7, after: page1.at(-1)!})),
    ids(await store.leadRows('Qualified', {limit: 3, after: 'L-1010'})),
    ids(await store.leadRows('Rejected', {limit: 1000})),
  ];
  const row = await firstQualified(store);
  out.row = await store.leadRow(row.id);
  out.lead = store.toLead(row);
  out.missing = await store.leadRow('L-0');
  const change = {
    id: row.id,
    code: 'OTHER',
    reason: 'no budget',
    by: 'max',
    at: '2026-02-03T04:05:06.007Z',
    owner: 'sofia',
    assignment: JSON.stringify({outcome: 'assigned', ownerId: 'sofia', rule: 'r1'}),
    version: row.version,
  };
  out.rejected = await store.rejectLead(change);
  out.rejectedAgain = await store.rejectLead(change);
  out.stale = await store.rejectLead({...change, version: row.version + 1});
  out.afterReject = store.toLead((await store.leadRow(row.id))!);

  out.codes = store.rejectCodes();
  out.code = store.rejectCode('OTHER');
  const replaced = [
    {key: 'NEW', labels: {en: 'New', de: 'Neu'}, active: true},
    ...DEFAULT_REJECT_CODES.slice(0, 3).map((c, i) => ({...c, active: i !== 1})),
  ];
  await store.replaceRejectCodes(replaced);
  out.codesAfter = store.rejectCodes();
  out.gone = store.rejectCode(DEFAULT_REJECT_CODES[5]!.key);

  out.mode = store.ownershipMode;
  await store.setOwnershipMode('book');
  out.modeAfter = store.ownershipMode;

  const a1 = await store.audit(
    'max',
    AUDIT_ACTIONS.leadRejected,
    row.id,
    {x: 1},
    {
      key: 'k-1',
      request: '["req"]',
      response: '{"lead":{}}',
    },
  );
  const a2 = await store.audit(
    'anna',
    AUDIT_ACTIONS.pluginEnabled,
    null,
    {permissions: ['leads.read']},
    undefined,
    'dev.crmkit.reject-lead',
  );
  out.auditIds = [Number(a1), Number(a2)];
  const noAt = (entries: Array<{at: string}>) => entries.map(({at: _at, ...e}) => e);
  out.audit = noAt(await store.auditEntries(10));
  out.auditFiltered = [
    noAt(await store.auditEntries(10, {leadId: row.id})),
    noAt(await store.auditEntries(10, {userId: 'anna'})),
    noAt(await store.auditEntries(10, {pluginId: 'dev.crmkit.reject-lead'})),
    noAt(await store.auditEntries(10, {action: AUDIT_ACTIONS.leadRejected, userId: 'max'})),
    noAt(await store.auditEntries(10, {action: AUDIT_ACTIONS.leadRejected, userId: 'anna'})),
    noAt(await store.auditEntries(1)),
  ];
  out.idempotent = [
    await store.idempotent('max', 'k-1', EPOCH),
    await store.idempotent('anna', 'k-1', EPOCH),
    await store.idempotent('max', 'k-2', EPOCH),
    await store.idempotent('max', 'k-1', new Date(Date.now() + 60_000).toISOString()),
  ];

  out.ruleset = await store.activeRuleset();
  out.activated = await store.activateRuleset('{"rules":[1]}', 'anna');
  out.rulesetAfter = await store.activeRuleset();
  out.versions = (await store.rulesetVersions()).map(({createdAt: _c, ...v}) => v);

  out.roles = await store.roles();
  out.lena = plainUser(store.user('lena'));
  await store.setRolePrivileges('marketing', ['leads.read', 'leads.reject']);
  out.lenaAfter = plainUser(store.user('lena'));
  await store.setUserRole('max', 'marketing');
  out.maxAfter = plainUser(store.user('max'));
  out.rolesAfter = await store.roles();
  out.users = [...store.users.values()].map(plainUser).sort((a, b) => (a!.id < b!.id ? -1 : 1));
  out.byToken = [plainUser(store.userByToken('anna')), store.userByToken('nobody')];

  const session = {
    tokenHash: 'h-1',
    userId: 'max',
    kind: 'plugin' as const,
    pluginId: 'dev.crmkit.reject-lead',
    scopes: ['leads.read' as const],
    expiresAt: '2026-02-03T05:00:00.000Z',
  };
  await store.createSession(session);
  await store.createSession({...session, tokenHash: 'h-2', kind: 'page', pluginId: null});
  out.sessions = [await store.session('h-1'), await store.session('h-2')];
  await store.deleteSession('h-1');
  out.sessionsAfter = [await store.session('h-1'), await store.session('h-2')];

  const noInstalledAt = (plugins: PluginRecord[]) => plugins.map(({installedAt: _i, ...p}) => p);
  const noUploadedAt = (packages: PluginPackageRecord[]) =>
    packages.map(({uploadedAt: _u, ...p}) => p);
  out.plugins = noInstalledAt(await store.plugins());
  const [bundled] = await store.plugins();
  out.packages = noUploadedAt(await store.pluginPackages(bundled!.id));
  out.file = Buffer.from((await store.pluginFile(bundled!.id, bundled!.version, 'index.js'))!);
  out.noFile = await store.pluginFile(bundled!.id, bundled!.version, 'nope.js');
  const bytes = new Uint8Array([0, 1, 2, 255, 254, 10, 13]);
  const record: PluginPackageRecord = {
    id: 'dev.example.other',
    version: '1.0.0',
    manifest: {id: 'dev.example.other', version: '1.0.0'},
    integrity: 'sha384-x',
    digest: 'digest-1',
    size: bytes.length,
    files: [{path: 'index.js', size: bytes.length}],
    uploadedAt: '2026-02-03T04:05:06.007Z',
    uploadedBy: 'anna',
  };
  await store.storePluginPackage(record, new Map([['index.js', bytes]]));
  await store.storePluginPackage(
    {...record, version: '0.9.0', digest: 'digest-0'},
    new Map([['index.js', bytes.subarray(2, 5)]]),
  );
  const other = {
    id: record.id,
    version: '1.0.0',
    enabled: false,
    trusted: false,
    config: {a: 1},
    acceptedPermissions: [],
    previousVersion: null,
    installedAt: '2026-02-03T04:05:06.007Z',
  };
  await store.savePlugin(other);
  // Saved again: replaced in place, its position kept (after the bundled one).
  await store.savePlugin({...other, version: '0.9.0', enabled: true, previousVersion: '1.0.0'});
  await store.savePlugin({...bundled!, config: {reassignOwnerDefault: true}, trusted: false});
  out.pluginsAfter = noInstalledAt(await store.plugins());
  out.otherPackages = noUploadedAt(await store.pluginPackages(record.id));
  out.otherFiles = [
    await store.pluginFile(record.id, '1.0.0', 'index.js'),
    await store.pluginFile(record.id, '0.9.0', 'index.js'),
  ].map((b) => b && [...b]);
  await store.uninstallPlugin(record.id);
  out.uninstalled = [
    noInstalledAt(await store.plugins()).map((p) => p.id),
    await store.pluginPackages(record.id),
    await store.pluginFile(record.id, '1.0.0', 'index.js'),
  ];
  return out;
}

test('every method answers as the SQLite store does, statement for statement', async () => {
  const db = openDatabase(':memory:');
  seedDemoData(db, {rulesetText: RULESET, pluginDist: dist.url});
  const sqlite = await everyMethod(new DevHostStore(db));
  db.close();
  const {stores} = await seeded();
  const postgres = await everyMethod(stores[0]!);
  for (const key of Object.keys(sqlite)) {
    assert.deepEqual(postgres[key], sqlite[key], key);
  }
  assert.deepEqual(Object.keys(postgres), Object.keys(sqlite));
  // A few answers spelled out, so that two equally wrong stores do not pass.
  assert.equal(sqlite.rejected, true);
  assert.equal(sqlite.rejectedAgain, false);
  assert.equal((sqlite.all as string[]).length, 50);
  assert.equal((sqlite.afterReject as {rejection: {reason: string}}).rejection.reason, 'no budget');
  assert.deepEqual(sqlite.auditIds, [1, 2]);
  assert.equal(sqlite.modeAfter, 'book');
  assert.deepEqual((sqlite.file as Buffer).subarray(-3), Buffer.from([0, 255, 10]));
  assert.deepEqual(
    (sqlite.pluginsAfter as Array<{id: string; version: string}>).map((p) => [p.id, p.version]),
    [
      ['dev.crmkit.reject-lead', '0.1.0'],
      ['dev.example.other', '0.9.0'],
    ],
  );
});

test('the seed: demo users with privileges, 50 leads, 14 codes, Mixed, the ruleset and the plugin', async () => {
  const {url, stores} = await seeded();
  const store = stores[0]!;
  assert.equal(store.users.size, DEMO_USERS.length);
  assert.equal(store.userByToken('anna')?.id, 'anna');
  assert.ok(store.user('anna')!.privileges.has('plugins.manage'));
  assert.equal(store.user('max')?.managerId, 'sofia');
  assert.equal(store.ownershipMode, 'mixed');
  assert.equal(store.rejectCodes().length, 14);
  assert.equal((await store.leadRows()).length, 50);
  assert.equal((await store.activeRuleset())?.body, RULESET);
  const [plugin] = await store.plugins();
  assert.equal(plugin?.enabled, true);
  assert.deepEqual(
    Buffer.from((await store.pluginFile(plugin!.id, plugin!.version, 'index.js'))!),
    dist.entry,
  );
  // A reseed with reset empties everything written since.
  await store.setOwnershipMode('book');
  await store.audit('max', AUDIT_ACTIONS.leadRejected, null, {});
  assert.equal(await store.seed(), false, 'not empty: left as it is');
  assert.equal(await store.seed({reset: true, rulesetText: RULESET, pluginDist: dist.url}), true);
  assert.equal(store.ownershipMode, 'mixed');
  assert.equal(await count(peek(url), 'SELECT count(*) AS n FROM audit'), 0);
});

test('a transaction that throws writes nothing and leaves the caches as they were', async () => {
  const {url, stores} = await seeded();
  const store = stores[0]!;
  const pool = peek(url);
  const row = await firstQualified(store);
  const codes = store.rejectCodes();
  const revision = store.revision;
  await assert.rejects(
    store.transaction(async () => {
      assert.ok(await store.rejectLead({...rejectOf(row), by: 'max'}));
      await store.setOwnershipMode('book');
      await store.replaceRejectCodes([
        {key: 'ONLY', labels: {en: 'Only', de: 'Nur'}, active: true},
      ]);
      await store.setRolePrivileges('sales-rep', []);
      await store.audit('max', AUDIT_ACTIONS.leadRejected, row.id, {});
      // A nested transaction joins this one: its writes go with it.
      await store.activateRuleset('{"rules":["nested"]}', 'anna');
      // Not visible outside the transaction before its commit.
      assert.equal(await count(pool, "SELECT count(*) AS n FROM settings WHERE value = 'book'"), 0);
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  assert.equal((await store.leadRow(row.id))?.status, 'Qualified');
  assert.equal(store.ownershipMode, 'mixed');
  assert.deepEqual(store.rejectCodes(), codes);
  assert.ok(store.user('max')!.privileges.has('leads.reject'));
  assert.equal((await store.activeRuleset())?.body, RULESET);
  assert.equal(await count(pool, 'SELECT count(*) AS n FROM audit'), 0);
  await store.refresh();
  assert.equal(store.revision, revision, 'nothing committed: nothing to reload');
  // A committed one applies its cache updates.
  await store.transaction(() => store.setOwnershipMode('user'));
  assert.equal(store.ownershipMode, 'user');
});

const rejectOf = (row: LeadRow) => ({
  id: row.id,
  code: 'DUPLICATE',
  reason: null,
  by: 'max',
  at: new Date().toISOString(),
  owner: row.owner_id,
  assignment: null,
  version: row.version,
});

test('two nodes: a change through A is seen by B after its refresh (and in its next transaction)', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  const lena = b.user('lena')!;
  assert.equal(lena.roleId, 'marketing');
  assert.ok(!lena.privileges.has('leads.reject'));
  await a.setRolePrivileges('marketing', ['leads.read', 'leads.reject']);
  assert.ok(a.user('lena')!.privileges.has('leads.reject'), 'A at once');
  assert.ok(!b.user('lena')!.privileges.has('leads.reject'), 'B not before its refresh');
  const revision = b.revision;
  await b.refresh();
  assert.ok(b.user('lena')!.privileges.has('leads.reject'), 'B after its refresh');
  assert.equal(b.revision, revision + 1);
  await b.refresh();
  assert.equal(b.revision, revision + 1, 'nothing new: no reload');

  await a.setOwnershipMode('book');
  await a.replaceRejectCodes([{key: 'OTHER', labels: {en: 'Else', de: 'Sonst'}, active: true}]);
  await a.setUserRole('max', 'marketing');
  // A transaction refreshes first: what it decides from is what is committed now.
  const seen = await b.transaction(() => ({
    mode: b.ownershipMode,
    codes: b.rejectCodes().map((c) => c.labels.en),
    maxRole: b.user('max')!.roleId,
  }));
  assert.deepEqual(seen, {mode: 'book', codes: ['Else'], maxRole: 'marketing'});
  // Reads of leads go to the database: no refresh needed.
  const row = await firstQualified(a);
  await a.rejectLead(rejectOf(row));
  assert.equal((await b.leadRow(row.id))?.status, 'Rejected');
});

test('50 concurrent rejects of one lead on two nodes: one wins, the lock makes the others wait', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  const {id} = await firstQualified(a);
  const seenQualified: boolean[] = [];
  const results = await Promise.all(
    Array.from({length: 50}, (_, i) =>
      (i % 2 ? b : a).transaction(async () => {
        const store = i % 2 ? b : a;
        const row = (await store.leadRow(id))!;
        seenQualified.push(row.status === 'Qualified');
        // Held a little, so the others queue behind the lock.
        await sleep(2);
        return store.rejectLead({...rejectOf(row), by: i % 2 ? 'sofia' : 'max'});
      }),
    ),
  );
  assert.equal(results.filter(Boolean).length, 1, 'exactly one reject changed the lead');
  assert.equal(seenQualified.filter(Boolean).length, 1, 'the others read it after the commit');
  const row = (await a.leadRow(id))!;
  assert.equal(row.status, 'Rejected');
  assert.equal(row.version, 2);
});

test('an Idempotency-Key written on A in a transaction is seen by B', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  await a.transaction(async () => {
    assert.equal(await a.idempotent('max', 'key-1', EPOCH), undefined);
    await a.audit(
      'max',
      AUDIT_ACTIONS.leadRejected,
      null,
      {},
      {
        key: 'key-1',
        request: '["L-1001"]',
        response: '{"from":"a"}',
      },
    );
  });
  const expected = {request: '["L-1001"]', status: 200, body: '{"from":"a"}'};
  assert.deepEqual(await b.idempotent('max', 'key-1', EPOCH), expected);
  assert.deepEqual(await b.transaction(() => b.idempotent('max', 'key-1', EPOCH)), expected);
});

test('one Idempotency-Key on two nodes at once: the second waits and sees the first one’s answer', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  const order: string[] = [];
  let aHasKey!: () => void;
  const keyTaken = new Promise<void>((resolve) => (aHasKey = resolve));
  const first = a.transaction(async () => {
    const earlier = await a.idempotent('max', 'same', EPOCH);
    aHasKey();
    // B starts now and must wait for this commit.
    await sleep(150);
    await a.audit(
      'max',
      AUDIT_ACTIONS.leadRejected,
      null,
      {},
      {
        key: 'same',
        request: 'r',
        response: '{"from":"a"}',
      },
    );
    order.push('a commits');
    return earlier;
  });
  await keyTaken;
  const second = b.transaction(async () => {
    const earlier = await b.idempotent('max', 'same', EPOCH);
    order.push('b sees the key');
    return earlier;
  });
  assert.equal(await first, undefined);
  assert.deepEqual(await second, {request: 'r', status: 200, body: '{"from":"a"}'});
  assert.deepEqual(order, ['a commits', 'b sees the key']);

  // Many at once, on both nodes: one writes, every other one replays its answer.
  const answers = await Promise.all(
    Array.from({length: 20}, (_, i) => {
      const store = i % 2 ? b : a;
      return store.transaction(async () => {
        const earlier = await store.idempotent('sofia', 'burst', EPOCH);
        if (earlier) return earlier.body;
        await store.audit(
          'sofia',
          AUDIT_ACTIONS.leadRejected,
          null,
          {},
          {
            key: 'burst',
            request: 'r',
            response: `{"by":${i}}`,
          },
        );
        return `wrote ${i}`;
      });
    }),
  );
  const writers = answers.filter((x) => x.startsWith('wrote'));
  assert.equal(writers.length, 1, answers.join(', '));
  const writer = writers[0]!.slice('wrote '.length);
  assert.ok(answers.every((x) => x === `wrote ${writer}` || x === `{"by":${writer}}`));
});

test('a deadlock is retried: the victim runs again and both commit', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  const [one, two] = (await a.leadRows('Qualified')).slice(0, 2) as [LeadRow, LeadRow];
  let tries = 0;
  let locked = 0;
  let release!: () => void;
  const bothHoldTheirFirst = new Promise<void>((resolve) => (release = resolve));
  const crossing = (store: PostgresStore, first: LeadRow, second: LeadRow, mode: 'user' | 'book') =>
    store.transaction(async () => {
      const attempt = ++tries;
      await store.leadRow(first.id);
      if (attempt <= 2) {
        if (++locked === 2) release();
        await bothHoldTheirFirst;
      }
      // Each waits for the other's lead: PostgreSQL ends one of them (40P01).
      await store.leadRow(second.id);
      await store.setOwnershipMode(mode);
      return attempt;
    });
  const results = await Promise.all([crossing(a, one, two, 'user'), crossing(b, two, one, 'book')]);
  assert.equal(tries, 3, 'one of them ran again');
  assert.ok(results.includes(3));
  const committed = await b.transaction(() => b.ownershipMode);
  assert.equal(committed, results[0] === 3 ? 'user' : 'book', 'the retried one committed last');
});

test('a serialization failure runs the work again; the failed try’s cache updates never apply', async () => {
  const {url, stores} = await seeded();
  const store = stores[0]!;
  const pool = peek(url);
  let tries = 0;
  const modes: string[] = [];
  const result = await store.transaction(async () => {
    tries++;
    modes.push(store.ownershipMode);
    if (tries === 1) {
      await store.setOwnershipMode('book');
      throw Object.assign(new Error('could not serialize access'), {code: '40001'});
    }
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(tries, 2);
  assert.deepEqual(modes, ['mixed', 'mixed'], 'the second try saw the cache untouched');
  assert.equal(store.ownershipMode, 'mixed');
  assert.equal(
    (await pool.query("SELECT value FROM settings WHERE key = 'ownershipMode'")).rows[0].value,
    'mixed',
  );
  // Bounded: a failure that keeps coming is given up after 5 tries.
  let always = 0;
  await assert.rejects(
    store.transaction(() => {
      always++;
      throw Object.assign(new Error('deadlock detected'), {code: '40P01'});
    }),
    /deadlock detected/,
  );
  assert.equal(always, 5);
  // Other errors are not retried.
  let once = 0;
  await assert.rejects(
    store.transaction(() => {
      once++;
      throw new Error('a bug');
    }),
  );
  assert.equal(once, 1);
});

test('isUnavailable: a database that cannot be reached or a closed store, not a bug', async () => {
  const {url, stores} = await seeded();
  const store = stores[0]!;
  const row = await firstQualified(store);
  const foreign = await Promise.resolve(store.rejectLead({...rejectOf(row), by: 'ghost'})).catch(
    (e: unknown) => e,
  );
  assert.equal((foreign as {code?: string}).code, '23503');
  assert.equal(store.isUnavailable(foreign), false, 'a foreign key violation is a bug');
  const unique = await store
    .createSession({
      tokenHash: 'dup',
      userId: 'max',
      kind: 'page',
      pluginId: null,
      scopes: [],
      expiresAt: 'later',
    })
    .then(() =>
      store.createSession({
        tokenHash: 'dup',
        userId: 'max',
        kind: 'page',
        pluginId: null,
        scopes: [],
        expiresAt: 'later',
      }),
    )
    .catch((e: unknown) => e);
  assert.equal((unique as {code?: string}).code, '23505');
  assert.equal(store.isUnavailable(unique), false, 'a unique violation is a bug');
  for (const code of ['08006', '53100', '57P01', '57P03', '58030', 'ECONNREFUSED', 'ENOENT']) {
    assert.equal(store.isUnavailable(Object.assign(new Error('x'), {code})), true, code);
  }
  for (const code of ['40001', '23503', '42601']) {
    assert.equal(store.isUnavailable(Object.assign(new Error('x'), {code})), false, code);
  }
  const missing = await PostgresStore.open(
    url.replace(/host=[^&]*/, 'host=%2Fno%2Fsuch%2Fdir'),
  ).catch((e: unknown) => e);
  assert.equal(store.isUnavailable(missing), true, `no server there: ${String(missing)}`);
  const other = await PostgresStore.open(url);
  await other.close();
  const closed = await other.leadRow('L-1001').catch((e: unknown) => e);
  assert.ok(closed instanceof Error);
  assert.equal(other.isUnavailable(closed), true, `a closed store: ${String(closed)}`);
  const closedTx = await other.transaction(() => 1).catch((e: unknown) => e);
  assert.equal(other.isUnavailable(closedTx), true, `a closed store: ${String(closedTx)}`);
});

test('isPostgresUrl tells a PostgreSQL URL from a SQLite path', () => {
  assert.ok(isPostgresUrl('postgres://crmkit@db/crmkit'));
  assert.ok(isPostgresUrl('postgresql://crmkit@/crmkit?host=/run/pg'));
  assert.ok(!isPostgresUrl(':memory:'));
  assert.ok(!isPostgresUrl('.data/crm.sqlite'));
  assert.ok(!isPostgresUrl('postgres.sqlite'));
});

test('outside a transaction every call is its own statement; inside, refresh waits for the commit', async () => {
  const {stores} = await seeded(2);
  const [a, b] = stores as [PostgresStore, PostgresStore];
  let inside!: () => void;
  const written = new Promise<void>((resolve) => (inside = resolve));
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  const tx = a.transaction(async () => {
    await a.setOwnershipMode('user');
    // A refresh inside the transaction does not load its own uncommitted write into the cache.
    await a.refresh();
    assert.equal(a.ownershipMode, 'mixed');
    inside();
    await held;
  });
  await written;
  // Meanwhile, outside it (the pool), nothing of it is seen, on A or on B.
  await a.refresh();
  await b.refresh();
  assert.equal(a.ownershipMode, 'mixed');
  assert.equal(b.ownershipMode, 'mixed');
  finish();
  await tx;
  assert.equal(a.ownershipMode, 'user');
  await b.refresh();
  assert.equal(b.ownershipMode, 'user');
});
