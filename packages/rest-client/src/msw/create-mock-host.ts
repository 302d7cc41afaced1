import {http} from 'msw';
import type {RequestHandler} from 'msw';
import {
  DEFAULT_REJECT_CODES,
  DEMO_OWNERSHIP_MODE,
  DEMO_ROLES,
  DEMO_USERS,
  MemoryStore,
  createHost,
  decodeBody,
  demoLeads,
  payloadTooLarge,
} from '@crmkit/host-core';
import type {
  DemoRejectCode,
  DemoRole,
  DemoUser,
  HostRequest,
  HostResponse,
  MemoryPluginPackage,
  MemoryStoreState,
  PluginRecord,
} from '@crmkit/host-core';
import type {Lead, OwnershipMode} from '@crmkit/sdk';
import {DEFAULT_MOCK_RULESET} from './default-mock-ruleset.js';

/** The initial data the mock host starts from (and returns to on `reset()`). */
export interface MockHostSeed {
  users?: readonly DemoUser[];
  /** The roles and their privileges (default: the demo roles). */
  roles?: readonly DemoRole[];
  leads?: readonly Lead[];
  rejectCodes?: readonly DemoRejectCode[];
  /** Ownership mode of the lead record type (default: the demo's `mixed`). */
  ownershipMode?: OwnershipMode;
  /** The active assignment ruleset (default: back to the original owner while active). */
  ruleset?: Record<string, unknown>;
  /** Installed plugins, each with its stored versions in `pluginPackages`. */
  plugins?: readonly PluginRecord[];
  pluginPackages?: readonly MemoryPluginPackage[];
}

export interface MockHostOptions extends MockHostSeed {
  /**
   * The origin the mock answers for, e.g. `http://crm.test` (no trailing slash). Default: every
   * origin (any origin, then `/api/` and anything), which suits a page that calls its own origin.
   */
  baseUrl?: string;
  /** The clock of audit rows and installations (default: the real time). */
  now?: () => Date;
}

export interface MockHost {
  /** The msw request handlers: `setupServer(...host.handlers)` or `setupWorker(...host.handlers)`. */
  handlers: RequestHandler[];
  /** The live in-memory data; tests may read and change it between requests. */
  readonly state: MemoryStoreState;
  /** Restores the initial data (users, leads, codes, mode, ruleset, plugins; empties the audit). */
  reset(): void;
  /**
   * The mock host as a `fetch` function, without msw: pass it as `createRestHostApi({fetch})`.
   * Relative URLs resolve against `baseUrl` (default `http://crm.test`).
   */
  fetch: typeof fetch;
}

const byId = (a: Lead, b: Lead) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A fresh state from `seed` (default: the demo data), deep-copied so the seed is never changed. */
function initialState(seed: MockHostSeed, now: () => Date): MemoryStoreState {
  return {
    users: structuredClone([...(seed.users ?? DEMO_USERS)]),
    roles: structuredClone([...(seed.roles ?? DEMO_ROLES)]),
    leads: new Map(
      structuredClone([...(seed.leads ?? demoLeads())])
        .sort(byId)
        .map((lead) => [lead.id, lead]),
    ),
    rejectCodes: structuredClone([...(seed.rejectCodes ?? DEFAULT_REJECT_CODES)]),
    ownershipMode: seed.ownershipMode ?? DEMO_OWNERSHIP_MODE,
    rulesets: [
      {
        id: 1,
        body: JSON.stringify(seed.ruleset ?? DEFAULT_MOCK_RULESET),
        active: true,
        createdBy: 'anna',
        createdAt: now().toISOString(),
      },
    ],
    plugins: structuredClone([...(seed.plugins ?? [])]),
    pluginPackages: [...(seed.pluginPackages ?? [])].map((p) => ({
      record: structuredClone(p.record),
      files: new Map(p.files),
    })),
    audit: [],
  };
}

/** A request's body bytes, refused (413) past `limit` bytes, announced or received. */
async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw payloadTooLarge(limit);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) throw payloadTooLarge(limit);
  return bytes;
}

/** A fetch `Request` as host-core's `HostRequest`. */
function toHostRequest(request: Request): HostRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => request.headers.get(name) ?? undefined,
    async readBody(limit) {
      // As the node adapter reads it (host-core decodes): strict UTF-8, a byte-order mark included.
      return decodeBody(await readBytes(request, limit));
    },
    readBytes: (limit) => readBytes(request, limit),
    discardBody: () => {},
  };
}

const toResponse = ({status, headers, body}: HostResponse): Response =>
  new Response(body === '' ? null : (body as BodyInit), {status, headers});

/**
 * An in-memory crmkit host for tests: the host of @crmkit/host-core (the same routes, checks,
 * decisions and texts as the dev host) over a memory store, answering through msw or as a `fetch`.
 * The demo users' bearer tokens (`anna`, `sofia`, `max`, `lena`) sign in; reassignment runs the real
 * Assignment Manager on the active ruleset. Requests are handled one at a time, like a transaction
 * each.
 */
export function createMockHost(options: MockHostOptions = {}): MockHost {
  const now = options.now ?? (() => new Date());
  const store = new MemoryStore(initialState(options, now), now);
  let host = createHost({store});
  let queue: Promise<unknown> = Promise.resolve();
  const handle = (request: Request): Promise<Response> => {
    const answer = queue.then(async () => toResponse(await host.handle(toHostRequest(request))));
    queue = answer.catch(() => undefined);
    return answer;
  };
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  // A RegExp, not a path pattern: msw decodes path patterns' segments and fails on a malformed escape
  // (`%E0%A4%A`), which a host must answer with a problem like any other bad input. Of /plugins/ only
  // stored files' paths (a reverse-DNS id, then a version), so a page's own /plugins/ files pass.
  const pattern = new RegExp(
    `^${base ? base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[a-z][a-z0-9+.-]*://[^/]+'}/(?:api/|plugins/[a-z0-9-]+(?:\\.[a-z0-9-]+)+/\\d+\\.\\d+\\.\\d+[^/]*/)`,
    'i',
  );
  return {
    handlers: [http.all(pattern, ({request}) => handle(request))],
    get state() {
      return store.state;
    },
    reset() {
      store.state = initialState(options, now);
      host = createHost({store});
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
