export {createRestAdminApi} from './create-rest-admin-api.js';
export {createRestHostApi} from './create-rest-host-api.js';

export type {PluginInstallation, RestHostApi} from './create-rest-host-api.js';
export type {
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
