import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDevHost} from '../start-dev-host.js';
import {createPageHandler} from './create-page-handler.js';

let server: Server;
let base: string;
let outDir: string;
let publicDir: string;

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'crmkit-pages-'));
  publicDir = join(outDir, 'public');
  mkdirSync(join(outDir, 'assets', 'vendor'), {recursive: true});
  mkdirSync(join(outDir, 'plugins', 'demo'), {recursive: true});
  mkdirSync(publicDir);
  writeFileSync(join(outDir, 'assets', 'vendor', 'lit.js'), 'export const lit = 1;');
  mkdirSync(join(outDir, 'assets', 'chunks'));
  writeFileSync(join(outDir, 'assets', 'chunks', 'lit-ABC123.js'), 'export const chunk = 1;');
  writeFileSync(join(outDir, 'plugins', 'demo', 'plugin.json'), '{"id":"x"}');
  writeFileSync(join(outDir, 'secret.txt'), 'not served');
  writeFileSync(join(outDir, 'secret.js'), 'not served');
  writeFileSync(join(publicDir, 'pages.css'), 'body{}');
  const handle = createPageHandler(
    {outDir, importMap: {lit: '/assets/vendor/lit.js'}},
    {publicDir},
  );
  // The same contract as the dev host: the handler first, a 404 when it did not answer.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void handle(req, res, url).then((answered) => {
      if (!answered) res.writeHead(404).end('fallback 404');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(outDir, {recursive: true, force: true});
});

test('the three pages answer with their shell in the chosen language', async () => {
  for (const [path, script] of [
    ['/', 'lead-list'],
    ['/leads/L-1001', 'lead-detail'],
    ['/admin', 'admin'],
  ] as const) {
    const res = await fetch(`${base}${path}?lang=de`);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-language'), 'de');
    const body = await res.text();
    assert.match(body, new RegExp(`src="/assets/${script}.js"`), path);
    assert.match(body, /<html lang="de">/);
  }
});

test('the lead id reaches the detail page config, decoded', async () => {
  const body = await (await fetch(`${base}/leads/L%2D1001`)).text();
  assert.match(body, /"leadId":"L-1001"/);
});

test('?as= signs in through the host: its HttpOnly session cookie, honoured next time; no token in the page', async () => {
  // The real host behind the pages (sessions are its routes), with this test's page files.
  const host = await startDevHost({
    pages: createPageHandler({outDir, importMap: {lit: '/assets/vendor/lit.js'}}, {publicDir}),
  });
  try {
    const first = await fetch(`${host.url}/?as=lena&lang=en`);
    const cookies = first.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('crmkit_session='))!;
    assert.match(session, /HttpOnly; SameSite=Strict/);
    const firstBody = await first.text();
    assert.match(firstBody, /"userId":"lena"/);
    assert.doesNotMatch(firstBody, /crs_|"token"/);
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const second = await fetch(`${host.url}/admin`, {headers: {cookie: jar}});
    assert.equal(second.headers.getSetCookie().length, 0);
    const body = await second.text();
    assert.match(body, /"userId":"lena"/);
    assert.match(body, /<option value="lena" selected>/);
    assert.ok(
      !body.includes(session.split(';')[0]!.split('=')[1]!),
      'the cookie value is not in the page',
    );
    const unknown = await (await fetch(`${host.url}/?as=nobody`)).text();
    assert.match(unknown, /"userId":null,"unknownAs":"nobody"/);
    const out = await fetch(`${host.url}/?as=`, {headers: {cookie: jar}});
    assert.match(out.headers.getSetCookie().join(), /crmkit_session=; .*Max-Age=0/);
    assert.match(await out.text(), /"userId":null/);
  } finally {
    await host.close();
  }
});

test('bundles, plugin files and public files are served with their types', async () => {
  const lit = await fetch(`${base}/assets/vendor/lit.js`);
  assert.equal(lit.status, 200);
  assert.equal(lit.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await lit.text(), 'export const lit = 1;');
  // Plugin files are the host's (stored packages), not the pages'.
  assert.equal((await fetch(`${base}/plugins/demo/plugin.json`)).status, 404);
  assert.equal(
    (await fetch(`${base}/pages.css`)).headers.get('content-type'),
    'text/css; charset=utf-8',
  );
});

test('the bundles are CORS-open for sandboxed plugin frames (an opaque origin); public files are not', async () => {
  const lit = await fetch(`${base}/assets/vendor/lit.js`, {headers: {Origin: 'null'}});
  assert.equal(lit.headers.get('access-control-allow-origin'), '*');
  assert.equal(lit.headers.get('access-control-allow-credentials'), null);
  const css = await fetch(`${base}/pages.css`, {headers: {Origin: 'null'}});
  assert.equal(css.headers.get('access-control-allow-origin'), null);
});

test('bundles carry a validator: asked again with it, 304 and no bytes; hashed chunks are immutable', async () => {
  const first = await fetch(`${base}/assets/vendor/lit.js`);
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]{27}"$/);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const again = await fetch(`${base}/assets/vendor/lit.js`, {headers: {'If-None-Match': etag}});
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal(again.headers.get('access-control-allow-origin'), '*');
  // Another content, another tag: a stale copy is never kept.
  const other = await fetch(`${base}/assets/vendor/lit.js`, {headers: {'If-None-Match': '"x"'}});
  assert.equal(other.status, 200);
  const chunk = await fetch(`${base}/assets/chunks/lit-ABC123.js`);
  assert.equal(chunk.status, 200);
  assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

test('HEAD answers without a body', async () => {
  const res = await fetch(`${base}/assets/vendor/lit.js`, {method: 'HEAD'});
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-length'), '21');
  assert.equal(await res.text(), '');
});

test('nothing outside the served folders is reachable, also with encoded dots', async () => {
  for (const path of [
    '/assets/%2E%2E/secret.js',
    '/assets/..%2Fsecret.js',
    '/plugins/..%2F..%2Fsecret.js',
    '/assets/vendor',
    '/secret.txt',
    '/assets/vendor/missing.js',
    '/assets/%00.js',
  ]) {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 404, path);
    assert.equal(await res.text(), 'fallback 404', path);
  }
});

test('other methods and unknown paths are left to the server', async () => {
  assert.equal((await fetch(`${base}/`, {method: 'POST'})).status, 404);
  assert.equal((await fetch(`${base}/leads/`)).status, 404);
  assert.equal((await fetch(`${base}/leads/a/b`)).status, 404);
});
