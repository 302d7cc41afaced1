// Public API of @crmkit/sdk: every export by name; the folders are not entry points.
export {CrmkitError} from './errors/crmkit-error.js';
export {HostApiError, NetworkError} from './errors/host-api-error.js';
export {HOST_API_PRIVILEGES} from './contract/host-api.js';
export {
  LEAD_STATUSES,
  MAX_REJECT_REASON_LENGTH,
  OTHER_REJECT_CODE,
  OWNERSHIP_MODES,
} from './contract/lead.js';
export {PRIVILEGES, isPrivilege} from './contract/privileges.js';
export {EXTENSION_POINTS, isExtensionPoint} from './contract/extension-points.js';
export {localize} from './contract/localize.js';
export {configDefaults} from './config/config-defaults.js';
export {checkPluginConfig} from './config/check-plugin-config.js';
export {SDK_VERSION} from './manifest/sdk-version.js';
export {
  PLUGIN_MANIFEST_SCHEMA,
  PLUGIN_MANIFEST_SCHEMA_ID,
  PLUGIN_TAG_PATTERN,
  RESERVED_TAGS,
} from './manifest/schema/plugin-manifest-schema.js';
export {validateManifest} from './manifest/validate-manifest.js';
export {isActionApplicable} from './manifest/is-action-applicable.js';
// The JSON locator lives in @crmkit/json-kit (shared with the ruleset linter); re-exported here so
// that `import {createJsonLocator} from '@crmkit/sdk'` keeps working.
export {createJsonLocator} from '@crmkit/json-kit';
export {MANIFEST_ISSUE_CODES} from './manifest/manifest-issue-codes.js';
export {ManifestValidationError} from './errors/manifest-validation-error.js';
export {parseManifest} from './manifest/parse-manifest.js';
export {createGuardedContext} from './context/create-guarded-context.js';
export {PermissionDeniedError} from './errors/permission-denied-error.js';
export {InvalidArgumentError} from './errors/invalid-argument-error.js';
export {PluginChannel} from './context/plugin-channel.js';
export {
  PLUGIN_CONTEXT_METHODS,
  checkContextCall,
  createBridgedContext,
  isPluginContextMethod,
  performContextCall,
  reviveContextError,
  serializeContextError,
  snapshotOf,
} from './context/context-bridge.js';
export {loadPlugin} from './loader/load-plugin.js';
export {loadPlugins} from './loader/load-plugins.js';
export {PluginLoadError} from './errors/plugin-load-error.js';
export {PluginRegistry} from './loader/plugin-registry.js';
export {PERMISSION_DENIED_TEXTS} from './errors/permission-denied-texts.js';
export {PLUGIN_LOAD_ERROR_TEXTS} from './errors/plugin-load-error-texts.js';
export {PluginRegisteredEvent} from './loader/plugin-registered-event.js';
export {PluginLoadFailureEvent} from './loader/plugin-load-failure-event.js';

export type {FieldError, Problem} from './errors/host-api-error.js';
export type {CurrentUser, GuardedHostCall, HostApi, ListLeadsQuery} from './contract/host-api.js';
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
} from './contract/lead.js';
export type {PluginContext, PluginNotification} from './context/plugin-context.js';
export type {Privilege} from './contract/privileges.js';
export type {ExtensionPointName} from './contract/extension-points.js';
export type {LocalizedText} from './contract/localize.js';
export type {
  ManifestAction,
  ManifestActionCondition,
  ManifestElement,
  PluginManifest,
} from './manifest/manifest.js';
export type {ActionRecord} from './manifest/is-action-applicable.js';
export type {ManifestIssue} from './manifest/manifest-issue.js';
export type {ManifestIssueCode} from './manifest/manifest-issue-codes.js';
export type {JsonLocator, JsonSyntaxError, TextPosition} from '@crmkit/json-kit';
export type {
  ManifestValidationResult,
  ValidateManifestOptions,
} from './manifest/validate-manifest.js';
export type {GuardedContextOptions} from './context/create-guarded-context.js';
export type {
  ContextBridgeTransport,
  PerformContextCallOptions,
  PluginContextMethod,
  PluginContextSnapshot,
  SerializedContextError,
} from './context/context-bridge.js';
export type {PermissionDenial} from './errors/permission-denied-error.js';
export type {PermissionDenialCode} from './errors/permission-denied-texts.js';
export type {LoadedPlugin, PluginIsolation} from './loader/loaded-plugin.js';
export type {LoadPluginOptions} from './loader/load-plugin.js';
export type {LoadPluginsResult} from './loader/load-plugins.js';
export type {PluginLoadErrorCode} from './errors/plugin-load-error-texts.js';
export type {PluginLoadFailure, PluginRegistryEventMap} from './loader/plugin-registry.js';
