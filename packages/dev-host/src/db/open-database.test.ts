import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {DatabaseOpenError, openDatabase} from './open-database.js';

/** Whether every folder above `path` is searchable by others (an unprivileged user reaches it). */
function othersCanReach(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** The refusal openDatabase throws for `file`: it names the file and says what to do. */
function refusal(file: string): DatabaseOpenError {
  try {
    openDatabase(file).close();
  } catch (error) {
    assert.ok(error instanceof DatabaseOpenError, `a DatabaseOpenError, not ${String(error)}`);
    assert.equal(error.file, file);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /--db <path>, or CRMKIT_DB/);
    return error;
  }
  assert.fail(`${file} opened`);
}

test('a file of garbage bytes as the database: damaged or not SQLite, move it away', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-open-db-'));
  try {
    const file = join(dir, 'crmkit.sqlite');
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
    // Before: "file is not a database" with no file name and no hint.
    const error = refusal(file);
    assert.match(error.message, /is damaged or not a SQLite database \(file is not a database\)/);
    assert.match(error.message, /Move it away/);
    assert.equal((error.cause as {code?: string}).code, 'SQLITE_NOTADB');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('a path through a file, or a folder as the database, is named with what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-open-db-'));
  try {
    writeFileSync(join(dir, 'a-file'), 'x');
    // Before: a raw EEXIST stack trace from mkdir.
    assert.match(
      refusal(join(dir, 'a-file', 'crmkit.sqlite')).message,
      /a part of its path is a file, not a folder \(EEXIST/,
    );
    mkdirSync(join(dir, 'folder.sqlite'));
    assert.match(refusal(join(dir, 'folder.sqlite')).message, /it is a folder/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('a read-only folder or file: say it is read-only (run as a user the permissions bind)', (t) => {
  if (process.platform === 'win32') return t.skip('POSIX permissions');
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-open-db-'));
  try {
    chmodSync(dir, 0o755);
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    const sealed = join(dir, 'sealed.sqlite');
    openDatabase(sealed).close();
    chmodSync(sealed, 0o444);
    chmodSync(readOnly, 0o555);
    const script = `
      import {openDatabase} from ${JSON.stringify(new URL('./open-database.ts', import.meta.url).href)};
      for (const file of ${JSON.stringify([join(readOnly, 'x.sqlite'), sealed])}) {
        try { openDatabase(file).close(); console.log('opened ' + file); }
        catch (error) { console.log(error.name + ': ' + error.message); }
      }`;
    // root passes every permission check: then the check runs as nobody, which needs to reach the
    // checkout (CI's clone lives in a 0700 temp folder: there the check cannot run).
    const asRoot = process.getuid?.() === 0;
    const repo = fileURLToPath(new URL('../../../..', import.meta.url));
    if (asRoot && !othersCanReach(repo)) {
      t.skip('the checkout is not reachable by an unprivileged user, so read-only cannot be tried');
      return;
    }
    const asUser = asRoot ? {uid: 65534, gid: 65534} : {};
    const run = spawnSync(
      process.execPath,
      ['--conditions=@crmkit/source', '--import', 'tsx', '--input-type=module', '-e', script],
      {encoding: 'utf8', ...asUser, cwd: new URL('../../../..', import.meta.url)},
    );
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2, run.stdout + run.stderr);
    assert.match(lines[0]!, /^DatabaseOpenError: cannot open the database .*x\.sqlite/);
    assert.match(
      lines[1]!,
      /^DatabaseOpenError: cannot write the database .*sealed\.sqlite \(attempt to write a readonly database\): the file or its folder is read-only/,
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
