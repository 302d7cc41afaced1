// Item 5: GET /api/leads was unpaged (150,050 leads: one answer of 42 MB, the server from 110 to
// 590 MB, /api/me waiting 0.8 s meanwhile). A page is at most 1000 leads, 200 by default, with a
// Link rel="next" while more follow; walking the links, or the rest client, still gives every lead
// exactly once.
import assert from 'node:assert/strict';
import {createRestHostApi} from '@crmkit/rest-client';
import {attack, type Category} from '../lib/attack.js';
import type {HostileHost} from '../lib/hostile-host.js';

/** The ids of every lead the host lists, walking `rel="next"` from `first`. */
async function walk(host: HostileHost, first: string): Promise<{ids: string[]; pages: number}> {
  const ids: string[] = [];
  let pages = 0;
  for (let next: string | undefined = first; next; pages++) {
    const answer = await host.call(next, {as: 'lena'});
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray(answer.body));
    ids.push(...answer.body.map((l: {id: string}) => l.id));
    next = /^<([^>]+)>; rel="next"$/.exec(answer.headers.get('link') ?? '')?.[1];
    assert.ok(pages < 10_000, 'the links end');
  }
  return {ids, pages};
}

/** `host` holds `total` leads (the demo's and the bench leads seeded before it started). */
export function pagingCategory(host: HostileHost, total: number): Category {
  return {
    name: 'paging',
    attacks: () => [
      attack(
        `GET /api/leads of ${total} leads answers one page of 200 with a next link`,
        async () => {
          const started = performance.now();
          const answer = await host.call('/api/leads', {as: 'lena'});
          assert.equal(answer.body.length, 200);
          assert.ok(answer.text.length < 100_000, `${answer.text.length} bytes`);
          assert.match(
            answer.headers.get('link') ?? '',
            /^<\/api\/leads\?after=[^&>]+&limit=200>; rel="next"$/,
          );
          // Lenient: npm test runs other files beside this one (npm run attack:faults measures the
          // figures with 150,050 leads).
          assert.ok(
            performance.now() - started < 3000,
            `${Math.round(performance.now() - started)} ms`,
          );
        },
      ),
      attack('no page is larger than 1000 leads', async () => {
        assert.equal((await host.call('/api/leads?limit=1000', {as: 'lena'})).body.length, 1000);
        for (const limit of ['1001', '150050', '0', '-1', '1e3', 'all', '']) {
          const answer = await host.call(`/api/leads?limit=${limit}`, {as: 'lena'});
          assert.equal(answer.status, 400, `limit=${limit}`);
          assert.equal(answer.body.code, 'invalid-query');
          assert.equal(answer.body.errors[0].field, 'limit');
        }
      }),
      attack('an empty or overlong after is 400, an after past the end an empty page', async () => {
        assert.equal((await host.call('/api/leads?after=', {as: 'lena'})).status, 400);
        assert.equal(
          (await host.call(`/api/leads?after=${'x'.repeat(256)}`, {as: 'lena'})).status,
          400,
        );
        assert.deepEqual((await host.call('/api/leads?after=%7F', {as: 'lena'})).body, []);
      }),
      attack('walking Link rel="next" gives every lead exactly once, in id order', async () => {
        const {ids, pages} = await walk(host, '/api/leads?limit=1000');
        assert.equal(ids.length, total);
        assert.equal(new Set(ids).size, total);
        assert.deepEqual(ids, [...ids].sort());
        assert.equal(pages, Math.ceil(total / 1000));
      }),
      attack('a filtered walk keeps the filter on every page', async () => {
        const {ids} = await walk(host, '/api/leads?status=Qualified&limit=700');
        const all = (await walk(host, '/api/leads?limit=1000')).ids.length;
        assert.ok(ids.length > 0 && ids.length < all);
        for (const id of ids.slice(0, 3).concat(ids.slice(-3))) {
          assert.equal(
            (await host.call(`/api/leads/${id}`, {as: 'lena'})).body.status,
            'Qualified',
          );
        }
      }),
      attack('/api/me is not held up while every page is read at once', async () => {
        const pages = Array.from({length: 8}, () =>
          host.call('/api/leads?limit=1000', {as: 'lena'}),
        );
        const started = performance.now();
        assert.equal((await host.call('/api/me', {as: 'max'})).status, 200);
        const ms = performance.now() - started;
        await Promise.all(pages);
        assert.ok(ms < 2000, `${Math.round(ms)} ms`);
      }),
      attack('the rest client (what the lead list page uses) still lists every lead', async () => {
        const api = createRestHostApi({baseUrl: host.url, token: 'lena'});
        const leads = await api.listLeads();
        assert.equal(leads.length, total);
        const page = await api.listLeadPage({limit: 3});
        assert.equal(page.leads.length, 3);
        assert.deepEqual(page.next, {after: page.leads[2]!.id, limit: 3});
      }),
    ],
  };
}
