import type {
  CurrentUser,
  HostApi,
  Lead,
  LeadSettings,
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

/** The HostApi over the REST contract, plus the calls a host page needs beyond it. */
export interface RestHostApi extends HostApi {
  getCurrentUser(options?: RequestOptions): Promise<CurrentUser>;
  getLead(id: string, options?: RequestOptions): Promise<Lead>;
  listLeads(query?: ListLeadsQuery, options?: RequestOptions): Promise<Lead[]>;
  getRejectCodes(options?: {locale?: string} & RequestOptions): Promise<RejectCodeOption[]>;
  getLeadSettings(options?: RequestOptions): Promise<LeadSettings>;
  /** The enabled plugins for the signed-in user's pages, with their stored manifests (`GET /api/plugins`). */
  listPluginInstallations(options?: RequestOptions): Promise<PluginInstallation[]>;
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
  return {
    getCurrentUser: (o) => call<CurrentUser>({method: 'GET', path: '/api/me', signal: o?.signal}),
    getLead: async (id, o) => call<Lead>({method: 'GET', path: leadPath(id), signal: o?.signal}),
    listLeads: (query, o) =>
      call<Lead[]>({
        method: 'GET',
        path: '/api/leads',
        query: {status: query?.status},
        signal: o?.signal,
      }),
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
