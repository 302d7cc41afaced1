import type {FieldError} from '@crmkit/sdk';
import {describeSchemaError} from './describe-schema-error.js';
import {createOperationFinder} from './find-operation.js';
import type {OperationLookup, OperationMatch} from './find-operation.js';
import {VALIDATORS} from './generated/request-validators.js';
import {OPENAPI_DOCUMENT} from './openapi-document.js';
import {
  bodyKey,
  bodySchemaName,
  operationParameters,
  parameterKey,
} from './request-validator-keys.js';

/** A parameter value that breaks its schema. */
export interface ParameterProblem {
  in: 'header' | 'query';
  name: string;
  errors: FieldError[];
}

/** Checks requests against the contract with precompiled validators: works in browsers without ajv. */
export interface RequestChecker {
  findOperation(method: string, pathname: string): OperationLookup;
  /** The name of the components schema the operation's JSON body must match, if it takes one. */
  bodySchema(operation: OperationMatch['operation']): string | undefined;
  /** Field errors of a body against its schema (`[]` when it conforms), messages in `locale`. */
  checkBody(schemaName: string, value: unknown, locale?: string): FieldError[];
  /**
   * The first header, then query parameter that breaks its declared schema; integer query
   * parameters are read as numbers first. Undefined when all conform.
   */
  checkParameters(
    operation: OperationMatch['operation'],
    headers: Headers,
    query: URLSearchParams,
    locale?: string,
  ): ParameterProblem | undefined;
}

const run = (key: string, value: unknown, locale?: string): FieldError[] => {
  const validate = VALIDATORS[key];
  if (!validate) throw new Error(`The contract has no request validator "${key}".`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => describeSchemaError(e, locale));
};

/** The request side of the contract, from the generated validators of openapi.json. */
export function createRequestChecker(): RequestChecker {
  const document = OPENAPI_DOCUMENT;
  return {
    findOperation: createOperationFinder(document),
    bodySchema: bodySchemaName,
    checkBody: (schemaName, value, locale) => run(bodyKey(schemaName), value, locale),
    checkParameters(operation, headers, query, locale) {
      const parameters = operationParameters(document, operation);
      for (const where of ['header', 'query'] as const) {
        for (const parameter of parameters) {
          if (parameter.in !== where) continue;
          const raw = where === 'header' ? headers.get(parameter.name) : query.get(parameter.name);
          if (raw === null) continue;
          const integer = parameter.schema.type === 'integer' && /^-?\d{1,15}$/.test(raw);
          const errors = run(
            parameterKey(operation.operationId, where, parameter.name),
            integer ? Number(raw) : raw,
            locale,
          ).map((e) => ({
            ...e,
            field: parameter.name,
            message: e.message.replace(/^(The body|Der Inhalt)/, `"${parameter.name}"`),
          }));
          if (errors.length) return {in: where, name: parameter.name, errors};
        }
      }
      return undefined;
    },
  };
}
