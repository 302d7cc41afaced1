/**
 * Base class of every error the Assignment Manager throws: a stable, machine-readable kebab-case `code`
 * that callers switch on, and a `message` for people. It mirrors the shape of `CrmkitError` from
 * `@crmkit/sdk` without importing it (this package depends on nothing else of crmkit's).
 */
export class AssignmentError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
