// End to end in Chromium: a host page on another origin (issue 11). Two tiny node:http servers serve a
// blank page each on their own port (two origins); the dev host allows only the first. From the allowed
// page, fetch with a Bearer token passes the browser's preflight and reads the answer and the exposed
// headers; from the other, the browser blocks it (TypeError) and a reject is never even sent.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import {chromium, type Browser, type Page} from 'playwright-core';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {chromiumArgs, findChromium} from './chromium.js';

/** A server on a free loopback port answering every path with an empty page: an origin of its own. */
async function startPageServer(): Promise<{origin: string; server: Server}> {
  const server = createServer((_req, res) => {
    res.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
    res.end('<!doctype html><html lang="en"><title>host page</title><h1>host page</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {origin: `http://127.0.0.1:${port}`, server};
}

let allowedPage: {origin: string; server: Server};
let foreignPage: {origin: string; server: Server};
let host: DevHost;
let browser: Browser;

before(async () => {
  allowedPage = await startPageServer();
  foreignPage = await startPageServer();
  host = await startDevHost({port: 0, allowedOrigins: [allowedPage.origin]});
  browser = await chromium.launch({
    executablePath: findChromium({install: true}),
    args: [...chromiumArgs],
  });
});
after(async () => {
  await browser?.close();
  await host?.close();
  allowedPage?.server.close();
  foreignPage?.server.close();
});

/** A fresh page showing `origin`'s blank page. */
async function openAt(origin: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${origin}/`);
  return page;
}

interface Fetched {
  status?: number;
  body?: unknown;
  replayed?: string | null;
  error?: string;
}

/** `fetch(api + path, init)` run by the page's own script, as a host page's code would. */
const fetchFrom = (page: Page, path: string, init: RequestInit) =>
  page.evaluate(
    async ({url, init}): Promise<Fetched> => {
      try {
        const response = await fetch(url, init);
        const text = await response.text();
        return {
          status: response.status,
          body: text ? JSON.parse(text) : undefined,
          replayed: response.headers.get('Idempotent-Replayed'),
        };
      } catch (error) {
        return {error: `${(error as Error).name}: ${(error as Error).message}`};
      }
    },
    {url: `${host.url}${path}`, init},
  );

/** A Qualified lead and its version, read by the test itself (no browser involved). */
async function qualifiedLead(): Promise<{id: string; version: number}> {
  const response = await fetch(`${host.url}/api/leads?status=Qualified`, {
    headers: {authorization: 'Bearer max'},
  });
  const leads = (await response.json()) as Array<{id: string; version: number}>;
  return leads[0]!;
}

const leadStatus = async (id: string) => {
  const response = await fetch(`${host.url}/api/leads/${id}`, {
    headers: {authorization: 'Bearer max'},
  });
  return ((await response.json()) as {status: string}).status;
};

describe('a host page on another origin', () => {
  test('from an allowed origin, GET /api/me with a Bearer token succeeds', async () => {
    const page = await openAt(allowedPage.origin);
    const me = await fetchFrom(page, '/api/me', {
      headers: {Authorization: 'Bearer max', 'Accept-Language': 'de'},
    });
    assert.equal(me.error, undefined);
    assert.equal(me.status, 200);
    assert.equal((me.body as {id: string}).id, 'max');
    await page.context().close();
  });

  test('from an allowed origin, a reject with JSON, If-Match and Idempotency-Key works and its replay header is readable', async () => {
    const lead = await qualifiedLead();
    const page = await openAt(allowedPage.origin);
    const init: RequestInit = {
      method: 'POST',
      headers: {
        Authorization: 'Bearer max',
        'Content-Type': 'application/json',
        'If-Match': String(lead.version),
        'Idempotency-Key': `cors-e2e-${lead.id}`,
      },
      body: JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
    };
    const first = await fetchFrom(page, `/api/leads/${lead.id}/reject`, init);
    assert.equal(first.error, undefined);
    assert.equal(first.status, 200);
    assert.equal(first.replayed, null);
    const again = await fetchFrom(page, `/api/leads/${lead.id}/reject`, init);
    assert.equal(again.status, 200);
    assert.equal(again.replayed, 'true', 'Idempotent-Replayed is exposed to the page');
    assert.equal(await leadStatus(lead.id), 'Rejected');
    await page.context().close();
  });

  test('from an origin not in the list, the browser blocks GET /api/me (TypeError)', async () => {
    const page = await openAt(foreignPage.origin);
    const me = await fetchFrom(page, '/api/me', {headers: {Authorization: 'Bearer max'}});
    assert.equal(me.status, undefined);
    assert.match(me.error ?? '', /^TypeError: Failed to fetch/);
    await page.context().close();
  });

  test('from an origin not in the list, a reject is blocked at the preflight and never sent', async () => {
    const lead = await qualifiedLead();
    const page = await openAt(foreignPage.origin);
    const reject = await fetchFrom(page, `/api/leads/${lead.id}/reject`, {
      method: 'POST',
      headers: {Authorization: 'Bearer max', 'Content-Type': 'application/json'},
      body: JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
    });
    assert.match(reject.error ?? '', /^TypeError: Failed to fetch/);
    assert.equal(await leadStatus(lead.id), 'Qualified', 'the 403 preflight stopped the POST');
    await page.context().close();
  });
});
