import type {Lead, LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';
import type {AuditAction} from '../texts/audit-actions.js';

/** A user as a host keeps them. */
export interface UserRecord {
  id: string;
  name: string;
  /** The id of the user's role: what they may do comes from it. */
  roleId: string;
  /** The role's English name (as `GET /api/me` says it). */
  role: string;
  /** The role's name in English and German (for texts that name it). */
  roleName: {en: string; de: string};
  locale: string;
  managerId: string | null;
  active: boolean;
  token: string | null;
  /** The privileges of the user's role (none for an unknown role). */
  privileges: ReadonlySet<Privilege>;
}

/** A role: a named set of privileges that users hold through it. */
export interface RoleRecord {
  id: string;
  name: {en: string; de: string};
  privileges: Privilege[];
}

/** A lead as stored (the columns of the reference schema: snake_case, nulls for what is absent). */
export interface LeadRow {
  id: string;
  first_name: string;
  last_name: string;
  company: string;
  status: LeadStatus;
  owner_id: string | null;
  original_owner_id: string | null;
  version: number;
  email: string | null;
  phone: string | null;
  country: string | null;
  region: string | null;
  rating: string | null;
  source: string | null;
  reject_code: string | null;
  reject_reason: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  /** The rejection's reassignment (AssignmentOutcome JSON), when it reassigned the owner. */
  reject_assignment: string | null;
}

/** A reject code with both labels, in picklist order (the admin shape). */
export interface RejectCodeRecord {
  key: string;
  labels: {en: string; de: string; [locale: string]: string};
  active: boolean;
}

/**
 * An installed plugin: which of its stored versions runs, whether it runs at all, and what the admin
 * consented to.
 */
export interface PluginRecord {
  id: string;
  /** The stored version that runs (when enabled). */
  version: string;
  enabled: boolean;
  /** Marked trusted by the admin: runs in the page instead of a sandboxed frame. */
  trusted: boolean;
  config: Record<string, unknown>;
  /** The permissions the admin consented to by enabling it or accepting an upgrade. */
  acceptedPermissions: Privilege[];
  /** The version that ran before the last version change (for a roll back). */
  previousVersion: string | null;
  installedAt: string;
}

/** A stored plugin package (one version of a plugin), without its files' bytes. */
export interface PluginPackageRecord {
  id: string;
  version: string;
  /** The package's plugin.json, parsed. */
  manifest: Record<string, unknown>;
  /** The entry's SRI hash (checked against the entry's bytes when stored). */
  integrity: string;
  /** SHA-256 of the uploaded .tgz (base64): the same bytes uploaded again are no new package. */
  digest: string;
  /** Size of the uploaded .tgz in bytes. */
  size: number;
  files: Array<{path: string; size: number}>;
  uploadedAt: string;
  uploadedBy: string | null;
}

/** One row of the audit trail, newest first when listed. */
export interface AuditRecord {
  id: number;
  at: string;
  userId: string;
  action: string;
  leadId: string | null;
  /** The plugin the change was about or made through. */
  pluginId: string | null;
  detail: unknown;
}

/**
 * A signed-in session: a page's (its cookie) or a plugin's (its bearer token). Only the token's
 * SHA-256 is kept, so the store never holds a usable credential.
 */
export interface SessionRecord {
  /** SHA-256 of the token, base64url. */
  tokenHash: string;
  userId: string;
  kind: 'page' | 'plugin';
  /** For a plugin session: the plugin it is bound to. */
  pluginId: string | null;
  /** For a plugin session: its declared permissions ∩ the user's privileges when minted. */
  scopes: Privilege[];
  /** ISO 8601. */
  expiresAt: string;
}

/** Which audit rows to list (all given filters must hold). */
export interface AuditFilter {
  leadId?: string;
  userId?: string;
  pluginId?: string;
  action?: string;
}

/** One activation of an assignment ruleset: the history the versions list and roll back read. */
export interface RulesetVersionRecord {
  id: number;
  body: string;
  active: boolean;
  /** Null for the seeded one. */
  createdBy: string | null;
  createdAt: string;
}

/** A page of the lead list: up to `limit` leads whose id sorts after `after` (without: the first). */
export interface LeadPage {
  after?: string;
  limit: number;
}

/** The change a reject writes, guarded by the lead's version and status. */
export interface RejectChange {
  id: string;
  code: string;
  reason: string | null;
  by: string;
  at: string;
  owner: string | null;
  /** The reassignment as JSON (`reject_assignment`), or null when the owner was not reassigned. */
  assignment: string | null;
  version: number;
}

/** What an Idempotency-Key replays: the request's fingerprint and the answer as sent. */
export interface IdempotentAnswer {
  request: string;
  status: number;
  body: string;
}

/** An audit row to append (what `audit` takes, as one value). */
export interface AuditInsert {
  userId: string;
  action: AuditAction;
  leadId: string | null;
  detail: unknown;
  replay?: {key: string; request: string; response: string};
  pluginId: string | null;
}

/** What a batch of rejects reads: these users' Idempotency-Keys and these leads. */
export interface RejectBatchRead {
  keys: ReadonlyArray<{userId: string; key: string}>;
  /** Keys used before this time count as new. */
  since: string;
  leadIds: readonly string[];
}

/** What a batch read found: the keys' earlier answers (by `userId + "\n" + key`) and the leads by id. */
export interface RejectBatchFound {
  answers: Map<string, IdempotentAnswer>;
  rows: Map<string, LeadRow>;
}

/** What a batch writes, and what its transaction answers once committed. */
export interface RejectBatchWrites<T> {
  changes: readonly RejectChange[];
  audits: readonly AuditInsert[];
  result: T;
  /** A test seam: runs after the writes, before the commit (a throw there rolls everything back). */
  afterWrite?: () => void;
}

/**
 * The rejects of one turn as ONE transaction, for a store whose every round trip costs (PostgreSQL):
 * one read and one write for all of them instead of six statements each.
 */
export interface RejectBatchStore {
  /**
   * Reads, then `decide`, then writes and commits, as one transaction:
   * - the read: the answers remembered for the keys (as `idempotent`), then the leads, each key and
   *   lead locked until the commit, so the same key or lead in another batch (on another node) waits
   *   and is read after it;
   * - `decide` runs with the store's caches made current inside the transaction;
   * - the writes: `rejectLead` for each change, then the audit rows in their order. When fewer leads
   *   changed than there are changes, the store throws and commits nothing.
   *
   * A store may run it all again after a serialisation failure or a deadlock, as `transaction` does.
   */
  rejectMany<T>(
    read: RejectBatchRead,
    decide: (found: RejectBatchFound) => Awaitable<RejectBatchWrites<T>>,
  ): Promise<T>;
}

/** A value now (the memory and SQLite stores) or later (PostgreSQL): callers always `await` it. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Where a host keeps its data. The routes of host-core read, lock and write only through it, inside
 * `transaction`, and decide with pure functions; each environment has its own: the memory store (the
 * msw mock), the SQLite store (the dev host, synchronous underneath) and the PostgreSQL store (several
 * nodes, asynchronous). Calls that reach the data answer `Awaitable` values and the routes await every
 * one; what a store serves from its caches (users, tokens, reject codes, the ownership mode) answers
 * at once, made current by `refresh` at the start of each request and of each transaction.
 */
export interface HostStore {
  /**
   * Runs `work` as one transaction: all its writes commit together when it settles, none when it
   * throws (the error is rethrown). Transactions run one after another as far as they touch the same
   * data; host-core's routes never open one inside another. The store refreshes its
   * caches inside the transaction first (under the lock it takes), so what `work` decides from them is
   * what the transaction guards. A store may run `work` again after a serialisation failure or a
   * deadlock (PostgreSQL): `work` changes nothing outside the store.
   */
  transaction<T>(work: () => Awaitable<T>): Promise<T>;
  /**
   * Runs `work` as a transaction of its own that may be committed together with others queued in the
   * same turn (group commit): each one is all or nothing by itself (a savepoint), and they share one
   * commit, so a burst of rejects writes each page once. Resolves after that commit. Without it the
   * host runs `transaction`.
   */
  groupedTransaction?<T>(work: () => Awaitable<T>): Promise<T>;
  /** Batch forms of the reject's reads and writes (see RejectBatchStore); absent: one at a time. */
  readonly rejectBatch?: RejectBatchStore;
  /** The store's clock, when it has one of its own (a test's fixed time); default the real time. */
  now?(): Date;
  /**
   * Called at the start of every request (of a route that checks its caller again in its
   * transaction, `Route.checksCallerAgain`, only when the caches refuse the caller): a store whose
   * data another process may change (SQLite, PostgreSQL) makes its caches current here.
   */
  refresh?(): Awaitable<void>;
  /**
   * Grows whenever `refresh` found data another process changed; what a host derives from the data
   * (the compiled ruleset) is checked again when it moved. Absent: only this process writes.
   */
  readonly revision?: number;

  /**
   * Whether `error`, thrown by this store, means the storage itself failed (a full disk, an I/O
   * error, a damaged, vanished or read-only file, a lock held too long, a database that cannot be
   * reached) rather than a bug: the host then logs it and answers 503 `store-unavailable` instead of
   * 500, and goes on serving. Absent: a store that cannot fail so (the memory store).
   */
  isUnavailable?(error: unknown): boolean;

  /** The signed-in user of a bearer token, if the token is known (cached). */
  userByToken(token: string): UserRecord | undefined;
  /** A user by id (cached). */
  user(id: string): UserRecord | undefined;
  /** Every user by id (for the Assignment Manager; cached). */
  readonly users: ReadonlyMap<string, UserRecord>;

  /** A lead; inside a transaction it stays locked against other writers until the commit. */
  leadRow(id: string): Awaitable<LeadRow | undefined>;
  /**
   * The leads in id order, only those in `status` when given. With `page`, only the first
   * `page.limit` whose id sorts after `page.after` (keyset paging: a page stays right while leads
   * change before it), read as such from the store, never all of them.
   */
  leadRows(status?: LeadStatus, page?: LeadPage): Awaitable<LeadRow[]>;
  /** The contract's Lead JSON of a row, with the owners' names. */
  toLead(row: LeadRow): Lead;
  /** Marks a lead rejected and moves it to `owner`, if it still has `version` and is Qualified. */
  rejectLead(change: RejectChange): Awaitable<boolean>;

  /** A reject code by key (cached). */
  rejectCode(key: string): RejectCodeRecord | undefined;
  /** The reject codes in picklist order (copies; cached). */
  rejectCodes(): RejectCodeRecord[];
  /** Replaces the whole picklist (keys, labels, activity and order). */
  replaceRejectCodes(codes: readonly RejectCodeRecord[]): Awaitable<void>;

  /** The ownership mode (cached). */
  readonly ownershipMode: OwnershipMode;
  setOwnershipMode(mode: OwnershipMode): Awaitable<void>;

  /** Appends an audit row; `replay` keeps an Idempotency-Key's fingerprint and answer. Its id. */
  audit(
    userId: string,
    action: AuditAction,
    leadId: string | null,
    detail: unknown,
    replay?: {key: string; request: string; response: string},
    pluginId?: string | null,
  ): Awaitable<number | bigint>;
  auditEntries(limit: number, filter?: AuditFilter): Awaitable<AuditRecord[]>;
  /**
   * The answer remembered for a user's Idempotency-Key (written by `audit` with `replay`) at or
   * after `since` (an ISO 8601 time): older keys count as new (see IDEMPOTENCY_KEY_LIFETIME_MS).
   * Inside a transaction, the key stays taken until the commit: a second request with it (on another
   * node too) waits, then sees the first one's answer.
   */
  idempotent(userId: string, key: string, since: string): Awaitable<IdempotentAnswer | undefined>;

  activeRuleset(): Awaitable<{id: number; body: string} | undefined>;
  /** Stores `body` as the active ruleset (the previous one stays as history); its id. */
  activateRuleset(body: string, userId: string): Awaitable<number>;
  /** Every activation, newest first. */
  rulesetVersions(): Awaitable<RulesetVersionRecord[]>;

  roles(): Awaitable<RoleRecord[]>;
  /** Sets a role's privileges; its users hold them from the next request on. */
  setRolePrivileges(roleId: string, privileges: readonly Privilege[]): Awaitable<void>;
  /** Moves a user to another role. */
  setUserRole(userId: string, roleId: string): Awaitable<void>;

  /** Keeps a new session. */
  createSession(session: SessionRecord): Awaitable<void>;
  /** The session of a token's hash, expired or not. */
  session(tokenHash: string): Awaitable<SessionRecord | undefined>;
  /** Ends a session (sign-out). */
  deleteSession(tokenHash: string): Awaitable<void>;

  /** The installed plugins, in installation order. */
  plugins(): Awaitable<PluginRecord[]>;
  /** Installs a plugin, or replaces the installed one with the same id (keeping its position). */
  savePlugin(plugin: PluginRecord): Awaitable<void>;
  /** Removes an installed plugin and every stored version of it. */
  uninstallPlugin(id: string): Awaitable<void>;
  /** The stored versions of a plugin (any order). */
  pluginPackages(id: string): Awaitable<PluginPackageRecord[]>;
  /** Stores one version of a plugin with its files (path → bytes). */
  storePluginPackage(
    record: PluginPackageRecord,
    files: ReadonlyMap<string, Uint8Array>,
  ): Awaitable<void>;
  /** A stored file of a stored version, exactly as uploaded. */
  pluginFile(id: string, version: string, path: string): Awaitable<Uint8Array | undefined>;
}
