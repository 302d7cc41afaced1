// The Idempotency-Key lookups of a reject (crmkit_idempotent and crmkit_idempotent_many, migrations
// 10 to 12) must read audit by its index however small audit was when a connection first ran them:
// PL/pgSQL keeps a connection's plan, and a sequential scan planned on a fresh database stayed one as
// audit grew, which made it the largest part of a reject's cost on PostgreSQL.
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
before(async () => {
  cluster = await startPostgres();
  dist = fakePluginDist();
});
after(async () => {
  await cluster?.stop();
  dist?.remove();
});

const LOOKUPS = {
  many: {
    text: 'SELECT * FROM crmkit_idempotent_many($1::text[], $2::text[], $3)',
    values: (i: number) => [['max', 'sofia'], [`a-${i}`, `b-${i}`], '2026-01-01'],
  },
  one: {
    text: 'SELECT * FROM crmkit_idempotent($1, $2, $3)',
    values: (i: number) => ['max', `a-${i}`, '2026-01-01'],
  },
};

for (const [name, lookup] of Object.entries(LOOKUPS)) {
  test(`crmkit_idempotent${name === 'many' ? '_many' : ''}: planned on an empty audit, it reads a large one by its index`, async () => {
    const url = await cluster.database(`plan_${name}`);
    // A fresh database with the demo data: its audit is empty.
    const store = await PostgresStore.open(url, {
      seed: 'if-empty',
      seedOptions: {pluginDist: dist.url},
    });
    await store.close();
    const client = new pg.Client({connectionString: url});
    await client.connect();
    try {
      const call = async (i: number) => {
        await client.query('BEGIN');
        const {rows} = await client.query({name, text: lookup.text, values: lookup.values(i)});
        await client.query('COMMIT');
        return rows;
      };
      // More calls than PostgreSQL's five custom plans: the connection now holds its generic plan.
      for (let i = 0; i < 8; i++) assert.deepEqual(await call(i), []);
      await client.query(
        `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key, request)
         SELECT '2026-06-01T00:00:00.000Z', 'max', 'lead.rejected', NULL, '{}', '{"n":' || g || '}',
           'a-' || g, 'r-' || g FROM generate_series(1, 20000) g`,
      );
      // The plans of the statements inside the function, as the server runs them.
      const plans: string[] = [];
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      await client.query("LOAD 'auto_explain'");
      await client.query('SET auto_explain.log_min_duration = 0');
      await client.query('SET auto_explain.log_nested_statements = on');
      await client.query('SET client_min_messages = log');
      const rows = await call(500);
      await client.query('SET client_min_messages = notice');
      const lookupPlan = plans.find((p) => /FROM audit a/.test(p));
      assert.ok(lookupPlan, `the lookup's plan was logged: ${plans.join('\n---\n')}`);
      assert.match(lookupPlan, /Index Scan using audit_by_idempotency_key on audit/);
      assert.doesNotMatch(lookupPlan, /Seq Scan on audit/);
      // And it still finds the key's answer (the 500th row).
      assert.equal(rows.length, 1);
      assert.equal(rows[0].request, 'r-500');
    } finally {
      await client.end();
    }
  });
}
