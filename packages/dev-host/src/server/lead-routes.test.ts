import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';
import type {ApiAnswer, ApiCall} from './api-test-client.js';

let host: DevHost;
let call: (path: string, call?: ApiCall) => Promise<ApiAnswer>;
const logged: string[] = [];

before(async () => {
  host = await startDevHost({log: (line) => logged.push(line)});
  call = apiTestClient(host.url);
});
after(() => host.close());

test('GET /api/leads: all 50 ordered by id, or one status only', async () => {
  const all = await call('/api/leads', {token: 'lena'});
  assert.equal(all.status, 200);
  assert.equal(all.body.length, 50);
  const ids = all.body.map((l: {id: string}) => l.id);
  assert.deepEqual(ids, [...ids].sort());
  for (const status of ['Qualifying', 'Qualified', 'Converted', 'Rejected', 'Archived']) {
    const some = await call(`/api/leads?status=${status}`, {token: 'lena'});
    assert.ok(some.body.length > 0, status);
    assert.ok(
      some.body.every((l: {status: string}) => l.status === status),
      status,
    );
  }
});

test('GET /api/leads with an unknown status is 400 invalid-query naming the field', async () => {
  const answer = await call('/api/leads?status=qualified', {
    token: 'max',
    headers: {'accept-language': 'en'},
  });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.code, 'invalid-query');
  assert.equal(answer.body.errors[0].field, 'status');
  assert.match(answer.body.detail, /Qualifying, Qualified, Converted, Rejected, Archived/);
});

test('GET /api/leads/:id: the lead with owner names; a rejected one with its rejection', async () => {
  const lead = await call('/api/leads/L-1001', {token: 'max'});
  assert.equal(lead.status, 200);
  assert.equal(lead.body.id, 'L-1001');
  assert.equal(typeof lead.body.ownerName, 'string');
  assert.equal(typeof lead.body.originalOwnerName, 'string');
  assert.equal('rejection' in lead.body, false);
  const rejected = (await call('/api/leads?status=Rejected', {token: 'max'})).body[0];
  assert.deepEqual(
    Object.keys(rejected.rejection).sort(),
    rejected.rejection.reason
      ? ['code', 'reason', 'rejectedAt', 'rejectedBy']
      : ['code', 'rejectedAt', 'rejectedBy'],
  );
  assert.deepEqual(rejected.rejection.rejectedBy, {id: 'sofia', name: 'Sofia Romano'});
  const missing = await call('/api/leads/L-0000', {
    token: 'max',
    headers: {'accept-language': 'de'},
  });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'lead-not-found');
  assert.match(missing.body.detail, /Es gibt keinen Lead/);
});

test('refusals answer in the language asked for, else the user locale', async () => {
  const de = await call('/api/leads/L-0000', {
    token: 'sofia',
    headers: {'accept-language': 'de-DE'},
  });
  assert.match(de.body.detail, /Es gibt keinen Lead/);
  const sofia = await call('/api/leads/L-0000', {token: 'sofia'}); // sofia's locale is en
  assert.match(sofia.body.detail, /There is no lead/);
  const max = await call('/api/leads/L-0000', {token: 'max'}); // max's locale is de
  assert.match(max.body.detail, /Es gibt keinen Lead/);
  assert.equal(max.body.title, 'Lead not found', 'the title stays English');
});

test('no answer in these tests broke the contract', () => {
  assert.deepEqual(
    logged.filter((line) => line.startsWith('contract:')),
    [],
  );
});
