import type {FieldError, LeadSettings, Privilege, UserRef} from '@crmkit/sdk';
import type {RequestOptions} from './rest-client-options.js';

/** A reject code as an admin edits it: its stable key, both labels, and whether the picklist offers it. */
export interface AdminRejectCode {
  key: string;
  labels: {en: string; de: string; [locale: string]: string};
  active: boolean;
}

/** A field error that may also point at a line and column of the body as sent (1-based). */
export interface LocatedFieldError extends FieldError {
  line?: number;
  column?: number;
}

/** The answer to activating a ruleset: the stored ruleset and the linter's non-blocking warnings. */
export interface RulesetActivated {
  ruleset: Record<string, unknown>;
  warnings: LocatedFieldError[];
}

/** How many current leads each rule of the active ruleset would take if they were rejected now. */
export interface AssignmentStats {
  rules: Array<{name: string; matched: number}>;
  unassignedOwner: number;
  total: number;
}

/** A user as the host names them in an answer (who activated a ruleset version). */
export interface AssignmentRulesActor {
  id: string;
  name: string;
}

/**
 * One kept activation of the assignment rules (`GET /api/admin/assignment-rules/versions`, newest
 * first). Every activation is a new version, a rollback too, so the history stays linear.
 */
export interface AssignmentRulesVersion {
  version: number;
  activatedAt: string;
  /** Null for a version nobody activated by hand (the demo data's seed). */
  activatedBy: AssignmentRulesActor | null;
  active: boolean;
}

/** A version with the ruleset it activated (`GET …/versions/{n}`). */
export interface AssignmentRulesVersionDetail extends AssignmentRulesVersion {
  ruleset: Record<string, unknown>;
}

/** The answer to a rollback: the new version that activates an old one's ruleset again. */
export interface AssignmentRulesRolledBack extends AssignmentRulesVersionDetail {
  /** The version whose ruleset was activated again. */
  restoredFrom: number;
}

/** Who owns a lead under one ruleset in a preview; `rule` null means the unassigned owner. */
export interface PreviewOwner {
  ownerId: string | null;
  ownerName: string | null;
  rule: string | null;
}

/** A lead that would get another owner under the candidate ruleset than under the active one. */
export interface PreviewChange {
  leadId: string;
  company: string;
  name: string;
  from: PreviewOwner;
  to: PreviewOwner;
}

/** One evaluation of a preview: how many leads it looked at and those whose owner would change. */
export interface PreviewEvaluation {
  evaluated: number;
  changed: PreviewChange[];
}

/** Per-rule counts of one ruleset in a preview (over both evaluations added up). */
export interface PreviewCounts {
  rules: Array<{name: string; matched: number}>;
  unassignedOwner: number;
}

/**
 * What a candidate ruleset would change before it is activated
 * (`POST /api/admin/assignment-rules/preview`).
 */
export interface AssignmentRulesPreview {
  /** The reject code the current leads were evaluated with. */
  rejectCode: string;
  /** The active ruleset's counts; `version` null when no ruleset is active. */
  active: PreviewCounts & {version: number | null};
  candidate: PreviewCounts;
  /** Every not-yet-rejected lead, as if rejected now with `rejectCode`. */
  leads: PreviewEvaluation;
  /** The last recorded rejections, replayed with their own code and reason. */
  replayed: PreviewEvaluation;
}

/** How a preview evaluates: the reject code for the current leads, how many rejections to replay. */
export interface PreviewQuery {
  /** A reject code key; the host's default is `OTHER`. */
  rejectCode?: string;
  /** 0 to 10000 of the last recorded rejections; the host's default is 100. */
  replay?: number;
}

/** One stored version of an installed plugin's package. */
export interface PluginVersion {
  version: string;
  permissions: Privilege[];
  integrity: string;
  /** Size of the package (.tgz) in bytes. */
  size: number;
  uploadedAt: string;
}

/** A stored version above the one that runs, which the admin has not switched to yet. */
export interface PluginUpgrade {
  version: string;
  /** Every permission that version declares: what `acceptPermissions` must equal to switch to it. */
  permissions: Privilege[];
  /** The ones the admin has not consented to yet. */
  addedPermissions: Privilege[];
}

/** An installed plugin as the admin sees it (`GET /api/admin/plugins`). */
export interface InstalledPlugin {
  id: string;
  /** The version that runs. */
  version: string;
  /** A new plugin is installed disabled; enabling it is the admin's consent to its permissions. */
  enabled: boolean;
  /** Runs in the page (`true`) rather than sandboxed in a frame. */
  trusted: boolean;
  config: Record<string, unknown>;
  /** The stored manifest of `version`, as packed (with its integrity). */
  manifest: Record<string, unknown>;
  /** The permissions `version` declares. */
  permissions: Privilege[];
  /** What the admin consented to; empty before the first enable. */
  acceptedPermissions: Privilege[];
  integrity: string;
  size: number;
  installedAt: string;
  /** The version that ran before the last switch (what a rollback goes back to), if any. */
  previousVersion: string | null;
  /** Every stored version, newest first. */
  versions: PluginVersion[];
  upgrade: PluginUpgrade | null;
}

/** The body of a plugin package upload: the bytes of the `.tgz` that `crmkit pack` wrote. */
export type PluginPackageBytes = Blob | ArrayBuffer | Uint8Array;

/** The answer to a package upload (`POST /api/admin/plugins`). */
export interface PluginUpload {
  id: string;
  /** The uploaded version (the installation may run another one: see `plugin.version`). */
  version: string;
  enabled: boolean;
  permissions: Privilege[];
  integrity: string;
  size: number;
  files: Array<{path: string; size: number}>;
  /** The installation after the upload. */
  plugin: InstalledPlugin;
}

/** What `updatePlugin` may change; each field left out stays as it is. */
export interface PluginChanges {
  /** Turning it on is the admin's consent to the permissions of the version that runs. */
  enabled?: boolean;
  /** Switch to another stored version (upgrade or rollback). */
  version?: string;
  config?: Record<string, unknown>;
  trusted?: boolean;
  /** Needed when `version` declares permissions not yet accepted: that version's whole list. */
  acceptPermissions?: Privilege[];
}

/** A role and the privileges it grants. */
export interface AdminRole {
  id: string;
  name: {en: string; de: string};
  privileges: Privilege[];
}

/** A user as the admin assigns roles. */
export interface AdminUser {
  id: string;
  name: string;
  roleId: string;
  active: boolean;
  locale: string;
}

/** Which audit rows to list; every filter given must match. */
export interface AuditQuery {
  leadId?: string;
  userId?: string;
  pluginId?: string;
  /** At most this many rows, newest first (host default 100, at most 500). */
  limit?: number;
}

/** One row of the audit trail. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: UserRef;
  action: string;
  leadId: string | null;
  /** The plugin whose credential made the change, or the plugin the admin changed. */
  pluginId: string | null;
  data: Record<string, unknown>;
}

/**
 * The admin routes of the REST contract. Each needs `plugins.manage` except the assignment rules
 * (`assignment.manage`). Errors as in `createRestHostApi`: a refusal rejects with a `HostApiError`
 * (stable `code`, field `errors`), an unreachable host with a `NetworkError`.
 */
export interface RestAdminApi {
  getLeadSettings(options?: RequestOptions): Promise<LeadSettings>;
  putLeadSettings(settings: LeadSettings, options?: RequestOptions): Promise<LeadSettings>;
  getRejectCodes(options?: RequestOptions): Promise<AdminRejectCode[]>;
  /** Replaces the whole list (order = picklist order). Keys are never removed: deactivate instead. */
  putRejectCodes(codes: AdminRejectCode[], options?: RequestOptions): Promise<AdminRejectCode[]>;
  getAssignmentRules(options?: RequestOptions): Promise<Record<string, unknown>>;
  /**
   * Lints and activates a ruleset. Pass the JSON text as the user typed it to get lint findings with
   * that text's line numbers; an invalid ruleset rejects with a `HostApiError` `invalid-ruleset`.
   */
  putAssignmentRules(
    ruleset: string | Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<RulesetActivated>;
  getAssignmentStats(options?: RequestOptions): Promise<AssignmentStats>;
  /**
   * Which leads a candidate ruleset would give another owner than the active one, and both rulesets'
   * per-rule counts. Activates nothing. Pass the JSON text as typed to get findings with its line
   * numbers: a ruleset with errors rejects with a `HostApiError` `invalid-ruleset`, like
   * `putAssignmentRules`.
   */
  previewAssignmentRules(
    ruleset: string | Record<string, unknown>,
    query?: PreviewQuery,
    options?: RequestOptions,
  ): Promise<AssignmentRulesPreview>;
  /** Every activation of the assignment rules, newest first. */
  listAssignmentRulesVersions(options?: RequestOptions): Promise<AssignmentRulesVersion[]>;
  /** One version with its ruleset; 404 `not-found` for a version the host does not have. */
  getAssignmentRulesVersion(
    version: number,
    options?: RequestOptions,
  ): Promise<AssignmentRulesVersionDetail>;
  /**
   * Rolls back: the ruleset of `version` becomes active again as a new version (audited by the host
   * as `assignment-rules.rolled-back`).
   */
  activateAssignmentRulesVersion(
    version: number,
    options?: RequestOptions,
  ): Promise<AssignmentRulesRolledBack>;
  listPlugins(options?: RequestOptions): Promise<InstalledPlugin[]>;
  /**
   * Uploads a plugin package (`application/gzip`). A new plugin is installed disabled; another version
   * of an installed one is only stored (offered as `upgrade`). `created` is false when the host already
   * had these bytes. Refusals: 409 `plugin-version-exists`, 413, 422 `invalid-plugin-package` or
   * `invalid-manifest` (each problem in `errors`, `field` a path inside the package).
   */
  uploadPluginPackage(
    bytes: PluginPackageBytes,
    options?: RequestOptions,
  ): Promise<{upload: PluginUpload; created: boolean}>;
  /**
   * Enables, disables, configures or switches the version of an installed plugin. Switching to a
   * version with more permissions than accepted is refused (409 `permissions-not-accepted`, the
   * missing ones in `added`) unless `acceptPermissions` equals that version's permissions.
   */
  updatePlugin(
    id: string,
    changes: PluginChanges,
    options?: RequestOptions,
  ): Promise<InstalledPlugin>;
  /** Removes the installation and every stored version. */
  uninstallPlugin(id: string, options?: RequestOptions): Promise<void>;
  listRoles(options?: RequestOptions): Promise<AdminRole[]>;
  /** Replaces a role's privileges (effective on the next request); 409 `last-admin`, 422 `unknown-privilege`. */
  updateRole(
    id: string,
    changes: {privileges: Privilege[]},
    options?: RequestOptions,
  ): Promise<AdminRole>;
  listUsers(options?: RequestOptions): Promise<AdminUser[]>;
  /** Gives a user another role; 409 `last-admin`, 422 `unknown-role`. */
  updateUser(id: string, changes: {roleId: string}, options?: RequestOptions): Promise<AdminUser>;
  listAudit(query?: AuditQuery, options?: RequestOptions): Promise<AuditEntry[]>;
}
