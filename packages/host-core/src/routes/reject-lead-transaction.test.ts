import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DEMO_USERS} from '../demo-data.js';
import {HostProblem} from '../http/host-problem.js';
import {MemoryStore} from '../store/memory-store.js';
import {demoState} from '../../test/demo-state.js';
import {createRejectLeadTransaction} from './reject-lead-transaction.js';

const store = () => new MemoryStore(demoState());

const input = {rejectCode: 'DUPLICATE', reassignOwner: false};

test('the transaction checks the user again: deactivated or without Reject Leads since the request was authorized, refused', async () => {
  for (const [change, code] of [
    [(u: (typeof DEMO_USERS)[number]) => ({...u, active: false}), 'unauthorized'],
    [
      // Moved to a role without Reject Leads.
      (u: (typeof DEMO_USERS)[number]) => ({...u, roleId: 'marketing'}),
      'missing-privilege',
    ],
  ] as const) {
    const s = store();
    const authorized = s.user('max')!; // as the pipeline saw max
    s.state.users = s.state.users.map((u) => (u.id === 'max' ? change(u) : u));
    const reject = createRejectLeadTransaction(s, () => {
      throw new Error('no reassignment in this test');
    });
    await assert.rejects(reject({leadId: 'L-1001', user: authorized, input}), (error) => {
      assert.ok(error instanceof HostProblem);
      assert.equal(error.code, code);
      return true;
    });
    assert.equal(s.state.leads.get('L-1001')!.status, 'Qualified');
    assert.equal(s.state.audit.length, 0);
  }
});
