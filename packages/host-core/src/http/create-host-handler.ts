import type {Privilege} from '@crmkit/sdk';
import {createRequestChecker} from '../contract/create-request-checker.js';
import type {RequestChecker} from '../contract/create-request-checker.js';
import {negotiateLocale} from '../contract/negotiate-locale.js';
import {OPENAPI_DOCUMENT} from '../contract/openapi-document.js';
import type {HttpMethod as ContractMethod, OpenApiOperation} from '../contract/openapi-types.js';
import type {Awaitable, HostStore} from '../store/host-store.js';
import {authenticate} from './authenticate.js';
import {bilingualFieldErrors} from './bilingual-field-errors.js';
import {HostProblem, LANGUAGES} from './host-problem.js';
import type {Language} from './host-problem.js';
import type {HostRequest, HostResponse} from './host-request.js';
import {MAX_BODY_BYTES, parseJsonBody} from './parse-json-body.js';
import type {Reply, Route} from './route.js';
import {hostText} from '../texts/host-texts.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
  /** The route's operation in the contract. */
  operation: OpenApiOperation;
  /** The components schema its JSON body must match, if it reads one. */
  bodySchema?: string;
}

interface PathEntry {
  pattern: RegExp;
  names: string[];
  path: string;
  byMethod: Map<string, CompiledRoute>;
}

/** A check of an answer against the contract (`createContractValidator().checkResponse`). */
export type ResponseCheck = (response: {
  method: string;
  pathname: string;
  operation?: OpenApiOperation;
  status: number;
  contentType: string | null;
  body: unknown;
}) => string[];

export interface HostHandlerOptions {
  store: HostStore;
  routes: readonly Route[];
  /** The contract's request side (default: its precompiled validators, no ajv at run time). */
  requests?: RequestChecker;
  /**
   * Checks every answer against the contract too (a mismatch is logged and answered with 500). The
   * dev host passes `createContractValidator().checkResponse` (ajv); the browser mock does not.
   */
  checkResponse?: ResponseCheck;
  /** Largest request body read, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** Runs after the store's refresh, before the route: what the host derives from the data catches up. */
  afterRefresh?: () => Awaitable<void>;
}

/** How long a client waits before it tries again after 503 `store-unavailable` (Retry-After). */
export const STORE_RETRY_AFTER_SECONDS = 2;

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The `/api/` part of a host, once for every environment: route match (404 `not-found`, 405 with
 * `Allow`), bearer auth (401), the route's privilege (403, always checked by the host whatever a page
 * shows), JSON body reading and validation against the contract, the handler, and every answer or
 * refusal as JSON or `application/problem+json` in the caller's language.
 */
export function createHostHandler(
  options: HostHandlerOptions,
): (request: HostRequest) => Promise<HostResponse> {
  const {store, checkResponse, log = () => {}} = options;
  const document = OPENAPI_DOCUMENT;
  const requests = options.requests ?? createRequestChecker();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const paths: PathEntry[] = [];
  for (const route of options.routes) {
    // The route table and the contract must agree, or the server does not start.
    const operation = document.paths[route.path]?.[route.method.toLowerCase() as ContractMethod];
    if (!operation) {
      throw new Error(`${route.method} ${route.path} is served but not in the OpenAPI contract`);
    }
    const documented = operation['x-crmkit-privilege'] ?? null;
    if (documented !== route.privilege) {
      throw new Error(
        `${route.method} ${route.path} needs ${route.privilege ?? 'no privilege'} here but ${documented ?? 'none'} in the contract`,
      );
    }
    let entry = paths.find((p) => p.path === route.path);
    if (!entry) {
      const names: string[] = [];
      const source = route.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+)\}/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        });
      entry = {path: route.path, pattern: new RegExp(`^${source}$`), names, byMethod: new Map()};
      paths.push(entry);
    }
    const bodySchema = requests.bodySchema(operation);
    if (route.body && !bodySchema) {
      throw new Error(`${route.method} ${route.path} reads a body the contract gives no schema`);
    }
    entry.byMethod.set(route.method, {
      route,
      pattern: entry.pattern,
      names: entry.names,
      operation,
      ...(bodySchema ? {bodySchema} : {}),
    });
  }

  const answer = (
    status: number,
    type: string,
    body: unknown,
    headers: Record<string, string> = {},
    serialized?: string,
  ): HostResponse => {
    const text = serialized ?? (body === undefined ? '' : JSON.stringify(body));
    return {
      status,
      headers: {...(text ? {'content-type': type} : {}), 'cache-control': 'no-store', ...headers},
      body: text,
    };
  };

  const answerProblem = (
    problem: HostProblem,
    language: Language,
    method: string,
    pathname: string,
    operation: OpenApiOperation | undefined,
  ): HostResponse => {
    const body = problem.toProblem(language);
    if (checkResponse) {
      const errors = checkResponse({
        method,
        pathname,
        ...(operation ? {operation} : {}),
        status: problem.status,
        contentType: PROBLEM_TYPE,
        body,
      });
      if (errors.length) log(`contract: ${errors.join('; ')}`);
    }
    return answer(problem.status, PROBLEM_TYPE, body, problem.headers as Record<string, string>);
  };

  return async (req) => {
    const pathname = req.pathname;
    // Negotiated once the user is known (their locale is the fallback); before that only for errors.
    let language: Language | undefined;
    let operation: OpenApiOperation | undefined;
    try {
      let entry: PathEntry | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of paths) {
        match = candidate.pattern.exec(pathname);
        if (match) {
          entry = candidate;
          break;
        }
      }
      if (!entry || !match) {
        throw new HostProblem('not-found', hostText('request.no-route', {pathname}));
      }
      const compiled = entry.byMethod.get(req.method);
      if (!compiled) {
        const allow = [...entry.byMethod.keys()].join(', ');
        throw new HostProblem(
          'method-not-allowed',
          hostText('request.method-not-allowed', {method: req.method, path: entry.path, allow}),
          {headers: {allow}},
        );
      }
      const {route} = compiled;
      operation = compiled.operation;

      const catchUp = async () => {
        await store.refresh?.();
        await options.afterRefresh?.();
      };
      /**
       * The caller and their language, if the caches admit them to this route (else a refusal is
       * thrown, in that language).
       */
      const admit = async () => {
        const caller = await authenticate(store, req);
        const negotiated = negotiateLocale(
          req.header('accept-language'),
          LANGUAGES,
          caller.user.locale,
        ) as Language;
        language = negotiated;
        // A plugin credential answers for its scopes first (they are already narrowed to the user's
        // privileges): whatever its user may do, a plugin is refused as a plugin.
        if (caller.plugin) checkPluginScope(caller.plugin, route);
        if (route.privilege && !caller.user.privileges.has(route.privilege)) {
          throw new HostProblem(
            'missing-privilege',
            hostText('request.missing-privilege', {
              userName: caller.user.name,
              role: caller.user.roleName,
              privilege: route.privilege,
              method: route.method,
              path: route.path,
            }),
            {members: {privilege: route.privilege}},
          );
        }
        return {caller, language: negotiated};
      };
      let admitted: Awaited<ReturnType<typeof admit>>;
      if (!route.checksCallerAgain) {
        await catchUp();
        admitted = await admit();
      } else {
        // Its transaction makes the caches current and checks the caller again before it changes
        // anything, so caches that admit them are good enough here. Caches that refuse may be
        // behind (a grant on another node): they are made current, and the caller asked again.
        try {
          admitted = await admit();
        } catch (error) {
          if (!(error instanceof HostProblem)) throw error;
          language = undefined;
          await catchUp();
          admitted = await admit();
        }
      }
      const {caller} = admitted;
      const {user} = caller;
      language = admitted.language;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        let value: string;
        try {
          value = decodeURIComponent(match[i + 1]!);
        } catch {
          throw new HostProblem('not-found', hostText('request.path-not-encoded', {pathname}));
        }
        // No id holds one (and PostgreSQL cannot even compare a text with one).
        if (value.includes('\u0000')) {
          throw new HostProblem('not-found', hostText('request.path-nul', {pathname}));
        }
        params[name] = value;
      });
      route.checkHeaders?.(req.header);
      let body: unknown;
      let rawBody: string | undefined;
      if (route.body) {
        const read = parseJsonBody(await req.readBody(maxBodyBytes), req.header('content-type'));
        if (read === undefined) {
          throw new HostProblem('invalid-body', hostText('request.body-missing'), {
            errors: [
              {field: '', code: 'required', message: hostText('request.body-missing.field')},
            ],
          });
        }
        body = read.value;
        rawBody = read.text;
        const errors = bilingualFieldErrors((locale) =>
          requests.checkBody(compiled.bodySchema!, body, locale),
        );
        if (errors.length) {
          throw new HostProblem(
            'invalid-body',
            hostText('request.body-invalid', {count: errors.length}),
            {errors},
          );
        }
      } else if (!route.bytes) {
        req.discardBody();
      }

      const reply: Reply = await route.handle({
        header: req.header,
        query: req.query,
        pathname,
        params,
        user,
        language,
        body,
        ...(rawBody !== undefined ? {rawBody} : {}),
        ...(caller.plugin ? {plugin: caller.plugin} : {}),
        secure: req.secure ?? false,
        readBytes: (limit) => req.readBytes(limit),
      });
      if (checkResponse && reply.body !== undefined) {
        const errors = checkResponse({
          method: route.method,
          pathname: pathname,
          operation: compiled.operation,
          status: reply.status,
          contentType: JSON_TYPE,
          body: reply.body,
        });
        if (errors.length) {
          log(`contract: ${errors.join('; ')}`);
          throw new HostProblem(
            'internal-error',
            hostText('server.answer-broke-contract', {errors: errors.join('; ')}),
          );
        }
      }
      return answer(reply.status, JSON_TYPE, reply.body, reply.headers, reply.text);
    } catch (error) {
      if (error instanceof HostProblem) {
        return answerProblem(
          error,
          language ?? anonymousLanguage(req),
          req.method,
          pathname,
          operation,
        );
      }
      log(
        `error: ${req.method} ${pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      // The storage failed, not the code: 503, the client may try again; the server goes on.
      const unavailable = store.isUnavailable?.(error) === true;
      return answerProblem(
        unavailable
          ? new HostProblem('store-unavailable', hostText('server.store-unavailable'), {
              // A failing disk or a database failing over comes back in seconds, not at once.
              headers: {'retry-after': String(STORE_RETRY_AFTER_SECONDS)},
            })
          : new HostProblem('internal-error', hostText('server.failed')),
        language ?? anonymousLanguage(req),
        req.method,
        pathname,
        operation,
      );
    }
  };
}

/**
 * What a plugin credential may call: a route whose privilege is in its scopes, never an admin route
 * or a session route (whatever its scopes: a plugin never administers the host or mints credentials).
 */
function checkPluginScope(plugin: {id: string; scopes: readonly Privilege[]}, route: Route): void {
  const forbidden = /^\/api\/(admin\/|plugin-sessions|sessions)/.test(route.path);
  if (forbidden || (route.privilege && !plugin.scopes.includes(route.privilege))) {
    throw new HostProblem(
      'outside-plugin-scope',
      hostText('request.outside-plugin-scope', {
        pluginId: plugin.id,
        privilege: route.privilege ?? 'plugins.manage',
        method: route.method,
        path: route.path,
        scopes: plugin.scopes.join(', ') || '-',
      }),
      {members: {pluginId: plugin.id, ...(route.privilege ? {privilege: route.privilege} : {})}},
    );
  }
}

/** The answer language before the user (and their locale) is known. */
const anonymousLanguage = (req: HostRequest): Language =>
  negotiateLocale(req.header('accept-language'), LANGUAGES) as Language;
