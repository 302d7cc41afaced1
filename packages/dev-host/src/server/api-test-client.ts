/** One answer of the dev host, as tests look at it. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there is none. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
}

export interface ApiCall {
  /** Bearer token (a demo user's name); omitted = no Authorization header. */
  token?: string;
  method?: string;
  /** A value sent as JSON, a string sent as it is, or bytes (a plugin package: gzip). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A tiny client for tests and benchmarks of the dev host: `call(path, {token, method, body, headers})`
 * over real HTTP, JSON in and out.
 */
export function apiTestClient(
  baseUrl: string,
): (path: string, call?: ApiCall) => Promise<ApiAnswer> {
  return async (path, call = {}) => {
    const headers: Record<string, string> = {...call.headers};
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    let body: string | Uint8Array | undefined;
    if (call.body instanceof Uint8Array) {
      body = call.body;
      headers['content-type'] ??= 'application/gzip';
    } else if (call.body !== undefined) {
      body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + path, {
      method: call.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body !== undefined ? {body: body as BodyInit} : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
}
