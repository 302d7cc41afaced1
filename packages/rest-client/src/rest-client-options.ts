/** How a rest client reaches the host. */
export interface RestClientOptions {
  /**
   * The host's origin (and path prefix, if any) without a trailing slash, e.g. `https://crm.example`.
   * Default `''`: the page's own origin (only in a browser; Node needs an absolute URL).
   */
  baseUrl?: string;
  /** The signed-in user's bearer token, sent as `Authorization: Bearer <token>`. */
  token: string;
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
