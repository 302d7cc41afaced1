import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DevHostStore} from '../db/dev-host-store.js';
import {openDatabase} from '../db/open-database.js';
import {seedDemoData} from '../db/seed-demo-data.js';
import {StaleAssignmentError, createRejectLead} from '@crmkit/host-core';
import type {Reassigner} from '@crmkit/host-core';

function setup() {
  const db = openDatabase(':memory:');
  seedDemoData(db);
  const store = new DevHostStore(db);
  const id = db
    .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
    .pluck()
    .get() as string;
  return {db, store, id, user: store.user('max')!};
}

/** An asynchronous ruleset whose decision races with `changesDuringDecision` other writes to the lead. */
function racingRules(
  db: ReturnType<typeof setup>['db'],
  id: string,
  changesDuringDecision: number,
) {
  let decisions = 0;
  const rules: Reassigner = {
    synchronous: false,
    current: async () => {},
    reassign: () => {
      throw new Error('the synchronous path must not run for this ruleset');
    },
    decide: async (lead) => {
      decisions++;
      assert.equal(lead.status, 'Rejected', 'decided for the lead as after the rejection');
      await new Promise((resolve) => setImmediate(resolve));
      if (decisions <= changesDuringDecision) {
        db.prepare('UPDATE leads SET version = version + 1 WHERE id = ?').run(id);
      }
      return {outcome: 'assigned', ownerId: 'jonas', rule: 'async-rule'};
    },
  };
  return {rules, decisions: () => decisions};
}

test('an asynchronous decision made stale by a concurrent change is made again, then committed once', async () => {
  const {db, store, id, user} = setup();
  const {rules, decisions} = racingRules(db, id, 2);
  const reject = createRejectLead(store, rules);
  const outcome = await reject({
    leadId: id,
    user,
    input: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
  });
  assert.equal(decisions(), 3);
  assert.equal(outcome.body.lead.version, 1 + 2 + 1, 'two concurrent changes, then the rejection');
  assert.deepEqual(outcome.body.assignment, {
    outcome: 'assigned',
    ownerId: 'jonas',
    rule: 'async-rule',
  });
  assert.equal(db.prepare('SELECT count(*) FROM audit WHERE lead_id = ?').pluck().get(id), 1);
  db.close();
});

test('a decision that stays stale gives up after 5 attempts and changes nothing', async () => {
  const {db, store, id, user} = setup();
  const {rules, decisions} = racingRules(db, id, 99);
  const reject = createRejectLead(store, rules);
  await assert.rejects(
    reject({leadId: id, user, input: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true}}),
    StaleAssignmentError,
  );
  assert.equal(decisions(), 5);
  assert.equal(db.prepare('SELECT status FROM leads WHERE id = ?').pluck().get(id), 'Qualified');
  assert.equal(db.prepare('SELECT count(*) FROM audit').pluck().get(), 0);
  db.close();
});

test('without Reassign Owner no decision is made at all', async () => {
  const {db, store, id, user} = setup();
  const {rules, decisions} = racingRules(db, id, 0);
  const outcome = await createRejectLead(
    store,
    rules,
  )({
    leadId: id,
    user,
    input: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: false},
  });
  assert.equal(decisions(), 0);
  assert.equal(outcome.body.assignment, undefined);
  db.close();
});
