// Item 4: a database that cannot be used. At start (a file of garbage, a path through a file, a
// folder, read-only files) `npm start` must say which file and what to do, exit 1, no stack trace;
// while running (a full disk, the connection gone) the server must answer 503 store-unavailable, log
// it and keep serving. (SIGBUS from a -shm file truncated under SQLite cannot be caught in-process:
// `npm run attack:faults` checks that `npm start` reports it and starts the server again.)
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {attack, type Category} from '../lib/attack.js';
import {startHostileHost} from '../lib/hostile-host.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Whether an unprivileged user can reach the checkout (every folder above it searchable by others):
 * CI's clone lives in a 0700 temp folder, where a check run as nobody cannot even load its code.
 */
function othersCanReach(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}
const MAIN = join(ROOT, 'packages/dev-host/src/main.ts');
const STACK = /\n\s+at .+[:(]\d+/;

/** Runs `node --import tsx <args>` (killed after 30 s): exit code and output. */
function node(args: string[], options: {uid?: number; gid?: number} = {}) {
  return new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@crmkit/source', '--import', 'tsx', ...args],
      {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options},
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
}

/** `npm start -- --db <file>` must refuse to start with one message naming the file. */
async function refusesToStart(
  db: string,
  pattern: RegExp,
  asUser: {uid?: number; gid?: number} = {},
) {
  const run =
    asUser.uid === undefined
      ? await node([MAIN, '--db', db, '--port', '0'])
      : // As another user: start the host the way main.ts does, without building the pages.
        await node(
          [
            '--input-type=module',
            '-e',
            `import {startDevHost} from '@crmkit/dev-host';
           try { await startDevHost({db: ${JSON.stringify(db)}}); console.log('started'); process.exit(0); }
           catch (error) { console.error('crmkit dev host could not start: ' + error.message); process.exit(1); }`,
          ],
          asUser,
        );
  assert.equal(run.code, 1, `exit ${run.code}: ${run.stdout}${run.stderr}`);
  assert.doesNotMatch(run.stderr, STACK, 'no stack trace');
  const message = run.stderr.trim().split('\n').pop() ?? '';
  assert.match(message, /^crmkit dev host could not start: /);
  assert.ok(message.includes(db), `names ${db}: ${message}`);
  assert.match(message, pattern);
}

export function faultsCategory(): Category {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-hostile-faults-'));
  chmodSync(dir, 0o755);
  // root passes every permission check: the read-only attacks then run as nobody, where nobody can
  // reach the checkout (else they are left out, and the category says so).
  const asRoot = process.getuid?.() === 0;
  const asUser = asRoot ? {uid: 65534, gid: 65534} : {};
  const readOnlyAttacks =
    !asRoot || othersCanReach(fileURLToPath(new URL('../../..', import.meta.url)));
  if (!readOnlyAttacks) {
    console.log(
      'start-up and database faults: the read-only attacks are left out (the checkout is not reachable by an unprivileged user)',
    );
  }
  return {
    name: 'start-up and database faults',
    concurrency: 4,
    attacks: () =>
      [
        attack('a file of garbage bytes as the database', async () => {
          const file = join(dir, 'garbage.sqlite');
          writeFileSync(file, Buffer.alloc(100_000, 0xa5));
          await refusesToStart(file, /damaged or not a SQLite database .*Move it away/);
        }),
        attack('a SQLite header followed by garbage (a damaged file)', async () => {
          const file = join(dir, 'damaged.sqlite');
          writeFileSync(
            file,
            Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8192, 0xff)]),
          );
          await refusesToStart(file, /damaged or not a SQLite database|cannot open the database/);
        }),
        attack('a path through a file (EEXIST, which printed a raw stack)', async () => {
          writeFileSync(join(dir, 'a-file'), 'x');
          await refusesToStart(
            join(dir, 'a-file', 'crmkit.sqlite'),
            /a part of its path is a file/,
          );
        }),
        attack('a folder as the database', async () => {
          mkdirSync(join(dir, 'folder.sqlite'));
          await refusesToStart(join(dir, 'folder.sqlite'), /it is a folder/);
        }),
        attack('a database in a read-only folder', async () => {
          const folder = join(dir, 'read-only');
          mkdirSync(folder);
          chmodSync(folder, 0o555);
          await refusesToStart(join(folder, 'crmkit.sqlite'), /cannot open the database/, asUser);
        }),
        attack('a read-only database file', async () => {
          const file = join(dir, 'sealed.sqlite');
          // A real database (made by a first start), then sealed.
          const made = await node([
            '--input-type=module',
            '-e',
            `import {startDevHost} from '@crmkit/dev-host'; const h = await startDevHost({db: ${JSON.stringify(file)}}); await h.close();`,
          ]);
          assert.equal(made.code, 0, made.stderr);
          chmodSync(file, 0o444);
          await refusesToStart(file, /read-only for this user/, asUser);
        }),
        attack(
          'a full disk while running: 503 store-unavailable, logged, then it serves again',
          async () => {
            const host = await startHostileHost();
            try {
              const qualified = (
                await host.call('/api/leads?status=Qualified', {as: 'max'})
              ).body.map((l: {id: string}) => l.id) as string[];
              host.db.pragma(`max_page_count = ${host.db.pragma('page_count', {simple: true})}`);
              let answer;
              do {
                answer = await host.call(`/api/leads/${qualified.shift()}/reject`, {
                  as: 'max',
                  body: {rejectCode: 'OTHER', rejectReason: 'x'.repeat(1999), reassignOwner: true},
                });
              } while (answer.status === 200 && qualified.length > 1);
              assert.equal(answer.status, 503, answer.text);
              assert.equal(answer.body.code, 'store-unavailable');
              assert.ok(host.logged.some((l) => /SqliteError: database or disk is full/.test(l)));
              assert.equal((await host.call('/api/me', {as: 'max'})).status, 200);
              host.db.pragma('max_page_count = 1073741823');
              const again = await host.call(`/api/leads/${qualified.pop()}/reject`, {
                as: 'max',
                body: {rejectCode: 'DUPLICATE', reassignOwner: false},
              });
              assert.equal(again.status, 200);
            } finally {
              await host.dispose();
            }
          },
        ),
        attack(
          'the database connection gone under a running server: 503, not a crash',
          async () => {
            const host = await startHostileHost();
            try {
              host.db.close();
              for (const path of ['/api/me', '/api/leads', '/api/leads/L-1001']) {
                const answer = await host.call(path, {as: 'max'});
                assert.equal(answer.status, 503, `${path}: ${answer.text}`);
                assert.equal(answer.body.code, 'store-unavailable');
              }
              assert.ok(host.logged.some((l) => /database connection is not open/.test(l)));
            } finally {
              await host.dispose().catch(() => undefined);
            }
          },
        ),
      ].filter((a) => readOnlyAttacks || !/read-only/.test(a.name)),
    // rm as root needs no write permission; as another user the sealed folder is opened first.
    cleanup: () => {
      try {
        chmodSync(join(dir, 'read-only'), 0o755);
      } catch {
        // not made
      }
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
