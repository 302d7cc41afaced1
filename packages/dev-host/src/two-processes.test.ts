// Two dev host processes on one SQLite file, as two nodes of one CRM would run: what one process
// changes is in force on the other at its next request, whatever either cached.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {apiTestClient} from './server/api-test-client.js';

const script = fileURLToPath(new URL('../test/serve-api.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'crmkit-two-'));
const db = join(dir, 'crm.sqlite');
const children: ChildProcess[] = [];
type Client = ReturnType<typeof apiTestClient>;
let a: Client;
let b: Client;

/** Starts one process and resolves its API client once it printed its URL. */
async function start(): Promise<Client> {
  const child = spawn(
    process.execPath,
    ['--conditions=@crmkit/source', '--import', 'tsx', script, db],
    {stdio: ['ignore', 'pipe', 'inherit']},
  );
  children.push(child);
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({input: child.stdout!})) return [l];
      return [];
    })(),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`exit ${code}`))),
    ),
  ]);
  return apiTestClient((JSON.parse(line!) as {url: string}).url);
}

before(async () => {
  a = await start(); // seeds the file
  b = await start();
});
after(async () => {
  await Promise.all(
    children.map((c) => new Promise((done) => (c.once('exit', done), c.kill('SIGTERM')))),
  );
  rmSync(dir, {recursive: true, force: true});
});

test('an ownership mode set through one process is enforced by the other at its next request', async () => {
  assert.equal((await b('/api/settings/lead', {token: 'max'})).body.ownershipMode, 'mixed');
  const put = await a('/api/admin/settings/lead', {
    token: 'anna',
    method: 'PUT',
    body: {ownershipMode: 'book'},
  });
  assert.equal(put.status, 200);
  assert.equal((await b('/api/settings/lead', {token: 'max'})).body.ownershipMode, 'book');
  const refused = await b('/api/leads/L-1001/reject', {
    token: 'max',
    body: {rejectCode: 'DUPLICATE', reassignOwner: true},
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.code, 'reassign-not-allowed-in-book-mode');
  await a('/api/admin/settings/lead', {
    token: 'anna',
    method: 'PUT',
    body: {ownershipMode: 'mixed'},
  });
});

test('an Idempotency-Key used on one process replays on the other, and the lead changes once', async () => {
  const request = {
    token: 'max',
    headers: {'Idempotency-Key': 'two-processes-1'},
    body: {rejectCode: 'DUPLICATE', reassignOwner: false},
  };
  const first = await a('/api/leads/L-1002/reject', request);
  assert.equal(first.status, 200);
  const replay = await b('/api/leads/L-1002/reject', request);
  assert.equal(replay.status, 200);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(replay.body, first.body);
  const lead = await b('/api/leads/L-1002', {token: 'max'});
  assert.equal(lead.body.version, first.body.lead.version);
  const other = await b('/api/leads/L-1002/reject', {
    ...request,
    body: {rejectCode: 'OTHER', rejectReason: 'changed my mind', reassignOwner: false},
  });
  assert.equal(other.status, 422);
  assert.equal(other.body.code, 'idempotency-key-reused');
});

test('a reject code deactivated through one process is refused by the other', async () => {
  const codes = (await a('/api/admin/reject-codes', {token: 'anna'})).body as Array<{
    key: string;
    active: boolean;
  }>;
  const put = await a('/api/admin/reject-codes', {
    token: 'anna',
    method: 'PUT',
    body: codes.map((c) => (c.key === 'DUPLICATE' ? {...c, active: false} : c)),
  });
  assert.equal(put.status, 200);
  const refused = await b('/api/leads/L-1003/reject', {
    token: 'max',
    body: {rejectCode: 'DUPLICATE', reassignOwner: false},
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.code, 'inactive-reject-code');
});

test('a ruleset activated through one process decides the other process’s next reassignment', async () => {
  const ruleset = {
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'everything-to-sofia',
        conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'sofia'}},
      },
    ],
  };
  const put = await a('/api/admin/assignment-rules', {token: 'anna', method: 'PUT', body: ruleset});
  assert.equal(put.status, 200);
  const rejected = await b('/api/leads/L-1004/reject', {
    token: 'max',
    body: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
  });
  assert.equal(rejected.status, 200);
  assert.deepEqual(rejected.body.assignment, {
    outcome: 'assigned',
    ownerId: 'sofia',
    rule: 'everything-to-sofia',
  });
});
