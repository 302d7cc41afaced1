// The lead list's paging against the real thing: the dev host on SQLite over HTTP (its keyset pages
// and Link headers) and the rest client the page uses, counting every request the pager makes.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Lead} from '@crmkit/sdk';
import {createRestHostApi, type LeadPage, type LeadPageQuery} from '@crmkit/rest-client';
import {startDevHost, type DevHost} from '../../start-dev-host.js';
import {createLeadPager, LEAD_PAGE_SIZE, type FetchLeadPage} from './lead-pager.js';

/** A dev host with the 50 demo leads plus `extra` Qualified ones (ids `L-9…`, after the demo's). */
async function hostWith(extra: number): Promise<DevHost> {
  const host = await startDevHost({port: 0, db: ':memory:'});
  const insert = host.db.prepare(
    `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
       version, country, region, rating, source)
     VALUES (?, 'Paged', ?, 'Paging GmbH', 'Qualified', 'max', 'max', 1, 'DE', 'EMEA', 'A', 'Web')`,
  );
  host.db.transaction(() => {
    for (let i = 0; i < extra; i++) insert.run(`L-9${String(i).padStart(6, '0')}`, `Lead ${i}`);
  })();
  return host;
}

/** The rest client's listLeadPage as the page calls it, recording each query and answer. */
function recorded(host: DevHost) {
  const api = createRestHostApi({baseUrl: host.url, token: 'max'});
  const requests: Array<{query: LeadPageQuery; answered: number}> = [];
  const fetchPage: FetchLeadPage = async (query) => {
    const page: LeadPage = await api.listLeadPage(query);
    requests.push({query, answered: page.leads.length});
    return page;
  };
  return {api, requests, fetchPage};
}

describe('a host with 450 leads', () => {
  let host: DevHost;
  before(async () => {
    host = await hostWith(400);
  });
  after(() => host.close());

  test('shows all of them across three pages of at most 200, in order, each once', async () => {
    const {api, requests, fetchPage} = recorded(host);
    const pager = createLeadPager(fetchPage);
    assert.equal(LEAD_PAGE_SIZE, 200);
    assert.equal((await pager.loadNext()).length, 200);
    assert.equal(pager.done, false);
    assert.equal((await pager.loadNext()).length, 200);
    assert.equal(pager.done, false);
    assert.equal((await pager.loadNext()).length, 50);
    assert.equal(pager.done, true);
    assert.deepEqual(await pager.loadNext(), [], 'nothing more is asked for once done');
    assert.equal(requests.length, 3);
    assert.ok(requests.every((r) => r.query.limit === 200));
    assert.equal(requests[0]?.query.after, undefined);
    assert.equal(requests[1]?.query.after, pager.leads[199]?.id);
    assert.equal(requests[2]?.query.after, pager.leads[399]?.id);

    const ids = pager.leads.map((l) => l.id);
    assert.equal(new Set(ids).size, 450);
    assert.deepEqual(ids, [...ids].sort());
    // The same leads as the whole list the rest client gathers itself.
    assert.deepEqual(
      ids,
      (await api.listLeads()).map((l: Lead) => l.id),
    );
  });

  test('a status filter stays on every page', async () => {
    const {requests, fetchPage} = recorded(host);
    const pager = createLeadPager(fetchPage, {status: 'Qualified'});
    while (!pager.done) await pager.loadNext();
    assert.ok(requests.length >= 3);
    assert.ok(requests.every((r) => r.query.status === 'Qualified' && r.query.limit === 200));
    assert.ok(pager.leads.length >= 400);
    assert.ok(pager.leads.every((l) => l.status === 'Qualified'));
  });
});

describe('a host with 150,000 leads', () => {
  let host: DevHost;
  before(async () => {
    host = await hostWith(150_000 - 50);
  });
  after(() => host.close());

  test('the list asks for one page of 200 at first and one more per request, never all', async () => {
    const {requests, fetchPage} = recorded(host);
    const pager = createLeadPager(fetchPage);
    await pager.loadNext();
    assert.deepEqual(requests, [{query: {limit: 200}, answered: 200}]);
    assert.equal(pager.leads.length, 200);
    assert.equal(pager.done, false);
    await pager.loadNext();
    assert.equal(requests.length, 2);
    assert.equal(pager.leads.length, 400);
    assert.equal(new Set(pager.leads.map((l) => l.id)).size, 400);
  });

  test('a second call while a page is on its way waits for that page instead of asking again', async () => {
    const {requests, fetchPage} = recorded(host);
    const pager = createLeadPager(fetchPage);
    const [a, b] = [pager.loadNext(), pager.loadNext()];
    assert.equal(pager.loading, true);
    assert.equal(await a, await b);
    assert.equal(pager.loading, false);
    assert.equal(requests.length, 1);
    assert.equal(pager.leads.length, 200);
  });
});

test('a failed page changes nothing, and the next call asks for the same page again', async () => {
  const pages: LeadPage[] = [
    {leads: [{id: 'L-1'} as Lead], next: {after: 'L-1', limit: 200}},
    {leads: [{id: 'L-2'} as Lead], next: undefined},
  ];
  const asked: LeadPageQuery[] = [];
  let fail = false;
  let answered = 0;
  const pager = createLeadPager(async (query) => {
    asked.push(query);
    if (fail) throw new Error('network down');
    return pages[answered++]!;
  });
  await pager.loadNext();
  fail = true;
  await assert.rejects(pager.loadNext(), /network down/);
  assert.equal(pager.leads.length, 1);
  assert.equal(pager.done, false);
  assert.equal(pager.loading, false);
  fail = false;
  await pager.loadNext();
  assert.deepEqual(
    asked.map((q) => q.after),
    [undefined, 'L-1', 'L-1'],
  );
  assert.deepEqual(
    pager.leads.map((l) => l.id),
    ['L-1', 'L-2'],
  );
  assert.equal(pager.done, true);
});

test('a host whose Link points back to a page already seen is not asked forever', async () => {
  let calls = 0;
  const pager = createLeadPager(async () => {
    calls++;
    return {leads: [{id: `L-${calls}`} as Lead], next: {after: 'L-1'}};
  });
  while (!pager.done && calls < 10) await pager.loadNext();
  assert.equal(calls, 2);
  assert.equal(pager.done, true);
});
