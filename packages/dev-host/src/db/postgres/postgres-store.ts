import {AsyncLocalStorage} from 'node:async_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import pg from 'pg';
import type {Pool, PoolClient, QueryResult, QueryResultRow} from 'pg';
import {leadFromRow} from '@crmkit/host-core';
import type {
  AuditAction,
  AuditFilter,
  AuditRecord,
  Awaitable,
  HostStore,
  RejectBatchFound,
  RejectBatchRead,
  RejectBatchStore,
  RejectBatchWrites,
  IdempotentAnswer,
  LeadPage,
  LeadRow,
  PluginPackageRecord,
  PluginRecord,
  RejectChange,
  RejectCodeRecord,
  RoleRecord,
  RulesetVersionRecord,
  SessionRecord,
  UserRecord,
} from '@crmkit/host-core';
import type {Lead, LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';
import {
  auditOf,
  pluginOf,
  pluginPackageOf,
  rejectCodeOf,
  roleOf,
  rulesetVersionOf,
  sessionOf,
  usersOf,
} from '../store-rows.js';
import type {
  AuditRow,
  PluginPackageRow,
  PluginRow,
  RejectCodeRow,
  RoleRow,
  RulesetRow,
  SessionRow,
  UserRow,
} from '../store-rows.js';
import {migratePostgres} from './migrate-postgres.js';
import {
  needsSeedPostgres,
  seedBundledPluginPostgres,
  seedDemoDataPostgres,
  storePackageRowsPostgres,
} from './seed-postgres.js';
import type {Queryable, SeedPostgresOptions} from './seed-postgres.js';

/** What the caches are made of, read in one statement (one snapshot) with the revision it shows. */
interface CacheRows {
  revision: number;
  roles: RoleRow[];
  users: UserRow[];
  ownership_mode: string | null;
  codes: RejectCodeRow[];
}

/** The transaction of the current async context: its client and the cache updates for its commit. */
interface Transaction {
  client: PoolClient;
  afterCommit: Array<() => void>;
  /** Settled (committed or rolled back): its client went back to the pool. */
  done: boolean;
  /** Holds the row lock on crmkit_revision: admin changes of other nodes wait for its commit. */
  adminLocked?: boolean;
}

/**
 * Everything the caches hold, in one statement (so one snapshot, with the revision it matches).
 * Users by id in byte order: PostgreSQL keeps no insertion order (SQLite lists them by rowid).
 */
const CACHE_QUERY = `SELECT
  (SELECT revision FROM crmkit_revision WHERE id = 1) AS revision,
  (SELECT coalesce(json_agg(r), '[]'::json) FROM roles r) AS roles,
  (SELECT coalesce(json_agg(u ORDER BY u.id COLLATE "C"), '[]'::json) FROM users u) AS users,
  (SELECT value FROM settings WHERE key = 'ownershipMode') AS ownership_mode,
  (SELECT coalesce(json_agg(c ORDER BY c.position), '[]'::json)
     FROM (SELECT key, active, labels, position FROM reject_codes) c) AS codes`;

const USERS_QUERY = `SELECT
  (SELECT coalesce(json_agg(r), '[]'::json) FROM roles r) AS roles,
  (SELECT coalesce(json_agg(u ORDER BY u.id COLLATE "C"), '[]'::json) FROM users u) AS users`;

/** BIGINT (int8: ids, counts, the revision) as a number, as better-sqlite3 gives them. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Node's network errors that mean the server cannot be reached (or the socket is gone). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** pg's own messages for a connection that ended, could not be made or a pool that was ended. */
const DRIVER_MESSAGES =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed and is not queryable/;

/** SQLSTATEs a transaction is simply run again for: serialization failure, deadlock. */
const RETRIED = new Set(['40001', '40P01']);

/** Whether `CRMKIT_DB` (or `--db`) names a PostgreSQL database (`postgres://…`, `postgresql://…`) rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** Options of `PostgresStore.open`. */
export interface PostgresStoreOptions {
  /** Connections of the pool (default 16). */
  max?: number;
  /** How often `transaction` runs its work at most on serialization failures and deadlocks (5). */
  attempts?: number;
  /**
   * Seed the demo data: `'if-empty'` when the database has no users yet (a first start; of two nodes
   * starting together one seeds), `'reset'` empties it first. Default: no seeding.
   */
  seed?: 'if-empty' | 'reset';
  /**
   * For the seed: the ruleset and the built plugin to use (see seedDemoDataPostgres); the plugin also
   * for the upgrade through schema 8.
   */
  seedOptions?: Omit<SeedPostgresOptions, 'reset'>;
  /** Told about errors of idle pooled connections (default: ignored; the next query reports). */
  onPoolError?: (error: Error) => void;
}

/**
 * The host's store on PostgreSQL (npm `pg`), for several host processes ("nodes") on one database:
 * the same statements as the SQLite store (`DevHostStore`), through a pool.
 *
 * - Caches (users with their roles' privileges, tokens, the ownership mode, the reject codes) are
 *   loaded at open; `refresh()` reads the one-row `crmkit_revision` (bumped by triggers on every
 *   write of a cached table, see migrations.ts) and reloads them when it moved, growing `revision`.
 * - `transaction(work)` runs on one pooled client (READ COMMITTED), carried to every store call of
 *   `work` by an AsyncLocalStorage; outside of one, each call is a statement of its own on the pool.
 *   It refreshes the caches inside first, retries the whole work on a serialization failure or a
 *   deadlock, and applies the cache updates of its writes only after its commit.
 * - Inside a transaction `leadRow` locks the lead (`FOR UPDATE`) and `idempotent` takes an advisory
 *   lock on the user's key, so two nodes serialise on them.
 */
export class PostgresStore implements HostStore {
  readonly #pool: Pool;
  readonly #attempts: number;
  readonly #tx = new AsyncLocalStorage<Transaction>();
  #closed = false;
  /** How often a refresh found data another process (or a commit of ours) changed. */
  #revision = 0;
  /** The database's crmkit_revision the caches were loaded at. */
  #loadedAt = -1;
  #users = new Map<string, UserRecord>();
  #tokens = new Map<string, UserRecord>();
  #ownershipMode: OwnershipMode = 'mixed';
  #codes = new Map<string, RejectCodeRecord>();
  /** The refresh the requests of this turn wait for (not sent yet). */
  #pendingRefresh: Promise<void> | undefined;

  private constructor(pool: Pool, attempts: number) {
    this.#pool = pool;
    this.#attempts = attempts;
  }

  /**
   * Connects a pool to `url` (`postgres://…` or `postgresql://…`; a unix socket folder as
   * `?host=/dir`), migrates the database to the newest schema (one node at a time), seeds it when
   * asked and loads the caches. The pool is ended again when any of it fails.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 16,
      types: TYPES,
      application_name: 'crmkit',
      // Literals sent as text (sqlText) rely on it: a backslash in a string literal is a backslash.
      options: '-c standard_conforming_strings=on',
      // A pool that stays exhausted (or a server that does not answer) fails the request instead
      // of hanging it: the host answers 503.
      connectionTimeoutMillis: 15_000,
    });
    // An idle connection that breaks (a server restart) must not crash the process.
    pool.on('error', options.onPoolError ?? (() => {}));
    try {
      const ran = await migratePostgres(pool);
      // Schema 8 dropped the installs by manifest URL; a database that had demo data gets the
      // bundled plugin back as a stored package (as openDatabase does on SQLite).
      if (ran.includes(8) && !(await needsSeedPostgres(pool))) {
        const store = new PostgresStore(pool, 1);
        await store.transaction(async () => {
          await seedBundledPluginPostgres(store.#q(), options.seedOptions?.pluginDist);
        });
      }
      if (options.seed) {
        await seedDemoDataPostgres(pool, {
          ...options.seedOptions,
          reset: options.seed === 'reset',
        });
      }
      const store = new PostgresStore(pool, options.attempts ?? 5);
      await store.reload();
      return store;
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** Ends the pool (waits for the connections in use to be given back). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  /** Empties the database (with `reset`, else only when it has no users) and seeds the demo data again. */
  async seed(options: SeedPostgresOptions = {}): Promise<boolean> {
    const seeded = await seedDemoDataPostgres(this.#pool, options);
    await this.reload();
    return seeded;
  }

  /**
   * The transaction open in this async context, if any (one that settled does not count: a timer a
   * transaction's work started must not use a client that went back to the pool).
   */
  #open(): Transaction | undefined {
    const tx = this.#tx.getStore();
    return tx && !tx.done ? tx : undefined;
  }

  /** Where a statement runs: the current transaction's client, else the pool. */
  #q(): Queryable {
    return this.#open()?.client ?? this.#pool;
  }

  async #rows<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return (await this.#q().query<R>(text, values)).rows;
  }

  async transaction<T>(work: () => Awaitable<T>): Promise<T> {
    // One transaction per async context: a nested call joins the open one.
    if (this.#open()) return await work();
    return this.#retried(async (client) => {
      // One round trip: the transaction, and the revision its caches must be at (the caches as
      // committed now: what `work` decides from them is current).
      const [, current] = (await client.query(BEGIN)) as unknown as [
        QueryResult,
        QueryResult<{revision: number}>,
      ];
      await this.#catchUp(client, current.rows[0]!.revision);
      const result = await work();
      await client.query('COMMIT');
      return result;
    });
  }

  /**
   * A batch of rejects in two round trips: BEGIN, the revision and crmkit_reject_read in one, then
   * crmkit_reject_write and COMMIT in one (migration 13). The simple protocol is the only one that
   * carries several statements at once, and it takes no parameters: each function gets its lists as
   * JSON texts in string literals (`sqlText`); the functions' own statements keep their plans.
   */
  readonly #rejectMany = <T>(
    read: RejectBatchRead,
    decide: (found: RejectBatchFound) => Awaitable<RejectBatchWrites<T>>,
  ): Promise<T> => {
    if (this.#open()) throw new Error('rejectMany runs a transaction of its own, not inside one');
    const json = (value: unknown) => sqlText(JSON.stringify(value));
    const reading =
      `${json(read.keys.map((k) => ({u: k.userId, k: k.key})))}, ${sqlText(read.since)}, ` +
      json(read.leadIds);
    return this.#retried(async (client) => {
      const [, current, found] = (await client.query(
        `${BEGIN}; SELECT * FROM crmkit_reject_read(${reading})`,
      )) as unknown as [
        QueryResult,
        QueryResult<{revision: number}>,
        QueryResult<{
          key_answers: Array<{
            user_id: string;
            idempotency_key: string;
            request: string;
            body: string;
          }>;
          lead_rows: LeadRow[];
        }>,
      ];
      await this.#catchUp(client, current.rows[0]!.revision);
      const {key_answers: answers, lead_rows: leads} = found.rows[0]!;
      const writes = await decide({
        answers: new Map(
          answers.map((r) => [
            `${r.user_id}\n${r.idempotency_key}`,
            {request: r.request, status: 200, body: r.body},
          ]),
        ),
        rows: new Map(leads.map((row) => [row.id, row])),
      });
      if (!writes.changes.length) {
        await client.query('COMMIT');
        return writes.result;
      }
      const audits: AuditJson[] = writes.audits.map((r) => ({
        u: r.userId,
        a: r.action,
        l: r.leadId,
        d: JSON.stringify(r.detail),
        rs: r.replay?.response ?? null,
        k: r.replay?.key ?? null,
        rq: r.replay?.request ?? null,
        p: r.pluginId,
      }));
      const write =
        `SELECT crmkit_reject_write(${json(writes.changes)}, ${json(audits)}, ` +
        `${sqlText(new Date().toISOString())})`;
      if (writes.afterWrite) {
        await client.query(write);
        writes.afterWrite();
        await client.query('COMMIT');
      } else {
        // A failing write skips the COMMIT after it: the transaction is rolled back.
        await client.query(`${write}; COMMIT`);
      }
      return writes.result;
    });
  };

  /** Reloads the caches inside the transaction when the revision it began at is not theirs. */
  async #catchUp(client: PoolClient, revision: number): Promise<void> {
    if (revision !== this.#loadedAt) await this.#load(client);
  }

  /** Runs `body` as one transaction, again after a serialisation failure or a deadlock. */
  async #retried<T>(body: (client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(body);
      if (outcome.ok) return outcome.value;
      if (attempt >= this.#attempts || !RETRIED.has(sqlState(outcome.error) ?? '')) {
        throw outcome.error;
      }
      // A short jittered pause, so the two who deadlocked do not meet again at once.
      await sleep(1 + Math.floor(Math.random() * 10 * attempt));
    }
  }

  /**
   * One try of a transaction (`body` sends its BEGIN and COMMIT): committed with its cache updates
   * applied, or rolled back without.
   */
  async #attempt<T>(
    body: (client: PoolClient) => Promise<T>,
  ): Promise<{ok: true; value: T} | {ok: false; error: unknown}> {
    const client = await this.#pool.connect();
    const tx: Transaction = {client, afterCommit: [], done: false};
    let broken: Error | undefined;
    // The pool listens for a connection's errors only while it is idle: one that breaks while this
    // transaction holds it (the server killed) would be an unhandled 'error' event and end the
    // process. The failing query rejects with it too, and the request answers 503.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    try {
      const value = await this.#tx.run(tx, () => body(client));
      for (const apply of tx.afterCommit) apply();
      return {ok: true, value};
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: it is not given back to the pool.
        broken = asError(rollbackError);
      }
      if (!broken && this.isUnavailable(error)) broken = asError(error);
      return {ok: false, error};
    } finally {
      tx.done = true;
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * Reloads the caches when crmkit_revision moved since they were loaded. Inside a transaction it
   * does nothing: the transaction refreshed at its start, and a reload now could see its
   * uncommitted writes.
   */
  refresh(): Promise<void> {
    if (this.#open()) return Promise.resolve();
    // The requests that arrive before the query is sent share it (one query per turn of the event
    // loop under load, not one per request): it is sent after each of them arrived, so it sees
    // everything committed before any of them.
    this.#pendingRefresh ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.#pendingRefresh = undefined;
      return this.#refreshFrom(this.#pool);
    });
    return this.#pendingRefresh;
  }

  async #refreshFrom(q: Queryable): Promise<void> {
    const {rows} = await q.query<{revision: number}>({
      // Named: planned once per connection (it runs at the start of nearly every request).
      name: 'crmkit-revision',
      text: 'SELECT revision FROM crmkit_revision WHERE id = 1',
    });
    if (rows[0]!.revision === this.#loadedAt) return;
    await this.#load(q);
  }

  get revision(): number {
    return this.#revision;
  }

  /**
   * Re-reads every cache from what is committed (after a reseed, or another process's commit); on
   * the pool, never inside a transaction (which could show its uncommitted writes).
   */
  async reload(): Promise<void> {
    await this.#load(this.#pool);
  }

  async #load(q: Queryable): Promise<void> {
    const {rows} = await q.query<CacheRows>(CACHE_QUERY);
    const data = rows[0]!;
    // A slower load of an older snapshot never replaces a newer one.
    if (data.revision < this.#loadedAt) return;
    const first = this.#loadedAt === -1;
    const moved = data.revision !== this.#loadedAt;
    this.#loadedAt = data.revision;
    const {users, tokens} = usersOf(data.roles, data.users);
    this.#users = users;
    this.#tokens = tokens;
    this.#ownershipMode = (data.ownership_mode as OwnershipMode | null) ?? 'mixed';
    this.#codes = new Map(data.codes.map(rejectCodeOf).map((c) => [c.key, c]));
    if (moved && !first) this.#revision++;
  }

  /** Runs `apply` when the current transaction commits (at once outside of one). */
  #whenCommitted(apply: () => void): void {
    const tx = this.#open();
    if (tx) tx.afterCommit.push(apply);
    else apply();
  }

  /**
   * Whether `error` means the database cannot be used now rather than a bug: it cannot be reached
   * (refused, a missing socket, a timeout, a reset), the connection broke or the pool was ended,
   * or the server says so (SQLSTATE classes 08 connection, 53 insufficient resources such as a
   * full disk, 58 system error; 57P01–57P03 shutdown, crash, not accepting connections yet).
   */
  isUnavailable(error: unknown): boolean {
    const seen = new Set<unknown>();
    const check = (e: unknown): boolean => {
      if (!e || typeof e !== 'object' || seen.has(e)) return false;
      seen.add(e);
      const code = (e as {code?: unknown}).code;
      if (typeof code === 'string') {
        if (NETWORK_CODES.has(code)) return true;
        if (/^[0-9A-Z]{5}$/.test(code) && /^(08|53|58|57P0[123])/.test(code)) return true;
      }
      if (e instanceof Error && DRIVER_MESSAGES.test(e.message)) return true;
      if (e instanceof AggregateError && e.errors.some(check)) return true;
      return check((e as {cause?: unknown}).cause);
    };
    return check(error);
  }

  userByToken(token: string): UserRecord | undefined {
    return this.#tokens.get(token);
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  get users(): ReadonlyMap<string, UserRecord> {
    return this.#users;
  }

  /** A batch of rejects in two round trips (see `#rejectMany`). */
  readonly rejectBatch: RejectBatchStore = {rejectMany: this.#rejectMany};

  /** A lead; inside a transaction locked (FOR UPDATE) until the commit. */
  async leadRow(id: string): Promise<LeadRow | undefined> {
    const locked = this.#open() !== undefined;
    const {rows} = await this.#q().query<LeadRow>({
      // Named: prepared once per connection (the reject's statements run thousands of times).
      name: locked ? 'crmkit-lead-for-update' : 'crmkit-lead',
      text: locked
        ? 'SELECT * FROM leads WHERE id = $1 FOR UPDATE'
        : 'SELECT * FROM leads WHERE id = $1',
      values: [id],
    });
    return rows[0];
  }

  async leadRows(status?: LeadStatus, page?: LeadPage): Promise<LeadRow[]> {
    if (page) {
      // Every id sorts after '' (ids are not empty).
      const after = page.after ?? '';
      return status
        ? this.#rows<LeadRow>(
            'SELECT * FROM leads WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3',
            [status, after, page.limit],
          )
        : this.#rows<LeadRow>('SELECT * FROM leads WHERE id > $1 ORDER BY id LIMIT $2', [
            after,
            page.limit,
          ]);
    }
    return status
      ? this.#rows<LeadRow>('SELECT * FROM leads WHERE status = $1 ORDER BY id', [status])
      : this.#rows<LeadRow>('SELECT * FROM leads ORDER BY id');
  }

  toLead(row: LeadRow): Lead {
    return leadFromRow(row, this.#users);
  }

  async rejectLead(change: RejectChange): Promise<boolean> {
    const result = await this.#q().query({
      name: 'crmkit-reject-lead',
      text: `UPDATE leads SET status = 'Rejected', reject_code = $2, reject_reason = $3,
         rejected_by = $4, rejected_at = $5, owner_id = $6, reject_assignment = $7,
         version = version + 1
       WHERE id = $1 AND version = $8 AND status = 'Qualified'`,
      values: [
        change.id,
        change.code,
        change.reason,
        change.by,
        change.at,
        change.owner,
        change.assignment,
        change.version,
      ],
    });
    return result.rowCount === 1;
  }

  rejectCode(key: string): RejectCodeRecord | undefined {
    return this.#codes.get(key);
  }

  rejectCodes(): RejectCodeRecord[] {
    return [...this.#codes.values()].map((c) => ({...c, labels: {...c.labels}}));
  }

  async #readRejectCodes(): Promise<RejectCodeRecord[]> {
    return (
      await this.#rows<RejectCodeRow>(
        'SELECT key, active, labels FROM reject_codes ORDER BY position',
      )
    ).map(rejectCodeOf);
  }

  /** Replaces the whole picklist (in a transaction of its own when not in one); the cache follows the commit. */
  replaceRejectCodes(codes: readonly RejectCodeRecord[]): Promise<void> {
    return this.transaction(async () => {
      await this.#q().query('DELETE FROM reject_codes');
      for (const [i, c] of codes.entries()) {
        await this.#q().query(
          'INSERT INTO reject_codes (key, position, labels, active) VALUES ($1, $2, $3, $4)',
          [c.key, i, JSON.stringify(c.labels), c.active ? 1 : 0],
        );
      }
      const stored = await this.#readRejectCodes();
      this.#whenCommitted(() => (this.#codes = new Map(stored.map((c) => [c.key, c]))));
    });
  }

  async audit(
    userId: string,
    action: AuditAction,
    leadId: string | null,
    detail: unknown,
    replay?: {key: string; request: string; response: string},
    pluginId: string | null = null,
  ): Promise<number> {
    const {rows} = await this.#q().query<{id: number}>({
      name: 'crmkit-audit',
      text: `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key,
         request, plugin_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      values: [
        new Date().toISOString(),
        userId,
        action,
        leadId,
        JSON.stringify(detail),
        replay?.response ?? null,
        replay?.key ?? null,
        replay?.request ?? null,
        pluginId,
      ],
    });
    return rows[0]!.id;
  }

  async auditEntries(limit: number, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const rows = await this.#rows<AuditRow>(
      `SELECT * FROM audit WHERE ($1::text IS NULL OR lead_id = $1)
         AND ($2::text IS NULL OR user_id = $2) AND ($3::text IS NULL OR plugin_id = $3)
         AND ($4::text IS NULL OR action = $4)
       ORDER BY id DESC LIMIT $5`,
      [
        filter.leadId ?? null,
        filter.userId ?? null,
        filter.pluginId ?? null,
        filter.action ?? null,
        limit,
      ],
    );
    return rows.map(auditOf);
  }

  /**
   * The answer remembered for a user's Idempotency-Key, looked up in the audit rows. Inside a
   * transaction the key is locked first (an advisory lock until the commit): a second request with
   * it, on any node, waits and then sees the first one's audit row.
   */
  async idempotent(
    userId: string,
    key: string,
    since: string,
  ): Promise<IdempotentAnswer | undefined> {
    // Inside a transaction one round trip: crmkit_idempotent (migration 10) takes the lock, then
    // looks the key up with a fresh snapshot (a VOLATILE function's statements each take one), so
    // the answer the lock waited for is seen.
    const {rows} = await this.#q().query<{request: string; body: string}>(
      this.#open()
        ? {
            name: 'crmkit-idempotent-locked',
            text: 'SELECT request, body FROM crmkit_idempotent($1, $2, $3)',
            values: [userId, key, since],
          }
        : {
            name: 'crmkit-idempotent',
            text: `SELECT request, response AS body FROM audit
               WHERE user_id = $1 AND idempotency_key = $2 AND at >= $3 ORDER BY id DESC LIMIT 1`,
            values: [userId, key, since],
          },
    );
    const row = rows[0];
    return row && {request: row.request, status: 200, body: row.body};
  }

  get ownershipMode(): OwnershipMode {
    return this.#ownershipMode;
  }

  async setOwnershipMode(mode: OwnershipMode): Promise<void> {
    await this.#q().query(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ['ownershipMode', mode],
    );
    this.#whenCommitted(() => (this.#ownershipMode = mode));
  }

  async activeRuleset(): Promise<{id: number; body: string} | undefined> {
    return (
      await this.#rows<{id: number; body: string}>('SELECT id, body FROM rulesets WHERE active = 1')
    )[0];
  }

  /** Stores `body` as the active ruleset (the previous one stays as history). */
  activateRuleset(body: string, userId: string): Promise<number> {
    return this.transaction(async () => {
      await this.#q().query('UPDATE rulesets SET active = 0 WHERE active = 1');
      const rows = await this.#rows<{id: number}>(
        'INSERT INTO rulesets (body, active, created_by, created_at) VALUES ($1, 1, $2, $3) RETURNING id',
        [body, userId, new Date().toISOString()],
      );
      return Number(rows[0]!.id);
    });
  }

  async rulesetVersions(): Promise<RulesetVersionRecord[]> {
    const rows = await this.#rows<RulesetRow>('SELECT * FROM rulesets ORDER BY id DESC');
    return rows.map(rulesetVersionOf);
  }

  /**
   * Inside a transaction, before roles or plugins are read to check a change of them: admin changes
   * take turns here (a row lock on crmkit_revision until the commit), and the later one decides from
   * what the earlier one committed, on any node (else two nodes could both demote a different last
   * admin, or one node's plugin change could overwrite another's unseen).
   */
  async #lockAdmin(): Promise<void> {
    const tx = this.#open();
    if (!tx || tx.adminLocked) return;
    await tx.client.query('SELECT revision FROM crmkit_revision WHERE id = 1 FOR UPDATE');
    tx.adminLocked = true;
    await this.#load(tx.client);
  }

  async roles(): Promise<RoleRecord[]> {
    await this.#lockAdmin();
    return (await this.#rows<RoleRow>('SELECT * FROM roles ORDER BY position, id COLLATE "C"')).map(
      roleOf,
    );
  }

  /** The users with their roles as this transaction sees them, applied to the cache on its commit. */
  async #reloadUsersWhenCommitted(): Promise<void> {
    const {rows} = await this.#q().query<{roles: RoleRow[]; users: UserRow[]}>(USERS_QUERY);
    const {users, tokens} = usersOf(rows[0]!.roles, rows[0]!.users);
    this.#whenCommitted(() => {
      this.#users = users;
      this.#tokens = tokens;
    });
  }

  async setRolePrivileges(roleId: string, privileges: readonly Privilege[]): Promise<void> {
    await this.#q().query('UPDATE roles SET privileges = $1 WHERE id = $2', [
      JSON.stringify(privileges),
      roleId,
    ]);
    await this.#reloadUsersWhenCommitted();
  }

  async setUserRole(userId: string, roleId: string): Promise<void> {
    await this.#q().query('UPDATE users SET role_id = $1 WHERE id = $2', [roleId, userId]);
    await this.#reloadUsersWhenCommitted();
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.#q().query(
      `INSERT INTO sessions (token_hash, user_id, kind, plugin_id, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        session.tokenHash,
        session.userId,
        session.kind,
        session.pluginId,
        JSON.stringify(session.scopes),
        session.expiresAt,
      ],
    );
  }

  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = (
      await this.#rows<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash])
    )[0];
    return row && sessionOf(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#q().query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async plugins(): Promise<PluginRecord[]> {
    await this.#lockAdmin();
    const rows = await this.#rows<PluginRow>(
      'SELECT * FROM plugins ORDER BY position, id COLLATE "C"',
    );
    return rows.map(pluginOf);
  }

  /** Installs a plugin, or replaces the installed one with the same id (keeping its position). */
  async savePlugin(plugin: PluginRecord): Promise<void> {
    await this.#q().query(
      `INSERT INTO plugins (id, version, enabled, trusted, config, accepted_permissions,
         previous_version, position, installed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
         (SELECT coalesce(max(position), -1) + 1 FROM plugins), $8)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, enabled = excluded.enabled,
         trusted = excluded.trusted, config = excluded.config,
         accepted_permissions = excluded.accepted_permissions,
         previous_version = excluded.previous_version`,
      [
        plugin.id,
        plugin.version,
        plugin.enabled ? 1 : 0,
        plugin.trusted ? 1 : 0,
        JSON.stringify(plugin.config),
        JSON.stringify(plugin.acceptedPermissions),
        plugin.previousVersion,
        plugin.installedAt,
      ],
    );
  }

  /** Removes the installation and every stored version with its files (all or nothing). */
  uninstallPlugin(id: string): Promise<void> {
    return this.transaction(async () => {
      await this.#q().query('DELETE FROM plugin_files WHERE plugin_id = $1', [id]);
      await this.#q().query('DELETE FROM plugin_packages WHERE plugin_id = $1', [id]);
      await this.#q().query('DELETE FROM plugins WHERE id = $1', [id]);
    });
  }

  async pluginPackages(id: string): Promise<PluginPackageRecord[]> {
    await this.#lockAdmin();
    const rows = await this.#rows<PluginPackageRow>(
      'SELECT * FROM plugin_packages WHERE plugin_id = $1 ORDER BY version COLLATE "C"',
      [id],
    );
    return rows.map(pluginPackageOf);
  }

  /** Stores one version with its files (all or nothing). */
  storePluginPackage(
    record: PluginPackageRecord,
    files: ReadonlyMap<string, Uint8Array>,
  ): Promise<void> {
    return this.transaction(() => storePackageRowsPostgres(this.#q(), record, files));
  }

  async pluginFile(id: string, version: string, path: string): Promise<Uint8Array | undefined> {
    const row = (
      await this.#rows<{bytes: Buffer}>(
        'SELECT bytes FROM plugin_files WHERE plugin_id = $1 AND version = $2 AND path = $3',
        [id, version, path],
      )
    )[0];
    return row?.bytes;
  }
}

/** A transaction's start and the revision its caches must be at, in one round trip. */
const BEGIN =
  'BEGIN ISOLATION LEVEL READ COMMITTED; SELECT revision FROM crmkit_revision WHERE id = 1';

/** An audit row as crmkit_reject_write reads it (migration 13). */
interface AuditJson {
  u: string;
  a: string;
  l: string | null;
  d: string;
  rs: string | null;
  k: string | null;
  rq: string | null;
  p: string | null;
}

/**
 * `text` as an SQL string literal: in single quotes, each single quote doubled. That is all a literal
 * needs with standard_conforming_strings on, which every connection of the pool sets (a backslash is
 * then a plain character); the text of JSON.stringify holds no NUL, which a literal cannot.
 */
export const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** The SQLSTATE of a pg error (or of its cause). */
function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as {code?: unknown}).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as {cause?: unknown}).cause;
  }
  return undefined;
}
