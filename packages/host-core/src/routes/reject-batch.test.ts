// The rejects of one turn as one transaction (a store with RejectBatchStore, as PostgreSQL has): each
// decided as if alone, in arrival order; a refusal stays its own; a failed write fails the batch.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HostProblem} from '../http/host-problem.js';
import type {IdempotentAnswer, LeadRow, RejectBatchStore} from '../store/host-store.js';
import {MemoryStore} from '../store/memory-store.js';
import {demoState} from '../../test/demo-state.js';
import {createRejectLeadTransaction} from './reject-lead-transaction.js';
import type {RejectRequest} from './reject-lead-transaction.js';

/** The memory store with the batch statements, counting transactions and statements. */
class BatchingMemoryStore extends MemoryStore {
  transactions = 0;
  statements: string[] = [];
  failWrites = false;
  override transaction<T>(work: () => T | Promise<T>): Promise<T> {
    this.transactions++;
    return super.transaction(work);
  }
  readonly rejectBatch: RejectBatchStore = {
    rejectMany: (read, decide) =>
      this.transaction(async () => {
        this.statements.push(`read ${read.keys.length} keys, ${read.leadIds.length} leads`);
        const answers = new Map<string, IdempotentAnswer>();
        for (const {userId, key} of read.keys) {
          const answer = this.idempotent(userId, key, read.since);
          if (answer) answers.set(`${userId}\n${key}`, answer);
        }
        const rows = new Map<string, LeadRow>();
        for (const id of read.leadIds) {
          const row = this.leadRow(id);
          if (row) rows.set(id, row);
        }
        const {changes, audits, result} = await decide({answers, rows});
        if (changes.length) {
          this.statements.push(`write ${changes.length} leads, ${audits.length} audit rows`);
          if (this.failWrites) throw new Error('the disk is full');
          for (const c of changes) this.rejectLead(c);
          for (const r of audits)
            this.audit(r.userId, r.action, r.leadId, r.detail, r.replay, r.pluginId);
        }
        return result;
      }),
  };
}

const store = () => new BatchingMemoryStore(demoState());

const noReassign = () => {
  throw new Error('no reassignment in this test');
};

/** Every request started in the same turn: one batch. */
const settleAll = (reject: (r: RejectRequest) => Promise<unknown>, requests: RejectRequest[]) =>
  Promise.allSettled(requests.map((r) => reject(r)));

test('rejects of one turn: one transaction, one read and one write, each decided as if alone in arrival order', async () => {
  const s = store();
  const max = s.user('max')!;
  const reject = createRejectLeadTransaction(s, noReassign);
  const input = {rejectCode: 'DUPLICATE', reassignOwner: false};
  const results = await settleAll(reject, [
    {leadId: 'L-1001', user: max, input, idempotencyKey: 'k-1'},
    {leadId: 'L-1002', user: max, input},
    // The same lead again: sees the first's rejection.
    {leadId: 'L-1001', user: max, input},
    // The same key again with the same request: the first one's answer, replayed.
    {leadId: 'L-1001', user: max, input, idempotencyKey: 'k-1'},
    // A refusal of its own: the others still commit.
    {leadId: 'L-1003', user: max, input: {rejectCode: 'NO_SUCH_CODE', reassignOwner: false}},
    // The same key with another request: reused.
    {leadId: 'L-1004', user: max, input, idempotencyKey: 'k-1'},
  ]);
  assert.equal(s.transactions, 1);
  assert.deepEqual(s.statements, ['read 3 keys, 4 leads', 'write 2 leads, 2 audit rows']);
  const [first, second, again, replay, unknown, reused] = results as [
    PromiseSettledResult<unknown>,
    PromiseSettledResult<unknown>,
    PromiseSettledResult<unknown>,
    PromiseSettledResult<unknown>,
    PromiseSettledResult<unknown>,
    PromiseSettledResult<unknown>,
  ];
  assert.equal(first.status, 'fulfilled');
  assert.equal(second.status, 'fulfilled');
  const code = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected' && r.reason instanceof HostProblem ? r.reason.code : r.status;
  assert.equal(code(again), 'lead-not-qualified');
  assert.equal(code(unknown), 'unknown-reject-code');
  assert.equal(code(reused), 'idempotency-key-reused');
  assert.equal(replay.status, 'fulfilled');
  const firstAnswer = (first as PromiseFulfilledResult<{text: string; replayed: boolean}>).value;
  const replayAnswer = (replay as PromiseFulfilledResult<{text: string; replayed: boolean}>).value;
  assert.equal(firstAnswer.replayed, false);
  assert.equal(replayAnswer.replayed, true);
  assert.equal(replayAnswer.text, firstAnswer.text);
  // Written once each, with one audit row each; the refused leads unchanged.
  assert.equal(s.leadRow('L-1001')!.status, 'Rejected');
  assert.equal(s.leadRow('L-1001')!.version, 2);
  assert.equal(s.leadRow('L-1002')!.status, 'Rejected');
  assert.equal(s.leadRow('L-1003')!.status, 'Qualified');
  assert.equal(s.leadRow('L-1004')!.status, 'Qualified');
  assert.deepEqual(
    s.state.audit.map((a) => a.leadId),
    ['L-1001', 'L-1002'],
  );
  // The next turn is a batch of its own, and the key replays from the store.
  const later = await reject({leadId: 'L-1001', user: max, input, idempotencyKey: 'k-1'});
  assert.equal(later.replayed, true);
  assert.equal(s.transactions, 2);
});

test('a failed write fails the whole batch and commits nothing of it', async () => {
  const s = store();
  s.failWrites = true;
  const max = s.user('max')!;
  const reject = createRejectLeadTransaction(s, noReassign);
  const input = {rejectCode: 'DUPLICATE', reassignOwner: false};
  const results = await settleAll(reject, [
    {leadId: 'L-1001', user: max, input},
    {leadId: 'L-1002', user: max, input, idempotencyKey: 'k-2'},
  ]);
  assert.deepEqual(
    results.map((r) => r.status === 'rejected' && (r.reason as Error).message),
    ['the disk is full', 'the disk is full'],
  );
  assert.equal(s.leadRow('L-1001')!.status, 'Qualified');
  assert.equal(s.leadRow('L-1002')!.status, 'Qualified');
  assert.deepEqual(s.state.audit, []);
  // Once it can write again, the same requests go through.
  s.failWrites = false;
  const ok = await reject({leadId: 'L-1002', user: max, input, idempotencyKey: 'k-2'});
  assert.equal(ok.replayed, false);
});
