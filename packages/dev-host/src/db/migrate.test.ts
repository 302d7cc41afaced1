import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {DevHostStore} from './dev-host-store.js';
import {migrate} from './migrate.js';
import {MIGRATIONS} from './migrations.js';
import {openDatabase} from './open-database.js';

test('migrations run once each, in order, and are recorded in schema_migrations', () => {
  const db = new BetterSqlite3(':memory:');
  const steps = ['CREATE TABLE a (x)', 'CREATE TABLE b (y)', 'ALTER TABLE a ADD COLUMN z'];
  assert.deepEqual(migrate(db, steps.slice(0, 2)), [1, 2]);
  assert.deepEqual(migrate(db, steps.slice(0, 2)), [], 'nothing twice');
  assert.deepEqual(migrate(db, steps), [3], 'only the new one');
  assert.deepEqual(
    db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(),
    [1, 2, 3],
  );
  db.close();
});

test('a failing migration leaves neither its changes nor its bookkeeping row', () => {
  const db = new BetterSqlite3(':memory:');
  assert.throws(
    () => migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y); CREATE TABLE a (x)']),
    /already exists/,
  );
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').pluck().all(), [1]);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get(), 0);
  db.close();
});

test('a database newer than the code is refused with what to do', () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y)']);
  assert.throws(() => migrate(db, ['CREATE TABLE a (x)']), /schema version 2, newer .*--reset/);
  db.close();
});

test('openDatabase: WAL, foreign keys on, the full schema, and migrations only on the first open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-db-'));
  try {
    const file = join(dir, 'nested', 'crm.sqlite');
    const first = openDatabase(file);
    assert.equal(first.pragma('journal_mode', {simple: true}), 'wal');
    assert.equal(first.pragma('foreign_keys', {simple: true}), 1);
    const applied = first.prepare('SELECT version, applied_at FROM schema_migrations').all();
    assert.equal(applied.length, MIGRATIONS.length);
    assert.throws(
      () =>
        first
          .prepare(
            "INSERT INTO leads (id, first_name, last_name, company, status, owner_id) VALUES ('x', 'a', 'b', 'c', 'Qualified', 'ghost')",
          )
          .run(),
      /FOREIGN KEY/,
    );
    first.close();
    const second = openDatabase(file);
    assert.deepEqual(
      second.prepare('SELECT version, applied_at FROM schema_migrations').all(),
      applied,
    );
    second.close();
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('a database made by the first migration upgrades with its data through every later one', () => {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 1));
  db.prepare(
    "INSERT INTO users (id, name, role, locale, active, privileges) VALUES ('max', 'Max', 'Sales Rep', 'de', 1, '[]')",
  ).run();
  db.prepare(
    "INSERT INTO leads (id, first_name, last_name, company, status, owner_id) VALUES ('L-1', 'A', 'B', 'C', 'Qualified', 'max')",
  ).run();
  db.prepare(
    "INSERT INTO audit (at, user_id, action, lead_id, detail) VALUES ('2026-01-01T00:00:00Z', 'max', 'x', 'L-1', '{}')",
  ).run();
  db.prepare(
    "INSERT INTO idempotency_keys (user_id, key, request, status, body, created_at) VALUES ('max', 'k', '[]', 200, '{}', 'now')",
  ).run();
  assert.deepEqual(migrate(db), MIGRATIONS.map((_, i) => i + 1).slice(1));
  assert.equal(db.prepare('SELECT count(*) FROM leads').pluck().get(), 1);
  assert.equal(db.prepare('SELECT response FROM audit').pluck().get(), null);
  assert.deepEqual(
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all(),
    ['audit_by_idempotency_key', 'rulesets_one_active'],
    'only the index that enforces one active ruleset and the partial one of Idempotency-Keys',
  );
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  db.close();
});

test('migration 6 moves each Idempotency-Key record onto its audit row; a new store replays it', () => {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  // The users as schema 5 had them (the seed writes today's schema).
  db.prepare(
    "INSERT INTO users (id, name, role, locale, active, token, privileges) VALUES ('max', 'Max', 'Sales Rep', 'de', 1, 'max', '[]'), ('sofia', 'Sofia', 'Sales Manager', 'en', 1, 'sofia', '[]')",
  ).run();
  db.prepare(
    "INSERT INTO leads (id, first_name, last_name, company, status, version) VALUES ('L-1002', 'A', 'B', 'C', 'Qualified', 1)",
  ).run();
  const auditId = db
    .prepare(
      "INSERT INTO audit (at, user_id, action, lead_id, detail, response) VALUES ('2026-01-01T00:00:00Z', 'max', 'lead.rejected', 'L-1002', '{}', '{\"lead\":{}}')",
    )
    .run().lastInsertRowid;
  db.prepare(
    "INSERT INTO idempotency_keys (user_id, key, request, status, audit_id, created_at) VALUES ('max', 'k-1', '[\"L-1002\"]', 200, ?, 'now')",
  ).run(auditId);
  assert.deepEqual(migrate(db), [6, 7, 8, 9, 10, 11, 12, 13]);
  assert.deepEqual(
    db.prepare('SELECT idempotency_key, request FROM audit WHERE id = ?').get(auditId),
    {idempotency_key: 'k-1', request: '["L-1002"]'},
  );
  assert.equal(
    db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'idempotency_keys'").pluck().get(),
    0,
  );
  const store = new DevHostStore(db);
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  assert.deepEqual(store.idempotent('max', 'k-1', '1970-01-01T00:00:00.000Z'), {
    request: '["L-1002"]',
    status: 200,
    body: '{"lead":{}}',
  });
  assert.equal(store.idempotent('sofia', 'k-1', dayAgo), undefined, 'keys are per user');
  assert.equal(store.idempotent('max', 'k-2', dayAgo), undefined);
  assert.equal(
    store.idempotent('max', 'k-1', new Date(Date.now() + 60_000).toISOString()),
    undefined,
    'a key older than its lifetime does not replay',
  );
  db.close();
});

test('migration 8: users keep what they could do through roles, and the install by URL becomes the stored bundled package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-migrate-'));
  try {
    const file = join(dir, 'old.sqlite');
    const old = new BetterSqlite3(file);
    migrate(old, MIGRATIONS.slice(0, 7));
    old.exec(`
      INSERT INTO users (id, name, role, locale, active, token, privileges) VALUES
        ('anna', 'Anna', 'Administrator', 'de', 1, 'anna', '[]'),
        ('max', 'Max', 'Sales Rep', 'de', 1, 'max', '[]'),
        ('odd', 'Odd', 'Astronaut', 'en', 1, NULL, '[]');
      INSERT INTO plugins (id, manifest_url, manifest, config, position, installed_at)
        VALUES ('dev.crmkit.reject-lead', '/plugins/reject-lead/plugin.json', '{}', '{}', 0, 'then');
    `);
    old.close();
    const db = openDatabase(file);
    const store = new DevHostStore(db);
    assert.deepEqual(
      ['anna', 'max', 'odd'].map((id) => store.user(id)!.roleId),
      ['administrator', 'sales-rep', 'sales-rep'],
    );
    assert.ok(store.user('anna')!.privileges.has('plugins.manage'));
    assert.ok(store.user('max')!.privileges.has('leads.reject'));
    const [plugin] = store.plugins();
    assert.equal(plugin!.id, 'dev.crmkit.reject-lead');
    assert.equal(plugin!.enabled, true);
    assert.deepEqual(
      Buffer.from(store.pluginFile('dev.crmkit.reject-lead', plugin!.version, 'index.js')!),
      readFileSync(new URL('../../../../plugins/reject-lead/dist/index.js', import.meta.url)),
    );
    db.close();
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
