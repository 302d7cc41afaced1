import type {Database} from 'better-sqlite3';
import {MIGRATIONS} from './migrations.js';

/**
 * Brings `db` to the newest schema: runs each migration whose number is not in `schema_migrations`
 * yet, in order, each in its own transaction together with its bookkeeping row. Returns the numbers it
 * ran (empty when the database was already current).
 */
export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const done = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const newest = Math.max(0, ...done);
  if (newest > migrations.length) {
    throw new Error(
      `The database is at schema version ${newest}, newer than this dev host knows (${migrations.length}). ` +
        'Use a newer crmkit, or start with a fresh database (npm start -- --reset).',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const ran: number[] = [];
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (done.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      record.run(version, new Date().toISOString());
    })();
    ran.push(version);
  });
  return ran;
}
