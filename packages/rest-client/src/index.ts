export {createRestAdminApi} from './create-rest-admin-api.js';
export {createRestHostApi} from './create-rest-host-api.js';

export type {
  LeadPage,
  LeadPageQuery,
  PluginInstallation,
  RestHostApi,
} from './create-rest-host-api.js';
export type {
  AssignmentRulesActor,
  AssignmentRulesPreview,
  AssignmentRulesRolledBack,
  AssignmentRulesVersion,
  AssignmentRulesVersionDetail,
  PreviewChange,
  PreviewCounts,
  PreviewEvaluation,
  PreviewOwner,
  PreviewQuery,
  AdminRejectCode,
  AdminRole,
  AdminUser,
  AssignmentStats,
  AuditEntry,
  AuditQuery,
  InstalledPlugin,
  LocatedFieldError,
  PluginChanges,
  PluginPackageBytes,
  PluginUpgrade,
  PluginUpload,
  PluginVersion,
  RestAdminApi,
  RulesetActivated,
} from './rest-admin-api.js';
export type {RequestOptions, RestClientOptions} from './rest-client-options.js';
