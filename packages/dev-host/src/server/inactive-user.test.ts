// A deactivated user keeps their token but is refused with it (401), from the next request on, even
// when another process (another connection to the file) deactivated them.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';

const dir = mkdtempSync(join(tmpdir(), 'crmkit-inactive-'));
let host: DevHost;

before(async () => {
  host = await startDevHost({db: join(dir, 'crm.sqlite'), log: () => {}});
});
after(async () => {
  await host.close();
  rmSync(dir, {recursive: true, force: true});
});

test('a user deactivated through another connection cannot sign in with their token', async () => {
  const call = apiTestClient(host.url);
  assert.equal((await call('/api/me', {token: 'max'})).status, 200);
  const other = new BetterSqlite3(join(dir, 'crm.sqlite'));
  other.pragma('busy_timeout = 5000');
  other.prepare("UPDATE users SET active = 0 WHERE id = 'max'").run();
  other.close();
  const me = await call('/api/me', {token: 'max'});
  assert.equal(me.status, 401);
  assert.equal(me.body.code, 'unauthorized');
  const reject = await call('/api/leads/L-1001/reject', {
    token: 'max',
    method: 'POST',
    body: {rejectCode: 'DUPLICATE', reassignOwner: false},
  });
  assert.equal(reject.status, 401);
  assert.equal((await call('/api/leads/L-1001', {token: 'sofia'})).body.status, 'Qualified');
});
