// A throwaway PostgreSQL 15 cluster for tests: its own directory under the system's temp folder, a
// unix socket only (no TCP port to collide on), durability off (fsync) for speed unless asked for,
// removed on stop().
import {execFile, spawnSync} from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * Where Debian's postgresql package puts the server's programs: /usr/lib/postgresql/<major>/bin, the
 * newest major installed (15 on Debian 12; CRMKIT_POSTGRES_BIN overrides it).
 */
export const POSTGRES_BIN = process.env.CRMKIT_POSTGRES_BIN ?? newestPostgresBin();

function newestPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
        .sort((x, y) => Number(y) - Number(x))
    : [];
  return join(root, majors[0] ?? '15', 'bin');
}

/** A running throwaway cluster: its connection URL and how to end it. */
export interface TestPostgres {
  /** `postgres://crmkit@/crmkit?host=<dir>`: user and database crmkit, the socket in `dir`. */
  url: string;
  /** The cluster's directory (its socket, `data/` and `log`). */
  dir: string;
  /** Creates another (empty) database on the cluster and gives its URL: one per test keeps tests apart. */
  database(name: string): Promise<string>;
  /** Stops the server at once (no checkpoint) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * The folder the cluster's directory goes in: the temp folder, when the `postgres` user can reach it
 * (CI clones into a 0700 folder, so never the checkout), else /tmp.
 */
function baseDir(): string {
  const base = tmpdir();
  try {
    // Root passes any access check: ask whether everyone may search it (and its parents do, as a
    // temp folder's do).
    if ((statSync(base).mode & 0o001) !== 0) return base;
  } catch {
    // A missing temp folder: /tmp below.
  }
  return '/tmp';
}

/** Options of startPostgres. */
export interface StartPostgresOptions {
  /**
   * Durable as in production: every commit written and flushed before it is answered (fsync,
   * synchronous_commit and full_page_writes on). Default off: tests need no crash safety.
   */
  durable?: boolean;
}

/**
 * Starts a PostgreSQL 15 cluster, as root as the `postgres` user (PostgreSQL refuses to run as root,
 * and CI runs as root), else as the current user: initdb
 * with trust authentication and the superuser `crmkit`, pg_ctl start on a socket in the cluster's
 * own directory, waits until it accepts connections, creates the database `crmkit`.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL is not installed (no ${POSTGRES_BIN}/initdb): apt-get install -y postgresql (.ci/run does), or set CRMKIT_POSTGRES_BIN`,
    );
  }
  const dir = mkdtempSync(join(baseDir(), 'crmkit-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  // As root, PostgreSQL's programs run as the `postgres` user; as anyone else, as that user.
  const root = process.getuid?.() === 0;
  const command = (program: string, args: string[]): [string, string[]] =>
    root
      ? ['runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, program), ...args]]
      : [join(POSTGRES_BIN, program), args];
  const asPostgres = (program: string, args: string[]) =>
    run(...command(program, args), {cwd: dir});
  let started = false;
  const stopNow = () => {
    if (started) {
      spawnSync(...command('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']), {
        cwd: dir,
        stdio: 'ignore',
      });
      started = false;
    }
    rmSync(dir, {recursive: true, force: true});
  };
  // A test process that ends without stop() (a crash, a failed assertion) leaves no server behind.
  process.once('exit', stopNow);
  try {
    chmodSync(dir, 0o700);
    if (root) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    await asPostgres('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'crmkit',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const settings = [
      `-k ${dir}`,
      "-c listen_addresses=''",
      ...(options.durable
        ? []
        : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      '-c max_connections=200',
      '-c shared_buffers=32MB',
      // Short lock waits show a test's deadlock as an error instead of a hang.
      '-c deadlock_timeout=100ms',
      // More settings for a bench or a look inside, e.g. `-c shared_preload_libraries=pg_stat_statements`.
      ...(process.env.CRMKIT_POSTGRES_SETTINGS ? [process.env.CRMKIT_POSTGRES_SETTINGS] : []),
    ].join(' ');
    // Stopped on failure too: a start that timed out may have left a server running.
    started = true;
    await asPostgres('pg_ctl', ['-D', data, '-o', settings, '-l', log, '-w', '-t', '60', 'start']);
    await asPostgres('createdb', ['-h', dir, '-U', 'crmkit', 'crmkit']);
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(
      `could not start a PostgreSQL cluster in ${dir}: ${(error as Error).message}${serverLog ? `\n${serverLog}` : ''}`,
      {cause: error},
    );
  }
  const urlOf = (database: string) =>
    `postgres://crmkit@/${database}?host=${encodeURIComponent(dir)}`;
  return {
    url: urlOf('crmkit'),
    dir,
    async database(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await asPostgres('createdb', ['-h', dir, '-U', 'crmkit', name]);
      return urlOf(name);
    },
    async stop() {
      process.removeListener('exit', stopNow);
      if (started) {
        await asPostgres('pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']).catch(() => {});
        started = false;
      }
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

const idOf = (flag: '-u' | '-g', user: string): number => {
  const out = spawnSync('id', [flag, user], {encoding: 'utf8'});
  const id = Number.parseInt(out.stdout, 10);
  if (out.status !== 0 || Number.isNaN(id)) {
    throw new Error(`no user ${user} on this machine (PostgreSQL's package creates it)`);
  }
  return id;
};
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);
