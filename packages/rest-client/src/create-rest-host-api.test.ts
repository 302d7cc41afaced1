import {after, afterEach, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {http, HttpResponse} from 'msw';
import {setupServer} from 'msw/node';
import {HostApiError, NetworkError} from '@crmkit/sdk';
import {createRestAdminApi} from './create-rest-admin-api.js';
import {createRestHostApi, nextLeadPage} from './create-rest-host-api.js';

const baseUrl = 'http://crm.test';
const seen: Request[] = [];
const server = setupServer();
before(() => server.listen({onUnhandledRequest: 'error'}));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

const answer = (body: unknown, init?: ResponseInit) =>
  http.all(`${baseUrl}/api/*`, ({request}) => {
    seen.push(request.clone());
    return HttpResponse.json(body as Record<string, unknown>, init);
  });

const lead = {id: 'L-1', status: 'Rejected', version: 2};

test('every call sends the bearer token, JSON Accept and the client locale', async () => {
  server.use(answer({id: 'max'}));
  const api = createRestHostApi({baseUrl: `${baseUrl}/`, token: 'max', locale: 'de'});
  assert.deepEqual(await api.getCurrentUser(), {id: 'max'});
  const request = seen[0]!;
  assert.equal(request.url, `${baseUrl}/api/me`);
  assert.equal(request.method, 'GET');
  assert.equal(request.headers.get('Authorization'), 'Bearer max');
  assert.equal(request.headers.get('Accept-Language'), 'de');
  assert.match(request.headers.get('Accept') ?? '', /application\/json/);
  assert.equal(request.headers.get('Content-Type'), null);
});

test('in a host page: no token, signed in by the session cookie with the CSRF header the host requires', async () => {
  server.use(answer({id: 'max'}));
  const inits: RequestInit[] = [];
  const api = createRestHostApi({
    baseUrl,
    credentials: 'same-origin',
    fetch: (input, init) => {
      inits.push(init ?? {});
      return fetch(input, init);
    },
  });
  await api.getCurrentUser();
  const request = seen[0]!;
  assert.equal(request.headers.get('Authorization'), null);
  assert.equal(request.headers.get('X-Crmkit-Csrf'), '1');
  assert.equal(inits[0]!.credentials, 'same-origin');
  // Neither a token nor the cookie mode: a mistake, said before any request.
  assert.throws(() => createRestHostApi({} as never), /credentials: "same-origin"/);
});

test('rejectLead posts the JSON body with If-Match as a quoted version and the caller’s Idempotency-Key', async () => {
  server.use(answer({lead}));
  const api = createRestHostApi({baseUrl, token: 'max'});
  const result = await api.rejectLead(
    'L 1/2',
    {rejectCode: 'OTHER', rejectReason: 'x', reassignOwner: true},
    {ifMatch: 3, idempotencyKey: 'key-1'},
  );
  assert.deepEqual(result, {lead});
  const request = seen[0]!;
  assert.equal(request.method, 'POST');
  assert.equal(new URL(request.url).pathname, '/api/leads/L%201%2F2/reject');
  assert.equal(request.headers.get('If-Match'), '"3"');
  assert.equal(request.headers.get('Idempotency-Key'), 'key-1');
  assert.equal(request.headers.get('Content-Type'), 'application/json');
  assert.deepEqual(await request.json(), {
    rejectCode: 'OTHER',
    rejectReason: 'x',
    reassignOwner: true,
  });
});

test('rejectLead without options invents no Idempotency-Key and sends no If-Match', async () => {
  server.use(answer({lead}));
  await createRestHostApi({baseUrl, token: 'max'}).rejectLead('L-1', {
    rejectCode: 'DUPLICATE',
    reassignOwner: false,
  });
  assert.equal(seen[0]!.headers.get('Idempotency-Key'), null);
  assert.equal(seen[0]!.headers.get('If-Match'), null);
});

test('listLeads passes the status filter; getRejectCodes asks for the given locale', async () => {
  server.use(answer([]));
  const api = createRestHostApi({baseUrl, token: 'lena', locale: 'de'});
  await api.listLeads({status: 'Qualified'});
  await api.listLeads();
  await api.getRejectCodes({locale: 'en'});
  await api.getLeadSettings();
  await api.listPluginInstallations();
  assert.deepEqual(
    seen.map((r) => new URL(r.url).pathname + new URL(r.url).search),
    [
      '/api/leads?status=Qualified',
      '/api/leads',
      '/api/picklists/reject-codes',
      '/api/settings/lead',
      '/api/plugins',
    ],
  );
  assert.equal(seen[2]!.headers.get('Accept-Language'), 'en');
});

test('listPluginInstallations returns the enabled plugins with their stored manifests, as sent', async () => {
  const manifest = {
    id: 'dev.crmkit.reject-lead',
    name: 'reject-lead',
    version: '0.2.0',
    sdk: '^0.1.0',
    displayName: {en: 'Reject Lead'},
    entry: 'dist/index.js',
    integrity: `sha384-${'A'.repeat(64)}`,
    elements: [{tag: 'crm-reject-lead', extensionPoint: 'lead.detail.actions'}],
    actions: [],
    permissions: ['leads.read'],
  };
  const installed = [
    {
      id: manifest.id,
      version: manifest.version,
      manifest,
      baseUrl: '/plugins/dev.crmkit.reject-lead/0.2.0/',
      entryUrl: '/plugins/dev.crmkit.reject-lead/0.2.0/dist/index.js',
      integrity: manifest.integrity,
      config: {reassignOwnerDefault: true},
      isolation: 'page',
    },
  ];
  server.use(answer(installed));
  const api = createRestHostApi({baseUrl, token: 'max'});
  const plugins = await api.listPluginInstallations();
  assert.deepEqual(plugins, installed);
  assert.equal(new URL(seen[0]!.url).pathname, '/api/plugins');
  assert.equal(seen[0]!.method, 'GET');
  // What a page hands to <crm-plugin-host>: the stored manifest and the folder its entry resolves in.
  const [plugin] = plugins;
  assert.equal(
    new URL(plugin!.manifest.entry, `${baseUrl}${plugin!.baseUrl}`).pathname,
    plugin!.entryUrl,
  );
});

test('a problem+json answer becomes a HostApiError with status, code, detail and field errors', async () => {
  const problem = {
    type: 'urn:crmkit:problem:reason-required',
    status: 422,
    title: 'Reject reason required',
    detail: 'Enter a reason.',
    code: 'reason-required',
    errors: [{field: '/rejectReason', code: 'reason-required', message: 'Enter one.'}],
  };
  server.use(
    http.post(`${baseUrl}/api/leads/:id/reject`, () =>
      HttpResponse.json(problem, {
        status: 422,
        headers: {'Content-Type': 'application/problem+json'},
      }),
    ),
  );
  const api = createRestHostApi({baseUrl, token: 'max'});
  const error = await api
    .rejectLead('L-1', {rejectCode: 'OTHER', reassignOwner: false})
    .catch((e: unknown) => e);
  assert.ok(error instanceof HostApiError);
  assert.equal(error.status, 422);
  assert.equal(error.code, 'reason-required');
  assert.equal(error.message, 'Enter a reason.');
  assert.deepEqual(error.errors, problem.errors);
});

test('an error answer that is not a problem document is a HostApiError unexpected-response', async () => {
  server.use(
    http.get(
      `${baseUrl}/api/me`,
      () =>
        new HttpResponse('<h1>Bad Gateway</h1>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: {'Content-Type': 'text/html'},
        }),
    ),
  );
  const error = await createRestHostApi({baseUrl, token: 'max'})
    .getCurrentUser()
    .catch((e: unknown) => e);
  assert.ok(error instanceof HostApiError);
  assert.equal(error.code, 'unexpected-response');
  assert.equal(error.status, 502);
  assert.match(error.message, /502 Bad Gateway without a problem document/);
});

test('a 200 whose body is not JSON is reported, not parsed into garbage', async () => {
  server.use(http.get(`${baseUrl}/api/me`, () => new HttpResponse('hello', {status: 200})));
  await assert.rejects(createRestHostApi({baseUrl, token: 'max'}).getCurrentUser(), {
    code: 'unexpected-response',
    message: /not JSON/,
  });
});

test('a fetch that fails is a NetworkError naming the call, with the cause kept', async () => {
  server.use(http.get(`${baseUrl}/api/leads/:id`, () => HttpResponse.error()));
  const error = await createRestHostApi({baseUrl, token: 'max'})
    .getLead('L-1')
    .catch((e: unknown) => e);
  assert.ok(error instanceof NetworkError);
  assert.equal(error.code, 'network-error');
  assert.match(error.message, /GET http:\/\/crm\.test\/api\/leads\/L-1/);
  assert.ok(error.cause);
});

test('an injected fetch is used, and its failure is a NetworkError too', async () => {
  const calls: string[] = [];
  const api = createRestHostApi({
    baseUrl: 'http://elsewhere.test',
    token: 'max',
    fetch: async (input) => {
      calls.push(String(input));
      throw new TypeError('connection refused');
    },
  });
  await assert.rejects(
    api.getLeadSettings(),
    (e: unknown) => e instanceof NetworkError && /connection refused/.test(e.message),
  );
  assert.deepEqual(calls, ['http://elsewhere.test/api/settings/lead']);
});

test('an aborted call rejects with the abort reason, not a NetworkError', async () => {
  server.use(
    http.get(`${baseUrl}/api/leads`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return HttpResponse.json([]);
    }),
  );
  const controller = new AbortController();
  const pending = createRestHostApi({baseUrl, token: 'max'}).listLeads(
    {},
    {signal: controller.signal},
  );
  controller.abort();
  const error = await pending.catch((e: unknown) => e);
  assert.ok(!(error instanceof NetworkError));
  assert.equal((error as Error).name, 'AbortError');
});

test('bad arguments are refused before any request, naming what is wrong', async () => {
  assert.throws(() => createRestHostApi({baseUrl, token: ''}), /`token` must be/);
  assert.throws(() => createRestAdminApi({baseUrl, token: ' '}), /`token` must be/);
  const api = createRestHostApi({baseUrl, token: 'max'});
  await assert.rejects(api.getLead(''), /lead id must be a non-empty string/);
  await assert.rejects(
    api.rejectLead('L-1', {rejectCode: 'DUPLICATE', reassignOwner: false}, {ifMatch: 0}),
    /ifMatch must be the lead's version/,
  );
  assert.equal(seen.length, 0);
});

/** A host that pages `total` leads `size` at a time, with Link rel="next" (and `link` to override). */
const pagingHost = (total: number, size: number, link?: (after: string) => string) =>
  http.get(`${baseUrl}/api/leads`, ({request}) => {
    seen.push(request.clone());
    const url = new URL(request.url);
    const all = Array.from({length: total}, (_, i) => ({id: `L-${1001 + i}`, status: 'Qualified'}));
    const after = url.searchParams.get('after');
    const limit = Number(url.searchParams.get('limit') ?? size);
    const rest = all.filter((l) => after === null || l.id > after);
    const page = rest.slice(0, limit);
    const last = page[page.length - 1]?.id ?? '';
    const headers: Record<string, string> =
      rest.length > limit
        ? {Link: link?.(last) ?? `</api/leads?after=${last}&limit=${limit}>; rel="next"`}
        : {};
    return HttpResponse.json(page, {headers});
  });

const requested = () =>
  seen.map((r) => new URL(r.url).host + new URL(r.url).pathname + new URL(r.url).search);

test('listLeads follows Link rel="next" to the last page, so callers still get every lead', async () => {
  server.use(pagingHost(5, 2));
  const api = createRestHostApi({baseUrl, token: 'lena'});
  const leads = await api.listLeads();
  assert.deepEqual(
    leads.map((l) => l.id),
    ['L-1001', 'L-1002', 'L-1003', 'L-1004', 'L-1005'],
  );
  assert.deepEqual(requested(), [
    'crm.test/api/leads',
    'crm.test/api/leads?after=L-1002&limit=2',
    'crm.test/api/leads?after=L-1004&limit=2',
  ]);
  assert.ok(seen.every((r) => r.headers.get('Authorization') === 'Bearer lena'));
});

test('with limit or after, listLeads reads that one page; listLeadPage also gives the next query', async () => {
  server.use(pagingHost(5, 2));
  const api = createRestHostApi({baseUrl, token: 'lena'});
  assert.deepEqual(
    (await api.listLeads({status: 'Qualified', limit: 3})).map((l) => l.id),
    ['L-1001', 'L-1002', 'L-1003'],
  );
  const page = await api.listLeadPage({after: 'L-1001', limit: 2});
  assert.deepEqual(
    page.leads.map((l) => l.id),
    ['L-1002', 'L-1003'],
  );
  assert.deepEqual(page.next, {after: 'L-1003', limit: 2});
  assert.equal((await api.listLeadPage({after: 'L-1003', limit: 2})).next, undefined);
  assert.deepEqual(requested(), [
    'crm.test/api/leads?status=Qualified&limit=3',
    'crm.test/api/leads?after=L-1001&limit=2',
    'crm.test/api/leads?after=L-1003&limit=2',
  ]);
});

test('a Link to another origin is followed on the same host: the token never leaves it', async () => {
  server.use(
    pagingHost(3, 1, (last) => `<http://evil.test/steal?after=${last}&limit=1>; rel="next"`),
  );
  const leads = await createRestHostApi({baseUrl, token: 'max'}).listLeads();
  assert.equal(leads.length, 3);
  assert.ok(
    requested().every((r) => r.startsWith('crm.test/api/leads')),
    requested().join(' '),
  );
});

test('a Link that points back to a page already read ends the walk instead of looping', async () => {
  server.use(pagingHost(3, 1, () => '</api/leads?after=L-1001&limit=1>; rel="next"'));
  const leads = await createRestHostApi({baseUrl, token: 'max'}).listLeads();
  assert.deepEqual(
    leads.map((l) => l.id),
    ['L-1001', 'L-1002'],
  );
  assert.equal(seen.length, 2);
});

test('nextLeadPage reads the next link among others, quoted, unquoted or with several relations', () => {
  assert.equal(nextLeadPage(null), undefined);
  assert.equal(nextLeadPage('</api/leads?after=L-9>; rel="prev"'), undefined);
  assert.deepEqual(
    nextLeadPage(
      '</api/leads?after=L-1>; rel="prev", </api/leads?status=Qualified&after=L-9&limit=50>; rel=next',
    ),
    {after: 'L-9', limit: 50, status: 'Qualified'},
  );
  assert.deepEqual(nextLeadPage('</api/leads?after=L%2F9&limit=x>; title="a"; rel="last next"'), {
    after: 'L/9',
  });
});
