import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDevHost} from './start-dev-host.js';
import {apiTestClient} from './server/api-test-client.js';

const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-host-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
};

test('first start seeds the demo data: users, 50 leads, 14 codes, Mixed, the ruleset, reject-lead', async () => {
  const host = await startDevHost({db: ':memory:'});
  try {
    const count = (sql: string) => host.db.prepare(sql).pluck().get();
    assert.equal(count('SELECT count(*) FROM leads'), 50);
    assert.ok((count("SELECT count(*) FROM leads WHERE status = 'Qualified'") as number) >= 10);
    assert.equal(count('SELECT count(*) FROM reject_codes'), 14);
    assert.equal(count("SELECT value FROM settings WHERE key = 'ownershipMode'"), 'mixed');
    assert.equal(count('SELECT count(*) FROM rulesets WHERE active = 1'), 1);
    assert.equal(
      count("SELECT version FROM plugins WHERE id = 'dev.crmkit.reject-lead' AND enabled = 1"),
      '0.1.0',
    );
    // The built plugin, stored byte for byte: what pages load is what the build wrote.
    assert.deepEqual(
      count(
        "SELECT bytes FROM plugin_files WHERE plugin_id = 'dev.crmkit.reject-lead' AND path = 'index.js'",
      ),
      readFileSync(new URL('../../../plugins/reject-lead/dist/index.js', import.meta.url)),
    );
    const me = await apiTestClient(host.url)('/api/me', {token: 'sofia'});
    assert.deepEqual(me.body, {
      id: 'sofia',
      name: 'Sofia Romano',
      locale: 'en',
      role: 'Sales Manager',
      roleId: 'sales-manager',
      privileges: ['leads.read', 'leads.reject', 'leads.qualify', 'leads.convert', 'leads.archive'],
    });
    assert.equal(count("SELECT manager_id FROM users WHERE id = 'max'"), 'sofia');
  } finally {
    await host.close();
  }
});

test('data survives a restart on a file database; reset reseeds it', async () => {
  await withDir(async (dir) => {
    const db = join(dir, 'crm.sqlite');
    const first = await startDevHost({db, port: 0});
    const lead = first.db
      .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
      .pluck()
      .get() as string;
    const answer = await apiTestClient(first.url)(`/api/leads/${lead}/reject`, {
      token: 'max',
      body: {rejectCode: 'DUPLICATE', reassignOwner: true},
    });
    assert.equal(answer.status, 200);
    await first.close();

    const logs: string[] = [];
    const second = await startDevHost({db, log: (l) => logs.push(l)});
    const again = await apiTestClient(second.url)(`/api/leads/${lead}`, {token: 'max'});
    assert.deepEqual(again.body, answer.body.lead);
    assert.equal(second.db.prepare('SELECT count(*) FROM audit').pluck().get(), 1);
    assert.deepEqual(
      logs.filter((l) => l.startsWith('seeded')),
      [],
      'no second seed',
    );
    await second.close();

    const third = await startDevHost({db, reset: true});
    const fresh = await apiTestClient(third.url)(`/api/leads/${lead}`, {token: 'max'});
    assert.equal(fresh.body.status, 'Qualified');
    assert.equal(fresh.body.version, 1);
    assert.equal(third.db.prepare('SELECT count(*) FROM audit').pluck().get(), 0);
    await third.close();
  });
});

test('non-API requests go to the page handler first, then 404; close() is idempotent', async () => {
  const seen: string[] = [];
  const host = await startDevHost({
    pages: async (_req, res, url) => {
      seen.push(url.pathname);
      if (url.pathname !== '/') return false;
      res.writeHead(200, {'content-type': 'text/plain'});
      res.end('page');
      return true;
    },
  });
  try {
    assert.equal(await (await fetch(`${host.url}/`)).text(), 'page');
    const missing = await fetch(`${host.url}/nothing`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).code, 'not-found');
    await fetch(`${host.url}/api/me`);
    assert.deepEqual(seen, ['/', '/nothing'], 'the API never reaches the page handler');
  } finally {
    await host.close();
    await host.close();
  }
});

test('a port in use is reported, and the database is closed again', async () => {
  const first = await startDevHost();
  try {
    await assert.rejects(startDevHost({port: first.port}), /EADDRINUSE/);
  } finally {
    await first.close();
  }
});

test('a body over 1 MiB is refused with 413 before it is read in full', async () => {
  const host = await startDevHost();
  try {
    const answer = await apiTestClient(host.url)('/api/admin/assignment-rules', {
      token: 'anna',
      method: 'PUT',
      body: JSON.stringify({pad: 'x'.repeat(1024 * 1024 + 10)}),
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.body.code, 'payload-too-large');
  } finally {
    await host.close();
  }
});

test('a stored ruleset that no longer passes is logged; the server starts and refuses reassignment', async () => {
  await withDir(async (dir) => {
    const db = join(dir, 'crm.sqlite');
    const first = await startDevHost({db});
    first.db
      .prepare('UPDATE rulesets SET body = ? WHERE active = 1')
      .run('{"rules": "not a list"}');
    await first.close();
    const logs: string[] = [];
    const host = await startDevHost({db, log: (line) => logs.push(line)});
    try {
      assert.ok(
        logs.some((l) => /^error: the stored assignment ruleset \d+ is invalid/.test(l)),
        logs.join('\n'),
      );
      const call = apiTestClient(host.url);
      const lead = host.db
        .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
        .pluck()
        .get() as string;
      const refused = await call(`/api/leads/${lead}/reject`, {
        token: 'max',
        body: {rejectCode: 'DUPLICATE', reassignOwner: true},
      });
      assert.equal(refused.status, 500);
      assert.equal(refused.body.code, 'assignment-failed');
      const without = await call(`/api/leads/${lead}/reject`, {
        token: 'max',
        body: {rejectCode: 'DUPLICATE', reassignOwner: false},
      });
      assert.equal(without.status, 200, 'rejecting without reassignment still works');
    } finally {
      await host.close();
    }
  });
});

test('close() lets a request in flight finish, then closes the database', async () => {
  const host = await startDevHost();
  const lead = host.db
    .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
    .pluck()
    .get() as string;
  const body = JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false});
  const {request} = await import('node:http');
  const answer = new Promise<{status: number; text: string}>((resolve, reject) => {
    const req = request(
      `${host.url}/api/leads/${lead}/reject`,
      {
        method: 'POST',
        headers: {
          authorization: 'Bearer max',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({status: res.statusCode ?? 0, text}));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10)); // the request is in flight: headers and half the body sent
    setTimeout(() => {
      closing = host.close();
      setTimeout(() => req.end(body.slice(10)), 50);
    }, 50);
  });
  let closing: Promise<void> | undefined;
  const {status, text} = await answer;
  assert.equal(status, 200, text);
  assert.equal(JSON.parse(text).lead.status, 'Rejected');
  await closing;
  assert.equal(host.db.open, false);
});

test('a malformed CRMKIT_DB_POOL is refused at start, naming the variable and what it takes', async () => {
  const before = process.env.CRMKIT_DB_POOL;
  process.env.CRMKIT_DB_POOL = 'lots';
  try {
    await assert.rejects(
      startDevHost({db: 'postgres://crmkit@/crmkit?host=/nonexistent'}),
      /CRMKIT_DB_POOL must be a whole number of connections from 1 to 1000, not "lots"/,
    );
  } finally {
    if (before === undefined) delete process.env.CRMKIT_DB_POOL;
    else process.env.CRMKIT_DB_POOL = before;
  }
});
