// Paging of GET /api/leads: `limit` (1 to 1000, default 200) and `after` (a lead id), an array answer
// and a `Link: <…>; rel="next"` header while more leads follow.
import assert from 'node:assert/strict';
import type {Lead} from '@crmkit/sdk';
import type {ContractCase, ContractResponse} from './contract-case.js';
import {demo, get} from './contract-case.js';

const ids = [...demo.keys()].sort();
const qualified = [...demo.values()]
  .filter((l) => l.status === 'Qualified')
  .map((l) => l.id)
  .sort();

const idsOf = ({body}: ContractResponse) => (body as Lead[]).map((l) => l.id);
const noNext = (response: ContractResponse) =>
  assert.equal(response.headers.get('Link'), null, 'no Link on the last page');

export const pagingCases: ContractCase[] = [
  {
    name: 'GET /api/leads pages by limit and after; Link rel="next" names the next page until the last',
    steps: [
      {
        request: get('lena', '/api/leads?limit=20'),
        status: 200,
        check: (response) => {
          assert.deepEqual(idsOf(response), ids.slice(0, 20));
          assert.equal(
            response.headers.get('Link'),
            `</api/leads?after=${ids[19]}&limit=20>; rel="next"`,
          );
        },
      },
      {
        // The next page is what the Link named.
        request: get('lena', `/api/leads?after=${ids[19]}&limit=20`),
        status: 200,
        check: (response) => {
          assert.deepEqual(idsOf(response), ids.slice(20, 40));
          assert.equal(
            response.headers.get('Link'),
            `</api/leads?after=${ids[39]}&limit=20>; rel="next"`,
          );
        },
      },
      {
        request: get('lena', `/api/leads?after=${ids[39]}&limit=20`),
        status: 200,
        check: (response) => {
          assert.deepEqual(idsOf(response), ids.slice(40));
          noNext(response);
        },
      },
    ],
  },
  {
    name: 'the default page holds 200 leads: the 50 demo leads come in one answer without a Link',
    steps: [
      {
        request: get('max', '/api/leads'),
        status: 200,
        check: (response) => {
          assert.deepEqual(idsOf(response), ids);
          noNext(response);
        },
      },
      {
        // A page exactly as long as what is left has no next page either.
        request: get('max', `/api/leads?limit=${ids.length}`),
        status: 200,
        check: noNext,
      },
      {request: get('max', '/api/leads?limit=1000'), status: 200, check: noNext},
    ],
  },
  {
    name: 'paging keeps the status filter in the Link; after need not be an existing id',
    steps: [
      {
        request: get('max', '/api/leads?status=Qualified&limit=5'),
        status: 200,
        check: (response) => {
          assert.deepEqual(idsOf(response), qualified.slice(0, 5));
          assert.equal(
            response.headers.get('Link'),
            `</api/leads?status=Qualified&after=${qualified[4]}&limit=5>; rel="next"`,
          );
        },
      },
      {
        request: get('max', `/api/leads?status=Qualified&after=${qualified[4]}&limit=5`),
        status: 200,
        check: (response) => assert.deepEqual(idsOf(response), qualified.slice(5, 10)),
      },
      {
        // Keyset paging: the leads after the given id in id order, whether or not that lead exists.
        request: get('max', `/api/leads?after=${ids[48]}0`),
        status: 200,
        check: (response) => assert.deepEqual(idsOf(response), [ids[49]]),
      },
      {
        request: get('max', '/api/leads?after=~'),
        status: 200,
        check: (response) => assert.deepEqual(response.body, []),
      },
    ],
  },
  {
    name: 'a limit outside 1 to 1000, or an empty after, is 400 invalid-query on that parameter',
    steps: [
      ...['0', '1001', '-1', '1.5', 'ten', '', '99999'].map((limit) => ({
        request: get('max', `/api/leads?limit=${limit}`),
        status: 400,
        code: 'invalid-query' as const,
        fields: [
          ['limit', limit === '0' ? 'minimum' : /^\d+$/.test(limit) ? 'maximum' : 'type'],
        ] as Array<[string, string]>,
      })),
      {
        request: get('max', '/api/leads?after='),
        status: 400,
        code: 'invalid-query',
        fields: [['after', 'minLength']],
      },
      {
        request: get('max', `/api/leads?after=${'L'.repeat(256)}`),
        status: 400,
        code: 'invalid-query',
        fields: [['after', 'maxLength']],
      },
      {
        // Both at once: both named.
        request: get('max', '/api/leads?limit=0&after='),
        status: 400,
        code: 'invalid-query',
        fields: [
          ['limit', 'minimum'],
          ['after', 'minLength'],
        ],
      },
    ],
  },
];
