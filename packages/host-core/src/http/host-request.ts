/**
 * A request as host-core sees it, whatever the environment (a node:http request, a fetch `Request`
 * in msw): only what the contract's routes read. Adapters build it cheaply; nothing here is parsed
 * before a route needs it.
 */
export interface HostRequest {
  method: string;
  /** The URL's path as sent (still percent-encoded). */
  pathname: string;
  query: URLSearchParams;
  /** Whether it came over https (default false). */
  secure?: boolean;
  /** A header by its lower-case name; `undefined` when absent. */
  header(name: string): string | undefined;
  /**
   * The body as text, read at most once. Resolves `''` for none; rejects with a `HostProblem`
   * `payload-too-large` as soon as the announced or received size passes `limit` bytes, and with
   * `invalid-json` when the bytes are not UTF-8 (adapters decode with host-core's `decodeBody`).
   */
  readBody(limit: number): Promise<string>;
  /** The body's bytes as sent, read at most once (instead of `readBody`); 413 past `limit`. */
  readBytes(limit: number): Promise<Uint8Array>;
  /** Lets an unread body go (a route that reads none). */
  discardBody(): void;
}

/** What host-core answers: the adapter writes it out as it is. */
export interface HostResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as sent: JSON text, `''` for none, or a stored file's bytes. */
  body: string | Uint8Array;
}
