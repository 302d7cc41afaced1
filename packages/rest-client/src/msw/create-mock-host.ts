import {http} from 'msw';
import type {RequestHandler} from 'msw';
import type {OwnershipMode} from '@crmkit/sdk';
import {createRequestChecker} from '@crmkit/host-core';
import {defaultMockAssign} from './default-mock-assign.js';
import {handleMockRequest} from './handle-mock-request.js';
import {MOCK_ADMIN_ROUTES} from './mock-admin-routes.js';
import {createMockHostState} from './mock-host-state.js';
import type {MockHostSeed, MockHostState} from './mock-host-state.js';
import type {MockAssign, MockHostRuntime, MockLintRuleset} from './mock-host-runtime.js';
import {MOCK_LEAD_ROUTES} from './mock-lead-routes.js';

export interface MockHostOptions extends MockHostSeed {
  /**
   * The origin the mock answers for, e.g. `http://crm.test` (no trailing slash). Default: every
   * origin (msw pattern: any origin, then `/api/` and anything), which suits a page that calls its own origin.
   */
  baseUrl?: string;
  /** Decides reassignment on reject (default: the original owner while active, else the unassigned owner). */
  assign?: MockAssign;
  /** Ownership mode of the lead record type (default: the demo's `mixed`). */
  ownershipMode?: OwnershipMode;
  /**
   * Lints a ruleset on `PUT /api/admin/assignment-rules` (e.g. `(text) => lintRuleset(text).findings`
   * from @crmkit/assignment). Without it every JSON object is accepted.
   */
  lintRuleset?: MockLintRuleset;
  /** The clock of `rejectedAt`, `installedAt` and audit rows (default: the real time). */
  now?: () => Date;
}

export interface MockHost {
  /** The msw request handlers: `setupServer(...host.handlers)` or `setupWorker(...host.handlers)`. */
  handlers: RequestHandler[];
  /** The live in-memory data; tests may read and change it. */
  readonly state: MockHostState;
  /** Restores the initial data (users, leads, codes, mode, ruleset, plugins; empties audit and idempotency). */
  reset(): void;
  /**
   * The mock host as a `fetch` function, without msw: pass it as `createRestHostApi({fetch})`.
   * Relative URLs resolve against `baseUrl` (default `http://crm.test`).
   */
  fetch: typeof fetch;
}

/**
 * An in-memory crmkit host for tests, with the same semantics as the REST contract: bearer tokens of
 * the demo users (`anna`, `sofia`, `max`, `lena`), every privilege checked, the reject checks in the
 * contract's order, `If-Match`, `Idempotency-Key` replay, picklist labels by `Accept-Language` or the
 * user's locale, and the admin routes. The contract tests run the same cases against it and against the
 * dev host, so it cannot drift from the server. Requests are handled one at a time, like a
 * transaction each.
 */
export function createMockHost(options: MockHostOptions = {}): MockHost {
  const seed: MockHostSeed = {
    ...(options.users ? {users: options.users} : {}),
    ...(options.leads ? {leads: options.leads} : {}),
    ...(options.rejectCodes ? {rejectCodes: options.rejectCodes} : {}),
    ...(options.ownershipMode ? {ownershipMode: options.ownershipMode} : {}),
    ...(options.ruleset ? {ruleset: options.ruleset} : {}),
    ...(options.plugins ? {plugins: options.plugins} : {}),
  };
  const runtime: MockHostRuntime = {
    state: createMockHostState(seed),
    requests: createRequestChecker(),
    assign: options.assign ?? defaultMockAssign,
    lintRuleset: options.lintRuleset,
    now: options.now ?? (() => new Date()),
  };
  const routes = {...MOCK_LEAD_ROUTES, ...MOCK_ADMIN_ROUTES};
  let queue: Promise<unknown> = Promise.resolve();
  const handle = (request: Request): Promise<Response> => {
    const answer = queue.then(() => handleMockRequest(runtime, routes, request));
    queue = answer.catch(() => undefined);
    return answer;
  };
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  // A RegExp, not a path pattern: msw decodes path patterns' segments and fails on a malformed escape
  // (`%E0%A4%A`), which a host must answer with a problem like any other bad input.
  const pattern = new RegExp(
    `^${base ? base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[a-z][a-z0-9+.-]*://[^/]+'}/api/`,
    'i',
  );
  return {
    handlers: [http.all(pattern, ({request}) => handle(request))],
    get state() {
      return runtime.state;
    },
    reset() {
      runtime.state = createMockHostState(seed);
    },
    fetch: async (input, init) => {
      const request =
        input instanceof Request && init === undefined
          ? input
          : new Request(
              new URL(
                String(input instanceof Request ? input.url : input),
                base || 'http://crm.test',
              ),
              init,
            );
      return handle(request);
    },
  };
}
