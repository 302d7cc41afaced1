export {CrmkitError} from './crmkit-error.js';
export {HostApiError, NetworkError} from './host-api-error.js';
export {HOST_API_PRIVILEGES} from './host-api.js';
export {
  LEAD_STATUSES,
  MAX_REJECT_REASON_LENGTH,
  OTHER_REJECT_CODE,
  OWNERSHIP_MODES,
} from './lead.js';
export {PRIVILEGES, isPrivilege} from './privileges.js';
export {EXTENSION_POINTS, isExtensionPoint} from './extension-points.js';
export {localize} from './localize.js';
export {configDefaults} from './config-defaults.js';
export {SDK_VERSION} from './sdk-version.js';
export {
  PLUGIN_MANIFEST_SCHEMA,
  PLUGIN_MANIFEST_SCHEMA_ID,
  PLUGIN_TAG_PATTERN,
  RESERVED_TAGS,
} from './plugin-manifest-schema.js';
export {validateManifest} from './validate-manifest.js';
export {createJsonLocator} from './json-locator.js';
export {MANIFEST_ISSUE_CODES} from './manifest-issue-codes.js';
export {ManifestValidationError} from './manifest-validation-error.js';
export {parseManifest} from './parse-manifest.js';
export {createGuardedContext} from './create-guarded-context.js';
export {PermissionDeniedError} from './permission-denied-error.js';
export {InvalidArgumentError} from './invalid-argument-error.js';
export {PluginChannel} from './plugin-channel.js';
export {loadPlugin} from './load-plugin.js';
export {loadPlugins} from './load-plugins.js';
export {PluginLoadError} from './plugin-load-error.js';
export {PluginRegistry} from './plugin-registry.js';
export {PERMISSION_DENIED_TEXTS, PLUGIN_LOAD_ERROR_TEXTS} from './user-facing-texts.js';
export {PluginRegisteredEvent} from './plugin-registered-event.js';
export {PluginLoadFailureEvent} from './plugin-load-failure-event.js';

export type {FieldError, Problem} from './host-api-error.js';
export type {CurrentUser, GuardedHostCall, HostApi, ListLeadsQuery} from './host-api.js';
export type {
  AssignmentOutcome,
  Lead,
  LeadSettings,
  LeadStatus,
  OwnershipMode,
  RejectCodeOption,
  RejectLeadInput,
  RejectLeadOptions,
  RejectLeadResult,
  Rejection,
  UserRef,
} from './lead.js';
export type {PluginContext, PluginNotification} from './plugin-context.js';
export type {Privilege} from './privileges.js';
export type {ExtensionPointName} from './extension-points.js';
export type {LocalizedText} from './localize.js';
export type {ManifestAction, ManifestElement, PluginManifest} from './manifest.js';
export type {ManifestIssue} from './manifest-issue.js';
export type {ManifestIssueCode} from './manifest-issue-codes.js';
export type {JsonLocator, JsonSyntaxError, TextPosition} from './json-locator.js';
export type {ManifestValidationResult, ValidateManifestOptions} from './validate-manifest.js';
export type {GuardedContextOptions} from './create-guarded-context.js';
export type {PermissionDenial} from './permission-denied-error.js';
export type {LoadedPlugin} from './loaded-plugin.js';
export type {LoadPluginOptions} from './load-plugin.js';
export type {LoadPluginsResult} from './load-plugins.js';
export type {PluginLoadErrorCode} from './plugin-load-error.js';
export type {PluginLoadFailure, PluginRegistryEventMap} from './plugin-registry.js';
