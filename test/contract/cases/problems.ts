// The problem answers themselves: the detail and field messages in the caller's language, the code,
// type and title fixed.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, reject} from './contract-case.js';

export const problemCases: ContractCase[] = [
  {
    name: 'problems: the detail follows Accept-Language (else the user locale); code and title do not',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'OTHER', reassignOwner: false}),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Accept-Language': 'en-GB, en;q=0.8'},
        ),
        status: 422,
        code: 'reason-required',
        check: ({body}, [german]) => {
          assert.equal(body.title, german!.body.title);
          assert.equal(body.type, 'urn:crmkit:problem:reason-required');
          assert.notEqual(body.detail, german!.body.detail, 'German for max, English when asked');
          assert.notEqual(body.errors[0].message, german!.body.errors[0].message);
        },
      },
      {
        request: reject(
          'sofia',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Accept-Language': 'de'},
        ),
        status: 422,
        check: ({body}, [german]) => assert.equal(body.detail, german!.body.detail),
      },
    ],
  },
];
