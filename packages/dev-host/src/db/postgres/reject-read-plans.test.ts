// The reads of a reject (crmkit_idempotent, crmkit_idempotent_many and crmkit_reject_read, migrations
// 10 to 13) must use the indexes however small the tables were when a connection first ran them:
// PL/pgSQL keeps a connection's plan, and plans made on a fresh database (a sequential scan with a
// hash join, or a bitmap of the whole index with a join filter) stayed as audit grew, which made the
// key lookup the largest part of a reject's cost on PostgreSQL.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import {fakePluginDist} from '../../../test/fake-plugin-dist.js';
import type {FakePluginDist} from '../../../test/fake-plugin-dist.js';
import {startPostgres} from '../../../test/start-postgres.js';
import type {TestPostgres} from '../../../test/start-postgres.js';
import {PostgresStore} from './postgres-store.js';

let cluster: TestPostgres;
let dist: FakePluginDist;
let databases = 0;
before(async () => {
  cluster = await startPostgres();
  dist = fakePluginDist();
});
after(async () => {
  await cluster?.stop();
  dist?.remove();
});

const USERS = ['max', 'sofia', 'anna'];

/** A fresh database with the demo data (its audit is empty) and a connection to it. */
async function freshConnection(): Promise<pg.Client> {
  const url = await cluster.database(`plan_${++databases}`);
  const store = await PostgresStore.open(url, {
    seed: 'if-empty',
    seedOptions: {pluginDist: dist.url},
  });
  await store.close();
  const client = new pg.Client({connectionString: url});
  await client.connect();
  return client;
}

/** Audit rows `from`…`to` with the keys k-<n> of the three users in turn, an hour apart from 06:00. */
const fill = (client: pg.Client, from: number, to: number, at = '2026-06-01T06:00:00.000Z') =>
  client.query(
    `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key, request)
     SELECT $3, ($4::text[])[1 + g % 3], 'lead.rejected', NULL, '{}', '{"n":' || g || '}',
       'k-' || g, 'r-' || g FROM generate_series($1::int, $2::int) g`,
    [from, to, at, USERS],
  );

/** The plans of the statements inside the functions of `work`, as the server ran them (auto_explain). */
async function plansOf(client: pg.Client, work: () => Promise<unknown>): Promise<string[]> {
  const plans: string[] = [];
  const listener = (notice: {message?: string}) => plans.push(notice.message ?? '');
  await client.query("LOAD 'auto_explain'");
  await client.query('SET auto_explain.log_min_duration = 0');
  await client.query('SET auto_explain.log_nested_statements = on');
  await client.query('SET client_min_messages = log');
  client.on('notice', listener);
  try {
    await work();
  } finally {
    client.off('notice', listener);
    await client.query('SET client_min_messages = notice');
  }
  return plans;
}

/** The lookup's plan reads audit only by key, through the index (one probe per key). */
function assertIndexLookup(plans: string[]): void {
  const lookup = plans.find((p) => /FROM audit a/.test(p));
  assert.ok(lookup, `the lookup's plan was logged:\n${plans.join('\n---\n')}`);
  assert.match(lookup, /Index Scan using audit_by_idempotency_key on audit a/);
  assert.match(lookup, /Index Cond: \(\(user_id = .+\) AND \(idempotency_key = .+\)\)/);
  assert.doesNotMatch(lookup, /Seq Scan|Bitmap|Join Filter|Hash Join|Merge Join/, lookup);
}

/** A transaction around one call, as the store runs it. */
async function inTransaction<R extends pg.QueryResultRow>(
  client: pg.Client,
  query: pg.QueryConfig,
): Promise<R[]> {
  await client.query('BEGIN');
  try {
    return (await client.query<R>(query)).rows;
  } finally {
    await client.query('COMMIT');
  }
}

// Planned at several sizes of audit and batches: each once made a whole-table plan.
for (const {rows, keys} of [
  {rows: 0, keys: 6},
  {rows: 40, keys: 15},
  {rows: 400, keys: 15},
]) {
  test(`crmkit_idempotent_many planned with ${rows} audit rows and ${keys} keys reads 30,000 by the index`, async () => {
    const client = await freshConnection();
    try {
      if (rows) await fill(client, 1, rows);
      const many = (keysOf: (j: number) => string) =>
        inTransaction<{user_id: string; idempotency_key: string; request: string; body: string}>(
          client,
          {
            name: 'many',
            text: 'SELECT * FROM crmkit_idempotent_many($1::text[], $2::text[], $3)',
            values: [
              Array.from({length: keys}, (_, j) => USERS[j % 3]),
              Array.from({length: keys}, (_, j) => keysOf(j)),
              '2026-06-01T00:00:00.000Z',
            ],
          },
        );
      // More calls than PostgreSQL's five custom plans, audit growing meanwhile (as under load).
      for (let i = 0; i < 8; i++) {
        assert.deepEqual(await many((j) => `new-${i}-${j}`), []);
        await fill(client, 1_000_000 + i * 50, 1_000_000 + i * 50 + 49);
      }
      await fill(client, 100_000, 130_000);
      let found: Awaited<ReturnType<typeof many>> = [];
      // k-<n> was written for USERS[n % 3]; 100,002 % 3 is 0, so each key asked for is there.
      const plans = await plansOf(client, async () => {
        found = await many((j) => `k-${100_002 + j}`);
      });
      assertIndexLookup(plans);
      assert.deepEqual(
        found.map((r) => r.request).sort(),
        Array.from({length: keys}, (_, j) => `r-${100_002 + j}`).sort(),
      );
    } finally {
      await client.end();
    }
  });
}

test('crmkit_idempotent planned on an empty audit reads 30,000 by the index, newest answer first', async () => {
  const client = await freshConnection();
  try {
    const one = (key: string, user = 'max') =>
      inTransaction<{request: string; body: string}>(client, {
        name: 'one',
        text: 'SELECT * FROM crmkit_idempotent($1, $2, $3)',
        values: [user, key, '2026-06-01T00:00:00.000Z'],
      });
    for (let i = 0; i < 8; i++) assert.deepEqual(await one(`new-${i}`), []);
    await fill(client, 100_000, 130_000);
    // k-100002 once more, later, for max (100002 % 3 = 0): the newer answer is the one.
    await client.query(
      `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key, request)
       VALUES ('2026-06-02T06:00:00.000Z', 'max', 'lead.rejected', NULL, '{}', '{"n":"again"}', 'k-100002', 'r-again')`,
    );
    let rows: Array<{request: string; body: string}> = [];
    const plans = await plansOf(client, async () => {
      rows = await one('k-100002');
    });
    assertIndexLookup(plans);
    assert.deepEqual(rows, [{request: 'r-again', body: '{"n":"again"}'}]);
    // Before `since` a key counts as new (k-100006 is sofia's: 100006 % 3 = 1).
    assert.deepEqual(await one('k-100006', 'sofia'), [{request: 'r-100006', body: '{"n":100006}'}]);
    await client.query(
      "UPDATE audit SET at = '2026-05-01T00:00:00.000Z' WHERE idempotency_key = 'k-100006'",
    );
    assert.deepEqual(await one('k-100006', 'sofia'), []);
  } finally {
    await client.end();
  }
});

test('crmkit_reject_read planned on the 50 demo leads reads 30,000 by their key, locked', async () => {
  const client = await freshConnection();
  try {
    const read = (ids: string[]) =>
      inTransaction<{key_answers: unknown[]; lead_rows: Array<{id: string}>}>(client, {
        name: 'read',
        text: 'SELECT * FROM crmkit_reject_read($1::jsonb, $2, $3::jsonb)',
        values: [
          JSON.stringify([{u: 'max', k: 'k-1'}]),
          '2026-06-01T00:00:00.000Z',
          JSON.stringify(ids),
        ],
      });
    for (let i = 0; i < 8; i++) await read(['L-1001', 'L-1002', 'L-1003']);
    await client.query(
      `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id, version)
       SELECT 'P-' || g, 'First', 'Last', 'Company', 'Qualified', 'max', 'max', 1
       FROM generate_series(1, 30000) g`,
    );
    let rows: Awaited<ReturnType<typeof read>> = [];
    const plans = await plansOf(client, async () => {
      rows = await read(['P-20000', 'P-7', 'no-such-lead']);
    });
    const leadPlans = plans.filter((p) => /FROM leads l/.test(p));
    assert.equal(leadPlans.length, 2, 'the lock and the read');
    for (const plan of leadPlans) {
      assert.match(plan, /Index Scan using leads_pkey on leads l/);
      assert.doesNotMatch(plan, /Seq Scan|Bitmap/, plan);
    }
    assert.match(leadPlans[0]!, /LockRows/);
    assert.deepEqual(rows[0]!.lead_rows.map((r) => r.id).sort(), ['P-20000', 'P-7']);
  } finally {
    await client.end();
  }
});
