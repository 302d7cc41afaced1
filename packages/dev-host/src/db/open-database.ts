import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type {Database} from 'better-sqlite3';
import {migrate} from './migrate.js';
import {needsSeed, seedBundledPlugin} from './seed-demo-data.js';

/**
 * The database could not be opened or prepared: names the file, says why and what to do, with the
 * error of the file system or SQLite as `cause`. `npm start` prints its message alone (no stack).
 */
export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options: {cause: unknown},
  ) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const codeOf = (error: unknown) => String((error as {code?: unknown} | null)?.code ?? '');

/** Whether `error` comes from SQLite or the file system (a code like SQLITE_FULL or EACCES). */
export const isDatabaseFailure = (error: unknown): boolean =>
  /^(SQLITE_[A-Z_]+|E[A-Z]+)$/.test(codeOf(error));

/**
 * What went wrong with the database `file`, in words a person can act on: which file, why (the
 * file system's or SQLite's error) and what to do. For any error of the file system or SQLite.
 */
export function describeDatabaseFailure(file: string, error: unknown): string {
  const code = codeOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  const other = 'or start with another file (--db <path>, or CRMKIT_DB)';
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return `cannot create the folder for the database ${file}: a part of its path is a file, not a folder (${reason}). Remove or rename that file, ${other}.`;
  }
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    /^SQLITE_(READONLY|PERM)/.test(code)
  ) {
    return `cannot write the database ${file} (${reason}): the file or its folder is read-only for this user. Make both writable (the -wal and -shm files beside it too), ${other}.`;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return `the database ${file} is damaged or not a SQLite database (${reason}). Move it away (keep it if its data matters) and start again to create a fresh one with the demo data, ${other}.`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return `cannot open the database ${file} (${reason}): it is a folder, or its folder is missing or not writable. Give the path of a file, ${other}.`;
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code.startsWith('SQLITE_IOERR')) {
    return `cannot write the database ${file} (${reason}): the disk is full or failing. Free some space, ${other}.`;
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED')) {
    return `the database ${file} stayed locked by another process for 5 s (${reason}). Stop the other process that holds it, ${other}.`;
  }
  return `cannot open the database ${file}: ${reason}. Move the file away to start afresh, ${other}.`;
}

/**
 * Opens (creating when missing) the dev host's SQLite database at `path` (`:memory:` allowed), with WAL
 * journaling, enforced foreign keys and a busy timeout, and migrates it to the newest schema. Throws
 * a `DatabaseOpenError` naming the file and what to do when it cannot (a path through a file, a
 * read-only folder, a damaged or foreign file), instead of the bare EEXIST or "file is not a
 * database" that left a stack trace and no hint.
 */
export function openDatabase(path: string): Database {
  let db: Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true});
    db = new BetterSqlite3(path);
  } catch (error) {
    throw new DatabaseOpenError(path, describeDatabaseFailure(path, error), {cause: error});
  }
  try {
    // The first statement reads the file: a damaged or foreign one fails here.
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
    // A SQLite or file-system failure is the file's; anything else (a migration's bug) stays as it is.
    if (isDatabaseFailure(error))
      throw new DatabaseOpenError(path, describeDatabaseFailure(path, error), {cause: error});
    throw error;
  }
  return db;
}
