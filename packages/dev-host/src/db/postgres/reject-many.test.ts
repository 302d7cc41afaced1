// A batch of rejects on PostgreSQL goes as text: its values are quoted into the statements (see
// PostgresStore's rejectMany). These attacks try to break out of the quoting, through the array
// literal and through the real HTTP route, and fail: every value arrives as it was sent.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import {startPostgres} from '../../../test/start-postgres.js';
import type {TestPostgres} from '../../../test/start-postgres.js';
import {apiTestClient} from '../../server/api-test-client.js';
import {startDevHost} from '../../start-dev-host.js';
import {arrayLiteral} from './postgres-store.js';

let cluster: TestPostgres;
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
});

/** Texts that end a literal, an array element or a statement when quoted wrongly. */
const HOSTILE = [
  "'); DELETE FROM leads; --",
  "\\'; DROP TABLE audit; --",
  '"}, {"x',
  '\\',
  '\\\\"',
  '{}',
  'a,b',
  'NULL',
  'null',
  '',
  ' ',
  "E'\\x41'",
  '$$; DROP TABLE leads; $$',
  'Grüße, 😀',
  'line\nbreak\ttab',
];

test('arrayLiteral quoted by escapeLiteral: every text comes back from the server as it was', async () => {
  const client = new pg.Client({connectionString: await cluster.database('literals')});
  await client.connect();
  try {
    const values = [...HOSTILE, null];
    const {rows} = await client.query<{v: string | null}>(
      `SELECT v FROM unnest(${client.escapeLiteral(arrayLiteral(values))}::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`,
    );
    assert.deepEqual(
      rows.map((r) => r.v),
      values,
    );
    assert.equal(arrayLiteral([1, 22, null]), '{1,22,NULL}');
  } finally {
    await client.end();
  }
});

test('rejects of one batch with hostile reasons and Idempotency-Keys store them as sent, and replay', async () => {
  const url = await cluster.database('batch');
  const host = await startDevHost({db: url});
  const peek = new pg.Pool({connectionString: url, max: 2});
  try {
    const call = apiTestClient(`http://127.0.0.1:${host.port}`);
    const leads = async () => (await peek.query('SELECT count(*)::int AS n FROM leads')).rows[0].n;
    const before = await leads();
    const qualified = (
      await peek.query<{id: string}>(
        "SELECT id FROM leads WHERE status = 'Qualified' ORDER BY id LIMIT $1",
        [HOSTILE.length],
      )
    ).rows.map((r) => r.id);
    // A header carries visible ASCII and inner spaces: the rest of each text goes into a key as it is.
    const keyOf = (i: number) => `#${i}[${HOSTILE[i]!.replace(/[^\x20-\x7e]/g, '?')}]`;
    const reject = (id: string, i: number) =>
      call(`/api/leads/${id}/reject`, {
        token: 'max',
        method: 'POST',
        body: {rejectCode: 'OTHER', rejectReason: `${HOSTILE[i]} #${i}`, reassignOwner: false},
        headers: {'idempotency-key': keyOf(i)},
      });
    // Sent at once: they arrive in one turn and go as one batch.
    const answers = await Promise.all(qualified.map((id, i) => reject(id, i)));
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const stored = await peek.query<{id: string; reject_reason: string; key: string}>(
      `SELECT l.id, l.reject_reason, a.idempotency_key AS key FROM leads l JOIN audit a ON a.lead_id = l.id
       WHERE l.id = ANY($1) ORDER BY l.id`,
      [qualified],
    );
    assert.deepEqual(
      stored.rows,
      qualified.map((id, i) => ({id, reject_reason: `${HOSTILE[i]} #${i}`.trim(), key: keyOf(i)})),
    );
    assert.equal(await leads(), before, 'no lead deleted');
    // Each key replays its own answer.
    for (const [i, id] of qualified.entries()) {
      const again = await reject(id, i);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, answers[i]!.body);
    }
  } finally {
    await peek.end();
    await host.close();
  }
});
