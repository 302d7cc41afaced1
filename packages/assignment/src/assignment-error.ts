/**
 * Base class of every error the Assignment Manager throws: a stable, machine-readable kebab-case `code`
 * that callers switch on, and a `message` for people. It mirrors the shape of `CrmkitError` from
 * `@crmkit/sdk` without importing it (this package depends on nothing else of crmkit's).
 */
export class AssignmentError extends Error {
  readonly code: string;
  /**
   * The message in English and German, where the error has both (`message` is the English one): read
   * it as `error.messages?.[lang] ?? error.message`.
   */
  readonly messages?: {readonly en: string; readonly de: string};

  constructor(
    code: string,
    message: string,
    options?: {cause?: unknown; messages?: {en: string; de: string}},
  ) {
    super(message, options?.cause === undefined ? undefined : {cause: options.cause});
    this.name = new.target.name;
    this.code = code;
    if (options?.messages) this.messages = options.messages;
  }
}
