// Admin: the assignment ruleset (the shipped one, an invalid one refused with its lint errors, a new
// one deciding the next reassignment) and the rule stats.
import assert from 'node:assert/strict';
import {SHIPPED_RULESET_TEXT, expectedAssignment} from '../contract-assignment.js';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, demo, get, put, reject} from './contract-case.js';

export const adminRuleCases: ContractCase[] = [
  {
    name: 'admin: the active ruleset is the shipped one',
    steps: [
      {
        request: get('anna', '/api/admin/assignment-rules'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, JSON.parse(SHIPPED_RULESET_TEXT)),
      },
    ],
  },
  {
    name: 'admin: an invalid ruleset is refused with every lint error and line numbers; the active one stays',
    steps: [
      {
        request: {
          as: 'anna',
          method: 'PUT',
          path: '/api/admin/assignment-rules',
          rawBody: SHIPPED_RULESET_TEXT.replace(
            '"operator": "equal"',
            '"operator": "equalz"',
          ).replace('"to": "originalOwner"', '"to": "territory"'),
        },
        status: 422,
        code: 'invalid-ruleset',
        check: ({body}) => {
          assert.ok(body.errors.length >= 2, 'every error is listed');
          for (const e of body.errors) {
            assert.match(e.field, /^\//);
            assert.ok(e.line >= 1 && e.column >= 1, 'each error has a position');
          }
          const lines = SHIPPED_RULESET_TEXT.split('\n');
          const operatorLine = lines.findIndex((l) => l.includes('"operator": "equal"')) + 1;
          assert.ok(body.errors.some((e: {line: number}) => e.line === operatorLine));
        },
      },
      {
        request: get('anna', '/api/admin/assignment-rules'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, JSON.parse(SHIPPED_RULESET_TEXT)),
      },
      {
        request: put('anna', '/api/admin/assignment-rules', [1, 2]),
        status: 400,
        code: 'invalid-body',
      },
    ],
  },
  {
    name: 'admin: a valid ruleset becomes active and decides the next reassignment',
    steps: [
      {
        request: put('anna', '/api/admin/assignment-rules', {
          recordType: 'lead',
          unassignedOwner: 'lead-desk',
          rules: [
            {
              name: 'everything-to-jonas',
              conditions: {
                all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}],
              },
              event: {type: 'assign', params: {to: 'user', userId: 'jonas'}},
            },
          ],
        }),
        status: 200,
        check: ({body}) => {
          assert.equal(body.ruleset.rules[0].name, 'everything-to-jonas');
          assert.ok(Array.isArray(body.warnings));
        },
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body.assignment, {
            outcome: 'assigned',
            ownerId: 'jonas',
            rule: 'everything-to-jonas',
          }),
      },
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body, {
            rules: [{name: 'everything-to-jonas', matched: 50}],
            unassignedOwner: 0,
            total: 50,
          }),
      },
    ],
  },
  {
    name: 'admin: the stats count, per rule of the active ruleset, the current leads as if rejected now',
    steps: [
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}) => {
          const ruleset = JSON.parse(SHIPPED_RULESET_TEXT);
          const counts = new Map<string, number>(
            ruleset.rules.map((r: {name: string}) => [r.name, 0]),
          );
          let unassigned = 0;
          for (const lead of demo.values()) {
            const {rule} = expectedAssignment({...lead, status: 'Rejected'});
            if (rule === null) unassigned++;
            else counts.set(rule, counts.get(rule)! + 1);
          }
          assert.deepEqual(body, {
            rules: [...counts].map(([name, matched]) => ({name, matched})),
            unassignedOwner: unassigned,
            total: 50,
          });
        },
      },
    ],
  },
  {
    name: 'admin: the stats do not depend on the ownership mode (Book mode still shows what the rules would do)',
    steps: [
      {request: get('anna', '/api/admin/assignment-rules/stats'), status: 200},
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}, [mixed]) => assert.deepEqual(body, mixed!.body),
      },
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'user'}), status: 200},
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}, [mixed]) => assert.deepEqual(body, mixed!.body),
      },
    ],
  },
];
