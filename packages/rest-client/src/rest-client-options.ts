/** How a rest client reaches the host. */
export interface RestClientOptions {
  /**
   * The host's origin (and path prefix, if any) without a trailing slash, e.g. `https://crm.example`.
   * Default `''`: the page's own origin (only in a browser; Node needs an absolute URL).
   */
  baseUrl?: string;
  /**
   * The signed-in user's (or a plugin credential's) bearer token, sent as `Authorization: Bearer
   * <token>`. Leave it out in a host's own pages and set `credentials: 'same-origin'`: they are
   * signed in by the HttpOnly session cookie, which no script can read.
   */
  token?: string;
  /**
   * `'same-origin'`: sign in by the page's session cookie (sent by the browser), with the CSRF header
   * the host requires for it. Only without `token`.
   */
  credentials?: 'same-origin';
  /** Sent as `Accept-Language`: the language of labels and error details (`de`, `en`). */
  locale?: string;
  /** The fetch to use (default: the global `fetch`, looked up at call time so mocks can patch it). */
  fetch?: typeof fetch;
}

/** Per-call options every rest-client method accepts as its last argument. */
export interface RequestOptions {
  /** Aborts the call; the promise then rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignal;
}
