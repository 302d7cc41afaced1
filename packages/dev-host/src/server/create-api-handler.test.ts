import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createContractValidator} from '@crmkit/host-core';
import {DevHostStore} from '../db/dev-host-store.js';
import {openDatabase} from '../db/open-database.js';
import {seedDemoData} from '../db/seed-demo-data.js';
import {apiTestClient} from './api-test-client.js';
import {createApiHandler} from './create-api-handler.js';
import type {Route} from './route.js';

/** A one-operation contract: GET /api/thing (leads.read) answering {name: string}. */
const contract = createContractValidator({
  openapi: '3.1.0',
  info: {title: 'one operation', version: '0.0.0'},
  paths: {
    '/api/thing': {
      get: {
        operationId: 'getThing',
        'x-crmkit-privilege': 'leads.read',
        responses: {
          200: {
            description: 'The thing.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: {name: {type: 'string'}},
                  additionalProperties: false,
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Problem: {type: 'object', required: ['code'], properties: {code: {type: 'string'}}},
    },
    parameters: {},
    responses: {},
  },
});

function store() {
  const db = openDatabase(':memory:');
  seedDemoData(db);
  return new DevHostStore(db);
}

const route = (overrides: Partial<Route>): Route => ({
  method: 'GET',
  path: '/api/thing',
  privilege: 'leads.read',
  handle: () => ({status: 200, body: {name: 'ok'}}),
  ...overrides,
});

test('the server refuses to start when its routes and the contract disagree', () => {
  assert.throws(
    () =>
      createApiHandler({
        store: store(),
        validator: contract,
        routes: [route({path: '/api/other'})],
      }),
    /GET \/api\/other is served but not in the OpenAPI contract/,
  );
  assert.throws(
    () =>
      createApiHandler({store: store(), validator: contract, routes: [route({privilege: null})]}),
    /needs no privilege here but leads\.read in the contract/,
  );
});

test('an answer that breaks the contract becomes a 500 and a contract: log line', async () => {
  const logged: string[] = [];
  let body: unknown = {name: 'ok'};
  const api = createApiHandler({
    store: store(),
    validator: contract,
    routes: [route({handle: () => ({status: 200, body})})],
    log: (line) => logged.push(line),
  });
  const server = createServer((req, res) => void api(req, res, new URL(req.url!, 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const call = apiTestClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    assert.equal((await call('/api/thing', {token: 'max'})).status, 200);
    body = {name: 7, extra: true};
    const broken = await call('/api/thing', {token: 'max'});
    assert.equal(broken.status, 500);
    assert.equal(broken.body.code, 'internal-error');
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^contract: GET \/api\/thing → 200: body/);
  } finally {
    server.close();
  }
});
