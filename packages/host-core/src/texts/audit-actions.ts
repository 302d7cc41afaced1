/**
 * Every action the host records in the audit trail (`store.audit(userId, action, …)`, listed by
 * `GET /api/admin/audit` as `action`). The names are stored in audit rows and read by clients: add new
 * ones, never rename one.
 */
export const AUDIT_ACTIONS = {
  /** A lead was rejected (`data`: code, reason?, versions, owners, assignment?, idempotencyKey?). */
  leadRejected: 'lead.rejected',
  /** The lead settings (ownership mode) changed (`data`: before, after). */
  leadSettingsUpdated: 'settings.lead.updated',
  /** The reject code picklist was replaced (`data`: before, after, reasonRequiredKey). */
  rejectCodesUpdated: 'reject-codes.updated',
  /** A lead assignment ruleset was activated (`data`: rules, unassignedOwner). */
  assignmentRulesActivated: 'assignment-rules.activated',
  /** A plugin was installed or replaced (`data`: id, version, manifestUrl, replaced). */
  pluginInstalled: 'plugin.installed',
  /** A plugin was uninstalled (`data`: id). */
  pluginUninstalled: 'plugin.uninstalled',
} as const;

/** An action name of the audit trail. */
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
