// CORS for a host page on another origin (issue 11). The browser lets a page read an answer from
// another origin only when the answer names that origin; by default the dev host names none, so only
// its own pages (same origin) can use the API from a browser. An admin lists the exact origins of the
// host pages that may (`allowedOrigins`, env CRMKIT_ALLOWED_ORIGINS). No wildcard and no credentials
// mode: the API is called with Bearer tokens, which a page sends explicitly, never with cookies, so
// `Access-Control-Allow-Credentials` is never sent and a listed origin gains nothing a token does not
// already give it.
import type {IncomingMessage} from 'node:http';
import {LANGUAGES, fillText, negotiateLocale, withParams} from '@crmkit/host-core';
import type {HostResponse, Language} from '@crmkit/host-core';

/** The methods of the REST contract a preflight may ask for. */
export const CORS_ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * The request headers a client of the contract sends that are not CORS-safelisted (Content-Type is,
 * but not with `application/json`; Accept-Language is, but not with every value).
 */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'Idempotency-Key',
  'Accept-Language',
];

/**
 * The answer headers a client reads beyond the safelisted ones (Content-Type, Cache-Control, …): a
 * script on another origin sees only these. The ones host-core sends: `Idempotent-Replayed` (a replayed
 * reject), `WWW-Authenticate` (401), `Allow` (405), `Retry-After` (503: when to try again); `Link` is
 * the contract's paging header. Not listed because the API sends none of them: ETag, Location; add a
 * header here when the API starts sending it (a test compares this list with the contract's
 * documented headers).
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  'Idempotent-Replayed',
  'Link',
  'WWW-Authenticate',
  'Allow',
  'Retry-After',
];

/** How long (seconds) a browser may reuse a preflight's answer before asking again. */
export const CORS_MAX_AGE_SECONDS = 600;

/** The problem code of a refused preflight (the dev host's own, outside the REST contract's enum). */
export const ORIGIN_NOT_ALLOWED = 'origin-not-allowed';

const CORS_TEXTS = {
  'origin-not-allowed': withParams<{origin: string}>({
    en: (p) =>
      `Requests from the origin "${p.origin}" are not allowed: this host accepts cross-origin requests only from the exact origins in its list of allowed origins (CRMKIT_ALLOWED_ORIGINS). To allow this one, start the host with CRMKIT_ALLOWED_ORIGINS=${p.origin}.`,
    de: (p) =>
      `Anfragen vom Ursprung „${p.origin}“ sind nicht erlaubt: Dieser Host nimmt ursprungsübergreifende Anfragen nur von den genauen Ursprüngen in seiner Liste erlaubter Ursprünge an (CRMKIT_ALLOWED_ORIGINS). Um diesen zu erlauben, starten Sie den Host mit CRMKIT_ALLOWED_ORIGINS=${p.origin}.`,
  }),
} as const;

/** A malformed entry of the allowed origins: which one, why, and how to write it. */
export class AllowedOriginError extends Error {
  constructor(
    readonly entry: string,
    readonly position: number,
    reason: string,
    suggestion: string,
    source: string,
  ) {
    super(
      `${source}: entry ${position} "${entry}" is not an exact origin: ${reason}. ` +
        `Write it as ${suggestion} (scheme http or https, the host and an optional port; no path, ` +
        `no wildcard), for example CRMKIT_ALLOWED_ORIGINS=https://crm.example.com,http://localhost:5173`,
    );
    this.name = 'AllowedOriginError';
  }
}

/** Why `entry` is not an origin as a browser sends it in `Origin`, and what to write instead. */
function originProblem(entry: string): {reason: string; suggestion: string} | undefined {
  const example = 'https://crm.example.com';
  if (entry.includes('*')) {
    return {
      reason:
        'a wildcard (*) is not accepted, because it would let any page on the web (or every subdomain) call the API with a token it holds; list each origin instead',
      suggestion: example,
    };
  }
  if (entry === 'null') {
    return {
      reason:
        '"null" is the origin of sandboxed frames and local files, shared by all of them, so it cannot name one page',
      suggestion: example,
    };
  }
  if (!entry.includes('://')) return {reason: 'it has no scheme', suggestion: `https://${entry}`};
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return {reason: 'it is not a URL', suggestion: example};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      reason: `the scheme must be http or https, not ${url.protocol.slice(0, -1)}`,
      suggestion: url.host ? `https://${url.host}` : example,
    };
  }
  if (url.username || url.password) {
    return {reason: 'it contains a user name or password', suggestion: url.origin};
  }
  if (url.search || url.hash || url.pathname !== '/' || entry.endsWith('/')) {
    return {
      reason: `it has a path or more after the host ("${url.pathname}${url.search}${url.hash}"); an origin ends with the host or port`,
      suggestion: url.origin,
    };
  }
  if (entry !== url.origin) {
    // The browser's Origin header is lower-case, punycode and without a default port: compared exactly.
    return {reason: 'it is not written the way a browser sends it', suggestion: url.origin};
  }
  return undefined;
}

/**
 * Checks a list of allowed origins (`startDevHost({allowedOrigins})`): each entry must be an exact
 * origin such as `https://crm.example.com`; throws an `AllowedOriginError` naming the first that is
 * not. Answers the list without duplicates.
 */
export function checkAllowedOrigins(
  origins: readonly string[],
  source = 'allowedOrigins',
): string[] {
  origins.forEach((entry, index) => {
    const problem = originProblem(entry);
    if (problem) {
      throw new AllowedOriginError(entry, index + 1, problem.reason, problem.suggestion, source);
    }
  });
  return [...new Set(origins)];
}

/**
 * Parses the text of CRMKIT_ALLOWED_ORIGINS (or `--allowed-origins`): exact origins separated by
 * commas, blanks around them ignored; empty (or unset) is the default, same-origin only. Throws an
 * `AllowedOriginError` for a malformed entry.
 */
export function parseAllowedOrigins(text: string, source = 'CRMKIT_ALLOWED_ORIGINS'): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return checkAllowedOrigins(entries, source);
}

export interface Cors {
  /**
   * The answer to a CORS preflight for `/api/…` (OPTIONS with Origin and Access-Control-Request-Method
   * from another origin): 204 with what may be sent when the origin is allowed, else 403. Undefined
   * for any other request, which goes on to the host as before.
   */
  preflight(req: IncomingMessage, pathname: string): HostResponse | undefined;
  /** `response` with the CORS headers the request's Origin earns (none for a foreign origin). */
  withHeaders(req: IncomingMessage, response: HostResponse): HostResponse;
}

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * Whether `origin` is the dev host's own: same host and port as the request's Host header. The scheme
 * is not compared: the dev host speaks plain HTTP but may sit behind a TLS proxy, where its pages'
 * origin is https. Same-origin requests need no CORS headers and must never be refused.
 */
function isOwnOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    return new URL(origin).host === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

/** CORS for the dev host, allowing exactly `allowedOrigins` (already checked). */
export function createCors(allowedOrigins: readonly string[]): Cors {
  const allowed = new Set(allowedOrigins);
  // With a list, every answer depends on the Origin it was asked with, so a cache must key on it
  // (the stored plugin files are cached as immutable). Without one no answer does.
  const vary: Record<string, string> = allowed.size ? {vary: 'Origin'} : {};
  const originOf = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return typeof origin === 'string' && origin !== '' ? origin : undefined;
  };
  const granted = (origin: string): Record<string, string> => ({
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
  });

  return {
    preflight(req, pathname) {
      const origin = originOf(req);
      if (
        req.method !== 'OPTIONS' ||
        !origin ||
        req.headers['access-control-request-method'] === undefined ||
        !isApiPath(pathname) ||
        isOwnOrigin(origin, req.headers.host)
      ) {
        return undefined;
      }
      if (allowed.has(origin)) {
        return {
          status: 204,
          headers: {
            ...vary,
            'access-control-allow-origin': origin,
            'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
            'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
            'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
          },
          body: '',
        };
      }
      const language = negotiateLocale(req.headers['accept-language'], LANGUAGES) as Language;
      const detail = fillText(CORS_TEXTS['origin-not-allowed'], {origin})[language];
      return {
        status: 403,
        headers: {
          ...vary,
          'content-type': 'application/problem+json; charset=utf-8',
          'content-language': language,
          'cache-control': 'no-store',
        },
        body: JSON.stringify({
          type: `urn:crmkit:problem:${ORIGIN_NOT_ALLOWED}`,
          status: 403,
          title: 'Origin not allowed',
          detail,
          code: ORIGIN_NOT_ALLOWED,
        }),
      };
    },

    withHeaders(req, response) {
      if (!allowed.size) return response;
      const origin = originOf(req);
      const headers = {
        ...response.headers,
        ...(origin && allowed.has(origin) ? granted(origin) : {}),
        vary: response.headers.vary ? `${response.headers.vary}, Origin` : 'Origin',
      };
      return {...response, headers};
    },
  };
}
