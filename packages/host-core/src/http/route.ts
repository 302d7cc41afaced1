import type {Privilege} from '@crmkit/sdk';
import type {UserRecord} from '../store/host-store.js';
import type {Language} from './host-problem.js';

/** What a route handler gets: the signed-in user, the request language, path params, the body. */
export interface RequestContext {
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  query: URLSearchParams;
  pathname: string;
  params: Readonly<Record<string, string>>;
  user: UserRecord;
  language: Language;
  /** The parsed JSON body, already validated against the contract's request schema. */
  body: unknown;
  /** The body as sent (for positions in it), when the route reads one. */
  rawBody?: string;
  /** Whether the request came over https (a cookie it sets is then `Secure`). */
  secure: boolean;
  /** Set when the caller is a plugin credential: the plugin and its scopes now. */
  plugin?: {id: string; scopes: Privilege[]};
  /** The body's bytes, for a route that reads a binary body (`bytes: true`); 413 past `limit`. */
  readBytes(limit: number): Promise<Uint8Array>;
}

/** What a route handler answers (errors are thrown as `HostProblem`). */
export interface Reply {
  status: number;
  body?: unknown;
  /** `body` already serialized (saves a second JSON.stringify); must be its exact JSON text. */
  text?: string;
  headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

/** One route of the REST contract. */
export interface Route {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/api/leads/{id}`. */
  path: string;
  /** The privilege the caller's role must hold; `null` = any signed-in user. */
  privilege: Privilege | null;
  /** Whether the route reads a JSON body. */
  body?: boolean;
  /** Whether the route reads a binary body itself (`readBytes`), e.g. a plugin package. */
  bytes?: boolean;
  /**
   * Set when the handler changes nothing but in ONE store transaction that makes the caches current
   * and checks the caller again first (active; holding the route's privilege): the request then
   * skips its own refresh of the caches unless they refuse the caller (the reject: one round trip
   * less per request on PostgreSQL).
   */
  checksCallerAgain?: boolean;
  /** Checks request headers before the body is read; throws a `HostProblem` (`invalid-header`). */
  checkHeaders?(header: (name: string) => string | undefined): void;
  handle(ctx: RequestContext): Reply | Promise<Reply>;
}
