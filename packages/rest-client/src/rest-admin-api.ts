import type {FieldError, LeadSettings, UserRef} from '@crmkit/sdk';
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

/** An installed plugin as the admin sees it. */
export interface InstalledPlugin {
  id: string;
  manifestUrl: string;
  manifest: Record<string, unknown>;
  config: Record<string, unknown>;
  installedAt: string;
}

export interface InstallPluginRequest {
  /** Where pages load the manifest from; its `entry` resolves against this URL. */
  manifestUrl: string;
  manifest: Record<string, unknown>;
  /** Admin values for the manifest's config schema (defaults fill the rest). */
  config?: Record<string, unknown>;
}

/** One row of the audit trail. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: UserRef;
  action: string;
  leadId: string | null;
  data: Record<string, unknown>;
}

/** The admin routes of the REST contract. Each needs `plugins.manage` except the assignment rules (`assignment.manage`). */
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
  listPlugins(options?: RequestOptions): Promise<InstalledPlugin[]>;
  /** Installs a plugin, or replaces the installation with the same id (`created` tells which). */
  installPlugin(
    request: InstallPluginRequest,
    options?: RequestOptions,
  ): Promise<{plugin: InstalledPlugin; created: boolean}>;
  uninstallPlugin(id: string, options?: RequestOptions): Promise<void>;
  listAudit(
    query?: {leadId?: string; limit?: number},
    options?: RequestOptions,
  ): Promise<AuditEntry[]>;
}
