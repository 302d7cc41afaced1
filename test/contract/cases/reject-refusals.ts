// Rejecting refused, one problem at a time (404, 403, 409, 400, 415, 422); a refused request changes
// neither the lead nor the audit trail.
import assert from 'node:assert/strict';
import type {ContractCase, ContractStep} from './contract-case.js';
import {
  QUALIFIED,
  QUALIFIED_INACTIVE_ORIGINAL,
  QUALIFIED_OTHER,
  QUALIFYING,
  REJECTED,
  adminCodes,
  get,
  namesField,
  noAudit,
  put,
  reject,
  unchanged,
} from './contract-case.js';

export const rejectRefusalCases: ContractCase[] = [
  {
    name: 'reject: 404 lead-not-found, and the privilege is checked before the lead is looked up',
    steps: [
      {
        request: reject('max', 'L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 404,
        code: 'lead-not-found',
      },
      {
        request: reject('lena', 'L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 403,
        code: 'missing-privilege',
      },
    ],
  },
  {
    name: 'reject: 409 lead-not-qualified for every status but Qualified, before the code is checked',
    steps: [
      ...[QUALIFYING, REJECTED, 'L-1027', 'L-1043'].map((id): ContractStep => ({
        request: reject('max', id, {rejectCode: 'NOPE', reassignOwner: false}),
        status: 409,
        code: 'lead-not-qualified',
        fields: [['', 'lead-not-qualified']],
      })),
      unchanged(QUALIFYING),
      noAudit(QUALIFYING),
    ],
  },
  {
    name: 'reject: a second user rejecting the same lead gets 409 lead-not-qualified',
    steps: [
      {
        request: reject('sofia', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: false}),
        status: 409,
        code: 'lead-not-qualified',
        check: (_r, [first]) => assert.equal(first!.body.lead.rejection.code, 'DUPLICATE'),
      },
    ],
  },
  {
    name: 'reject: If-Match (plain or quoted) must be the current version, else 409 version-conflict',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '2'},
        ),
        status: 409,
        code: 'version-conflict',
        fields: [['If-Match', 'version-conflict']],
        check: ({body}) => assert.equal(body.currentVersion, 1),
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '"1"'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.version, 2),
      },
      {
        request: reject(
          'max',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '1'},
        ),
        status: 200,
      },
    ],
  },
  {
    name: 'reject: a malformed If-Match or Idempotency-Key is 400 invalid-header',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': 'abc'},
        ),
        status: 400,
        code: 'invalid-header',
        check: namesField('If-Match'),
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k'.repeat(256)},
        ),
        status: 400,
        code: 'invalid-header',
        check: namesField('Idempotency-Key'),
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 unknown-reject-code',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'NOT_A_CODE', reassignOwner: false}),
        status: 422,
        code: 'unknown-reject-code',
        fields: [['/rejectCode', 'unknown-reject-code']],
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 inactive-reject-code after an admin deactivated it; the picklist shows it inactive',
    steps: [
      {
        request: put(
          'anna',
          '/api/admin/reject-codes',
          adminCodes().map((c) => (c.key === 'DUPLICATE' ? {...c, active: false} : c)),
        ),
        status: 200,
      },
      {
        request: get('max', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) =>
          assert.equal(body.find((c: {key: string}) => c.key === 'DUPLICATE').active, false),
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 422,
        code: 'inactive-reject-code',
        fields: [['/rejectCode', 'inactive-reject-code']],
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 reason-required for OTHER without a reason (missing, blank, null)',
    steps: [
      ...[undefined, '   \n\t ', null, ''].map((rejectReason): ContractStep => ({
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          ...(rejectReason !== undefined ? {rejectReason} : {}),
          reassignOwner: true,
        }),
        status: 422,
        code: 'reason-required',
        fields: [['/rejectReason', 'reason-required']],
      })),
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 reason-too-long over 2000 characters after trimming; exactly 2000 is fine',
    steps: [
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: 'x'.repeat(2001),
          reassignOwner: false,
        }),
        status: 422,
        code: 'reason-too-long',
        fields: [['/rejectReason', 'reason-too-long']],
      },
      unchanged(QUALIFIED),
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: `   ${'y'.repeat(2000)}   `,
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason.length, 2000),
      },
    ],
  },
  {
    name: 'reject: a NUL (U+0000) in the reason is 400 invalid-body on /rejectReason; a lead id with one is 404',
    steps: [
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: 'before \u0000 after',
          reassignOwner: false,
        }),
        status: 400,
        code: 'invalid-body',
        fields: [['/rejectReason', 'pattern']],
        check: ({body}) => assert.match(body.errors[0].message, /U\+0000 \(NUL\)/),
      },
      unchanged(QUALIFIED),
      {
        request: reject('max', '%00', {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 404,
        code: 'not-found',
      },
    ],
  },
  {
    name: 'reject: Book mode refuses Reassign Owner with 422, but rejects without it',
    steps: [
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: get('max', '/api/settings/lead'),
        status: 200,
        check: ({body}) => assert.equal(body.ownershipMode, 'book'),
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 422,
        code: 'reassign-not-allowed-in-book-mode',
        fields: [['/reassignOwner', 'reassign-not-allowed-in-book-mode']],
      },
      unchanged(QUALIFIED),
      {
        request: reject('max', QUALIFIED_INACTIVE_ORIGINAL, {
          rejectCode: 'DUPLICATE',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => {
          assert.equal(body.assignment, undefined);
          assert.equal(body.lead.ownerId, 'jonas');
        },
      },
    ],
  },
  {
    name: 'reject: a body that breaks the schema is 400 invalid-body naming each field',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 42, comment: 'x'}),
        status: 400,
        code: 'invalid-body',
        fields: [
          ['/rejectCode', 'type'],
          ['/reassignOwner', 'required'],
          ['/comment', 'additionalProperties'],
        ],
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: '', reassignOwner: 'yes'}),
        status: 400,
        code: 'invalid-body',
        fields: [
          ['/rejectCode', 'minLength'],
          ['/reassignOwner', 'type'],
        ],
      },
      {
        request: reject('max', QUALIFIED, ['DUPLICATE']),
        status: 400,
        code: 'invalid-body',
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: a body that is not JSON is 400 invalid-json; not declared as JSON, 415',
    steps: [
      {
        request: {
          as: 'max',
          method: 'POST',
          path: `/api/leads/${QUALIFIED}/reject`,
          rawBody: '{"rejectCode": "DUPLICATE",\n  reassignOwner: true}',
        },
        status: 400,
        code: 'invalid-json',
        check: ({body}) => assert.equal(body.errors?.[0]?.line, 2),
      },
      {
        request: {
          as: 'max',
          method: 'POST',
          path: `/api/leads/${QUALIFIED}/reject`,
          headers: {'Content-Type': 'text/plain'},
          rawBody: JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
        },
        status: 415,
        code: 'unsupported-media-type',
      },
      unchanged(QUALIFIED),
    ],
  },
];
