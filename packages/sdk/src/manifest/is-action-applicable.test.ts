import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isActionApplicable} from './is-action-applicable.js';

test('an action without "when" applies to every record, even one of unknown status', () => {
  assert.equal(isActionApplicable({}, {status: 'Rejected'}), true);
  assert.equal(isActionApplicable({}, {}), true);
});

test('an action with when.status applies only to a record in one of those statuses', () => {
  const reject = {when: {status: ['Qualified' as const]}};
  assert.equal(isActionApplicable(reject, {status: 'Qualified'}), true);
  for (const status of ['Qualifying', 'Converted', 'Rejected', 'Archived', 'qualified']) {
    assert.equal(isActionApplicable(reject, {status}), false, status);
  }
  const twoStatuses = {when: {status: ['Qualifying' as const, 'Qualified' as const]}};
  assert.equal(isActionApplicable(twoStatuses, {status: 'Qualifying'}), true);
});

test('a record of unknown status does not meet a status condition', () => {
  assert.equal(isActionApplicable({when: {status: ['Qualified']}}, {}), false);
  assert.equal(isActionApplicable({when: {status: ['Qualified']}}, {status: undefined}), false);
});
