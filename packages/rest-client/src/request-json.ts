import {HostApiError, NetworkError} from '@crmkit/sdk';
import type {Problem} from '@crmkit/sdk';
import type {RestClientOptions} from './rest-client-options.js';

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with `/api/`; already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** A value sent as JSON, or a string sent verbatim as the JSON body (keeps the author's lines). */
  body?: unknown;
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal | undefined;
}

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

const problemTypes = /^application\/(problem\+)?json\b/i;

/**
 * One call of the REST contract: adds the bearer token, `Accept-Language` and JSON headers, and turns
 * an `application/problem+json` answer into a `HostApiError` and a failed fetch into a `NetworkError`.
 * An aborted call rejects with the signal's reason, unchanged.
 */
export async function requestJson<T>(
  options: RestClientOptions,
  request: JsonRequest,
): Promise<JsonResponse<T>> {
  assertToken(options);
  const url = buildUrl(options.baseUrl ?? '', request.path, request.query);
  const byCookie = options.token === undefined;
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // The session cookie goes by itself; the host wants this header with it (a page on another site
    // cannot send it without a preflight the host refuses).
    ...(byCookie ? {'X-Crmkit-Csrf': '1'} : {Authorization: `Bearer ${options.token}`}),
  };
  if (options.locale) headers['Accept-Language'] = options.locale;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  let body: string | undefined;
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  }
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(url, {
      method: request.method,
      headers,
      ...(byCookie ? {credentials: 'same-origin' as const} : {}),
      ...(body !== undefined ? {body} : {}),
      ...(request.signal ? {signal: request.signal} : {}),
    });
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(
      `Could not reach the host for ${request.method} ${url}: ${reason}. Check the connection and the base URL, then try again.`,
      {cause: error},
    );
  }
  const text = await readText(response, request);
  if (!response.ok) throw toHostApiError(response, text, request);
  if (response.status === 204 || text === '') {
    return {status: response.status, headers: response.headers, body: undefined as T};
  }
  try {
    return {status: response.status, headers: response.headers, body: JSON.parse(text) as T};
  } catch {
    throw unexpected(
      response,
      `${request.method} ${request.path} answered ${response.status} with a body that is not JSON.`,
    );
  }
}

function buildUrl(baseUrl: string, path: string, query: JsonRequest['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

async function readText(response: Response, request: JsonRequest): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    throw new NetworkError(
      `The connection broke while reading the answer to ${request.method} ${request.path}. Try again.`,
      {cause: error},
    );
  }
}

function toHostApiError(response: Response, text: string, request: JsonRequest): HostApiError {
  const type = response.headers.get('Content-Type') ?? '';
  if (problemTypes.test(type)) {
    try {
      const problem = JSON.parse(text) as Partial<Problem>;
      if (problem && typeof problem.code === 'string' && problem.code !== '') {
        return new HostApiError({
          ...problem,
          status: typeof problem.status === 'number' ? problem.status : response.status,
          title: typeof problem.title === 'string' ? problem.title : response.statusText,
          code: problem.code,
        });
      }
    } catch {
      // not JSON: reported below
    }
  }
  return unexpected(
    response,
    `${request.method} ${request.path} answered ${response.status} ${response.statusText} without a problem document (is baseUrl pointing at a crmkit host?).`,
  );
}

function unexpected(response: Response, detail: string): HostApiError {
  return new HostApiError({
    status: response.status,
    title: response.statusText || 'Unexpected response',
    code: 'unexpected-response',
    detail,
  });
}

/** Refuses options without a usable bearer token, saying what to pass. */
export function assertToken(options: RestClientOptions): void {
  if (options?.token === undefined && options?.credentials === 'same-origin') return;
  if (typeof options?.token !== 'string' || options.token.trim() === '') {
    throw new TypeError(
      'rest-client: `token` must be the signed-in user\'s bearer token (a non-empty string), e.g. createRestHostApi({token: "max"}); in a host\'s own pages pass {credentials: "same-origin"} instead, to sign in by the session cookie.',
    );
  }
}
