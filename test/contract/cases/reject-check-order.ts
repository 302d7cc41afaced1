// Which refusal wins when a reject breaks several rules at once: the documented order of the checks.
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, noAudit, put, reject, unchanged} from './contract-case.js';

export const rejectCheckOrderCases: ContractCase[] = [
  {
    name: 'reject: the checks run in the documented order (version, code, reason, Book mode)',
    steps: [
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'NOPE', rejectReason: 'z'.repeat(3000), reassignOwner: true},
          {'If-Match': '7'},
        ),
        status: 409,
        code: 'version-conflict',
      },
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'NOPE',
          rejectReason: 'z'.repeat(3000),
          reassignOwner: true,
        }),
        status: 422,
        code: 'unknown-reject-code',
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'OTHER', reassignOwner: true}),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'DUPLICATE',
          rejectReason: 'z'.repeat(3000),
          reassignOwner: true,
        }),
        status: 422,
        code: 'reason-too-long',
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
];
