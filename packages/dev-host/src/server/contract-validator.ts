import {Ajv2020} from 'ajv/dist/2020.js';
import type {ErrorObject, ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';
import type {BilingualFieldError} from './http-problem.js';

// ajv-formats is CommonJS with a default export property; take whichever shape the loader gave us.
const addFormats = ((addFormatsModule as unknown as {default?: unknown}).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const DOC_ID = 'https://crmkit.dev/rest/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface OperationValidators {
  request?: ValidateFunction;
  responses: Map<string, ValidateFunction>;
}

/** A minimal view of an OpenAPI 3.1 document: only what validation reads. */
interface OpenApiDocument {
  paths?: Record<
    string,
    Record<
      string,
      {
        requestBody?: {content?: Record<string, {schema?: unknown}>};
        responses?: Record<string, {$ref?: string; content?: Record<string, {schema?: unknown}>}>;
        'x-crmkit-privilege'?: string | null;
      }
    >
  >;
}

const escapePointer = (segment: string) =>
  encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/** Turns ajv's errors into the contract's field errors (field = JSON pointer into the body). */
export function toFieldErrors(errors: readonly ErrorObject[]): BilingualFieldError[] {
  return errors.map((e) => {
    let field = e.instancePath;
    if (e.keyword === 'required') {
      field = `${e.instancePath}/${(e.params as {missingProperty: string}).missingProperty}`;
    } else if (e.keyword === 'additionalProperties') {
      field = `${e.instancePath}/${(e.params as {additionalProperty: string}).additionalProperty}`;
    }
    const en = describeError(e, 'en');
    const de = describeError(e, 'de');
    return {field, code: e.keyword, message: {en, de}};
  });
}

function describeError(e: ErrorObject, lang: 'en' | 'de'): string {
  const p = e.params as Record<string, unknown>;
  const de = lang === 'de';
  switch (e.keyword) {
    case 'required':
      return de
        ? `Das Feld "${String(p.missingProperty)}" fehlt; es ist erforderlich.`
        : `The field "${String(p.missingProperty)}" is missing; it is required.`;
    case 'additionalProperties':
      return de
        ? `Unbekanntes Feld "${String(p.additionalProperty)}"; entfernen Sie es.`
        : `Unknown field "${String(p.additionalProperty)}"; remove it.`;
    case 'type':
      return de ? `Erwartet wird der Typ ${String(p.type)}.` : `Expected type ${String(p.type)}.`;
    case 'enum':
      return de
        ? `Erlaubt sind nur: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`
        : `Allowed values are: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const':
      return de
        ? `Erlaubt ist nur ${JSON.stringify(p.allowedValue)}.`
        : `Only ${JSON.stringify(p.allowedValue)} is allowed.`;
    case 'minLength':
      return de
        ? `Mindestens ${String(p.limit)} Zeichen erforderlich.`
        : `At least ${String(p.limit)} characters are required.`;
    case 'maxLength':
      return de
        ? `Höchstens ${String(p.limit)} Zeichen erlaubt.`
        : `At most ${String(p.limit)} characters are allowed.`;
    case 'minItems':
      return de
        ? `Mindestens ${String(p.limit)} Einträge erforderlich.`
        : `At least ${String(p.limit)} entries are required.`;
    case 'pattern':
      return de
        ? `Der Wert passt nicht zum Muster ${String(p.pattern)}.`
        : `The value does not match the pattern ${String(p.pattern)}.`;
    default:
      return de
        ? `Ungültiger Wert (${e.message ?? e.keyword}).`
        : `Invalid value (${e.message ?? e.keyword}).`;
  }
}

/**
 * Validates requests and responses against the REST contract's OpenAPI 3.1 document. Every operation's
 * request and response schemas are compiled once, when the validator is created.
 */
export class ContractValidator {
  readonly #operations = new Map<string, OperationValidators>();
  readonly document: OpenApiDocument;
  /** The contract's Problem schema, for problem answers an operation does not list (405, 413). */
  readonly #problem: ValidateFunction;

  constructor(document: unknown) {
    this.document = document as OpenApiDocument;
    const ajv = new Ajv2020({strict: false, allErrors: true, validateSchema: false});
    addFormats(ajv);
    ajv.addSchema({...(document as object), $id: DOC_ID});
    const compile = (pointer: string) => ajv.compile({$ref: `${DOC_ID}#${pointer}`});
    this.#problem = compile('/components/schemas/Problem');
    for (const [path, item] of Object.entries(this.document.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const base = `/paths/${escapePointer(path)}/${method}`;
        const validators: OperationValidators = {responses: new Map()};
        const json = operation.requestBody?.content?.['application/json'];
        if (json?.schema) {
          validators.request = compile(
            `${base}/requestBody/content/${escapePointer('application/json')}/schema`,
          );
        }
        for (const [status, entry] of Object.entries(operation.responses ?? {})) {
          // A response is either inline or a `$ref` to `#/components/responses/…`.
          const pointer = entry.$ref?.startsWith('#')
            ? entry.$ref.slice(1)
            : `${base}/responses/${escapePointer(status)}`;
          const response = entry.$ref ? this.#resolve(pointer) : entry;
          for (const type of ['application/json', 'application/problem+json']) {
            if (response?.content?.[type]?.schema) {
              validators.responses.set(
                `${status} ${type}`,
                compile(`${pointer}/content/${escapePointer(type)}/schema`),
              );
            }
          }
        }
        this.#operations.set(`${method.toUpperCase()} ${path}`, validators);
      }
    }
  }

  #resolve(pointer: string): {content?: Record<string, {schema?: unknown}>} | undefined {
    let node: unknown = this.document;
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[key];
    }
    return node as {content?: Record<string, {schema?: unknown}>} | undefined;
  }

  /** Whether the document describes `method path` (path as the template, e.g. `/api/leads/{id}`). */
  has(method: string, path: string): boolean {
    return this.#operations.has(`${method} ${path}`);
  }

  /** Every operation of the document, as `METHOD /path/{template}`. */
  operations(): string[] {
    return [...this.#operations.keys()];
  }

  /** The privilege the document says an operation needs (`x-crmkit-privilege`). */
  privilegeOf(method: string, path: string): string | null | undefined {
    return this.document.paths?.[path]?.[method.toLowerCase()]?.['x-crmkit-privilege'];
  }

  /** Field errors of a request body, empty when it is valid (or the operation takes no body). */
  validateRequest(method: string, path: string, body: unknown): BilingualFieldError[] {
    const validate = this.#operations.get(`${method} ${path}`)?.request;
    if (!validate || validate(body)) return [];
    return toFieldErrors(validate.errors ?? []);
  }

  /**
   * Errors of a response body against the documented response for its status (exact, then `4XX`-style,
   * then `default`); a message per error, empty when valid. An undocumented status is an error too.
   */
  validateResponse(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): string[] {
    const operation = this.#operations.get(`${method} ${path}`);
    if (!operation) return [`${method} ${path} is not in the contract`];
    const validate =
      operation.responses.get(`${status} ${contentType}`) ??
      operation.responses.get(`${String(status)[0]}XX ${contentType}`) ??
      operation.responses.get(`default ${contentType}`) ??
      (contentType === 'application/problem+json' ? this.#problem : undefined);
    if (!validate) return [`${method} ${path} documents no ${status} ${contentType} response`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }
}
