// Idempotency-Key on reject: a replay answers the first answer, a key reused for another request is
// 422, keys are per user, and a refused request does not use its key up.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, QUALIFIED_OTHER, get, reject, unchanged} from './contract-case.js';

export const idempotencyCases: ContractCase[] = [
  {
    name: 'reject: the same Idempotency-Key replays the first answer and changes nothing more',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: 'Moved abroad.', reassignOwner: true},
          {'Idempotency-Key': 'reject-L-1001-a'},
        ),
        status: 200,
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: '  Moved abroad. ', reassignOwner: true},
          {'Idempotency-Key': 'reject-L-1001-a', 'If-Match': '1'},
        ),
        status: 200,
        check: ({body, headers}, [first]) => {
          assert.deepEqual(body, first!.body);
          assert.equal(headers.get('Idempotent-Replayed'), 'true');
        },
      },
      {
        request: get('max', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}) => assert.equal(body.version, 2),
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) => assert.equal(body.length, 1),
      },
    ],
  },
  {
    name: 'reject: an Idempotency-Key reused for another request is 422; keys are per user',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 200,
      },
      {
        request: reject(
          'max',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 422,
        code: 'idempotency-key-reused',
      },
      unchanged(QUALIFIED_OTHER),
      {
        request: reject(
          'sofia',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.id, QUALIFIED_OTHER),
      },
    ],
  },
  {
    name: 'reject: after a refusal the same Idempotency-Key may carry the corrected request',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Idempotency-Key': 'k-2'},
        ),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: 'Retired.', reassignOwner: false},
          {'Idempotency-Key': 'k-2'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason, 'Retired.'),
      },
    ],
  },
];
