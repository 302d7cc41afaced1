import type {
  CurrentUser,
  HostApi,
  Lead,
  LeadSettings,
  LeadStatus,
  ListLeadsQuery,
  PluginManifest,
  RejectCodeOption,
  RejectLeadInput,
  RejectLeadOptions,
  RejectLeadResult,
} from '@crmkit/sdk';
import {assertToken, requestJson} from './request-json.js';
import type {RequestOptions, RestClientOptions} from './rest-client-options.js';

/**
 * An enabled plugin for the signed-in user's pages (`GET /api/plugins`). A page loads it from this
 * entry alone, `{manifest, baseUrl}` (as `<crm-plugin-host>` sources do): the manifest the host
 * stored with the uploaded package, never one fetched from elsewhere.
 */
export interface PluginInstallation {
  id: string;
  /** The version that runs. */
  version: string;
  /** The manifest stored with that version's package (with its entry's `integrity`). */
  manifest: PluginManifest;
  /** The package's folder, which the manifest's `entry` resolves against: `/plugins/{id}/{version}/`. */
  baseUrl: string;
  /** The entry module's URL, `baseUrl` + `manifest.entry`. */
  entryUrl: string;
  /** Subresource Integrity of the entry (`sha384-…`), as stored. */
  integrity: string;
  /** The effective config: the manifest's defaults overlaid with the admin's values. */
  config: Record<string, unknown>;
  /**
   * How the page runs it: `page` (trusted: in the page, with the page's powers) or `frame`
   * (sandboxed in an iframe). Until sandboxed frames exist, pages mount every plugin in the page.
   */
  isolation: 'frame' | 'page';
}

/** One page of `GET /api/leads`: at most `limit` leads (1 to 1000) whose id sorts after `after`. */
export interface LeadPageQuery extends ListLeadsQuery {
  limit?: number;
  after?: string;
}

/** A page of leads and the query of the next one (from the host's `Link: <…>; rel="next"`). */
export interface LeadPage {
  leads: Lead[];
  /** Undefined on the last page. */
  next: LeadPageQuery | undefined;
}

/** The HostApi over the REST contract, plus the calls a host page needs beyond it. */
export interface RestHostApi extends HostApi {
  getCurrentUser(options?: RequestOptions): Promise<CurrentUser>;
  getLead(id: string, options?: RequestOptions): Promise<Lead>;
  /**
   * Every lead (with `status`, every lead in it), page after page as the host's `Link` rel="next"
   * headers lead, so callers of the HostApi keep getting the whole list from a paging host. With
   * `limit` or `after`, only that one page (see `listLeadPage` for the next one's query).
   */
  listLeads(query?: LeadPageQuery, options?: RequestOptions): Promise<Lead[]>;
  /** One page of leads and the query of the next page, for a caller that pages itself. */
  listLeadPage(query?: LeadPageQuery, options?: RequestOptions): Promise<LeadPage>;
  getRejectCodes(options?: {locale?: string} & RequestOptions): Promise<RejectCodeOption[]>;
  getLeadSettings(options?: RequestOptions): Promise<LeadSettings>;
  /** The enabled plugins for the signed-in user's pages, with their stored manifests (`GET /api/plugins`). */
  listPluginInstallations(options?: RequestOptions): Promise<PluginInstallation[]>;
}

/**
 * The query of the `rel="next"` link of a `Link` header (RFC 8288), or undefined. Only its `status`,
 * `after` and `limit` are taken and sent to the same path of the same host: a link to another origin
 * would otherwise receive the bearer token.
 */
export function nextLeadPage(link: string | null): LeadPageQuery | undefined {
  // Each link value: `<target>` and its `; name=value` parameters, up to the next `<`.
  for (const [, target, params] of (link ?? '').matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (!relations.includes('next')) continue;
    const query = new URL(target ?? '', 'http://link.invalid').searchParams;
    const after = query.get('after');
    const limit = query.get('limit');
    const status = query.get('status');
    if (after === null) return undefined;
    return {
      after,
      ...(limit !== null && /^\d+$/.test(limit) ? {limit: Number(limit)} : {}),
      ...(status !== null ? {status: status as LeadStatus} : {}),
    };
  }
  return undefined;
}

const leadPath = (id: string, suffix = ''): string => {
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      `rest-client: a lead id must be a non-empty string, got ${JSON.stringify(id)}.`,
    );
  }
  return `/api/leads/${encodeURIComponent(id)}${suffix}`;
};

/**
 * A `HostApi` over `fetch` against the crmkit REST contract (`@crmkit/host-core/openapi.json`).
 * Works in browsers and in Node 20 (global fetch). Every call rejects with a `HostApiError` when the
 * host refuses it (its `code` is the contract's stable code, `errors` its field errors) and with a
 * `NetworkError` when the host cannot be reached.
 *
 * `rejectLead` sends `options.ifMatch` as `If-Match` and `options.idempotencyKey` as `Idempotency-Key`.
 * It never invents a key: the caller (the plugin) makes one per user intent, e.g. when the dialog opens,
 * and passes the same key again when it retries after a network error, so that a reject the host did
 * commit is answered from its memory instead of being refused as a conflict.
 */
export function createRestHostApi(options: RestClientOptions): RestHostApi {
  assertToken(options);
  const call = <T>(request: Parameters<typeof requestJson>[1]) =>
    requestJson<T>(options, request).then((r) => r.body);
  const listLeadPage = async (query?: LeadPageQuery, o?: RequestOptions): Promise<LeadPage> => {
    const {body, headers} = await requestJson<Lead[]>(options, {
      method: 'GET',
      path: '/api/leads',
      query: {status: query?.status, after: query?.after, limit: query?.limit},
      signal: o?.signal,
    });
    return {leads: body, next: nextLeadPage(headers.get('Link'))};
  };
  return {
    getCurrentUser: (o) => call<CurrentUser>({method: 'GET', path: '/api/me', signal: o?.signal}),
    getLead: async (id, o) => call<Lead>({method: 'GET', path: leadPath(id), signal: o?.signal}),
    listLeadPage,
    listLeads: async (query, o) => {
      if (query?.limit !== undefined || query?.after !== undefined)
        return (await listLeadPage(query, o)).leads;
      const leads: Lead[] = [];
      const seen = new Set<string>();
      let page: LeadPageQuery | undefined = query?.status ? {status: query.status} : {};
      while (page) {
        const {leads: found, next}: LeadPage = await listLeadPage(page, o);
        leads.push(...found);
        // A host whose Link pointed back would otherwise be asked forever.
        if (next?.after !== undefined && seen.has(next.after)) break;
        if (next?.after !== undefined) seen.add(next.after);
        page = next;
      }
      return leads;
    },
    rejectLead: async (id: string, input: RejectLeadInput, o?: RejectLeadOptions) => {
      if (o?.ifMatch !== undefined && !(Number.isSafeInteger(o.ifMatch) && o.ifMatch >= 1)) {
        throw new TypeError(
          `rest-client: ifMatch must be the lead's version (a positive integer), got ${JSON.stringify(o.ifMatch)}.`,
        );
      }
      return call<RejectLeadResult>({
        method: 'POST',
        path: leadPath(id, '/reject'),
        body: input,
        headers: {
          'If-Match': o?.ifMatch === undefined ? undefined : `"${o.ifMatch}"`,
          'Idempotency-Key': o?.idempotencyKey,
        },
        signal: o?.signal,
      });
    },
    getRejectCodes: (o) =>
      call<RejectCodeOption[]>({
        method: 'GET',
        path: '/api/picklists/reject-codes',
        headers: {'Accept-Language': o?.locale},
        signal: o?.signal,
      }),
    getLeadSettings: (o) =>
      call<LeadSettings>({method: 'GET', path: '/api/settings/lead', signal: o?.signal}),
    listPluginInstallations: (o) =>
      call<PluginInstallation[]>({method: 'GET', path: '/api/plugins', signal: o?.signal}),
  };
}
