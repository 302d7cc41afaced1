// Rejecting a qualified lead: what changes (status, version, rejection, audit), the trimmed reason
// and Reassign Owner through the Assignment Manager.
import assert from 'node:assert/strict';
import {DEMO_USERS} from '@crmkit/host-core';
import {expectedAssignment} from '../contract-assignment.js';
import type {ContractCase} from './contract-case.js';
import {
  QUALIFIED,
  QUALIFIED_INACTIVE_ORIGINAL,
  QUALIFIED_OTHER,
  demo,
  get,
  reject,
} from './contract-case.js';

export const rejectSuccessCases: ContractCase[] = [
  {
    name: 'reject: status Rejected, version + 1, the rejection recorded, the owner kept, an audit row',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(Object.keys(body), ['lead']);
          const lead = body.lead;
          assert.equal(lead.status, 'Rejected');
          assert.equal(lead.version, 2);
          assert.equal(lead.ownerId, 'max');
          assert.equal(lead.rejection.code, 'DUPLICATE');
          assert.equal('reason' in lead.rejection, false);
          assert.deepEqual(lead.rejection.rejectedBy, {id: 'max', name: 'Max Müller'});
          assert.ok(Math.abs(Date.parse(lead.rejection.rejectedAt) - Date.now()) < 60_000);
        },
      },
      {
        request: get('lena', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}, [rejected]) => assert.deepEqual(body, rejected!.body.lead),
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) => {
          assert.equal(body.length, 1);
          assert.equal(body[0].action, 'lead.rejected');
          assert.deepEqual(body[0].actor, {id: 'max', name: 'Max Müller'});
        },
      },
    ],
  },
  {
    name: 'reject: the reason is trimmed; a blank or null reason counts as none',
    steps: [
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: '  \n Budget frozen until Q3.\t ',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason, 'Budget frozen until Q3.'),
      },
      {
        request: reject('max', QUALIFIED_OTHER, {
          rejectCode: 'DUPLICATE',
          rejectReason: ' \n  ',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal('reason' in body.lead.rejection, false),
      },
      {
        request: reject('sofia', 'L-1004', {
          rejectCode: 'DUPLICATE',
          rejectReason: null,
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal('reason' in body.lead.rejection, false),
      },
    ],
  },
  {
    name: 'reject with Reassign Owner: the Assignment Manager decides on the rejected lead, the original owner stays',
    steps: [
      {
        request: reject('max', QUALIFIED_INACTIVE_ORIGINAL, {
          rejectCode: 'OTHER',
          rejectReason: 'Wrong contact.',
          reassignOwner: true,
        }),
        status: 200,
        check: ({body}) => {
          const before = demo.get(QUALIFIED_INACTIVE_ORIGINAL)!;
          const expected = expectedAssignment({...body.lead, ownerId: before.ownerId});
          assert.deepEqual(body.assignment, expected);
          assert.equal(body.lead.ownerId, expected.ownerId);
          assert.equal(body.lead.originalOwnerId, 'petra');
          assert.equal(body.lead.version, 2);
          const owner = DEMO_USERS.find((u) => u.id === body.lead.ownerId)!;
          assert.ok(owner.active, 'assigned to an active user');
          assert.equal(body.lead.ownerName, owner.name);
        },
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(body.assignment, expectedAssignment({...body.lead, ownerId: 'max'}));
          assert.deepEqual(body.lead.rejection.assignment, body.assignment);
        },
      },
      {
        // The rejection keeps how the owner was reassigned: a reload shows it too.
        request: get('sofia', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}, previous) =>
          assert.deepEqual(body.rejection.assignment, previous.at(-1)!.body.assignment),
      },
      {
        request: reject('max', QUALIFIED_OTHER, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.assignment, undefined),
      },
    ],
  },
];
