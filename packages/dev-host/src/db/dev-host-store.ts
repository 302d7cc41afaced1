import type {Database, Statement} from 'better-sqlite3';
import {leadFromRow} from '@crmkit/host-core';
import type {
  AuditAction,
  AuditRecord,
  HostStore,
  IdempotentAnswer,
  LeadRow,
  PluginRecord,
  RejectChange,
  RejectCodeRecord,
  UserRecord,
} from '@crmkit/host-core';
import type {Lead, LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';

export type {LeadRow, PluginRecord, RejectCodeRecord, UserRecord} from '@crmkit/host-core';

interface UserRow {
  id: string;
  name: string;
  role: string;
  locale: string;
  manager_id: string | null;
  active: number;
  token: string | null;
  privileges: string;
}

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
  #depth = 0;
  /** Work queued for the next group commit (see `groupedTransaction`). */
  #queued: Array<{
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (e: unknown) => void;
  }> = [];
  #revision = 0;
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
    rejectLead: Statement<
      [
        {
          id: string;
          code: string;
          reason: string | null;
          by: string;
          at: string;
          owner: string | null;
          version: number;
        },
      ]
    >;
    rejectCodes: Statement<[], {key: string; active: number; labels: string}>;
    audit: Statement<
      [string, string, string, string | null, string, string | null, string | null, string | null]
    >;
    auditAll: Statement<
      [{lead: string | null; limit: number}],
      {
        id: number;
        at: string;
        user_id: string;
        action: string;
        lead_id: string | null;
        detail: string;
      }
    >;
    replay: Statement<[string, string, string], {request: string; body: string}>;
    setting: Statement<[string], string>;
    settingPut: Statement<[string, string]>;
    activeRuleset: Statement<[], {id: number; body: string}>;
    plugins: Statement<
      [],
      {
        id: string;
        manifest_url: string;
        manifest: string | null;
        config: string;
        installed_at: string;
      }
    >;
  };

  constructor(db: Database) {
    this.#db = db;
    this.#dataVersionQuery = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.#dataVersion = this.#dataVersionQuery.get()!;
    this.#q = {
      lead: db.prepare('SELECT * FROM leads WHERE id = ?'),
      leads: db.prepare('SELECT * FROM leads ORDER BY id'),
      leadsByStatus: db.prepare('SELECT * FROM leads WHERE status = ? ORDER BY id'),
      rejectLead: db.prepare(
        `UPDATE leads SET status = 'Rejected', reject_code = @code, reject_reason = @reason,
           rejected_by = @by, rejected_at = @at, owner_id = @owner, version = version + 1
         WHERE id = @id AND version = @version AND status = 'Qualified'`,
      ),
      rejectCodes: db.prepare('SELECT key, active, labels FROM reject_codes ORDER BY position'),
      audit: db.prepare(
        `INSERT INTO audit (at, user_id, action, lead_id, detail, response, idempotency_key, request)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      auditAll: db.prepare(
        'SELECT * FROM audit WHERE (@lead IS NULL OR lead_id = @lead) ORDER BY id DESC LIMIT @limit',
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
      plugins: db.prepare(
        'SELECT id, manifest_url, manifest, config, installed_at FROM plugins ORDER BY position, id',
      ),
    };
    this.reload();
  }

  transaction<T>(work: () => T): T {
    if (this.#depth > 0) return work();
    this.#depth++;
    try {
      // IMMEDIATE: the write lock first, then the caches checked against the data it guards, so no
      // other process can commit between the check and the writes.
      const result = this.#db
        .transaction(() => {
          this.refresh();
          return work();
        })
        .immediate();
      for (const apply of this.#afterCommit) apply();
      return result;
    } finally {
      this.#afterCommit = [];
      this.#depth--;
    }
  }

  groupedTransaction<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queued.push({work, resolve: resolve as (value: unknown) => void, reject});
      if (this.#queued.length === 1) setImmediate(() => this.#commitQueued());
    });
  }

  /**
   * One IMMEDIATE transaction for everything queued: each work in a savepoint of its own (a nested
   * better-sqlite3 transaction), so a refusal or failure undoes only that work and its cache updates;
   * the answers go out after the one commit.
   */
  #commitQueued(): void {
    const batch = this.#queued;
    this.#queued = [];
    const outcomes: Array<{ok: true; value: unknown} | {ok: false; error: unknown}> = [];
    this.#depth++;
    try {
      this.#db
        .transaction(() => {
          this.refresh();
          for (const {work} of batch) {
            const applied = this.#afterCommit.length;
            try {
              outcomes.push({ok: true, value: this.#db.transaction(work)()});
            } catch (error) {
              // SQLite ends the whole transaction on its own for some errors (a full disk, I/O, out
              // of memory): then nothing of the batch may go on, or later works would commit alone.
              if (!this.#db.inTransaction) throw error;
              this.#afterCommit.length = applied;
              outcomes.push({ok: false, error});
            }
          }
        })
        .immediate();
      for (const apply of this.#afterCommit) apply();
    } catch (error) {
      // The commit itself failed (a full disk): nothing of the batch was written.
      for (const {reject} of batch) reject(error);
      return;
    } finally {
      this.#afterCommit = [];
      this.#depth--;
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
    if (this.#depth > 0) this.#afterCommit.push(apply);
    else apply();
  }

  /** Re-reads every cache from the database (after a reseed, or another process's commit). */
  reload(): void {
    this.#users.clear();
    this.#tokens.clear();
    for (const row of this.#db.prepare<[], UserRow>('SELECT * FROM users').all()) {
      const user: UserRecord = {
        id: row.id,
        name: row.name,
        role: row.role,
        locale: row.locale,
        managerId: row.manager_id,
        active: row.active === 1,
        token: row.token,
        privileges: new Set(JSON.parse(row.privileges) as Privilege[]),
      };
      this.#users.set(user.id, user);
      if (user.token) this.#tokens.set(user.token, user);
    }
    this.#ownershipMode = (this.#q.setting.get('ownershipMode') as OwnershipMode) ?? 'mixed';
    this.#codes = new Map(this.#readRejectCodes().map((c) => [c.key, c]));
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

  leadRows(status?: LeadStatus): LeadRow[] {
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
    return this.#q.rejectCodes
      .all()
      .map((row) => ({key: row.key, active: row.active === 1, labels: JSON.parse(row.labels)}));
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
    ).lastInsertRowid;
  }

  /** The newest audit rows first, optionally only those about one lead. */
  auditEntries(limit: number, leadId?: string): AuditRecord[] {
    return this.#q.auditAll.all({lead: leadId ?? null, limit}).map((row) => ({
      id: row.id,
      at: row.at,
      userId: row.user_id,
      action: row.action,
      leadId: row.lead_id,
      detail: JSON.parse(row.detail) as unknown,
    }));
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

  /** Stores `body` as the active ruleset (the previous one stays as history). */
  activateRuleset(body: string, userId: string): number {
    return this.transaction(() => {
      this.#db.prepare('UPDATE rulesets SET active = 0 WHERE active = 1').run();
      return Number(
        this.#db
          .prepare(
            'INSERT INTO rulesets (body, active, created_by, created_at) VALUES (?, 1, ?, ?)',
          )
          .run(body, userId, new Date().toISOString()).lastInsertRowid,
      );
    });
  }

  plugins(): PluginRecord[] {
    return this.#q.plugins.all().map((row) => ({
      id: row.id,
      manifestUrl: row.manifest_url,
      manifest: row.manifest ? (JSON.parse(row.manifest) as Record<string, unknown>) : null,
      config: JSON.parse(row.config) as Record<string, unknown>,
      installedAt: row.installed_at,
    }));
  }

  uninstallPlugin(id: string): void {
    this.#db.prepare('DELETE FROM plugins WHERE id = ?').run(id);
  }

  /** Installs a plugin, or replaces the installed one with the same id (keeping its position). */
  installPlugin(plugin: {
    id: string;
    manifestUrl: string;
    manifest: unknown;
    config: Record<string, unknown>;
  }): void {
    this.#db
      .prepare(
        `INSERT INTO plugins (id, manifest_url, manifest, config, position, installed_at)
         VALUES (@id, @manifestUrl, @manifest, @config,
           (SELECT coalesce(max(position), -1) + 1 FROM plugins), @at)
         ON CONFLICT (id) DO UPDATE SET manifest_url = excluded.manifest_url,
           manifest = excluded.manifest, config = excluded.config, installed_at = excluded.installed_at`,
      )
      .run({
        id: plugin.id,
        manifestUrl: plugin.manifestUrl,
        manifest: JSON.stringify(plugin.manifest),
        config: JSON.stringify(plugin.config),
        at: new Date().toISOString(),
      });
  }
}
