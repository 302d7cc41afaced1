// Runs CONTRACT_CASES against one target (the msw mock host or the dev host), each as a node:test test,
// validating every response against openapi.json as well as against the case's expectations.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createContractValidator} from '@crmkit/host-core';
import {CONTRACT_CASES} from './cases/index.js';
import type {ContractRequest, ContractResponse} from './cases/contract-case.js';

export interface ContractTarget {
  /** Origin the requests go to, e.g. `http://crm.test` or `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Back to the demo data. */
  reset(): Promise<void>;
}

export interface RunOptions {
  /** Cases this target does not pass yet: name → why. They run as `todo` (reported, not failed). */
  todo?: Readonly<Record<string, string>>;
}

const validator = createContractValidator();

/**
 * Sends one case step's request to `baseUrl` (through `send`, default the global fetch; `extra` headers
 * first, the step's own win) and parses a JSON answer.
 */
export async function sendContractRequest(
  baseUrl: string,
  request: ContractRequest,
  send: typeof fetch = fetch,
  extra: Record<string, string> = {},
): Promise<ContractResponse> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...extra,
  };
  if (request.as !== undefined) headers.Authorization = `Bearer ${request.as}`;
  if (request.authorization !== undefined) headers.Authorization = request.authorization;
  let body: string | Uint8Array | undefined;
  if (request.bytes !== undefined) {
    headers['Content-Type'] = 'application/gzip';
    body = request.bytes;
  } else if (request.rawBody !== undefined || request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = request.rawBody ?? JSON.stringify(request.body);
  }
  Object.assign(headers, request.headers);
  const response = await send(`${baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body: body as BodyInit | undefined,
  });
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  let parsed: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(type)) parsed = JSON.parse(text);
  return {status: response.status, headers: response.headers, body: parsed};
}

/** Registers one test per contract case against `target()` (called when the tests run). */
export function runContractCases(target: () => ContractTarget, options: RunOptions = {}): void {
  let dirty = true;
  for (const contractCase of CONTRACT_CASES) {
    const todo = options.todo?.[contractCase.name];
    test(contractCase.name, todo ? {todo} : {}, async () => {
      const current = target();
      if (dirty) await current.reset();
      dirty = false;
      const baseUrl = current.baseUrl;
      const previous: ContractResponse[] = [];
      for (const [index, step] of contractCase.steps.entries()) {
        const {request} = step;
        const where = `step ${index + 1}: ${request.method} ${request.path} as ${request.authorization ?? request.as ?? 'nobody'}`;
        const response = await sendContractRequest(baseUrl, request);
        if (request.method !== 'GET' && response.status < 300) dirty = true;
        assert.equal(
          response.status,
          step.status,
          `${where}: expected ${step.status}, got ${response.status} ${JSON.stringify(response.body)}`,
        );
        const problems = validator.checkResponse({
          method: request.method,
          pathname: new URL(request.path, 'http://x').pathname,
          status: response.status,
          contentType: response.headers.get('Content-Type'),
          body: response.body,
        });
        assert.deepEqual(problems, [], `${where}: the response breaks openapi.json`);
        if (step.code) assert.equal(response.body?.code, step.code, `${where}: problem code`);
        for (const [field, code] of step.fields ?? []) {
          const errors: Array<{field: string; code: string}> = response.body?.errors ?? [];
          assert.ok(
            errors.some((e) => e.field === field && e.code === code),
            `${where}: expected a field error ${JSON.stringify({field, code})} among ${JSON.stringify(errors)}`,
          );
        }
        try {
          step.check?.(response, previous);
        } catch (error) {
          if (error instanceof Error) error.message = `${where}: ${error.message}`;
          throw error;
        }
        previous.push(response);
      }
    });
  }
}
