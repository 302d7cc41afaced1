import {AsyncLocalStorage} from 'node:async_hooks';
import type {Database, Statement} from 'better-sqlite3';
import {leadFromRow} from '@crmkit/host-core';
import type {
  AuditAction,
  AuditFilter,
  Awaitable,
  AuditRecord,
  HostStore,
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

export type {LeadRow, PluginRecord, RejectCodeRecord, UserRecord} from '@crmkit/host-core';
import {
  auditOf,
  pluginOf,
  pluginPackageOf,
  rejectCodeOf,
  roleOf,
  rulesetVersionOf,
  sessionOf,
  usersOf,
} from './store-rows.js';
import type {
  AuditRow,
  PluginPackageRow,
  PluginRow,
  RejectCodeRow,
  RoleRow,
  RulesetRow,
  SessionRow,
  UserRow,
} from './store-rows.js';

/**
 * SQLite's result codes (better-sqlite3's `SqliteError#code`, extended codes included) that mean the
 * database cannot be used right now rather than a bug: a full disk, I/O errors, a damaged, replaced or
 * read-only file, a lock held past the busy timeout, out of memory.
 */
const UNAVAILABLE =
  /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOMEM|PERM|AUTH)(_|$)/;

/**
 * The dev host's store on SQLite (better-sqlite3): every statement prepared once; users, the
 * ownership mode and the reject codes cached (Idempotency-Keys are looked up in the audit rows, with
 * their lifetime), and each cache changed only
 * after the transaction that changed the data committed (`transaction` runs what a write queued for
 * after the commit). Another process on the same file is noticed through `PRAGMA data_version` at
 * the start of each transaction and each `refresh()`, which then reloads the caches.
 */
export class DevHostStore implements HostStore {
  readonly #db: Database;
  /** Cache updates of the transaction in progress, applied once it committed. */
  #afterCommit: Array<() => void> = [];
  /** Work queued for the next group commit (see `groupedTransaction`). */
  #queued: Array<{
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (e: unknown) => void;
  }> = [];
  #revision = 0;
  /** Set inside a transaction's work (its async context): a nested call joins it. */
  readonly #inside = new AsyncLocalStorage<true>();
  /** The transaction in progress and those queued before: the next one waits for it. */
  #turn: Promise<unknown> = Promise.resolve();
  #dataVersion: number;
  readonly #dataVersionQuery: Statement<[], number>;
  #users = new Map<string, UserRecord>();
  #tokens = new Map<string, UserRecord>();
  #ownershipMode: OwnershipMode = 'mixed';
  /** The reject codes by key (cached; replaced together with the table). */
  #codes = new Map<string, RejectCodeRecord>();
  readonly #q: {
    lead: Statement<[string], LeadRow>;
    leads: Statement<[], LeadRow>;
    leadsByStatus: Statement<[string], LeadRow>;
    leadPage: Statement<[string, number], LeadRow>;
    leadPageByStatus: Statement<[string, string, number], LeadRow>;
    rejectLead: Statement<
      [
        {
          id: string;
          code: string;
          reason: string | null;
          by: string;
          at: string;
          owner: string | null;
          assignment: string | null;
          version: number;
        },
      ]
    >;
    rejectCodes: Statement<[], RejectCodeRow>;
    audit: Statement<
      [
        string,
        string,
        string,
        string | null,
        string,
        string | null,
        string | null,
        string | null,
        string | null,
      ]
    >;
    auditAll: Statement<
      [
        {
          lead: string | null;
          user: string | null;
          plugin: string | null;
          action: string | null;
          limit: number;
        },
      ],
      AuditRow
    >;
    replay: Statement<[string, string, string], {request: string; body: string}>;
    setting: Statement<[string], string>;
    settingPut: Statement<[string, string]>;
    activeRuleset: Statement<[], {id: number; body: string}>;
    plugins: Statement<[], PluginRow>;
    pluginPackages: Statement<[string], PluginPackageRow>;
    pluginFile: Statement<[string, string, string], Buffer>;
    session: Statement<[string], SessionRow>;
  };

  constructor(db: Database) {
    this.#db = db;
    this.#dataVersionQuery = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.#dataVersion = this.#dataVersionQuery.get()!;
    this.#q = {
      lead: db.prepare('SELECT * FROM leads WHERE id = ?'),
      leads: db.prepare('SELECT * FROM leads ORDER BY id'),
      leadsByStatus: db.prepare('SELECT * FROM leads WHERE status = ? ORDER BY id'),
      // Keyset pages: the primary key and the (status, id) index give the rows after `after` in
      // order, so a page costs its own rows, not a scan of all before it.
      leadPage: db.prepare('SELECT * FROM leads WHERE id > ? ORDER BY id LIMIT ?'),
      leadPageByStatus: db.prepare(
        'SELECT * FROM leads WHERE status = ? AND id > ? ORDER BY id LIMIT ?',
      ),
      rejectLead: db.prepare(
        `UPDATE leads SET status = 'Rejected', reject_code = @code, reject_reason = @reason,
           rejected_by = @by, rejected_at = @at, owner_id = @owner, reject_assignment = @assignment,
           version = version + 1
         WHERE id = @id AND version = @version AND status = 'Qualified'`,
      ),
      rejectCodes: db.prepare('SELECT key, active, labels FROM reject_codes ORDER BY position'),
      audit: db.prepare(
        `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key, request,
           plugin_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      auditAll: db.prepare(
        `SELECT * FROM audit WHERE (@lead IS NULL OR lead_id = @lead)
           AND (@user IS NULL OR user_id = @user) AND (@plugin IS NULL OR plugin_id = @plugin)
           AND (@action IS NULL OR action = @action)
         ORDER BY id DESC LIMIT @limit`,
      ),
      replay: db.prepare(
        `SELECT request, response AS body FROM audit
         WHERE user_id = ? AND idempotency_key = ? AND at >= ? ORDER BY id DESC LIMIT 1`,
      ),
      setting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      settingPut: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      activeRuleset: db.prepare('SELECT id, body FROM rulesets WHERE active = 1'),
      plugins: db.prepare('SELECT * FROM plugins ORDER BY position, id'),
      pluginPackages: db.prepare('SELECT * FROM plugin_packages WHERE plugin_id = ?'),
      pluginFile: db
        .prepare<[string, string, string], Buffer>(
          'SELECT bytes FROM plugin_files WHERE plugin_id = ? AND version = ? AND path = ?',
        )
        .pluck(),
      session: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
    };
    this.reload();
  }

  /**
   * One IMMEDIATE transaction around `work`. The connection is one, so transactions take turns (a
   * queue): while one awaits, another request's transaction waits for the commit instead of joining
   * it. A call from inside the work (the same async context) joins the open transaction.
   */
  transaction<T>(work: () => Awaitable<T>): Promise<T> {
    if (this.#inside.getStore()) return Promise.resolve().then(work);
    return this.#exclusive(async () => {
      try {
        // IMMEDIATE: the write lock first, then the caches checked against the data it guards, so
        // no other process can commit between the check and the writes.
        this.#db.exec('BEGIN IMMEDIATE');
        let result: T;
        try {
          this.refresh();
          result = await work();
          this.#db.exec('COMMIT');
        } catch (error) {
          // SQLite may have ended the transaction itself (a full disk, I/O): then nothing to undo.
          if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
          throw error;
        }
        for (const apply of this.#afterCommit) apply();
        return result;
      } finally {
        this.#afterCommit = [];
      }
    });
  }

  /** Runs `task` when the transactions before it have settled, marked as inside one. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(() => this.#inside.run(true, task));
    this.#turn = run.catch(() => {});
    return run;
  }

  groupedTransaction<T>(work: () => Awaitable<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queued.push({work, resolve: resolve as (value: unknown) => void, reject});
      if (this.#queued.length === 1) setImmediate(() => void this.#commitQueued());
    });
  }

  /**
   * One IMMEDIATE transaction for everything queued: each work in a savepoint of its own, so a
   * refusal or failure undoes only that work and its cache updates; the answers go out after the one
   * commit.
   */
  async #commitQueued(): Promise<void> {
    const batch = this.#queued;
    this.#queued = [];
    const outcomes: Array<{ok: true; value: unknown} | {ok: false; error: unknown}> = [];
    try {
      await this.#exclusive(async () => {
        try {
          this.#db.exec('BEGIN IMMEDIATE');
          try {
            this.refresh();
            for (const {work} of batch) {
              const applied = this.#afterCommit.length;
              this.#db.exec('SAVEPOINT grouped');
              try {
                const value = await work();
                this.#db.exec('RELEASE grouped');
                outcomes.push({ok: true, value});
              } catch (error) {
                // SQLite ends the whole transaction on its own for some errors (a full disk, I/O,
                // out of memory): then nothing of the batch may go on, or later works would commit
                // alone.
                if (!this.#db.inTransaction) throw error;
                this.#db.exec('ROLLBACK TO grouped');
                this.#db.exec('RELEASE grouped');
                this.#afterCommit.length = applied;
                outcomes.push({ok: false, error});
              }
            }
            this.#db.exec('COMMIT');
          } catch (error) {
            if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
            throw error;
          }
          for (const apply of this.#afterCommit) apply();
        } finally {
          this.#afterCommit = [];
        }
      });
    } catch (error) {
      // The commit itself failed (a full disk): nothing of the batch was written.
      for (const {reject} of batch) reject(error);
      return;
    }
    batch.forEach(({resolve, reject}, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  /** Reloads the caches when another connection (another process) committed since the last look. */
  refresh(): void {
    const version = this.#dataVersionQuery.get()!;
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    this.reload();
    this.#revision++;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Runs `apply` when the current transaction commits (at once outside of one). */
  #whenCommitted(apply: () => void): void {
    if (this.#inside.getStore()) this.#afterCommit.push(apply);
    else apply();
  }

  /** Re-reads every cache from the database (after a reseed, or another process's commit). */
  reload(): void {
    this.#loadUsers();
    this.#ownershipMode = (this.#q.setting.get('ownershipMode') as OwnershipMode) ?? 'mixed';
    this.#codes = new Map(this.#readRejectCodes().map((c) => [c.key, c]));
  }

  /** Users with their roles' privileges (a role change reloads them all: there are few). */
  #loadUsers(): void {
    ({users: this.#users, tokens: this.#tokens} = usersOf(
      this.#db.prepare<[], RoleRow>('SELECT * FROM roles').all(),
      this.#db.prepare<[], UserRow>('SELECT * FROM users').all(),
    ));
  }

  /** Whether `error` is SQLite saying the database cannot be used now (see UNAVAILABLE). */
  isUnavailable(error: unknown): boolean {
    const code = (error as {code?: unknown} | null)?.code;
    // better-sqlite3 says so with a TypeError once the connection is closed (a server shutting down).
    if (error instanceof TypeError && /database connection is not open/.test(error.message))
      return true;
    return typeof code === 'string' && UNAVAILABLE.test(code);
  }

  /** The signed-in user of a bearer token, if the token is known. */
  userByToken(token: string): UserRecord | undefined {
    return this.#tokens.get(token);
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  get users(): ReadonlyMap<string, UserRecord> {
    return this.#users;
  }

  leadRow(id: string): LeadRow | undefined {
    return this.#q.lead.get(id);
  }

  leadRows(status?: LeadStatus, page?: LeadPage): LeadRow[] {
    if (page) {
      // Every id sorts after '' (ids are not empty).
      const after = page.after ?? '';
      return status
        ? this.#q.leadPageByStatus.all(status, after, page.limit)
        : this.#q.leadPage.all(after, page.limit);
    }
    return status ? this.#q.leadsByStatus.all(status) : this.#q.leads.all();
  }

  /** The contract's Lead JSON of a row, with the owners' names. */
  toLead(row: LeadRow): Lead {
    return leadFromRow(row, this.#users);
  }

  /**
   * Marks a lead rejected and moves it to `owner` (the current owner when not reassigned), guarded by
   * its version and status; returns whether a row changed.
   */
  rejectLead(change: RejectChange): boolean {
    return this.#q.rejectLead.run(change).changes === 1;
  }

  /** A reject code by key (from the cache). */
  rejectCode(key: string): RejectCodeRecord | undefined {
    return this.#codes.get(key);
  }

  /** The reject codes in picklist order (copies; from the cache). */
  rejectCodes(): RejectCodeRecord[] {
    return [...this.#codes.values()].map((c) => ({...c, labels: {...c.labels}}));
  }

  #readRejectCodes(): RejectCodeRecord[] {
    return this.#q.rejectCodes.all().map(rejectCodeOf);
  }

  /** Replaces the whole picklist (keys, labels, activity and order); the cache follows the commit. */
  replaceRejectCodes(codes: readonly RejectCodeRecord[]): void {
    this.#db.prepare('DELETE FROM reject_codes').run();
    const insert = this.#db.prepare(
      'INSERT INTO reject_codes (key, position, labels, active) VALUES (?, ?, ?, ?)',
    );
    codes.forEach((c, i) => insert.run(c.key, i, JSON.stringify(c.labels), c.active ? 1 : 0));
    const stored = this.#readRejectCodes();
    this.#whenCommitted(() => (this.#codes = new Map(stored.map((c) => [c.key, c]))));
  }

  /**
   * Appends an audit row; `replay` keeps the Idempotency-Key, the request's fingerprint and the answer
   * as sent, for a retry to replay (see `rememberIdempotent`). Returns the row's id.
   */
  audit(
    userId: string,
    action: AuditAction,
    leadId: string | null,
    detail: unknown,
    replay?: {key: string; request: string; response: string},
    pluginId: string | null = null,
  ): number | bigint {
    return this.#q.audit.run(
      new Date().toISOString(),
      userId,
      action,
      leadId,
      JSON.stringify(detail),
      replay?.response ?? null,
      replay?.key ?? null,
      replay?.request ?? null,
      pluginId,
    ).lastInsertRowid;
  }

  /** The newest audit rows first, optionally only those of a lead, a user or a plugin. */
  auditEntries(limit: number, filter: AuditFilter = {}): AuditRecord[] {
    const query = {
      lead: filter.leadId ?? null,
      user: filter.userId ?? null,
      plugin: filter.pluginId ?? null,
      action: filter.action ?? null,
      limit,
    };
    return this.#q.auditAll.all(query).map(auditOf);
  }

  /** The answer remembered for a user's Idempotency-Key: the request's fingerprint, status, body. */
  /** Looked up in the audit rows (an index keeps it one B-tree probe), never held in memory. */
  idempotent(userId: string, key: string, since: string): IdempotentAnswer | undefined {
    const row = this.#q.replay.get(userId, key, since);
    return row && {request: row.request, status: 200, body: row.body};
  }

  get ownershipMode(): OwnershipMode {
    return this.#ownershipMode;
  }

  setOwnershipMode(mode: OwnershipMode): void {
    this.#q.settingPut.run('ownershipMode', mode);
    this.#whenCommitted(() => (this.#ownershipMode = mode));
  }

  activeRuleset(): {id: number; body: string} | undefined {
    return this.#q.activeRuleset.get();
  }

  /** Stores `body` as the active ruleset (the previous one stays as history; in the caller's transaction). */
  activateRuleset(body: string, userId: string): number {
    this.#db.prepare('UPDATE rulesets SET active = 0 WHERE active = 1').run();
    return Number(
      this.#db
        .prepare('INSERT INTO rulesets (body, active, created_by, created_at) VALUES (?, 1, ?, ?)')
        .run(body, userId, new Date().toISOString()).lastInsertRowid,
    );
  }

  rulesetVersions(): RulesetVersionRecord[] {
    return this.#db
      .prepare<[], RulesetRow>('SELECT * FROM rulesets ORDER BY id DESC')
      .all()
      .map(rulesetVersionOf);
  }

  roles(): RoleRecord[] {
    return this.#db
      .prepare<[], RoleRow>('SELECT * FROM roles ORDER BY position, id')
      .all()
      .map(roleOf);
  }

  /** Sets a role's privileges; the users' cache follows the commit. */
  setRolePrivileges(roleId: string, privileges: readonly Privilege[]): void {
    this.#db
      .prepare('UPDATE roles SET privileges = ? WHERE id = ?')
      .run(JSON.stringify(privileges), roleId);
    this.#whenCommitted(() => this.#loadUsers());
  }

  setUserRole(userId: string, roleId: string): void {
    this.#db.prepare('UPDATE users SET role_id = ? WHERE id = ?').run(roleId, userId);
    this.#whenCommitted(() => this.#loadUsers());
  }

  createSession(session: SessionRecord): void {
    this.#db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, kind, plugin_id, scopes, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.tokenHash,
        session.userId,
        session.kind,
        session.pluginId,
        JSON.stringify(session.scopes),
        session.expiresAt,
      );
  }

  session(tokenHash: string): SessionRecord | undefined {
    const row = this.#q.session.get(tokenHash);
    return row && sessionOf(row);
  }

  deleteSession(tokenHash: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  plugins(): PluginRecord[] {
    return this.#q.plugins.all().map(pluginOf);
  }

  /** Installs a plugin, or replaces the installed one with the same id (keeping its position). */
  savePlugin(plugin: PluginRecord): void {
    this.#db
      .prepare(
        `INSERT INTO plugins (id, version, enabled, trusted, config, accepted_permissions,
           previous_version, position, installed_at)
         VALUES (@id, @version, @enabled, @trusted, @config, @accepted, @previous,
           (SELECT coalesce(max(position), -1) + 1 FROM plugins), @installedAt)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, enabled = excluded.enabled,
           trusted = excluded.trusted, config = excluded.config,
           accepted_permissions = excluded.accepted_permissions,
           previous_version = excluded.previous_version`,
      )
      .run({
        id: plugin.id,
        version: plugin.version,
        enabled: plugin.enabled ? 1 : 0,
        trusted: plugin.trusted ? 1 : 0,
        config: JSON.stringify(plugin.config),
        accepted: JSON.stringify(plugin.acceptedPermissions),
        previous: plugin.previousVersion,
        installedAt: plugin.installedAt,
      });
  }

  /** Removes the installation and every stored version with its files. */
  uninstallPlugin(id: string): void {
    this.#db.prepare('DELETE FROM plugin_files WHERE plugin_id = ?').run(id);
    this.#db.prepare('DELETE FROM plugin_packages WHERE plugin_id = ?').run(id);
    this.#db.prepare('DELETE FROM plugins WHERE id = ?').run(id);
  }

  pluginPackages(id: string): PluginPackageRecord[] {
    return this.#q.pluginPackages.all(id).map(pluginPackageOf);
  }

  storePluginPackage(record: PluginPackageRecord, files: ReadonlyMap<string, Uint8Array>): void {
    storePackageRows(this.#db, record, files);
  }

  pluginFile(id: string, version: string, path: string): Uint8Array | undefined {
    return this.#q.pluginFile.get(id, version, path);
  }
}

/** Writes one stored plugin version and its files (also used by the seed, before a store exists). */
export function storePackageRows(
  db: Database,
  record: PluginPackageRecord,
  files: ReadonlyMap<string, Uint8Array>,
): void {
  db.prepare(
    `INSERT INTO plugin_packages (plugin_id, version, manifest, integrity, digest, size, files,
       uploaded_at, uploaded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.version,
    JSON.stringify(record.manifest),
    record.integrity,
    record.digest,
    record.size,
    JSON.stringify(record.files),
    record.uploadedAt,
    record.uploadedBy,
  );
  const file = db.prepare(
    'INSERT INTO plugin_files (plugin_id, version, path, bytes) VALUES (?, ?, ?, ?)',
  );
  for (const [path, bytes] of files) file.run(record.id, record.version, path, bytes);
}
