import {createServer} from 'node:http';
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {Database} from 'better-sqlite3';
import {
  HostProblem,
  LANGUAGES,
  createContractValidator,
  createHost,
  hostText,
  negotiateLocale,
} from '@crmkit/host-core';
import type {HostStore, Language, RejectFaults} from '@crmkit/host-core';
import {DevHostStore} from './db/dev-host-store.js';
import {openDatabase} from './db/open-database.js';
import {PostgresStore, isPostgresUrl} from './db/postgres/postgres-store.js';
import {needsSeed, seedDemoData} from './db/seed-demo-data.js';
import {checkAllowedOrigins, createCors} from './server/cors.js';
import {toHostRequest, writeHostResponse} from './server/node-host-request.js';
import type {PageHandler} from './server/page-handler.js';

export interface DevHostOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`: loopback only). */
  host?: string;
  /**
   * Where the data is: a SQLite file path, `:memory:` (the default), or a PostgreSQL database
   * (`postgres://…` or `postgresql://…`, several processes may share it).
   */
  db?: string;
  /** Empty the database and seed the demo data again. */
  reset?: boolean;
  /**
   * Serves everything outside `/api/` and `/plugins/` (the pages); without it those requests get 404.
   */
  pages?: PageHandler;
  /**
   * The exact origins (`https://crm.example.com`, no path, no wildcard) of host pages on another origin
   * that may call the API from a browser (CORS, with preflight). Default: none, same-origin only. A
   * malformed entry makes `startDevHost` throw, naming it.
   */
  allowedOrigins?: readonly string[];
  /** Where the server writes its log lines (default: server errors and contract mismatches to stderr). */
  log?: (line: string) => void;
  /** Test seams inside the reject transaction (to prove rollback). */
  faults?: RejectFaults;
  /** Check every answer against the OpenAPI contract too (default true). */
  validateResponses?: boolean;
}

export interface DevHost {
  /** `http://host:port` without a trailing slash. */
  url: string;
  port: number;
  /**
   * The open better-sqlite3 database (for tests: inspect rows, count audit entries). On PostgreSQL
   * there is none: reading it throws, saying so.
   */
  readonly db: Database;
  /** The host's store (SQLite or PostgreSQL). */
  readonly store: HostStore;
  /**
   * Stops listening, ends idle keep-alive connections, lets requests in flight finish (up to 2 s) and
   * closes the database.
   */
  close(): Promise<void>;
}

/**
 * The server's timeouts. A kept-alive connection is closed by the client, never by the server while a
 * request may be on its way: 65 s outlasts the idle timeouts of the clients that reuse connections
 * (Node's agent 5 s, undici 4 s or the server's `Keep-Alive: timeout` hint minus 1 s, proxies' usual
 * 60 s). At 5 s, the same as Node's agent, a request sent just as the server closed was cut ("socket
 * hang up" after an idle pause under load). headersTimeout stays above keepAliveTimeout (the usual
 * pairing: the header timer of a reused connection never fires before the keep-alive ends);
 * requestTimeout bounds a whole request (a 5 MiB package upload included), not below headersTimeout.
 */
const SERVER_TIMEOUTS = {keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 120_000};

/** How long `close()` lets requests in flight finish before it drops their connections. */
const CLOSE_GRACE_MS = 2000;

/** The default log: only what someone must look at (a failed request, an answer off the contract). */
function logProblems(line: string): void {
  if (line.startsWith('error:') || line.startsWith('contract:')) console.error(line);
}

/**
 * Starts the reference host CRM: opens (creates, migrates and, on first start or with `reset`, seeds)
 * the SQLite database, prepares the contract's validator (@crmkit/host-core), and serves the REST API under `/api/`,
 * the stored plugin files under `/plugins/` and everything else through `pages`.
 */
export async function startDevHost(options: DevHostOptions = {}): Promise<DevHost> {
  const log = options.log ?? logProblems;
  // Checked before the database opens: a malformed origin is a usage error, nothing to clean up.
  const cors = createCors(checkAllowedOrigins(options.allowedOrigins ?? []));
  const data = await openData(options.db ?? ':memory:', options.reset ?? false, log);
  const {store} = data;
  let server: Server | undefined;
  try {
    const host = createHost({
      store,
      log,
      ...((options.validateResponses ?? true)
        ? {checkResponse: createContractValidator().checkResponse}
        : {}),
      ...(options.faults ? {faults: options.faults} : {}),
    });
    const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      // A preflight is the browser's question, not a call of the API: answered here, before auth.
      const preflight = cors.preflight(req, url.pathname);
      if (preflight) {
        req.resume();
        writeHostResponse(res, preflight);
        return;
      }
      writeHostResponse(res, cors.withHeaders(req, await host.handle(toHostRequest(req, url))));
    };
    const pages = options.pages;

    const fallback = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      if (pages && (await pages(req, res, url, host))) return;
      const problem = new HostProblem(
        'not-found',
        hostText('server.nothing-served', {pathname: url.pathname}),
      ).toProblem(negotiateLocale(req.headers['accept-language'], LANGUAGES) as Language);
      res.writeHead(404, {'content-type': 'application/problem+json; charset=utf-8'});
      res.end(JSON.stringify(problem));
    };
    const failed = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
      log(
        `error: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) res.writeHead(500, {'content-type': 'text/plain; charset=utf-8'});
      res.end();
    };
    server = createServer(SERVER_TIMEOUTS, (req, res) => {
      const url = new URL(req.url ?? '/', 'http://dev-host.invalid');
      // `/plugins/{id}/{version}/{path}` are the stored plugin packages' files: host-core serves them
      // from the store, so they take the API's way (and its CORS: a host page on another origin loads
      // them as module scripts). The pages must never answer there: a page's file could then stand in
      // for a stored one.
      const isHost =
        url.pathname === '/api' ||
        url.pathname.startsWith('/api/') ||
        url.pathname.startsWith('/plugins/');
      (isHost ? api(req, res, url) : fallback(req, res, url)).catch((error: unknown) =>
        failed(req, res, error),
      );
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const address = listening.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const shownHost = (options.host ?? '127.0.0.1').includes(':')
      ? `[${options.host}]`
      : (options.host ?? '127.0.0.1');
    let closed: Promise<void> | undefined;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      get db(): Database {
        if (!data.db)
          throw new Error(`this dev host runs on PostgreSQL (${options.db}): no SQLite db`);
        return data.db;
      },
      store,
      close: () =>
        (closed ??= new Promise<void>((resolve, reject) => {
          listening.close((error) => {
            data.close().then(
              () => (error ? reject(error) : resolve()),
              (closeError: unknown) => reject(closeError),
            );
          });
          // Idle keep-alive connections go now; requests in flight get a moment to finish.
          listening.closeIdleConnections();
          setTimeout(() => listening.closeAllConnections(), CLOSE_GRACE_MS).unref();
        })),
    };
  } catch (error) {
    server?.close();
    await data.close();
    throw error;
  }
}

/** CRMKIT_DB_POOL: the PostgreSQL connections of one node; a malformed value is refused at start. */
function poolSize(): number | undefined {
  const text = process.env.CRMKIT_DB_POOL;
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(
      `CRMKIT_DB_POOL must be a whole number of connections from 1 to 1000, not "${text}"`,
    );
  }
  return n;
}

/** The open data of a dev host: its store, the SQLite database (not on PostgreSQL), how to close. */
interface OpenData {
  store: HostStore;
  db?: Database;
  close(): Promise<void>;
}

/**
 * Opens (creates, migrates and, on first start or with `reset`, seeds) the SQLite file or the
 * PostgreSQL database `db` names. Of several nodes starting on one empty PostgreSQL database, one
 * seeds (under a lock) and the others find it seeded.
 */
async function openData(
  db: string,
  reset: boolean,
  log: (line: string) => void,
): Promise<OpenData> {
  if (isPostgresUrl(db)) {
    const store = await PostgresStore.open(db, {
      seed: reset ? 'reset' : 'if-empty',
      // Connections per node (default 16): nodes × pool must stay below the server's max_connections.
      ...(poolSize() ? {max: poolSize()} : {}),
    });
    return {store, close: () => store.close()};
  }
  const sqlite = openDatabase(db);
  try {
    if (reset || needsSeed(sqlite)) {
      seedDemoData(sqlite, {reset: true});
      log(`seeded the demo data into ${db}`);
    }
    return {store: new DevHostStore(sqlite), db: sqlite, close: async () => void sqlite.close()};
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
