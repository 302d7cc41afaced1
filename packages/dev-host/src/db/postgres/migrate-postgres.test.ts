import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {DEMO_USERS} from '@crmkit/host-core';
import {fakePluginDist} from '../../../test/fake-plugin-dist.js';
import type {FakePluginDist} from '../../../test/fake-plugin-dist.js';
import {startPostgres} from '../../../test/start-postgres.js';
import type {TestPostgres} from '../../../test/start-postgres.js';
import {migrate} from '../migrate.js';
import {MIGRATION_STEPS} from '../migrations.js';
import {migratePostgres} from './migrate-postgres.js';
import {PostgresStore} from './postgres-store.js';

const PG_STEPS = MIGRATION_STEPS.map((step) => step.postgres);
const ALL = PG_STEPS.map((_, i) => i + 1);

let cluster: TestPostgres;
let dist: FakePluginDist;
let databases = 0;
const pools: pg.Pool[] = [];

before(async () => {
  cluster = await startPostgres();
  dist = fakePluginDist();
});
after(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await cluster?.stop();
  dist?.remove();
});

/** A pool on a new, empty database (and that database's URL). */
async function freshPool(): Promise<{pool: pg.Pool; url: string}> {
  const url = await cluster.database(`migrate_${++databases}`);
  const pool = new pg.Pool({connectionString: url, max: 4});
  pools.push(pool);
  return {pool, url};
}

const one = async <T>(pool: pg.Pool, sql: string, values?: unknown[]): Promise<T> =>
  (await pool.query(sql, values)).rows[0] as T;

test('migrations run once each, in order, and are recorded in schema_migrations', async () => {
  const {pool} = await freshPool();
  const steps = [
    'CREATE TABLE a (x int)',
    'CREATE TABLE b (y int)',
    'ALTER TABLE a ADD COLUMN z int',
  ];
  assert.deepEqual(await migratePostgres(pool, steps.slice(0, 2)), [1, 2]);
  assert.deepEqual(await migratePostgres(pool, steps.slice(0, 2)), [], 'nothing twice');
  assert.deepEqual(await migratePostgres(pool, steps), [3], 'only the new one');
  assert.deepEqual(
    (await pool.query('SELECT version FROM schema_migrations ORDER BY version')).rows,
    [{version: 1}, {version: 2}, {version: 3}],
  );
});

test('a failing migration leaves neither its changes nor its bookkeeping row', async () => {
  const {pool} = await freshPool();
  await assert.rejects(
    migratePostgres(pool, [
      'CREATE TABLE a (x int)',
      'CREATE TABLE b (y int); CREATE TABLE a (x int)',
    ]),
    /already exists/,
  );
  assert.deepEqual((await pool.query('SELECT version FROM schema_migrations')).rows, [
    {version: 1},
  ]);
  assert.equal((await one<{t: string | null}>(pool, "SELECT to_regclass('b') AS t")).t, null);
});

test('a database newer than the code is refused with what to do', async () => {
  const {pool} = await freshPool();
  await migratePostgres(pool, ['CREATE TABLE a (x int)', 'CREATE TABLE b (y int)']);
  await assert.rejects(
    migratePostgres(pool, ['CREATE TABLE a (x int)']),
    /schema version 2, newer .*--reset/,
  );
});

test('the full schema once; a second open and two opens at once migrate nothing twice', async () => {
  const {pool, url} = await freshPool();
  assert.deepEqual(await migratePostgres(pool), ALL);
  const applied = (await pool.query('SELECT * FROM schema_migrations ORDER BY version')).rows;
  assert.equal(applied.length, MIGRATION_STEPS.length);
  const store = await PostgresStore.open(url);
  await store.close();
  assert.deepEqual(
    (await pool.query('SELECT * FROM schema_migrations ORDER BY version')).rows,
    applied,
    'the second open ran nothing',
  );

  // Two nodes starting on one empty database: one migrates (and seeds), the other waits and finds
  // everything done.
  const second = await freshPool();
  const poolB = new pg.Pool({connectionString: second.url, max: 4});
  pools.push(poolB);
  const runs = await Promise.all([migratePostgres(second.pool), migratePostgres(poolB)]);
  assert.deepEqual(
    runs.map((r) => r.length).sort(),
    [0, ALL.length],
    `one ran all steps, the other none: ${JSON.stringify(runs)}`,
  );

  const third = await freshPool();
  const stores = await Promise.all(
    [1, 2, 3].map(() =>
      PostgresStore.open(third.url, {seed: 'if-empty', seedOptions: {pluginDist: dist.url}}),
    ),
  );
  assert.equal(
    Number((await one<{n: number}>(third.pool, 'SELECT count(*) AS n FROM users')).n),
    DEMO_USERS.length,
    'seeded once',
  );
  assert.equal(
    Number((await one<{n: number}>(third.pool, 'SELECT count(*) AS n FROM schema_migrations')).n),
    ALL.length,
  );
  for (const s of stores) assert.equal(s.user('anna')?.name, 'Anna Schmidt');
  await Promise.all(stores.map((s) => s.close()));
});

interface Column {
  name: string;
  notNull: boolean;
}

/** The schema of the migrated SQLite database: tables → columns, primary keys, foreign keys, indexes. */
function sqliteSchema() {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const tables = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all();
  const columns: Record<string, Column[]> = {};
  const keys: Record<string, string[]> = {};
  const foreign: string[] = [];
  for (const table of tables) {
    const info = db
      .prepare<[], {name: string; notnull: number; pk: number}>(`PRAGMA table_info(${table})`)
      .all();
    // A primary key is NOT NULL in PostgreSQL; SQLite says so only when declared.
    columns[table] = info.map((c) => ({name: c.name, notNull: c.notnull === 1 || c.pk > 0}));
    keys[table] = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    for (const fk of db
      .prepare<[], {table: string; from: string; to: string}>(`PRAGMA foreign_key_list(${table})`)
      .all()) {
      foreign.push(`${table}.${fk.from} -> ${fk.table}.${fk.to}`);
    }
  }
  const indexes = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all();
  db.close();
  return {tables, columns, keys, foreign: foreign.sort(), indexes};
}

async function postgresSchema(pool: pg.Pool) {
  const tables = (
    await pool.query<{name: string}>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`,
    )
  ).rows
    .map((r) => r.name)
    .filter((name) => name !== 'crmkit_revision');
  const columns: Record<string, Column[]> = {};
  const keys: Record<string, string[]> = {};
  for (const table of tables) {
    columns[table] = (
      await pool.query<{name: string; nullable: string}>(
        `SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((c) => ({name: c.name, notNull: c.nullable === 'NO'}));
    keys[table] = (
      await pool.query<{name: string}>(
        `SELECT a.attname AS name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary
         ORDER BY array_position(i.indkey, a.attnum)`,
        [table],
      )
    ).rows.map((r) => r.name);
  }
  const foreign = (
    await pool.query<{fk: string}>(
      `SELECT c.conrelid::regclass || '.' || a.attname || ' -> ' || c.confrelid::regclass || '.' ||
         af.attname AS fk
       FROM pg_constraint c
         CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, refcol)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
         JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.refcol
       WHERE c.contype = 'f'`,
    )
  ).rows
    .map((r) => r.fk)
    .sort();
  // Indexes of their own (not those behind a primary key or UNIQUE constraint).
  const indexes = (
    await pool.query<{name: string}>(
      `SELECT indexname AS name FROM pg_indexes
       WHERE schemaname = 'public'
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
       ORDER BY indexname COLLATE "C"`,
    )
  ).rows.map((r) => r.name);
  return {tables, columns, keys, foreign, indexes};
}

test('the PostgreSQL schema has the SQLite one’s tables, columns, keys and indexes', async () => {
  const {pool} = await freshPool();
  await migratePostgres(pool);
  const sqlite = sqliteSchema();
  const postgres = await postgresSchema(pool);
  assert.ok(sqlite.tables.length >= 11 && sqlite.foreign.length >= 10, 'a real schema compared');
  assert.deepEqual(postgres.tables, sqlite.tables);
  for (const table of sqlite.tables) {
    assert.deepEqual(postgres.columns[table], sqlite.columns[table], `columns of ${table}`);
    assert.deepEqual(postgres.keys[table], sqlite.keys[table], `primary key of ${table}`);
  }
  assert.deepEqual(postgres.foreign, sqlite.foreign);
  assert.deepEqual(postgres.indexes, sqlite.indexes);
  // The partial unique index: one active ruleset at most.
  await pool.query(
    "INSERT INTO rulesets (body, active, created_at) VALUES ('{}', 1, 'x'), ('{}', 0, 'x'), ('{}', 0, 'x')",
  );
  await assert.rejects(
    pool.query("INSERT INTO rulesets (body, active, created_at) VALUES ('{}', 1, 'x')"),
    /rulesets_one_active/,
  );
  await assert.rejects(
    pool.query("INSERT INTO rulesets (body, active, created_at) VALUES ('{}', 2, 'x')"),
    /check constraint/,
  );
  assert.deepEqual(
    (await pool.query('SELECT id FROM rulesets ORDER BY id')).rows.map((r) => r.id),
    [1, 2, 3],
    'ids as AUTOINCREMENT gives them',
  );
  // The bytes column keeps every byte.
  await pool.query(
    "INSERT INTO plugin_packages VALUES ('p', '1', '{}', 'i', 'd', 3, '[]', 'now', NULL)",
  );
  await pool.query("INSERT INTO plugin_files VALUES ('p', '1', 'f', $1)", [
    Buffer.from([0, 255, 10]),
  ]);
  assert.deepEqual(
    (await one<{bytes: Buffer}>(pool, 'SELECT bytes FROM plugin_files')).bytes,
    Buffer.from([0, 255, 10]),
  );
});

test('crmkit_revision grows with every statement on a cached table, not on others', async () => {
  const {pool} = await freshPool();
  await migratePostgres(pool);
  const revision = async () =>
    Number((await one<{revision: string}>(pool, 'SELECT revision FROM crmkit_revision')).revision);
  const writes: Array<[string, boolean]> = [
    [
      "INSERT INTO users (id, name, role, role_id, locale, active) VALUES ('u', 'U', 'Sales Rep', 'sales-rep', 'de', 1)",
      true,
    ],
    ["UPDATE roles SET privileges = '[]' WHERE id = 'marketing'", true],
    ["INSERT INTO settings VALUES ('ownershipMode', 'book')", true],
    ["INSERT INTO reject_codes VALUES ('OTHER', 0, '{}', 1)", true],
    ["INSERT INTO rulesets (body, active, created_at) VALUES ('{}', 1, 'now')", true],
    ["INSERT INTO plugins VALUES ('p', '1', 0, 0, '{}', '[]', NULL, 0, 'now')", true],
    ["INSERT INTO plugin_packages VALUES ('p', '1', '{}', 'i', 'd', 1, '[]', 'now', NULL)", true],
    [
      "INSERT INTO leads (id, first_name, last_name, company, status) VALUES ('L-1', 'a', 'b', 'c', 'Qualified')",
      false,
    ],
    ["INSERT INTO audit (at, user_id, action) VALUES ('now', 'u', 'x')", false],
    ["INSERT INTO sessions VALUES ('h', 'u', 'page', NULL, '[]', 'later')", false],
  ];
  for (const [sql, bumps] of writes) {
    const before = await revision();
    await pool.query(sql);
    assert.equal(await revision(), bumps ? before + 1 : before, sql);
  }
  // Not before the commit: another connection sees the old revision while the write is open.
  const client = await pool.connect();
  try {
    const before = await revision();
    await client.query('BEGIN');
    await client.query("UPDATE settings SET value = 'user'");
    assert.equal(await revision(), before, 'an uncommitted write is not seen');
    await client.query('COMMIT');
    assert.equal(await revision(), before + 1);
  } finally {
    client.release();
  }
});

test('a database made by the first steps upgrades with its data through every later one', async () => {
  const {pool, url} = await freshPool();
  assert.deepEqual(await migratePostgres(pool, PG_STEPS.slice(0, 5)), [1, 2, 3, 4, 5]);
  // As in migrate.test.ts: schema 5's users, an audit row and its Idempotency-Key record.
  await pool.query(
    `INSERT INTO users (id, name, role, locale, active, token, privileges) VALUES
       ('anna', 'Anna', 'Administrator', 'de', 1, 'anna', '[]'),
       ('max', 'Max', 'Sales Rep', 'de', 1, 'max', '[]'),
       ('odd', 'Odd', 'Astronaut', 'en', 1, NULL, '[]')`,
  );
  await pool.query(
    "INSERT INTO leads (id, first_name, last_name, company, status, version) VALUES ('L-1002', 'A', 'B', 'C', 'Qualified', 1)",
  );
  const {id: auditId} = await one<{id: string}>(
    pool,
    `INSERT INTO audit (at, user_id, action, lead_id, detail, response)
     VALUES ('2026-01-01T00:00:00Z', 'max', 'lead.rejected', 'L-1002', '{}', '{"lead":{}}') RETURNING id`,
  );
  await pool.query(
    `INSERT INTO idempotency_keys (user_id, key, request, status, audit_id, created_at)
     VALUES ('max', 'k-1', '["L-1002"]', 200, $1, 'now')`,
    [auditId],
  );
  assert.deepEqual(await migratePostgres(pool, PG_STEPS.slice(0, 7)), [6, 7]);
  await pool.query(
    "INSERT INTO plugins (id, manifest_url, manifest, config, position, installed_at) VALUES ('dev.crmkit.reject-lead', '/plugins/reject-lead/plugin.json', '{}', '{}', 0, 'then')",
  );
  // The store's open runs 8 and 9, and brings the bundled plugin back (as openDatabase does).
  const store = await PostgresStore.open(url, {seedOptions: {pluginDist: dist.url}});
  try {
    assert.deepEqual(
      ['anna', 'max', 'odd'].map((id) => store.user(id)!.roleId),
      ['administrator', 'sales-rep', 'sales-rep'],
    );
    assert.ok(store.user('anna')!.privileges.has('plugins.manage'));
    assert.ok(store.user('max')!.privileges.has('leads.reject'));
    assert.deepEqual(await store.idempotent('max', 'k-1', '1970-01-01T00:00:00.000Z'), {
      request: '["L-1002"]',
      status: 200,
      body: '{"lead":{}}',
    });
    assert.equal(await store.idempotent('odd', 'k-1', '1970-01-01T00:00:00.000Z'), undefined);
    assert.equal(
      (await one<{t: string | null}>(pool, "SELECT to_regclass('idempotency_keys') AS t")).t,
      null,
    );
    const [plugin, ...others] = await store.plugins();
    assert.equal(others.length, 0);
    assert.equal(plugin!.id, 'dev.crmkit.reject-lead');
    assert.equal(plugin!.enabled, true);
    assert.deepEqual(
      Buffer.from((await store.pluginFile(plugin!.id, plugin!.version, 'index.js'))!),
      dist.entry,
    );
  } finally {
    await store.close();
  }
});
