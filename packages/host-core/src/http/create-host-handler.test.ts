import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createContractValidator} from '../contract/create-contract-validator.js';
import {MemoryStore} from '../store/memory-store.js';
import {demoState} from '../../test/demo-state.js';
import {createHostHandler} from './create-host-handler.js';
import type {HostRequest} from './host-request.js';
import type {Route} from './route.js';

const store = () => new MemoryStore({...demoState(), rejectCodes: []});

const request = (pathname: string, headers: Record<string, string> = {}): HostRequest => ({
  method: 'GET',
  pathname,
  query: new URLSearchParams(),
  header: (name) => headers[name],
  readBody: async () => '',
  readBytes: async () => new Uint8Array(),
  discardBody: () => {},
});

/** GET /api/me as the contract has it (any signed-in user), answering `body`. */
const me = (overrides: Partial<Route> = {}): Route => ({
  method: 'GET',
  path: '/api/me',
  privilege: null,
  handle: () => ({status: 200, body: {}}),
  ...overrides,
});

test('a host refuses to start when its routes and the contract disagree', () => {
  assert.throws(
    () => createHostHandler({store: store(), routes: [me({path: '/api/other'})]}),
    /GET \/api\/other is served but not in the OpenAPI contract/,
  );
  assert.throws(
    () => createHostHandler({store: store(), routes: [me({privilege: 'leads.read'})]}),
    /needs leads\.read here but none in the contract/,
  );
});

test('an answer that breaks the contract becomes a 500 and a contract: log line', async () => {
  const logged: string[] = [];
  let body: unknown = {id: 'max', name: 'Max', locale: 'de', role: 'Sales Rep', privileges: []};
  const handle = createHostHandler({
    store: store(),
    routes: [me({handle: () => ({status: 200, body})})],
    checkResponse: createContractValidator().checkResponse,
    log: (line) => logged.push(line),
  });
  const auth = {authorization: 'Bearer max'};
  assert.equal((await handle(request('/api/me', auth))).status, 200);
  body = {name: 7};
  const broken = await handle(request('/api/me', auth));
  assert.equal(broken.status, 500);
  assert.equal(JSON.parse(broken.body as string).code, 'internal-error');
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /^contract: GET \/api\/me → 200: body/);
});

test('without a bearer token: 401 with WWW-Authenticate, before any route runs', async () => {
  let ran = false;
  const handle = createHostHandler({
    store: store(),
    routes: [me({handle: () => ((ran = true), {status: 200, body: {}})})],
  });
  const answer = await handle(request('/api/me'));
  assert.equal(answer.status, 401);
  assert.equal(answer.headers['www-authenticate'], 'Bearer');
  assert.equal(ran, false);
});

/**
 * The memory store with caches another node may have changed: `refresh()` applies `elsewhere` (the
 * other node's commit) and counts.
 */
class RefreshingStore extends MemoryStore {
  refreshes = 0;
  elsewhere: (() => void) | undefined;
  refresh(): void {
    this.refreshes++;
    this.elsewhere?.();
    this.elsewhere = undefined;
  }
}

const refreshingStore = () => new RefreshingStore(store().state);

/** POST /api/leads/{id}/reject as the contract has it, checking its caller again itself. */
const reject = (): Route => ({
  method: 'POST',
  path: '/api/leads/{id}/reject',
  privilege: 'leads.reject',
  body: true,
  checksCallerAgain: true,
  handle: ({user}) => ({status: 200, body: {by: user.id}}),
});

const rejectRequest = (token: string): HostRequest => ({
  ...request('/api/leads/L-1001/reject', {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  }),
  method: 'POST',
  readBody: async () => JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
});

test('a route that checks its caller again skips the refresh when the caches admit the caller', async () => {
  const s = refreshingStore();
  const handle = createHostHandler({store: s, routes: [reject(), me()]});
  assert.equal((await handle(rejectRequest('max'))).status, 200);
  assert.equal(s.refreshes, 0);
  // Every other route refreshes first.
  assert.equal((await handle(request('/api/me', {authorization: 'Bearer max'}))).status, 200);
  assert.equal(s.refreshes, 1);
});

test('caches that refuse the caller of such a route are made current, and the caller asked again', async () => {
  const s = refreshingStore();
  const salesRep = s.state.roles.find((r) => r.id === 'sales-rep')!;
  const granted = [...salesRep.privileges];
  salesRep.privileges = granted.filter((p) => p !== 'leads.reject');
  // Granted again on another node: this node's caches do not know it yet.
  s.elsewhere = () => void (salesRep.privileges = granted);
  const handle = createHostHandler({store: s, routes: [reject()]});
  const answer = await handle(rejectRequest('max'));
  assert.equal(answer.status, 200, String(answer.body));
  assert.equal(s.refreshes, 1);
  // A user added elsewhere signs in at once too.
  s.elsewhere = () =>
    void s.state.users.push({
      ...s.state.users.find((u) => u.id === 'max')!,
      id: 'newcomer',
      token: 'newcomer',
    });
  assert.equal((await handle(rejectRequest('newcomer'))).status, 200);
  assert.equal(s.refreshes, 2);
});

test('refused again with current caches: the refusal stands', async () => {
  const s = refreshingStore();
  const salesRep = s.state.roles.find((r) => r.id === 'sales-rep')!;
  salesRep.privileges = salesRep.privileges.filter((p) => p !== 'leads.reject');
  const handle = createHostHandler({store: s, routes: [reject()]});
  const answer = await handle(rejectRequest('max'));
  assert.equal(answer.status, 403);
  const body = JSON.parse(answer.body as string) as {code: string; detail: string};
  assert.equal(body.code, 'missing-privilege');
  assert.equal(s.refreshes, 1);
  assert.equal((await handle(rejectRequest('nobody'))).status, 401);
  assert.equal(s.refreshes, 2);
});
