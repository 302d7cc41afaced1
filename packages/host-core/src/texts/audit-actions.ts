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
  /** An earlier ruleset version was activated again as a new one (`data`: from, to, restoredFrom). */
  assignmentRulesRolledBack: 'assignment-rules.rolled-back',
  /** A plugin was installed: its first package stored, disabled (`data`: id, version, integrity, size, permissions). */
  pluginInstalled: 'plugin.installed',
  /** Another version of an installed plugin was stored (`data`: id, version, integrity, size, permissions). */
  pluginUploaded: 'plugin.uploaded',
  /** A plugin was enabled: the admin's consent (`data`: id, version, permissions). */
  pluginEnabled: 'plugin.enabled',
  /** A plugin was disabled (`data`: id, version). */
  pluginDisabled: 'plugin.disabled',
  /** Another stored version runs now, an upgrade or a roll back (`data`: id, from, to, permissions, accepted). */
  pluginVersionChanged: 'plugin.version-changed',
  /** The admin marked a plugin trusted (in the page) or not (sandboxed) (`data`: id, trusted). */
  pluginTrustChanged: 'plugin.trust-changed',
  /** A plugin's config changed (`data`: id, before, after). */
  pluginConfigured: 'plugin.config-updated',
  /** A plugin was uninstalled with all its stored versions (`data`: id, versions). */
  pluginUninstalled: 'plugin.uninstalled',
  /** A role's privileges changed (`data`: id, before, after). */
  roleUpdated: 'role.updated',
  /** A user was moved to another role (`data`: userId, before, after). */
  userRoleChanged: 'user.role-changed',
} as const;

/** An action name of the audit trail. */
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
