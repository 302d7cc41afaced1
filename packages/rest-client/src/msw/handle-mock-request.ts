import {negotiateLocale} from '@crmkit/host-core';
import {PROBLEM_CODES} from '@crmkit/host-core';
import type {Privilege} from '@crmkit/sdk';
import type {MockHostRuntime} from './mock-host-runtime.js';
import {MockProblem} from './mock-problem.js';
import type {MockReply, MockRoute} from './mock-route.js';

const LANGUAGES = ['en', 'de'];

/**
 * Answers one request to the mock host the way the contract says a host must: route match (404
 * `not-found`, 405 with `Allow`), bearer auth (401), the operation's privilege (403), the JSON body
 * (415, `invalid-json`, `invalid-body` against the contract's schema), then the route. Every refusal is
 * `application/problem+json` in the caller's language.
 */
export async function handleMockRequest(
  runtime: MockHostRuntime,
  routes: Readonly<Record<string, MockRoute>>,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const acceptLanguage = request.headers.get('Accept-Language');
  let locale = negotiateLocale(acceptLanguage, LANGUAGES);
  try {
    const match = runtime.requests.findOperation(request.method, url.pathname);
    if (!match) throw new MockProblem('not-found', {locale, params: {path: url.pathname}});
    if (!('operation' in match)) {
      const allowed = match.allowed.join(', ');
      throw new MockProblem('method-not-allowed', {
        locale,
        params: {path: url.pathname, method: request.method, allowed},
        headers: {Allow: allowed},
      });
    }
    const {operation, params} = match;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
    const user = token ? runtime.state.users.find((u) => u.token === token && u.active) : undefined;
    if (!user)
      throw new MockProblem('unauthorized', {locale, headers: {'WWW-Authenticate': 'Bearer'}});
    locale = negotiateLocale(acceptLanguage, LANGUAGES, user.locale);
    const privilege = operation['x-crmkit-privilege'] as Privilege | null;
    if (privilege && !user.privileges.includes(privilege)) {
      throw new MockProblem('missing-privilege', {locale, privilege});
    }
    const route = routes[operation.operationId];
    if (!route) throw new Error(`The mock host has no route for ${operation.operationId}.`);

    const badParameter = runtime.requests.checkParameters(
      operation,
      request.headers,
      url.searchParams,
      locale,
    );
    if (badParameter) {
      throw new MockProblem(badParameter.in === 'header' ? 'invalid-header' : 'invalid-query', {
        locale,
        params: {header: badParameter.name},
        errors: badParameter.errors,
      });
    }
    let body: unknown;
    let rawBody = '';
    if (operation.requestBody) {
      const type = request.headers.get('Content-Type') ?? '';
      rawBody = await request.text();
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
        throw new MockProblem('unsupported-media-type', {locale});
      }
      if (rawBody.trim() === '') {
        throw new MockProblem('invalid-body', {
          locale,
          errors: [
            {
              field: '',
              code: 'required',
              message: locale === 'de' ? 'Der JSON-Inhalt fehlt.' : 'The JSON body is missing.',
            },
          ],
        });
      }
      try {
        body = JSON.parse(rawBody);
      } catch (error) {
        throw new MockProblem('invalid-json', {
          locale,
          errors: [jsonSyntaxError(rawBody, error, locale)],
        });
      }
      const errors = runtime.requests.checkBody(
        runtime.requests.bodySchema(operation)!,
        body,
        locale,
      );
      if (errors.length) throw new MockProblem('invalid-body', {locale, errors});
    }
    const reply = await route({
      runtime,
      user,
      locale,
      acceptLanguage,
      params,
      query: url.searchParams,
      headers: request.headers,
      body,
      rawBody,
    });
    return toResponse(reply);
  } catch (error) {
    if (error instanceof MockProblem) {
      return toResponse(
        {status: error.problem.status, body: error.problem, headers: error.headers},
        'application/problem+json',
      );
    }
    const problem = new MockProblem('internal-error', {locale});
    console.error('crmkit mock host:', error);
    return toResponse(
      {status: PROBLEM_CODES['internal-error'].status, body: problem.problem},
      'application/problem+json',
    );
  }
}

function toResponse(reply: MockReply, type = 'application/json'): Response {
  const headers = new Headers(reply.headers);
  if (reply.body === undefined) return new Response(null, {status: reply.status, headers});
  headers.set('Content-Type', `${type}; charset=utf-8`);
  return new Response(JSON.stringify(reply.body), {status: reply.status, headers});
}

function jsonSyntaxError(text: string, error: unknown, locale: string) {
  const message = error instanceof Error ? error.message : String(error);
  const explicit = /line (\d+) column (\d+)/.exec(message);
  let line = 1;
  let column = 1;
  if (explicit) {
    line = Number(explicit[1]);
    column = Number(explicit[2]);
  } else {
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    line = before.length;
    column = before[before.length - 1]!.length + 1;
  }
  return {
    field: '',
    code: 'syntax',
    message:
      locale === 'de'
        ? `Kein gültiges JSON in Zeile ${line}, Spalte ${column}: ${message}`
        : `Not valid JSON at line ${line}, column ${column}: ${message}`,
    line,
    column,
  };
}
