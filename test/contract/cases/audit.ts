// Admin: the audit trail, newest first, limited and filtered by lead.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, QUALIFIED_OTHER, get, namesField, reject} from './contract-case.js';

export const auditCases: ContractCase[] = [
  {
    name: 'admin: the audit trail is newest first and filters by lead',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: reject('sofia', QUALIFIED_OTHER, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: get('anna', '/api/admin/audit?limit=1'),
        status: 200,
        check: ({body}) => {
          assert.equal(body.length, 1);
          assert.equal(body[0].leadId, QUALIFIED_OTHER);
        },
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((r: {leadId: string}) => r.leadId),
            [QUALIFIED],
          ),
      },
      {
        request: get('anna', '/api/admin/audit?limit=0'),
        status: 400,
        code: 'invalid-query',
        check: namesField('limit'),
      },
    ],
  },
];
