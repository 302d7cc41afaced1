import {CrmkitError} from '@crmkit/sdk';
import type {Problem} from '@crmkit/sdk';

/** A text in both languages the dev host answers in. */
export interface Bilingual {
  en: string;
  de: string;
}

/** A field-level problem of a refused request, with its message in both languages. */
export interface BilingualFieldError {
  field: string;
  code: string;
  message: Bilingual;
  line?: number;
  column?: number;
}

/**
 * Status and fixed English title of every problem code the dev host answers with (the contract's
 * `ProblemCode` with its `x-crmkit-status` and `x-crmkit-title`; a test keeps them equal). The title
 * stays English; the `detail` is in the caller's language.
 */
export const PROBLEM_CODES = {
  unauthorized: {status: 401, title: 'Sign-in required'},
  'missing-privilege': {status: 403, title: 'Missing privilege'},
  'not-found': {status: 404, title: 'Not found'},
  'method-not-allowed': {status: 405, title: 'Method not allowed'},
  'unsupported-media-type': {status: 415, title: 'Unsupported media type'},
  'invalid-json': {status: 400, title: 'Body is not valid JSON'},
  'invalid-body': {status: 400, title: 'Invalid request body'},
  'invalid-query': {status: 400, title: 'Invalid query parameter'},
  'invalid-header': {status: 400, title: 'Invalid request header'},
  'lead-not-found': {status: 404, title: 'Lead not found'},
  'plugin-not-found': {status: 404, title: 'Plugin not found'},
  'lead-not-qualified': {status: 409, title: 'Lead is not qualified'},
  'version-conflict': {status: 409, title: 'Lead was changed by someone else'},
  'unknown-reject-code': {status: 422, title: 'Unknown reject code'},
  'inactive-reject-code': {status: 422, title: 'Inactive reject code'},
  'reason-required': {status: 422, title: 'Reject reason required'},
  'reason-too-long': {status: 422, title: 'Reject reason too long'},
  'reassign-not-allowed-in-book-mode': {status: 422, title: 'Reassign not allowed in Book mode'},
  'idempotency-key-reused': {status: 422, title: 'Idempotency key reused'},
  'invalid-reject-codes': {status: 422, title: 'Invalid reject codes'},
  'invalid-ruleset': {status: 422, title: 'Invalid assignment ruleset'},
  'invalid-manifest': {status: 422, title: 'Invalid plugin manifest'},
  'invalid-plugin-config': {status: 422, title: 'Invalid plugin config'},
  'assignment-failed': {status: 500, title: 'Assignment failed'},
  'internal-error': {status: 500, title: 'Internal error'},
  'payload-too-large': {status: 413, title: 'Request body too large'},
} as const satisfies Record<string, {status: number; title: string}>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/**
 * A refusal the dev host answers with as `application/problem+json` (RFC 9457): thrown anywhere while
 * handling a request, turned into the response in the request's language.
 */
export class HttpProblem extends CrmkitError {
  readonly status: number;
  readonly detailText: Bilingual;
  readonly fieldErrors: readonly BilingualFieldError[];
  readonly headers: Readonly<Record<string, string>>;
  /** Extension members of the problem document (`privilege`, `currentVersion`). */
  readonly members: Readonly<Record<string, unknown>>;

  constructor(
    code: ProblemCode,
    detail: Bilingual,
    options: {
      errors?: readonly BilingualFieldError[];
      headers?: Record<string, string>;
      members?: Record<string, unknown>;
    } = {},
  ) {
    // A refusal is an expected answer, not a bug: capturing its stack would only cost time.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code, detail.en);
    Error.stackTraceLimit = stackTraceLimit;
    this.status = PROBLEM_CODES[code].status;
    this.detailText = detail;
    this.fieldErrors = options.errors ?? [];
    this.headers = options.headers ?? {};
    this.members = options.members ?? {};
  }

  /** The problem document in `language` ('de' or 'en'). */
  toProblem(language: 'de' | 'en'): Problem {
    const problem: Problem & Record<string, unknown> = {
      type: `urn:crmkit:problem:${this.code}`,
      status: this.status,
      title: PROBLEM_CODES[this.code as ProblemCode].title,
      detail: this.detailText[language],
      code: this.code,
      ...this.members,
    };
    if (this.fieldErrors.length) {
      problem.errors = this.fieldErrors.map((e) => ({
        field: e.field,
        code: e.code,
        message: e.message[language],
        ...(e.line !== undefined ? {line: e.line, column: e.column} : {}),
      }));
    }
    return problem;
  }
}
