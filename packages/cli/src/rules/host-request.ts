// Talking to a host CRM's REST API from the command line: the base URL from --host, the token from
// --token or CRMKIT_TOKEN, one request with a timeout and its answer sorted into JSON, a problem
// document, something else, or no answer. The one implementation for `crmkit install`
// (install-command.ts) and `crmkit rules deploy` and `pull`; each passes its own messages
// (INSTALL_TEXT, RULES_TEXT), which take theirs from `hostRequestText` (cli-text.ts).
import {UsageError} from '../cli-options.js';

/** An RFC 9457 problem document as the crmkit host writes it. */
export interface HostProblemDocument {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  privilege?: string;
  errors?: Array<{field: string; code?: string; message: string}>;
  [member: string]: unknown;
}

/** How long one request may take before the command gives up (a host that never answers). */
export const HOST_REQUEST_TIMEOUT_MS = 60_000;

/** The messages these helpers need, in one language (RULES_TEXT and INSTALL_TEXT both have them). */
export interface HostRequestText {
  noHost: string;
  badHost: (value: string) => string;
  hostWithQuery: (value: string) => string;
  hostWithCredentials: (value: string) => string;
  noToken: string;
  emptyToken: string;
  plainHttp: (host: string) => string;
  timedOut: (seconds: number) => string;
}

/** The base URL of `--host` (kept with its base path), or a UsageError saying what is wrong with it. */
export function parseHostUrl(value: string | undefined, t: HostRequestText): URL {
  if (value === undefined || value === '') throw new UsageError(t.noHost);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(t.badHost(value));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(t.badHost(value));
  if (url.search || url.hash) throw new UsageError(t.hostWithQuery(value));
  // fetch refuses URLs with credentials; the token is the one way to authenticate.
  if (url.username || url.password) throw new UsageError(t.hostWithCredentials(value));
  return url;
}

/** The API token: `--token`, else the environment variable CRMKIT_TOKEN; a UsageError when neither. */
export function hostToken(option: string | undefined, t: HostRequestText): string {
  if (option === '') throw new UsageError(t.emptyToken);
  const token = option ?? process.env.CRMKIT_TOKEN;
  if (!token) throw new UsageError(t.noToken);
  return token;
}

/** `<base>/<path>`, keeping a base path (a host served below /crm/ stays below it). */
export function hostEndpoint(base: URL, path: string): string {
  const withSlash = new URL(base.href.endsWith('/') ? base.href : `${base.href}/`);
  return new URL(path, withSlash).href;
}

/** Whether a host name is this machine (a token sent there in plain http does not cross a network). */
export const isLoopbackHost = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** A host to call: where, how it is shown, and the headers every request sends. */
export interface HostConnection {
  base: URL;
  /** The base URL as shown in messages (no trailing slash). */
  shown: string;
  headers: Record<string, string>;
}

/**
 * Checks `--host` and the token (UsageError when either is wrong) and warns on `warn` when the token
 * would cross a network in plain http. The headers: the bearer token, JSON (or a problem document)
 * accepted, and `Accept-Language`, so that the host writes its titles, details and field messages in
 * the CLI's language.
 */
export function connectHost(
  options: {host?: string; token?: string},
  lang: string,
  t: HostRequestText,
  warn: (line: string) => void,
): HostConnection {
  const base = parseHostUrl(options.host, t);
  const token = hostToken(options.token, t);
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname)) warn(t.plainHttp(base.host));
  return {
    base,
    shown: base.href.replace(/\/$/, ''),
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json, application/problem+json',
      'accept-language': lang,
    },
  };
}

/** What a request answered: its status and body, or why there was no answer. */
export type HostAnswer =
  | {kind: 'json'; status: number; body: unknown}
  | {kind: 'problem'; status: number; problem: HostProblemDocument}
  | {kind: 'other'; status: number; contentType: string}
  | {kind: 'unreachable'; reason: string};

/**
 * One request: a JSON answer (2xx), an RFC 9457 problem document, anything else (with its content
 * type), or no answer at all (the system's reason, or the timeout).
 */
export async function hostRequest(
  url: string,
  init: {method: string; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer> | string},
  t: Pick<HostRequestText, 'timedOut'>,
  timeoutMs = HOST_REQUEST_TIMEOUT_MS,
): Promise<HostAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)});
  } catch (error) {
    const e = error as Error & {cause?: {code?: string; message?: string}};
    if (e.name === 'TimeoutError')
      return {kind: 'unreachable', reason: t.timedOut(Math.round(timeoutMs / 1000))};
    // undici says only "fetch failed"; the system's reason (ECONNREFUSED, ENOTFOUND…) is in the cause.
    return {kind: 'unreachable', reason: e.cause?.message ?? e.cause?.code ?? e.message};
  }
  const contentType = res.headers.get('content-type') ?? '';
  const raw = await res.text();
  const parse = (): unknown => {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  };
  if (/^application\/problem\+json\b/i.test(contentType)) {
    const problem = parse();
    if (problem && typeof problem === 'object')
      return {kind: 'problem', status: res.status, problem: problem as HostProblemDocument};
  }
  if (/^application\/json\b/i.test(contentType) && res.ok) {
    const body = parse();
    if (body !== undefined) return {kind: 'json', status: res.status, body};
  }
  return {kind: 'other', status: res.status, contentType};
}
