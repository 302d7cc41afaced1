// `npm start`: builds the page bundles when they are missing or stale, opens (creating, migrating and
// seeding on first run) the SQLite or PostgreSQL database, serves the reference host CRM and prints where
// and as whom to sign in. Options: `--reset` reseeds the database, `--port <n>` (or PORT, default 8080),
// `--host`, `--db <path|:memory:|postgres://…>` (or CRMKIT_DB, default <repo>/.data/crmkit.sqlite),
// `--allowed-origins <list>`
// (or CRMKIT_ALLOWED_ORIGINS, default none: same-origin only). Stops on SIGINT/SIGTERM.
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {DEMO_ROLES, DEMO_USERS} from '@crmkit/host-core';
import type {DemoUser} from '@crmkit/host-core';
import {startDevHost} from './start-dev-host.js';
import {AllowedOriginError, parseAllowedOrigins} from './server/cors.js';
import {buildPages} from './pages/build-pages.js';
import {createPageHandler} from './pages/create-page-handler.js';
import {DatabaseOpenError, describeDatabaseFailure} from './db/open-database.js';
import {isPostgresUrl} from './db/postgres/postgres-store.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULTS = {port: 8080, host: '127.0.0.1', db: resolve(repoRoot, '.data/crmkit.sqlite')};

const usage = `Usage: npm start -- [--reset] [--port <n>] [--host <address>] [--db <path|:memory:|postgres://…>]
                 [--allowed-origins <origins>]
  --reset        reseed the database with the demo data (everything stored is replaced)
  --port <n>     port to listen on (env PORT; default ${DEFAULTS.port}; 0 picks a free port)
  --host <addr>  address to listen on (env CRMKIT_HOST; default ${DEFAULTS.host})
  --db <path|url> SQLite file, :memory:, or a PostgreSQL database postgres://user@host/db
                 (several dev hosts may share one; env CRMKIT_DB; default .data/crmkit.sqlite)
  --allowed-origins <origins>
                 host pages on other origins that may call the API from a browser (CORS): exact
                 origins, comma-separated, e.g. https://crm.example.com,http://localhost:5173
                 (env CRMKIT_ALLOWED_ORIGINS; default none: same-origin only; no wildcard)`;

/** A PostgreSQL URL as it may be shown: the password replaced. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function fail(message: string): never {
  console.error(`crmkit dev host: ${message}\n\n${usage}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      reset: {type: 'boolean', default: false},
      port: {type: 'string'},
      host: {type: 'string'},
      db: {type: 'string'},
      'allowed-origins': {type: 'string'},
      help: {type: 'boolean', short: 'h', default: false},
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const portText = args.port ?? process.env.PORT ?? String(DEFAULTS.port);
const port = Number(portText);
if (!/^\d+$/.test(portText.trim()) || port > 65535) {
  fail(`the port must be a whole number from 0 to 65535, not "${portText}" (--port or PORT)`);
}
const host = args.host ?? process.env.CRMKIT_HOST ?? DEFAULTS.host;
const dbArg = args.db ?? process.env.CRMKIT_DB ?? DEFAULTS.db;
const db = dbArg === ':memory:' || isPostgresUrl(dbArg) ? dbArg : resolve(dbArg);
// What the log shows of it: a PostgreSQL URL without its password.
const shownDb = isPostgresUrl(db) ? withoutPassword(db) : db;
// Checked before anything is built or opened: a typo here must not start a host that silently
// refuses the page it was meant for.
let allowedOrigins: string[] = [];
try {
  allowedOrigins = parseAllowedOrigins(
    args['allowed-origins'] ?? process.env.CRMKIT_ALLOWED_ORIGINS ?? '',
    args['allowed-origins'] !== undefined ? '--allowed-origins' : 'CRMKIT_ALLOWED_ORIGINS',
  );
} catch (error) {
  if (!(error instanceof AllowedOriginError)) throw error;
  fail(error.message);
}
// The database's folder is made by openDatabase, which names the file when it cannot.

const log = (line: string) => console.log(`  ${line}`);
let server: Awaited<ReturnType<typeof startDevHost>>;
try {
  const pages = await buildPages({log});
  server = await startDevHost({
    port,
    host,
    db,
    reset: args.reset,
    pages: createPageHandler(pages),
    allowedOrigins,
  });
} catch (error) {
  // One paragraph that says what to do, never a stack trace: a start-up failure is the setup's.
  let message = error instanceof Error ? error.message : String(error);
  const code = String((error as {code?: unknown} | null)?.code ?? '');
  if (isPostgresUrl(db)) {
    message = `cannot use the PostgreSQL database ${shownDb}: ${message}. Check that the server runs and accepts this user, and that the database exists (createdb), or pick another store (--db <file> or CRMKIT_DB).`;
  } else if (!(error instanceof DatabaseOpenError) && code.startsWith('SQLITE_')) {
    // SQLite failed after the file opened (seeding a read-only file, a full disk): still the file's.
    message = describeDatabaseFailure(db, error);
  }
  const hint = /EADDRINUSE/.test(message)
    ? `\nPort ${port} is taken: stop the other server or pick another port (--port or PORT).`
    : '';
  console.error(`crmkit dev host could not start: ${message}${hint}`);
  process.exit(1);
}

const signIn = DEMO_USERS.filter((u) => u.token !== null);
const width = Math.max(...signIn.map((u) => u.name.length));
// The roles as seeded (admins may change them on /admin).
const roleOf = (u: DemoUser) => DEMO_ROLES.find((r) => r.id === u.roleId)!;
console.log(`
crmkit dev host running at ${server.url}
  database: ${shownDb}${args.reset ? ' (reseeded)' : ''}
  allowed origins (CORS): ${allowedOrigins.length ? allowedOrigins.join(', ') : 'none, same-origin only'}
  sign in by picking a user on any page, or with ?as=<token> (demo tokens, no passwords):
${signIn
  .map(
    (u) =>
      `    ${u.name.padEnd(width)}  ${roleOf(u).name.en.padEnd(13)}  token ${String(u.token).padEnd(5)}  ${server.url}/?as=${u.token}\n      ${roleOf(u).privileges.join(', ')}`,
  )
  .join('\n')}
  Ctrl+C stops the server.`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the dev host…`);
  const timer = setTimeout(() => {
    console.error('the server did not close within 5 s; exiting anyway');
    process.exit(1);
  }, 5000);
  timer.unref();
  try {
    await server.close();
    console.log('stopped.');
    process.exit(0);
  } catch (error) {
    console.error(`closing failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
