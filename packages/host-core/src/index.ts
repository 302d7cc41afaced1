// Public API of @crmkit/host-core: the REST contract, and (growing) the host's behaviour once.
export {createContractValidator} from './contract/create-contract-validator.js';
export {createRequestChecker} from './contract/create-request-checker.js';
export {createOperationFinder} from './contract/find-operation.js';
export {createProblem} from './contract/create-problem.js';
export {describeSchemaError} from './contract/describe-schema-error.js';
export {negotiateLocale} from './contract/negotiate-locale.js';
export {OPENAPI_DOCUMENT} from './contract/openapi-document.js';
export {PROBLEM_CODES, isProblemCode} from './contract/problem-codes.js';
export {LEAD_STATUS_DE, PROBLEM_DETAILS} from './contract/problem-details.js';
export {createHost} from './create-host.js';
export {createHostHandler} from './http/create-host-handler.js';
export {HostProblem, LANGUAGES} from './http/host-problem.js';
export {bilingualFieldErrors} from './http/bilingual-field-errors.js';
export {
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  decodeBody,
  lineAndColumn,
  parseJsonBody,
  payloadTooLarge,
} from './http/parse-json-body.js';
export {ActiveRuleset} from './routes/active-ruleset.js';
export {createRejectLead} from './routes/create-reject-lead.js';
export {
  IDEMPOTENCY_KEY_LIFETIME_MS,
  StaleAssignmentError,
} from './routes/reject-lead-transaction.js';
export {parseIdempotencyKey, parseIfMatch} from './routes/lead-routes.js';
export {leadFromRow, rowFromLead} from './store/lead-row.js';
export {AUDIT_ACTIONS} from './texts/audit-actions.js';
export {HOST_TEXTS, hostText} from './texts/host-texts.js';
export {fillText, sameInBoth, withParams} from './texts/bilingual.js';
export {MemoryStore} from './store/memory-store.js';
export {
  MAX_PACKAGE_BYTES,
  PackageManifestInvalid,
  readPluginPackage,
} from './packages/read-plugin-package.js';
export {PackageRefusal} from './packages/package-refusal.js';
export {
  CSRF_HEADER,
  PAGE_SESSION_LIFETIME_MS,
  PLUGIN_SESSION_LIFETIME_MS,
  SESSION_COOKIE,
} from './sessions/session-cookie.js';

export {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
  DEMO_ROLES,
  DEMO_UNASSIGNED_OWNER,
  DEMO_USERS,
  demoLeads,
} from './demo-data.js';

export type {ContractValidator} from './contract/create-contract-validator.js';
export type {ParameterProblem, RequestChecker} from './contract/create-request-checker.js';
export type {SchemaErrorLike} from './contract/describe-schema-error.js';
export type {OperationLookup, OperationMatch} from './contract/find-operation.js';
export type {ContractProblem, CreateProblemOptions} from './contract/create-problem.js';
export type {
  HttpMethod,
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPathItem,
  OpenApiRef,
  OpenApiResponse,
} from './contract/openapi-types.js';
export type {ProblemCode} from './contract/problem-codes.js';
export type {ProblemDetailParams} from './contract/problem-details.js';
export type {DemoRejectCode, DemoRole, DemoUser} from './demo-data.js';
export type {Host, HostOptions} from './create-host.js';
export type {HostHandlerOptions, ResponseCheck} from './http/create-host-handler.js';
export type {
  Bilingual,
  BilingualFieldError,
  Language,
  ProblemMembers,
} from './http/host-problem.js';
export type {HostRequest, HostResponse} from './http/host-request.js';
export type {Caller} from './http/authenticate.js';
export type {HttpMethod as RouteMethod, Reply, RequestContext, Route} from './http/route.js';
export type {Reassigner} from './routes/create-reject-lead.js';
export type {RejectFaults, RejectOutcome, RejectRequest} from './routes/reject-lead-transaction.js';
export type {
  AuditFilter,
  AuditRecord,
  AuditInsert,
  Awaitable,
  HostStore,
  RejectBatchFound,
  RejectBatchRead,
  RejectBatchStore,
  RejectBatchWrites,
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
} from './store/host-store.js';
export type {
  MemoryAuditRow,
  MemoryPluginPackage,
  MemoryStoreState,
  StoredRuleset,
} from './store/memory-store.js';
export type {AdminPluginView, PagePluginView, PluginVersionView} from './routes/plugin-views.js';
export type {PluginPackage} from './packages/read-plugin-package.js';
export type {PackageRefusalCode} from './packages/package-refusal.js';
export type {AuditAction} from './texts/audit-actions.js';
export type {HostTextKey, HostTextParams} from './texts/host-texts.js';
export type {ParamText, ParamsOf, PlainText, TextEntry} from './texts/bilingual.js';
