// End to end: the lead list on a host with 450 leads (the 50 demo leads and 400 more) asks for 200 at
// a time and shows all 450 after two presses of its "more" button, reached and pressed by keyboard
// only, labelled in German and English; the keyboard focus goes on at the first lead that came, and
// axe-core finds nothing on the paged list. The paging logic itself is tested beside the page
// (packages/dev-host/src/pages/client/lead-pager.test.ts).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright-core';
import {axeViolations, startE2eHost, type E2eHost} from './start-e2e-host.js';

let e2e: E2eHost;
const EXTRA = 400;

before(async () => {
  e2e = await startE2eHost();
  const insert = e2e.host.db.prepare(
    `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
       version, country, region, rating, source)
     VALUES (?, 'Paged', ?, 'Paging GmbH', 'Qualified', 'max', 'max', 1, 'DE', 'EMEA', 'A', 'Web')`,
  );
  e2e.host.db.transaction(() => {
    for (let i = 0; i < EXTRA; i++) insert.run(`L-9${String(i).padStart(4, '0')}`, `Lead ${i}`);
  })();
});
after(() => e2e?.close());

interface Opened {
  page: Page;
  /** The `limit`, `after` and `status` of every `GET /api/leads` the page sent. */
  requests: Array<{limit: string | null; after: string | null; status: string | null}>;
  errors: string[];
}

/** `path` as max in `lang`, recording the page's lead requests from its very first one. */
async function openList(path: string, lang: 'de' | 'en'): Promise<Opened> {
  const context = await e2e.browser.newContext({locale: lang === 'de' ? 'de-DE' : 'en-US'});
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const opened: Opened = {page, requests: [], errors: []};
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/api/leads') return;
    const get = (name: string) => url.searchParams.get(name);
    opened.requests.push({limit: get('limit'), after: get('after'), status: get('status')});
  });
  await page.goto(`${e2e.url}${path}${path.includes('?') ? '&' : '?'}as=max&lang=${lang}`);
  return opened;
}

const rows = (page: Page) => page.locator('table.leads tbody tr');

/** Tabs from the focused element until `name` has the focus (at most `max` presses). */
async function tabTo(page: Page, name: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  assert.fail(`Tab never reached "${name}"`);
}

describe('the lead list on a host with 450 leads', () => {
  for (const {lang, more, shown, all} of [
    {
      lang: 'en' as const,
      more: 'Show more leads',
      shown: (n: number) => `${n} leads shown; more follow.`,
      all: '450 leads',
    },
    {
      lang: 'de' as const,
      more: 'Weitere Leads anzeigen',
      shown: (n: number) => `${n} Leads angezeigt; weitere folgen.`,
      all: '450 Leads',
    },
  ]) {
    test(`${lang}: 200 at a time, all 450 after two presses of "${more}" by keyboard`, async () => {
      const {page, requests, errors} = await openList('/', lang);
      const count = page.locator('#lead-count');
      await count.getByText(shown(200), {exact: true}).waitFor();
      assert.equal(await count.getAttribute('role'), 'status');
      assert.equal(await rows(page).count(), 200);
      assert.deepEqual(requests, [{limit: '200', after: null, status: null}]);

      const button = page.getByRole('button', {name: more});
      // Keyboard only: the button follows the table's last link in the Tab order.
      await page.locator('table.leads tbody tr:last-child a').focus();
      await tabTo(page, more);
      await page.keyboard.press('Enter');
      await count.getByText(shown(400), {exact: true}).waitFor();
      assert.equal(await rows(page).count(), 400);
      // The focus went on at the first lead that came (row 0 is the header row).
      assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex), 201);
      const hrefs = () =>
        page
          .locator('table.leads tbody tr a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const firstTwo = await hrefs();
      assert.equal(requests[1]?.after, decodeURIComponent(firstTwo[199]!.slice('/leads/'.length)));

      await button.focus();
      await page.keyboard.press('Space');
      await count.getByText(all, {exact: true}).waitFor();
      assert.equal(await rows(page).count(), 450);
      assert.equal(await button.count(), 0, 'no button once the host has no more');
      assert.equal(requests.length, 3);
      assert.ok(
        requests.every((r) => r.limit === '200'),
        JSON.stringify(requests),
      );
      const ids = await hrefs();
      assert.equal(new Set(ids).size, 450);
      assert.deepEqual(ids, [...ids].sort());
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  test('the pages of a filtered list keep its Lead Status; the paged list passes axe-core', async () => {
    const {page, requests, errors} = await openList('/?status=Qualified', 'en');
    const button = page.getByRole('button', {name: 'Show more leads'});
    await button.waitFor();
    assert.deepEqual(await axeViolations(page), []);
    while ((await button.count()) > 0) {
      const before = await rows(page).count();
      await button.click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('table.leads tbody tr').length > n,
        before,
      );
    }
    await page
      .locator('#lead-count')
      .getByText(/^\d+ leads$/)
      .waitFor();
    assert.equal(requests.length, 3, JSON.stringify(requests));
    assert.ok(
      requests.every((r) => r.limit === '200' && r.status === 'Qualified'),
      JSON.stringify(requests),
    );
    const statuses = await page.locator('table.leads tbody td .status').allInnerTexts();
    const qualified = await e2e.rest('max', 'GET', '/api/leads?status=Qualified&limit=1000');
    assert.equal(statuses.length, qualified.body.length);
    assert.ok(statuses.length > EXTRA, 'the Qualified demo leads and the 400 added');
    assert.ok(statuses.every((s) => s === 'Qualified'));
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a list of one page has no button', async () => {
    const {page} = await openList('/?status=Converted', 'de');
    await page.getByRole('table').waitFor();
    assert.match(await page.locator('#lead-count').innerText(), /^\d+ Leads$/);
    assert.equal(await page.getByRole('button', {name: 'Weitere Leads anzeigen'}).count(), 0);
    await page.context().close();
  });
});
