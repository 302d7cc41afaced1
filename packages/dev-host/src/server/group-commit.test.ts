// Rejects that arrive together share one SQLite commit (group commit), but each stays all or nothing
// by itself: one that fails midway is undone alone, the others commit, and no answer goes out before
// the commit that holds its change.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AUDIT_ACTIONS} from '@crmkit/host-core';
import {DevHostStore} from '../db/dev-host-store.js';
import {openDatabase} from '../db/open-database.js';
import {seedDemoData} from '../db/seed-demo-data.js';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';

let host: DevHost;
let writes = 0;
/** Which write (1-based) of the lead fails after the lead row was written. */
let failWrite = 0;

before(async () => {
  host = await startDevHost({
    log: () => {},
    faults: {
      afterLeadUpdate: () => {
        writes++;
        if (writes === failWrite) throw new Error('injected failure after the lead update');
      },
    },
  });
});
after(() => host.close());

test('eight concurrent rejects: the one that fails midway is undone alone, seven commit', async () => {
  const call = apiTestClient(host.url);
  const leads = (
    host.db
      .prepare("SELECT id FROM leads WHERE status = 'Qualified' ORDER BY id LIMIT 8")
      .all() as {
      id: string;
    }[]
  ).map((l) => l.id);
  assert.equal(leads.length, 8);
  const auditBefore = host.db.prepare('SELECT count(*) FROM audit').pluck().get() as number;
  writes = 0;
  failWrite = 3;
  const answers = await Promise.all(
    leads.map((id) =>
      call(`/api/leads/${id}/reject`, {
        token: 'max',
        method: 'POST',
        body: {rejectCode: 'DUPLICATE', reassignOwner: true},
      }),
    ),
  );
  const failed = answers.filter((a) => a.status === 500);
  assert.equal(failed.length, 1, JSON.stringify(answers.map((a) => a.status)));
  assert.equal(answers.filter((a) => a.status === 200).length, 7);
  const status = (id: string) =>
    host.db.prepare('SELECT status, version FROM leads WHERE id = ?').get(id) as {
      status: string;
      version: number;
    };
  leads.forEach((id, i) => {
    const expected = answers[i]!.status === 200 ? 'Rejected' : 'Qualified';
    assert.equal(status(id).status, expected, id);
    // Every 200 was committed before it was sent: the row says so already.
    if (answers[i]!.status === 200) assert.equal(status(id).version, answers[i]!.body.lead.version);
  });
  assert.equal(host.db.prepare('SELECT count(*) FROM audit').pluck().get(), auditBefore + 7);
});

test('when SQLite ends the whole batch on its own (a full disk), every work of it fails and none commits alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-full-'));
  const db = openDatabase(join(dir, 'crm.sqlite'));
  try {
    seedDemoData(db);
    const store = new DevHostStore(db);
    const pages = db.pragma('page_count', {simple: true}) as number;
    const count = () => db.prepare('SELECT count(*) FROM audit').pluck().get() as number;
    const before = count();
    db.pragma(`max_page_count = ${pages + 2}`);
    const results = await Promise.allSettled([
      store.groupedTransaction(() => store.audit('max', AUDIT_ACTIONS.leadRejected, null, {n: 1})),
      store.groupedTransaction(() =>
        store.audit('max', AUDIT_ACTIONS.leadRejected, null, {big: 'x'.repeat(200_000)}),
      ),
      store.groupedTransaction(() => store.setOwnershipMode('book')),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.match(String((results[1] as PromiseRejectedResult).reason), /full/i);
    db.pragma('max_page_count = 1073741823');
    assert.equal(count(), before, 'no audit row of the batch was written');
    assert.equal(store.ownershipMode, 'mixed');
    assert.equal(
      db.prepare("SELECT value FROM settings WHERE key = 'ownershipMode'").pluck().get(),
      'mixed',
      'the work after the failure did not commit on its own',
    );
  } finally {
    db.close();
    rmSync(dir, {recursive: true, force: true});
  }
});
