import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type {Database} from 'better-sqlite3';
import {migrate} from './migrate.js';
import {needsSeed, seedBundledPlugin} from './seed-demo-data.js';

/**
 * Opens (creating when missing) the dev host's SQLite database at `path` (`:memory:` allowed), with WAL
 * journaling, enforced foreign keys and a busy timeout, and migrates it to the newest schema.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true});
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Keep the working set in memory (checkpoints stay at the default 1000 pages: short stalls).
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    const ran = migrate(db);
    // Schema 8 dropped the installs by manifest URL; a database that had demo data gets the
    // bundled plugin back as a stored package (a fresh one is seeded whole by the dev host).
    if (ran.includes(8) && !needsSeed(db)) db.transaction(() => seedBundledPlugin(db))();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
