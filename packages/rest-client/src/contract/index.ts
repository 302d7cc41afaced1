export {createContractValidator} from './create-contract-validator.js';
export {createProblem} from './create-problem.js';
export {describeSchemaError} from './describe-schema-error.js';
export {negotiateLocale} from './negotiate-locale.js';
export {OPENAPI_DOCUMENT} from './openapi-document.js';
export {PROBLEM_CODES, isProblemCode} from './problem-codes.js';
export {LEAD_STATUS_DE, PROBLEM_DETAILS} from './problem-details.js';

export type {ContractValidator, OperationMatch} from './create-contract-validator.js';
export type {ContractProblem, CreateProblemOptions} from './create-problem.js';
export type {
  HttpMethod,
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPathItem,
  OpenApiRef,
  OpenApiResponse,
} from './openapi-types.js';
export type {ProblemCode} from './problem-codes.js';
export type {ProblemDetailParams} from './problem-details.js';
