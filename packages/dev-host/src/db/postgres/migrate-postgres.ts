import type {Pool, PoolClient} from 'pg';
import {MIGRATION_STEPS} from '../migrations.js';

/**
 * The key of the session-level advisory lock that migrations hold, so that nodes starting at once
 * migrate one after another (the second finds everything done). Any fixed number: "crmkit-m".
 */
export const MIGRATION_LOCK = 0x63726d6b69742d6dn;

/**
 * Brings the PostgreSQL database of `pool` to the newest schema: runs each step of `steps` (their
 * PostgreSQL texts, numbered from 1) that `schema_migrations` does not list yet, in order, each in
 * its own transaction together with its bookkeeping row, all under an advisory lock so two
 * processes starting at once do not run a step twice. Returns the numbers it ran (empty when the
 * database was already current). A database newer than `steps` is refused, as on SQLite.
 */
export async function migratePostgres(
  pool: Pool,
  steps: readonly string[] = MIGRATION_STEPS.map((step) => step.postgres),
): Promise<number[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      return await runPending(client, steps);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } catch (error) {
    // A connection in an unknown state is not given back to the pool.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function runPending(client: PoolClient, steps: readonly string[]): Promise<number[]> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const done = new Set(
    (await client.query<{version: number}>('SELECT version FROM schema_migrations')).rows.map(
      (row) => Number(row.version),
    ),
  );
  const newest = Math.max(0, ...done);
  if (newest > steps.length) {
    throw new Error(
      `The database is at schema version ${newest}, newer than this dev host knows (${steps.length}). ` +
        'Use a newer crmkit, or start with a fresh database (npm start -- --reset).',
    );
  }
  const ran: number[] = [];
  for (const [index, sql] of steps.entries()) {
    const version = index + 1;
    if (done.has(version)) continue;
    await client.query('BEGIN');
    try {
      // No parameters: the simple query protocol, which runs a step's several statements.
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        version,
        new Date().toISOString(),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    ran.push(version);
  }
  return ran;
}
