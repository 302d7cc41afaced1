/**
 * Base class of every error crmkit throws: each has a stable, machine-readable `code` (kebab-case) that
 * callers switch on, while `message` is for people and may change.
 */
export class CrmkitError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
