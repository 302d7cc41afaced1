// HTTP around the operations: the auth scheme's case, a JSON charset, unknown paths (404) and
// known paths with another method (405 with Allow).
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, get, reject} from './contract-case.js';

export const httpCases: ContractCase[] = [
  {
    name: 'the auth scheme is case-insensitive and a JSON body may name its charset',
    steps: [
      {
        request: {authorization: 'bearer max', method: 'GET', path: '/api/me'},
        status: 200,
        check: ({body}) => assert.equal(body.id, 'max'),
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Content-Type': 'application/json; charset=utf-8'},
        ),
        status: 200,
      },
    ],
  },
  {
    name: 'an unknown /api/ path is 404 not-found; a known path with another method is 405 with Allow',
    steps: [
      {request: get('max', '/api/nothing-here'), status: 404, code: 'not-found'},
      {request: get(undefined, '/api/nothing-here'), status: 404, code: 'not-found'},
      {
        request: {as: 'max', method: 'DELETE', path: '/api/leads'},
        status: 405,
        code: 'method-not-allowed',
        check: ({headers}) => assert.match(headers.get('Allow') ?? '', /GET/),
      },
    ],
  },
];
