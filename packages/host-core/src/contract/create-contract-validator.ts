import {Ajv2020} from 'ajv/dist/2020.js';
import type {ValidateFunction} from 'ajv';
import addFormatsImport from 'ajv-formats';
import type {FieldError} from '@crmkit/sdk';
import {describeSchemaError} from './describe-schema-error.js';
import {createOperationFinder} from './find-operation.js';
import type {OperationLookup} from './find-operation.js';
import {OPENAPI_DOCUMENT} from './openapi-document.js';
import {CONTRACT_KEYWORDS, requestComponents} from './request-schemas.js';
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiRef,
  OpenApiResponse,
} from './openapi-types.js';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsImport as unknown as {default?: unknown}).default ??
  addFormatsImport) as typeof addFormatsImport;

export interface ContractValidator {
  readonly document: OpenApiDocument;
  /**
   * The field errors of `value` against `components.schemas[name]` as the host checks a request
   * body (`[]` when it conforms): a schema it refers to that carries `x-crmkit-request-check` counts
   * as that schema (see request-schemas.ts).
   */
  validateSchema(name: string, value: unknown, locale?: string): FieldError[];
  /** The field errors of `value` against an inline schema (which may `$ref` the components). */
  validateValue(schema: JsonSchema, value: unknown, locale?: string): FieldError[];
  /** Resolves a `{$ref: '#/components/...'}` to its target (anything else is returned as it is). */
  deref<T>(value: T | OpenApiRef): T;
  /**
   * The operation of `method` + `pathname`; `{allowed}` when the path exists but not with this method;
   * undefined when no path matches.
   */
  findOperation(method: string, pathname: string): OperationLookup;
  /**
   * What is wrong with a response to `method` + `pathname` by the contract: an undeclared status, the
   * wrong content type, a body that does not match the declared schema. `[]` when it conforms.
   */
  checkResponse(response: {
    method: string;
    pathname: string;
    /** The operation, when the caller has already found it (saves looking `pathname` up again). */
    operation?: OpenApiOperation;
    status: number;
    contentType: string | null;
    body: unknown;
  }): string[];
}

const ROOT_ID = 'crmkit-openapi';
const REQUEST_ROOT_ID = 'crmkit-openapi-request';

/** A validator of requests' bodies and hosts' responses against the contract (openapi.json). */
export function createContractValidator(
  document: OpenApiDocument = OPENAPI_DOCUMENT,
): ContractValidator {
  // The embedded ruleset schema of @crmkit/assignment puts `required` and `propertyNames` in
  // `if`/`anyOf` branches without `type`: compiled as @crmkit/assignment compiles it.
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allErrors: true,
  });
  addFormats(ajv);
  for (const keyword of CONTRACT_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addSchema({$id: ROOT_ID, components: document.components});
  ajv.addSchema({$id: REQUEST_ROOT_ID, components: requestComponents(document.components)});
  const compiled = new Map<string, ValidateFunction>();

  const named = (name: string): ValidateFunction => {
    let fn = compiled.get(name);
    if (!fn) {
      if (!document.components.schemas[name]) {
        throw new Error(`The contract has no schema "${name}" in components.schemas.`);
      }
      fn = ajv.getSchema(`${REQUEST_ROOT_ID}#/components/schemas/${name}`)!;
      compiled.set(name, fn);
    }
    return fn;
  };
  // By the schema object first (a document's schemas are looked up on every response), then by its
  // JSON text (equal schemas written twice share one compiled function).
  const bySchema = new WeakMap<JsonSchema, ValidateFunction>();
  const inline = (schema: JsonSchema): ValidateFunction => {
    let fn = bySchema.get(schema);
    if (fn) return fn;
    const key = JSON.stringify(schema);
    fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(JSON.parse(key.replaceAll('"#/components/', `"${ROOT_ID}#/components/`)));
      compiled.set(key, fn);
    }
    bySchema.set(schema, fn);
    return fn;
  };
  const deref = <T>(value: T | OpenApiRef): T => {
    if (value && typeof value === 'object' && '$ref' in value) {
      const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(value.$ref) ?? [];
      return (document.components as Record<string, Record<string, T>>)[kind!]![name!]!;
    }
    return value as T;
  };
  const findOperation = createOperationFinder(document);

  return {
    document,
    validateSchema(name, value, locale) {
      const fn = named(name);
      return fn(value) ? [] : (fn.errors ?? []).map((e) => describeSchemaError(e, locale));
    },
    validateValue(schema, value, locale) {
      const fn = inline(schema);
      return fn(value) ? [] : (fn.errors ?? []).map((e) => describeSchemaError(e, locale));
    },
    deref,
    findOperation,
    checkResponse({method, pathname, operation: known, status, contentType, body}) {
      const where = () => `${method.toUpperCase()} ${pathname} → ${status}`;
      let operation = known;
      if (!operation) {
        const match = findOperation(method, pathname);
        if (!match || !('operation' in match)) {
          return status === 404 || status === 405
            ? checkProblem(body, contentType, where)
            : [`${where()}: the contract has no such operation`];
        }
        operation = match.operation;
      }
      const declared = operation.responses[String(status)];
      if (!declared) {
        return status === 500
          ? checkProblem(body, contentType, where)
          : [`${where()}: status ${status} is not declared for ${operation.operationId}`];
      }
      const response = deref<OpenApiResponse>(declared);
      if (!response.content) {
        return body === undefined || body === '' ? [] : [`${where()}: expected no body`];
      }
      const [mediaType, {schema}] = Object.entries(response.content)[0]!;
      const problems: string[] = [];
      if (!contentType?.toLowerCase().startsWith(mediaType)) {
        problems.push(
          `${where()}: Content-Type is ${contentType ?? 'missing'}, expected ${mediaType}`,
        );
      }
      const fn = inline(schema);
      if (!fn(body)) {
        for (const e of fn.errors ?? []) {
          problems.push(
            `${where()}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
          );
        }
      }
      return problems;
    },
  };

  function checkProblem(body: unknown, contentType: string | null, where: () => string): string[] {
    const problems: string[] = [];
    if (!contentType?.toLowerCase().startsWith('application/problem+json')) {
      problems.push(
        `${where()}: Content-Type is ${contentType ?? 'missing'}, expected application/problem+json`,
      );
    }
    const fn = named('Problem');
    if (!fn(body)) {
      for (const e of fn.errors ?? [])
        problems.push(`${where()}: problem${e.instancePath} ${e.message}`);
    }
    return problems;
  }
}
