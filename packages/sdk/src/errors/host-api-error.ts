import {CrmkitError} from './crmkit-error.js';

/** One field-level problem of a refused request (RFC 9457 extension `errors`). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An RFC 9457 problem document as the REST contract sends it. */
export interface Problem {
  type?: string;
  status: number;
  title: string;
  detail?: string;
  code: string;
  errors?: FieldError[];
}

/**
 * The host refused a call: `status` is the HTTP status, `code` the contract's stable error code
 * (`lead-not-found`, `version-conflict`, `reason-required`, …) and `errors` the field errors, if any.
 */
export class HostApiError extends CrmkitError {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];

  constructor(problem: Problem) {
    super(problem.code, problem.detail ?? problem.title);
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** The host could not be reached (offline, DNS, connection reset); the call may be retried. */
export class NetworkError extends CrmkitError {
  constructor(message: string, options?: {cause?: unknown}) {
    super('network-error', message, options);
  }
}
