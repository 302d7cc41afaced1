// CORS of the dev host over real HTTP (a host page on another origin, issue 11): an allowed origin gets
// the headers and its preflight, a foreign one none and a 403 preflight in the caller's language, the
// default allows none, same-origin requests are untouched; `/plugins/` goes to host-core, never to the
// pages; and main.ts refuses a malformed CRMKIT_ALLOWED_ORIGINS with exit 2.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {OPENAPI_DOCUMENT} from '@crmkit/host-core';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';
import type {ApiAnswer, ApiCall} from './api-test-client.js';
import {
  AllowedOriginError,
  CORS_ALLOWED_HEADERS,
  CORS_EXPOSED_HEADERS,
  checkAllowedOrigins,
  parseAllowedOrigins,
} from './cors.js';

const ALLOWED = 'https://crm.example.com';
const ALSO_ALLOWED = 'http://localhost:5173';
const FOREIGN = 'https://evil.example.net';

/** The access-control-* headers of an answer, by lower-case name. */
const corsHeaders = (answer: ApiAnswer) =>
  Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('access-control-')));

/** A preflight as a browser sends it before a reject (JSON body, If-Match, Idempotency-Key). */
const preflight = (origin: string, language = 'en'): ApiCall => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type,idempotency-key,if-match',
    'accept-language': language,
  },
});

const listed = (value: string | null) =>
  (value ?? '').split(',').map((part) => part.trim().toLowerCase());

describe('with allowed origins', () => {
  let host: DevHost;
  let call: (path: string, call?: ApiCall) => Promise<ApiAnswer>;
  let pageCalls: string[];

  before(async () => {
    pageCalls = [];
    host = await startDevHost({
      port: 0,
      allowedOrigins: [ALLOWED, ALSO_ALLOWED],
      // A pages handler that would answer anything: proves which requests never reach it.
      pages: async (_req, res, url) => {
        pageCalls.push(url.pathname);
        res.writeHead(200, {'content-type': 'application/json'});
        res.end('{"from": "pages"}');
        return true;
      },
    });
    call = apiTestClient(host.url);
  });
  after(() => host.close());

  test('an allowed origin gets its origin, Vary and the exposed headers on GET /api/me', async () => {
    for (const origin of [ALLOWED, ALSO_ALLOWED]) {
      const me = await call('/api/me', {token: 'max', headers: {origin}});
      assert.equal(me.status, 200);
      assert.equal(me.body.id, 'max');
      assert.equal(me.headers.get('access-control-allow-origin'), origin);
      assert.ok(listed(me.headers.get('vary')).includes('origin'));
      assert.deepEqual(listed(me.headers.get('access-control-expose-headers')), [
        'idempotent-replayed',
        'link',
        'www-authenticate',
        'allow',
        'retry-after',
      ]);
      // Bearer tokens only: never the credentials mode (cookies) across origins.
      assert.equal(me.headers.get('access-control-allow-credentials'), null);
    }
    // A refusal is readable too (the page can show why), with WWW-Authenticate exposed.
    const unsigned = await call('/api/me', {headers: {origin: ALLOWED}});
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(unsigned.headers.get('www-authenticate'), 'Bearer');
  });

  test('an allowed origin’s preflight is 204 with methods, headers and Max-Age 600, before auth', async () => {
    const answer = await call('/api/leads/L-1001/reject', preflight(ALLOWED));
    assert.equal(answer.status, 204);
    assert.equal(answer.body, undefined);
    assert.deepEqual(corsHeaders(answer), {
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers':
        'Authorization, Content-Type, If-Match, Idempotency-Key, Accept-Language',
      'access-control-max-age': '600',
    });
    assert.ok(listed(answer.headers.get('vary')).includes('origin'));
    // The PUT of an admin route too: the preflight answers for the whole API.
    const admin = await call('/api/admin/settings/lead', {
      method: 'OPTIONS',
      headers: {origin: ALSO_ALLOWED, 'access-control-request-method': 'PUT'},
    });
    assert.equal(admin.status, 204);
    assert.equal(admin.headers.get('access-control-allow-origin'), ALSO_ALLOWED);
  });

  test('a foreign origin gets no CORS headers; the answer itself is unchanged', async () => {
    const me = await call('/api/me', {token: 'max', headers: {origin: FOREIGN}});
    assert.equal(me.status, 200, 'the server answers; the browser keeps it from the page');
    assert.deepEqual(corsHeaders(me), {});
    assert.ok(listed(me.headers.get('vary')).includes('origin'), 'a cache must key on Origin');
    // Near misses of an allowed origin are foreign: matched exactly.
    for (const origin of ['http://crm.example.com', 'https://crm.example.com:8443', 'null']) {
      const near = await call('/api/me', {token: 'max', headers: {origin}});
      assert.deepEqual(corsHeaders(near), {}, origin);
    }
  });

  test('a foreign origin’s preflight is 403 problem+json in the caller’s language (de, en)', async () => {
    const en = await call('/api/leads/L-1001/reject', preflight(FOREIGN, 'en'));
    assert.equal(en.status, 403);
    assert.match(en.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.deepEqual(corsHeaders(en), {});
    assert.equal(en.body.status, 403);
    assert.equal(en.body.code, 'origin-not-allowed');
    assert.equal(en.body.title, 'Origin not allowed');
    assert.equal(
      en.body.detail,
      `Requests from the origin "${FOREIGN}" are not allowed: this host accepts cross-origin requests only from the exact origins in its list of allowed origins (CRMKIT_ALLOWED_ORIGINS). To allow this one, start the host with CRMKIT_ALLOWED_ORIGINS=${FOREIGN}.`,
    );
    const de = await call('/api/leads/L-1001/reject', preflight(FOREIGN, 'de-DE,de;q=0.9'));
    assert.equal(de.status, 403);
    assert.equal(de.body.code, 'origin-not-allowed');
    assert.equal(
      de.body.detail,
      `Anfragen vom Ursprung „${FOREIGN}“ sind nicht erlaubt: Dieser Host nimmt ursprungsübergreifende Anfragen nur von den genauen Ursprüngen in seiner Liste erlaubter Ursprünge an (CRMKIT_ALLOWED_ORIGINS). Um diesen zu erlauben, starten Sie den Host mit CRMKIT_ALLOWED_ORIGINS=${FOREIGN}.`,
    );
  });

  test('same-origin requests are untouched: no Origin, or the host’s own origin', async () => {
    const plain = await call('/api/me', {token: 'max'});
    assert.equal(plain.status, 200);
    assert.deepEqual(corsHeaders(plain), {});
    // A browser sends Origin on a same-origin POST: it is not refused and needs nothing.
    const own = await call('/api/leads/L-1001', {token: 'max', headers: {origin: host.url}});
    assert.equal(own.status, 200);
    assert.deepEqual(corsHeaders(own), {});
    // OPTIONS from the own origin is no cross-origin preflight: host-core answers it (405), no 403.
    const options = await call('/api/me', preflight(host.url));
    assert.equal(options.status, 405);
    assert.equal(options.body.code, 'method-not-allowed');
  });

  test('/plugins/… goes to host-core like /api/…, never to the pages, with CORS', async () => {
    pageCalls.length = 0;
    const file = await call('/plugins/dev.crmkit.none/1.0.0/index.js', {
      headers: {origin: ALLOWED},
    });
    assert.equal(file.status, 404, 'nothing stored there');
    assert.match(file.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(file.headers.get('access-control-allow-origin'), ALLOWED);
    const page = await call('/leads/L-1001');
    assert.equal(page.status, 200, 'the pages still answer their own paths');
    assert.deepEqual(pageCalls, ['/leads/L-1001']);
  });
});

test('by default (no list) no origin is allowed: no CORS headers, preflights 403', async () => {
  const host = await startDevHost({port: 0});
  try {
    const call = apiTestClient(host.url);
    const me = await call('/api/me', {token: 'max', headers: {origin: ALLOWED}});
    assert.equal(me.status, 200);
    assert.deepEqual(corsHeaders(me), {});
    assert.equal(me.headers.get('vary'), null, 'no answer depends on Origin');
    const answer = await call('/api/leads/L-1001/reject', preflight(ALLOWED, 'de'));
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'origin-not-allowed');
    assert.match(answer.body.detail, /^Anfragen vom Ursprung „https:\/\/crm\.example\.com“/);
    assert.deepEqual(corsHeaders(answer), {});
  } finally {
    await host.close();
  }
});

test('startDevHost refuses a malformed allowed origin, naming it', async () => {
  await assert.rejects(startDevHost({allowedOrigins: [ALLOWED, '*']}), (error: Error) => {
    assert.ok(error instanceof AllowedOriginError);
    assert.match(error.message, /^allowedOrigins: entry 2 "\*" is not an exact origin: a wildcard/);
    return true;
  });
});

describe('parsing CRMKIT_ALLOWED_ORIGINS', () => {
  test('exact origins, comma-separated, blanks and duplicates ignored; empty is none', () => {
    assert.deepEqual(parseAllowedOrigins(` ${ALLOWED}, ${ALSO_ALLOWED},,${ALLOWED} `), [
      ALLOWED,
      ALSO_ALLOWED,
    ]);
    assert.deepEqual(parseAllowedOrigins(''), []);
    assert.deepEqual(parseAllowedOrigins('http://[::1]:8080,https://xn--bcher-kva.de'), [
      'http://[::1]:8080',
      'https://xn--bcher-kva.de',
    ]);
  });

  const refused: Array<[entry: string, reason: RegExp, write: string]> = [
    ['*', /a wildcard \(\*\) is not accepted/, 'https://crm.example.com'],
    ['https://*.example.com', /a wildcard/, 'https://crm.example.com'],
    ['https://x.com/path', /it has a path or more after the host \("\/path"\)/, 'https://x.com'],
    ['https://x.com/', /it has a path or more after the host \("\/"\)/, 'https://x.com'],
    ['https://x.com?a=1', /path or more after the host \("\/\?a=1"\)/, 'https://x.com'],
    ['ftp://x', /the scheme must be http or https, not ftp/, 'https://x'],
    ['x.com', /it has no scheme/, 'https://x.com'],
    ['localhost:5173', /it has no scheme/, 'https://localhost:5173'],
    ['null', /sandboxed frames/, 'https://crm.example.com'],
    ['https://user:pw@x.com', /user name or password/, 'https://x.com'],
    [
      'https://CRM.example.com',
      /not written the way a browser sends it/,
      'https://crm.example.com',
    ],
    ['https://x.com:443', /not written the way a browser sends it/, 'https://x.com'],
    ['https://', /it is not a URL/, 'https://crm.example.com'],
  ];
  for (const [entry, reason, write] of refused) {
    test(`refuses ${JSON.stringify(entry)}, saying which entry, why and how to write it`, () => {
      assert.throws(
        () => parseAllowedOrigins(`${ALLOWED}, ${entry}`),
        (error: Error) => {
          assert.ok(error instanceof AllowedOriginError);
          assert.equal(error.entry, entry);
          assert.equal(error.position, 2);
          assert.ok(
            error.message.startsWith(`CRMKIT_ALLOWED_ORIGINS: entry 2 "${entry}" is not an exact`),
            error.message,
          );
          assert.match(error.message, reason);
          assert.ok(error.message.includes(`Write it as ${write} (`), error.message);
          return true;
        },
      );
    });
  }

  test('checkAllowedOrigins answers the list as given when it is well-formed', () => {
    assert.deepEqual(checkAllowedOrigins([ALLOWED]), [ALLOWED]);
  });
});

describe('main.ts (npm start) with a malformed CRMKIT_ALLOWED_ORIGINS', () => {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  /** Runs main.ts as `npm start` does; it must exit before building or listening. */
  const run = (env: Record<string, string>, args: string[] = []) =>
    new Promise<{code: number | null; stderr: string}>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--conditions=@crmkit/source', '--import', 'tsx', main, ...args],
        {
          env: {...process.env, PORT: '0', CRMKIT_DB: ':memory:', ...env},
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`main.ts did not exit within 30 s:\n${stderr}`));
      }, 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({code, stderr});
      });
    });

  for (const [value, message] of [
    ['*', 'CRMKIT_ALLOWED_ORIGINS: entry 1 "*" is not an exact origin: a wildcard'],
    [
      'https://ok.example.com,https://x.com/path',
      'CRMKIT_ALLOWED_ORIGINS: entry 2 "https://x.com/path" is not an exact origin: it has a path',
    ],
    ['ftp://x', 'CRMKIT_ALLOWED_ORIGINS: entry 1 "ftp://x" is not an exact origin: the scheme'],
  ] as const) {
    test(`CRMKIT_ALLOWED_ORIGINS=${value}: exit 2 with the entry and how to write it`, async () => {
      const {code, stderr} = await run({CRMKIT_ALLOWED_ORIGINS: value});
      assert.equal(code, 2, stderr);
      assert.ok(stderr.startsWith(`crmkit dev host: ${message}`), stderr);
      assert.match(stderr, /Write it as https:\/\/\S+ \(scheme http or https/);
      assert.match(stderr, /--allowed-origins <origins>/, 'the usage follows');
    });
  }

  test('--allowed-origins wins over the env and is named in the error', async () => {
    const {code, stderr} = await run({CRMKIT_ALLOWED_ORIGINS: ALLOWED}, [
      '--allowed-origins',
      'https://x.com/',
    ]);
    assert.equal(code, 2, stderr);
    assert.ok(stderr.startsWith('crmkit dev host: --allowed-origins: entry 1 "https://x.com/"'));
  });
});

test('the CORS lists cover every header the REST contract documents', () => {
  const requestHeaders = new Set<string>();
  const responseHeaders = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.in === 'header' && typeof object.name === 'string') requestHeaders.add(object.name);
    for (const [key, value] of Object.entries(object)) {
      if (key === 'headers' && value && typeof value === 'object') {
        for (const name of Object.keys(value)) responseHeaders.add(name);
      }
      walk(value);
    }
  };
  walk(OPENAPI_DOCUMENT);
  assert.ok(requestHeaders.size > 0 && responseHeaders.size > 0, 'the walk found headers');
  const lower = (names: Iterable<string>) => [...names].map((n) => n.toLowerCase());
  for (const name of lower(requestHeaders)) {
    assert.ok(lower(CORS_ALLOWED_HEADERS).includes(name), `request header ${name} not allowed`);
  }
  // Set-Cookie is a forbidden response header: no page script ever reads it, CORS or not (and the
  // session cookie is for the host's own pages only).
  for (const name of lower(responseHeaders).filter((n) => n !== 'set-cookie')) {
    assert.ok(lower(CORS_EXPOSED_HEADERS).includes(name), `answer header ${name} not exposed`);
  }
});
