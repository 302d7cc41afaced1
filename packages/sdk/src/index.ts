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
