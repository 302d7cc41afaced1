import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';

test('a database that fails while the server runs: 503 store-unavailable, logged, and it goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-store-unavailable-'));
  const logged: string[] = [];
  const host = await startDevHost({db: join(dir, 'crmkit.sqlite'), log: (l) => logged.push(l)});
  try {
    const call = apiTestClient(host.url);
    const reject = (id: string) =>
      call(`/api/leads/${id}/reject`, {
        token: 'max',
        body: {rejectCode: 'OTHER', rejectReason: 'x'.repeat(1900), reassignOwner: true},
      });
    // The file may not grow any more: what a full disk does to SQLite (SQLITE_FULL).
    const pages = host.db.pragma('page_count', {simple: true}) as number;
    host.db.pragma(`max_page_count = ${pages}`);
    const qualified = (await call('/api/leads?status=Qualified', {token: 'max'})).body.map(
      (l: {id: string}) => l.id,
    ) as string[];
    let full;
    while (qualified.length > 1) {
      full = await reject(qualified.shift()!);
      if (full.status !== 200) break;
    }
    // Before: 500 internal-error, as if the server had a bug.
    assert.equal(full?.status, 503);
    assert.equal(full?.body.code, 'store-unavailable');
    assert.equal(full?.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    // A client knows when to try again (RFC 9110 Retry-After, in seconds).
    assert.equal(full?.headers.get('retry-after'), '2');
    assert.match(full?.body.detail, /Datenbank/); // max reads German
    assert.ok(
      logged.some((l) =>
        /^error: POST \/api\/leads\/L-\d+\/reject: SqliteError: database or disk is full/.test(l),
      ),
    );
    // Reads still work, and once there is room again so do writes.
    assert.equal((await call('/api/leads/L-1001', {token: 'max'})).status, 200);
    host.db.pragma('max_page_count = 1073741823');
    assert.equal((await reject(qualified.pop()!)).status, 200);
    assert.deepEqual(
      logged.filter((l) => l.startsWith('contract:')),
      [],
      'a 503 is in the contract of every operation',
    );
  } finally {
    await host.close();
    rmSync(dir, {recursive: true, force: true});
  }
});
