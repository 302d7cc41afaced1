// A batch of rejects on PostgreSQL goes as text: its values travel as JSON in a string literal (see
// PostgresStore's rejectMany). These attacks try to break out of the quoting, through sqlText and
// through the real HTTP route, and fail: every value arrives as it was sent.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import {startPostgres} from '../../../test/start-postgres.js';
import type {TestPostgres} from '../../../test/start-postgres.js';
import {apiTestClient} from '../../server/api-test-client.js';
import {startDevHost} from '../../start-dev-host.js';
import {sqlText} from './postgres-store.js';

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

test('sqlText: every text, and its JSON, comes back from the server as it was', async () => {
  const client = new pg.Client({connectionString: await cluster.database('literals')});
  await client.connect();
  try {
    for (const value of HOSTILE) {
      const {rows} = await client.query<{v: string; j: unknown}>(
        `SELECT ${sqlText(value)}::text AS v, ${sqlText(JSON.stringify({value}))}::json AS j`,
      );
      assert.deepEqual(rows, [{v: value, j: {value}}]);
    }
  } finally {
    await client.end();
  }
});

test('rejects of one batch with hostile reasons and Idempotency-Keys store them as sent, and replay', async () => {
  const url = await cluster.database('batch');
  // A database whose sessions would read a backslash in a literal as an escape: the store's own
  // connections turn that off again.
  const admin = new pg.Client({connectionString: url});
  await admin.connect();
  await admin.query('ALTER DATABASE batch SET standard_conforming_strings = off');
  await admin.end();
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

test('a NUL or a lone surrogate in a reason, or a NUL in a lead id, is refused on its own; the reject batched with them goes through', async () => {
  const url = await cluster.database('nul');
  const host = await startDevHost({db: url});
  const peek = new pg.Pool({connectionString: url, max: 2});
  try {
    const call = apiTestClient(`http://127.0.0.1:${host.port}`);
    const [first, second, third] = (
      await peek.query<{id: string}>(
        "SELECT id FROM leads WHERE status = 'Qualified' ORDER BY id LIMIT 3",
      )
    ).rows.map((r) => r.id);
    const reject = (id: string, reason: string) =>
      call(`/api/leads/${id}/reject`, {
        token: 'max',
        method: 'POST',
        body: {rejectCode: 'OTHER', rejectReason: reason, reassignOwner: false},
      });
    // Sent at once, so that they meet in one batch: PostgreSQL cannot store a NUL in a text, and
    // JSONB takes no lone surrogate (which JSON.stringify writes as an escape).
    const [nulReason, nulLead, fine, surrogate] = await Promise.all([
      reject(first!, 'a NUL \u0000 here'),
      reject('%00', 'no such lead'),
      reject(second!, 'fine'),
      reject(third!, 'half a pair \ud83d here'),
    ]);
    assert.equal(nulReason.status, 400, JSON.stringify(nulReason.body));
    assert.equal(nulReason.body.code, 'invalid-body');
    assert.equal(nulReason.body.errors[0].field, '/rejectReason');
    assert.match(nulReason.body.errors[0].message, /U\+0000/);
    assert.equal(nulLead.status, 404, JSON.stringify(nulLead.body));
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
    // Refused when the body is read, as on every engine.
    assert.equal(surrogate.status, 400, JSON.stringify(surrogate.body));
    assert.equal(surrogate.body.errors[0].code, 'lone-surrogate');
    const statuses = await peek.query<{id: string; status: string}>(
      'SELECT id, status FROM leads WHERE id = ANY($1) ORDER BY id',
      [[first, second, third]],
    );
    assert.deepEqual(
      statuses.rows.map((r) => r.status),
      ['Qualified', 'Rejected', 'Qualified'],
    );
  } finally {
    await peek.end();
    await host.close();
  }
});
