import type {ContractValidator} from '../contract/create-contract-validator.js';
import type {OpenApiOperation, OpenApiParameter} from '../contract/openapi-types.js';
import {MockProblem} from './mock-problem.js';

/**
 * Checks the operation's declared header and query parameters against their schemas: a bad header is
 * 400 `invalid-header`, a bad query parameter 400 `invalid-query`, each with field errors named after
 * the parameter. Integer query parameters are read as numbers first.
 */
export function checkMockParameters(
  validator: ContractValidator,
  operation: OpenApiOperation,
  headers: Headers,
  query: URLSearchParams,
  locale: string,
): void {
  for (const where of ['header', 'query'] as const) {
    for (const ref of operation.parameters ?? []) {
      const parameter = validator.deref<OpenApiParameter>(ref);
      if (parameter.in !== where) continue;
      const raw = where === 'header' ? headers.get(parameter.name) : query.get(parameter.name);
      if (raw === null) continue;
      const schema = validator.deref<Record<string, unknown>>(parameter.schema);
      const value = schema.type === 'integer' && /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw;
      const errors = validator.validateValue(parameter.schema, value, locale).map((e) => ({
        ...e,
        field: parameter.name,
        message: e.message.replace(/^(The body|Der Inhalt)/, `"${parameter.name}"`),
      }));
      if (errors.length) {
        throw new MockProblem(where === 'header' ? 'invalid-header' : 'invalid-query', {
          locale,
          params: {header: parameter.name},
          errors,
        });
      }
    }
  }
}
