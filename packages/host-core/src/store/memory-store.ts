import type {Lead, LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';
import type {DemoRejectCode, DemoUser} from '../demo-data.js';
import type {
  Awaitable,
  AuditFilter,
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
} from './host-store.js';
import {leadFromRow, rejectedRow, rowFromLead} from './lead-row.js';
import type {AuditAction} from '../texts/audit-actions.js';

/** A stored ruleset: the active one and the history. */
export interface StoredRuleset {
  id: number;
  body: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

/** One audit row, with the Idempotency-Key answer it keeps. */
export interface MemoryAuditRow extends AuditRecord {
  replay?: {key: string; request: string; response: string};
}

/**
 * Everything the memory store holds. Tests may read and change it directly between requests (put a
 * lead into another status, take a privilege away); a write replaces objects rather than changing
 * them, so that a transaction can be undone by restoring the containers.
 */
/** A stored plugin version with its files. */
export interface MemoryPluginPackage {
  record: PluginPackageRecord;
  files: ReadonlyMap<string, Uint8Array>;
}

export interface MemoryStoreState {
  users: DemoUser[];
  roles: RoleRecord[];
  /** By lead id, in id order. */
  leads: Map<string, Lead>;
  /** In picklist order. */
  rejectCodes: DemoRejectCode[];
  ownershipMode: OwnershipMode;
  /** Oldest first; at most one active. */
  rulesets: StoredRuleset[];
  plugins: PluginRecord[];
  pluginPackages: MemoryPluginPackage[];
  /** Page and plugin sessions (absent: none yet). */
  sessions?: SessionRecord[];
  /** Oldest first. */
  audit: MemoryAuditRow[];
}

const copyCodes = (codes: readonly RejectCodeRecord[]): RejectCodeRecord[] =>
  codes.map((c) => ({key: c.key, active: c.active, labels: {...c.labels}}));

/**
 * The host's store in memory: the msw mock host's. One process, one thread: a transaction takes a
 * snapshot of the containers and puts it back when the work throws.
 */
export class MemoryStore implements HostStore {
  state: MemoryStoreState;
  readonly #now: () => Date;
  /** The transaction in progress (and those queued before): the next one waits for it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(state: MemoryStoreState, now: () => Date = () => new Date()) {
    this.state = state;
    this.#now = now;
  }

  now(): Date {
    return this.#now();
  }

  /**
   * Transactions run one after another (a queue): a transaction awaits, and another request's must not
   * see or undo its writes meanwhile. The work's writes are undone by restoring the snapshot.
   */
  transaction<T>(work: () => Awaitable<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(work));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #run<T>(work: () => Awaitable<T>): Promise<T> {
    const s = this.state;
    const snapshot = {
      leads: new Map(s.leads),
      rejectCodes: s.rejectCodes,
      ownershipMode: s.ownershipMode,
      rulesets: s.rulesets,
      plugins: s.plugins,
      pluginPackages: s.pluginPackages,
      users: s.users,
      roles: s.roles,
      audit: s.audit.length,
    };
    try {
      return await work();
    } catch (error) {
      s.leads = snapshot.leads;
      s.rejectCodes = snapshot.rejectCodes;
      s.ownershipMode = snapshot.ownershipMode;
      s.rulesets = snapshot.rulesets;
      s.plugins = snapshot.plugins;
      s.pluginPackages = snapshot.pluginPackages;
      s.users = snapshot.users;
      s.roles = snapshot.roles;
      s.audit.length = snapshot.audit;
      throw error;
    }
  }

  #record(user: DemoUser): UserRecord {
    const role = this.state.roles.find((r) => r.id === user.roleId);
    return {
      ...user,
      role: role?.name.en ?? user.roleId,
      roleName: role ? {...role.name} : {en: user.roleId, de: user.roleId},
      privileges: new Set(role?.privileges ?? []),
    };
  }

  userByToken(token: string): UserRecord | undefined {
    const user = this.state.users.find((u) => u.token === token);
    return user && this.#record(user);
  }

  user(id: string): UserRecord | undefined {
    const user = this.state.users.find((u) => u.id === id);
    return user && this.#record(user);
  }

  get users(): ReadonlyMap<string, UserRecord> {
    return new Map(this.state.users.map((u) => [u.id, this.#record(u)]));
  }

  leadRow(id: string): LeadRow | undefined {
    const lead = this.state.leads.get(id);
    return lead && rowFromLead(lead);
  }

  leadRows(status?: LeadStatus, page?: LeadPage): LeadRow[] {
    const after = page?.after;
    const leads = [...this.state.leads.values()]
      .filter((l) => (!status || l.status === status) && (after === undefined || l.id > after))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return (page ? leads.slice(0, page.limit) : leads).map(rowFromLead);
  }

  toLead(row: LeadRow): Lead {
    return leadFromRow(row, this.users);
  }

  rejectLead(change: RejectChange): boolean {
    const row = this.leadRow(change.id);
    if (!row || row.version !== change.version || row.status !== 'Qualified') return false;
    this.#putRow({
      ...rejectedRow(row, change),
      owner_id: change.owner,
      reject_assignment: change.assignment,
    });
    return true;
  }

  #putRow(row: LeadRow): void {
    this.state.leads.set(row.id, this.toLead(row));
  }

  rejectCode(key: string): RejectCodeRecord | undefined {
    const code = this.state.rejectCodes.find((c) => c.key === key);
    return code && copyCodes([code])[0];
  }

  rejectCodes(): RejectCodeRecord[] {
    return copyCodes(this.state.rejectCodes);
  }

  replaceRejectCodes(codes: readonly RejectCodeRecord[]): void {
    this.state.rejectCodes = copyCodes(codes);
  }

  get ownershipMode(): OwnershipMode {
    return this.state.ownershipMode;
  }

  setOwnershipMode(mode: OwnershipMode): void {
    this.state.ownershipMode = mode;
  }

  audit(
    userId: string,
    action: AuditAction,
    leadId: string | null,
    detail: unknown,
    replay?: {key: string; request: string; response: string},
    pluginId: string | null = null,
  ): number {
    const id = (this.state.audit.at(-1)?.id ?? 0) + 1;
    this.state.audit.push({
      id,
      at: this.#now().toISOString(),
      userId,
      action,
      leadId,
      pluginId,
      detail: structuredClone(detail),
      ...(replay ? {replay} : {}),
    });
    return id;
  }

  auditEntries(limit: number, filter: AuditFilter = {}): AuditRecord[] {
    return this.state.audit
      .filter(
        (row) =>
          (filter.leadId === undefined || row.leadId === filter.leadId) &&
          (filter.userId === undefined || row.userId === filter.userId) &&
          (filter.pluginId === undefined || row.pluginId === filter.pluginId) &&
          (filter.action === undefined || row.action === filter.action),
      )
      .reverse()
      .slice(0, limit)
      .map(({replay: _replay, ...row}) => ({...row, detail: structuredClone(row.detail)}));
  }

  idempotent(userId: string, key: string, since: string): IdempotentAnswer | undefined {
    const row = this.state.audit.findLast(
      (r) => r.userId === userId && r.replay?.key === key && r.at >= since,
    );
    return row?.replay && {request: row.replay.request, status: 200, body: row.replay.response};
  }

  activeRuleset(): {id: number; body: string} | undefined {
    const active = this.state.rulesets.find((r) => r.active);
    return active && {id: active.id, body: active.body};
  }

  activateRuleset(body: string, userId: string): number {
    const id = (this.state.rulesets.at(-1)?.id ?? 0) + 1;
    this.state.rulesets = [
      ...this.state.rulesets.map((r) => (r.active ? {...r, active: false} : r)),
      {id, body, active: true, createdBy: userId, createdAt: this.#now().toISOString()},
    ];
    return id;
  }

  rulesetVersions(): RulesetVersionRecord[] {
    return [...this.state.rulesets].reverse().map((r) => ({...r}));
  }

  roles(): RoleRecord[] {
    return structuredClone(this.state.roles);
  }

  setRolePrivileges(roleId: string, privileges: readonly Privilege[]): void {
    this.state.roles = this.state.roles.map((r) =>
      r.id === roleId ? {...r, privileges: [...privileges]} : r,
    );
  }

  setUserRole(userId: string, roleId: string): void {
    this.state.users = this.state.users.map((u) => (u.id === userId ? {...u, roleId} : u));
  }

  createSession(session: SessionRecord): void {
    this.state.sessions = [...(this.state.sessions ?? []), structuredClone(session)];
  }

  session(tokenHash: string): SessionRecord | undefined {
    const found = this.state.sessions?.find((s) => s.tokenHash === tokenHash);
    return found && structuredClone(found);
  }

  deleteSession(tokenHash: string): void {
    this.state.sessions = (this.state.sessions ?? []).filter((s) => s.tokenHash !== tokenHash);
  }

  plugins(): PluginRecord[] {
    return structuredClone(this.state.plugins);
  }

  savePlugin(plugin: PluginRecord): void {
    const record = structuredClone(plugin);
    const index = this.state.plugins.findIndex((p) => p.id === plugin.id);
    this.state.plugins =
      index >= 0
        ? this.state.plugins.map((p, i) => (i === index ? record : p))
        : [...this.state.plugins, record];
  }

  uninstallPlugin(id: string): void {
    this.state.plugins = this.state.plugins.filter((p) => p.id !== id);
    this.state.pluginPackages = this.state.pluginPackages.filter((p) => p.record.id !== id);
  }

  pluginPackages(id: string): PluginPackageRecord[] {
    return this.state.pluginPackages
      .filter((p) => p.record.id === id)
      .map((p) => structuredClone(p.record));
  }

  storePluginPackage(record: PluginPackageRecord, files: ReadonlyMap<string, Uint8Array>): void {
    this.state.pluginPackages = [
      ...this.state.pluginPackages,
      {record: structuredClone(record), files: new Map(files)},
    ];
  }

  pluginFile(id: string, version: string, path: string): Uint8Array | undefined {
    return this.state.pluginPackages
      .find((p) => p.record.id === id && p.record.version === version)
      ?.files.get(path);
  }
}
