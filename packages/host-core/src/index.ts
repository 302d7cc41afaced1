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

export {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
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
export type {DemoRejectCode, DemoUser} from './demo-data.js';
