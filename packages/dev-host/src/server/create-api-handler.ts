import type {IncomingMessage, ServerResponse} from 'node:http';
import type {DevHostStore} from '../db/dev-host-store.js';
import {negotiateLocale} from '@crmkit/host-core';
import type {
  ContractValidator,
  HttpMethod as ContractMethod,
  OpenApiOperation,
} from '@crmkit/host-core';
import {bilingualFieldErrors} from './bilingual-field-errors.js';
import {HttpProblem, LANGUAGES} from './http-problem.js';
import type {Bilingual, Language} from './http-problem.js';
import {readJsonBody} from './read-json-body.js';
import type {Reply, Route} from './route.js';

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

export interface ApiHandlerOptions {
  store: DevHostStore;
  routes: readonly Route[];
  /** The contract's validator (`createContractValidator` of @crmkit/host-core). */
  validator: ContractValidator;
  /** Validate every answer against the contract too (a mismatch is logged and answered with 500). */
  validateResponses?: boolean;
  log?: (line: string) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The `/api/` part of the dev host: route match (404 `not-found`, 405 with `Allow`), bearer auth
 * (401), the route's privilege (403, always checked on the server whatever a page shows), JSON body
 * reading and validation against the contract, the handler, and every answer or refusal as JSON or
 * `application/problem+json` in the caller's language.
 */
export function createApiHandler(
  options: ApiHandlerOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const {store, validator, log = () => {}} = options;
  const validateResponses = options.validateResponses ?? true;
  const paths: PathEntry[] = [];
  for (const route of options.routes) {
    // The route table and the contract must agree, or the server does not start.
    const operation =
      validator.document.paths[route.path]?.[route.method.toLowerCase() as ContractMethod];
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
    const bodyRef = operation.requestBody?.content['application/json']?.schema.$ref as
      string | undefined;
    const bodySchema = bodyRef?.split('/').pop();
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

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: unknown,
    headers: Record<string, string> = {},
    serialized?: string,
  ) => {
    const text = serialized ?? (body === undefined ? '' : JSON.stringify(body));
    res.writeHead(status, {
      ...(text ? {'content-type': type, 'content-length': Buffer.byteLength(text)} : {}),
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };

  const sendProblem = (
    res: ServerResponse,
    problem: HttpProblem,
    language: Language,
    method: string,
    url: URL,
    operation: OpenApiOperation | undefined,
  ) => {
    const body = problem.toProblem(language);
    if (validateResponses) {
      const errors = validator.checkResponse({
        method,
        pathname: url.pathname,
        ...(operation ? {operation} : {}),
        status: problem.status,
        contentType: PROBLEM_TYPE,
        body,
      });
      if (errors.length) log(`contract: ${errors.join('; ')}`);
    }
    send(res, problem.status, PROBLEM_TYPE, body, problem.headers as Record<string, string>);
  };

  return async (req, res, url) => {
    // Negotiated once the user is known (their locale is the fallback); before that only for errors.
    let language: Language | undefined;
    let operation: OpenApiOperation | undefined;
    try {
      let entry: PathEntry | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of paths) {
        match = candidate.pattern.exec(url.pathname);
        if (match) {
          entry = candidate;
          break;
        }
      }
      if (!entry || !match) {
        throw new HttpProblem('not-found', {
          en: `There is no API route ${url.pathname}. See the OpenAPI document @crmkit/host-core/openapi.json.`,
          de: `Es gibt keine API-Route ${url.pathname}. Siehe das OpenAPI-Dokument @crmkit/host-core/openapi.json.`,
        });
      }
      const compiled = entry.byMethod.get(req.method ?? '');
      if (!compiled) {
        const allow = [...entry.byMethod.keys()].join(', ');
        throw new HttpProblem(
          'method-not-allowed',
          {
            en: `${req.method} is not allowed on ${entry.path}; use ${allow}.`,
            de: `${req.method} ist auf ${entry.path} nicht erlaubt; verwenden Sie ${allow}.`,
          },
          {headers: {allow}},
        );
      }
      const {route} = compiled;
      operation = compiled.operation;

      const auth = req.headers.authorization;
      // The scheme is case-insensitive (RFC 9110); the token is not.
      const token = /^bearer +/i.test(auth ?? '')
        ? auth!.replace(/^bearer +/i, '').trim()
        : undefined;
      const user = token ? store.userByToken(token) : undefined;
      if (!user) {
        throw new HttpProblem(
          'unauthorized',
          auth
            ? {
                en: 'The bearer token is unknown or malformed. Sign in again (demo tokens: anna, sofia, max, lena).',
                de: 'Das Bearer-Token ist unbekannt oder fehlerhaft. Melden Sie sich erneut an (Demo-Tokens: anna, sofia, max, lena).',
              }
            : {
                en: 'Send Authorization: Bearer <token> (demo tokens: anna, sofia, max, lena).',
                de: 'Senden Sie Authorization: Bearer <token> (Demo-Tokens: anna, sofia, max, lena).',
              },
          {headers: {'www-authenticate': 'Bearer'}},
        );
      }
      language = negotiateLocale(
        req.headers['accept-language'],
        LANGUAGES,
        user.locale,
      ) as Language;
      if (route.privilege && !user.privileges.has(route.privilege)) {
        throw new HttpProblem(
          'missing-privilege',
          {
            en: `${user.name} (${user.role}) lacks the privilege ${route.privilege} that ${route.method} ${route.path} needs. Ask an administrator to grant it to the role.`,
            de: `${user.name} (${user.role}) fehlt das Recht ${route.privilege}, das ${route.method} ${route.path} erfordert. Bitten Sie einen Administrator, es der Rolle zu geben.`,
          },
          {members: {privilege: route.privilege}},
        );
      }

      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(match[i + 1]!);
        } catch {
          throw new HttpProblem('not-found', {
            en: `The path ${url.pathname} is not correctly percent-encoded.`,
            de: `Der Pfad ${url.pathname} ist nicht korrekt prozentkodiert.`,
          });
        }
      });
      route.checkHeaders?.(req);
      let body: unknown;
      let rawBody: string | undefined;
      if (route.body) {
        const read = await readJsonBody(req);
        if (read === undefined) {
          throw new HttpProblem(
            'invalid-body',
            {
              en: 'The request needs a JSON body.',
              de: 'Die Anfrage benötigt einen JSON-Inhalt.',
            },
            {errors: [{field: '', code: 'required', message: missingBody}]},
          );
        }
        body = read.value;
        rawBody = read.text;
        const errors = bilingualFieldErrors((locale) =>
          validator.validateSchema(compiled.bodySchema!, body, locale),
        );
        if (errors.length) {
          throw new HttpProblem(
            'invalid-body',
            {
              en: `The request body does not match the contract (${errors.length} problem${errors.length > 1 ? 's' : ''}); see errors.`,
              de: `Der Anfrageinhalt entspricht nicht dem Vertrag (${errors.length} Problem${errors.length > 1 ? 'e' : ''}); siehe errors.`,
            },
            {errors},
          );
        }
      } else {
        req.resume();
      }

      const reply: Reply = await route.handle({
        req,
        url,
        params,
        user,
        language,
        body,
        ...(rawBody !== undefined ? {rawBody} : {}),
      });
      if (validateResponses && reply.body !== undefined) {
        const errors = validator.checkResponse({
          method: route.method,
          pathname: url.pathname,
          operation: compiled.operation,
          status: reply.status,
          contentType: JSON_TYPE,
          body: reply.body,
        });
        if (errors.length) {
          log(`contract: ${errors.join('; ')}`);
          throw new HttpProblem('internal-error', {
            en: `The server's answer broke the contract: ${errors.join('; ')}`,
            de: `Die Antwort des Servers verletzt den Vertrag: ${errors.join('; ')}`,
          });
        }
      }
      send(res, reply.status, JSON_TYPE, reply.body, reply.headers, reply.text);
    } catch (error) {
      if (error instanceof HttpProblem) {
        sendProblem(
          res,
          error,
          language ?? anonymousLanguage(req),
          req.method ?? 'GET',
          url,
          operation,
        );
        return;
      }
      log(
        `error: ${req.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendProblem(
        res,
        new HttpProblem('internal-error', {
          en: 'The server failed on this request; nothing was changed. The server log has the details.',
          de: 'Der Server ist bei dieser Anfrage gescheitert; nichts wurde geändert. Das Server-Protokoll enthält die Details.',
        }),
        language ?? anonymousLanguage(req),
        req.method ?? 'GET',
        url,
        operation,
      );
    }
  };
}

/** The answer language before the user (and their locale) is known. */
const anonymousLanguage = (req: IncomingMessage): Language =>
  negotiateLocale(req.headers['accept-language'], LANGUAGES) as Language;

const missingBody: Bilingual = {
  en: 'Send the JSON body this route documents.',
  de: 'Senden Sie den JSON-Inhalt, den diese Route dokumentiert.',
};
