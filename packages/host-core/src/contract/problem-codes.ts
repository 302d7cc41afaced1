/**
 * Every stable error code of the REST contract (the `ProblemCode` enum of openapi.json, in its order),
 * with its HTTP status and fixed English title. A test keeps this list and the document in step.
 */
export const PROBLEM_CODES = {
  unauthorized: {status: 401, title: 'Sign-in required'},
  'missing-privilege': {status: 403, title: 'Missing privilege'},
  csrf: {status: 403, title: 'Cross-site request refused'},
  'outside-plugin-scope': {status: 403, title: 'Outside the plugin scope'},
  'not-found': {status: 404, title: 'Not found'},
  'method-not-allowed': {status: 405, title: 'Method not allowed'},
  'unsupported-media-type': {status: 415, title: 'Unsupported media type'},
  'payload-too-large': {status: 413, title: 'Request body too large'},
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
  'invalid-plugin-package': {status: 422, title: 'Invalid plugin package'},
  'plugin-version-exists': {status: 409, title: 'Plugin version exists'},
  'unknown-plugin-version': {status: 422, title: 'Unknown plugin version'},
  'permissions-not-accepted': {status: 409, title: 'Permissions not accepted'},
  'role-not-found': {status: 404, title: 'Role not found'},
  'user-not-found': {status: 404, title: 'User not found'},
  'unknown-privilege': {status: 422, title: 'Unknown privilege'},
  'unknown-role': {status: 422, title: 'Unknown role'},
  'last-admin': {status: 409, title: 'Last administrator'},
  'assignment-failed': {status: 500, title: 'Assignment failed'},
  'internal-error': {status: 500, title: 'Internal error'},
  'store-unavailable': {status: 503, title: 'Storage unavailable'},
} as const satisfies Record<string, {status: number; title: string}>;

/** One of the contract's stable error codes. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Whether `value` is one of the contract's error codes. */
export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_CODES, value);
}
