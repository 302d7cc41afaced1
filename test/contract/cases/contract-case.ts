// What a contract case is (a named list of steps: a request and what must come back) and the
// helpers the case files share: the demo leads they use, request builders and common steps.
import assert from 'node:assert/strict';
import type {Lead} from '@crmkit/sdk';
import type {ProblemCode} from '@crmkit/host-core';
import {DEFAULT_REJECT_CODES, demoLeads} from '@crmkit/host-core';

export interface ContractRequest {
  /** The demo user's bearer token; omitted: no Authorization header. */
  as?: string;
  /** A raw Authorization header (wins over `as`). */
  authorization?: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json` (unless `headers` says otherwise). */
  body?: unknown;
  /** Sent verbatim instead of `body`. */
  rawBody?: string;
  /** Sent as bytes with `Content-Type: application/gzip` (a plugin package) instead of `body`. */
  bytes?: Uint8Array;
}

export interface ContractResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ContractStep {
  request: ContractRequest;
  status: number;
  /** The problem's `code` (for error statuses). */
  code?: ProblemCode;
  /** `[field, code]` pairs that must be among the problem's `errors`. */
  fields?: Array<[string, string]>;
  /** More assertions; `previous` are the earlier steps' responses of this case. */
  check?: (response: ContractResponse, previous: ContractResponse[]) => void;
}

export interface ContractCase {
  name: string;
  steps: ContractStep[];
}

export const QUALIFIED = 'L-1001'; // owner max, original owner max
export const QUALIFIED_INACTIVE_ORIGINAL = 'L-1003'; // original owner petra (inactive), owner jonas
export const QUALIFIED_OTHER = 'L-1002';
export const QUALIFYING = 'L-1015';
export const REJECTED = 'L-1035';
export const PLUGIN_ID = 'dev.crmkit.reject-lead';
export const demo = new Map(demoLeads().map((l) => [l.id, l]));

export const get = (as: string | undefined, path: string, headers?: Record<string, string>) =>
  ({as, method: 'GET', path, headers}) as ContractRequest;
export const put = (as: string, path: string, body: unknown): ContractRequest => ({
  as,
  method: 'PUT',
  path,
  body,
});
export const reject = (
  as: string | undefined,
  id: string,
  body: unknown,
  headers?: Record<string, string>,
): ContractRequest => ({as, method: 'POST', path: `/api/leads/${id}/reject`, body, headers});

/** The lead is exactly as the demo data has it (a refused request changed nothing). */
export const unchanged = (id: string): ContractStep => ({
  request: get('anna', `/api/leads/${id}`),
  status: 200,
  check: ({body}) => {
    const {ownerName: _a, originalOwnerName: _b, ...lead} = body as Lead;
    assert.deepEqual(lead, demo.get(id), `lead ${id} must be unchanged`);
  },
});
export const noAudit = (id: string): ContractStep => ({
  request: get('anna', `/api/admin/audit?leadId=${id}`),
  status: 200,
  check: ({body}) => assert.deepEqual(body, [], `no audit row for ${id}`),
});
export const picklistLabel = (body: Array<{key: string; label: string}>, key: string) =>
  body.find((c) => c.key === key)?.label;

/** The problem has a field error for `field` (headers and query parameters: the code is the host's). */
export const namesField =
  (field: string) =>
  ({body}: ContractResponse): void =>
    assert.ok(
      body.errors?.some((e: {field: string}) => e.field === field),
      `a field error for ${field} in ${JSON.stringify(body.errors)}`,
    );

export const adminCodes = () => DEFAULT_REJECT_CODES.map((c) => structuredClone(c));
