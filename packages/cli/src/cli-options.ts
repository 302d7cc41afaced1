/** A usage or input problem: printed to stderr, exit code 2. */
export class UsageError extends Error {}
