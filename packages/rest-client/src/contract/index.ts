export {createContractValidator} from './create-contract-validator.js';
export {createRequestChecker} from './create-request-checker.js';
export {createOperationFinder} from './find-operation.js';
export {createProblem} from './create-problem.js';
export {describeSchemaError} from './describe-schema-error.js';
export {negotiateLocale} from './negotiate-locale.js';
export {OPENAPI_DOCUMENT} from './openapi-document.js';
export {PROBLEM_CODES, isProblemCode} from './problem-codes.js';
export {LEAD_STATUS_DE, PROBLEM_DETAILS} from './problem-details.js';

export type {ContractValidator} from './create-contract-validator.js';
export type {ParameterProblem, RequestChecker} from './create-request-checker.js';
export type {SchemaErrorLike} from './describe-schema-error.js';
export type {OperationLookup, OperationMatch} from './find-operation.js';
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
