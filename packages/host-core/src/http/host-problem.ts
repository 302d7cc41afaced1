import {CrmkitError} from '@crmkit/sdk';
import type {Privilege} from '@crmkit/sdk';
import {createProblem} from '../contract/create-problem.js';
import type {ContractProblem} from '../contract/create-problem.js';
import {PROBLEM_CODES} from '../contract/problem-codes.js';
import type {ProblemCode} from '../contract/problem-codes.js';
import type {Bilingual, Language} from '../texts/bilingual.js';

// The languages and bilingual texts live in texts/; re-exported here for the pipeline and routes.
export {LANGUAGES} from '../texts/bilingual.js';
export type {Bilingual, Language} from '../texts/bilingual.js';

/** A field-level problem of a refused request, with its message in both languages. */
export interface BilingualFieldError {
  field: string;
  code: string;
  message: Bilingual;
  line?: number;
  column?: number;
}

/** Extension members of a problem document the contract defines. */
export interface ProblemMembers {
  privilege?: Privilege;
  currentVersion?: number;
  added?: Privilege[];
  pluginId?: string;
}

/**
 * A refusal the host answers with as `application/problem+json` (RFC 9457): thrown anywhere while
 * handling a request, turned into the response in the request's language. Status and title come from
 * the contract's PROBLEM_CODES and the document is built by its `createProblem`; what the host adds is
 * a `detail` (and field errors) in both languages, specific to the case, picked when the answer's
 * language is known. Every environment (the msw mock, the dev host) answers with the same texts.
 */
export class HostProblem extends CrmkitError {
  declare readonly code: ProblemCode;
  readonly status: number;
  readonly detailText: Bilingual;
  readonly fieldErrors: readonly BilingualFieldError[];
  readonly headers: Readonly<Record<string, string>>;
  readonly members: Readonly<ProblemMembers>;

  constructor(
    code: ProblemCode,
    detail: Bilingual,
    options: {
      errors?: readonly BilingualFieldError[];
      headers?: Record<string, string>;
      members?: ProblemMembers;
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
  toProblem(language: Language): ContractProblem {
    return createProblem(this.code, {
      locale: language,
      detail: this.detailText[language],
      ...this.members,
      ...(this.fieldErrors.length
        ? {
            errors: this.fieldErrors.map((e) => ({
              field: e.field,
              code: e.code,
              message: e.message[language],
              ...(e.line !== undefined ? {line: e.line, column: e.column} : {}),
            })),
          }
        : {}),
    });
  }
}
