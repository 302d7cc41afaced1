import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PAGE_CONFIG_ID, type PageConfig} from './page-config.js';
import {renderPageShell} from './render-page-shell.js';

const importMap = {lit: '/assets/vendor/lit.js'};
const render = (config: PageConfig, query = '') =>
  renderPageShell({config, url: new URL(`http://crm.test/${query}`), importMap});
const configOf = (page: string) =>
  JSON.parse(
    new RegExp(`<script type="application/json" id="${PAGE_CONFIG_ID}">(.*?)</script>`).exec(
      page,
    )?.[1] ?? 'null',
  ) as PageConfig;

test('the shell has landmarks, the import map, the config and the page script', () => {
  const page = render({page: 'lead-list', lang: 'en', userId: 'max'});
  assert.match(page, /<html lang="en">/);
  assert.match(page, /<header class="app-header">/);
  assert.match(page, /<nav aria-label="Main">/);
  assert.match(page, /<main id="main" tabindex="-1">/);
  assert.match(page, /<a class="skip-link" href="#main">Skip to content<\/a>/);
  assert.match(
    page,
    /<script type="importmap">\{"imports":\{"lit":"\/assets\/vendor\/lit.js"\}\}<\/script>/,
  );
  assert.match(page, /<script type="module" src="\/assets\/lead-list.js"><\/script>/);
  assert.deepEqual(configOf(page), {page: 'lead-list', lang: 'en', userId: 'max'});
});

test('the user picker lists the four demo users who can sign in, the current one selected', () => {
  const page = render({page: 'admin', lang: 'de', userId: 'anna'});
  const options = [...page.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)];
  assert.deepEqual(
    options.map((m) => m[1]),
    ['', 'anna', 'sofia', 'max', 'lena'],
  );
  assert.deepEqual(
    options.filter((m) => m[2]).map((m) => m[1]),
    ['anna'],
  );
  assert.match(page, /Anna Schmidt · Administratorin/);
  assert.match(page, /<label for="session-as">Benutzer<\/label>/);
  assert.match(page, /<option value="de" lang="de" selected>Deutsch<\/option>/);
  assert.match(page, /<a href="\/admin" aria-current="page">Administration<\/a>/);
});

test('an unknown ?as= reaches the page script escaped; the picker shows nobody signed in', () => {
  const page = render({page: 'lead-list', lang: 'en', userId: null, unknownAs: 'x"</script>'});
  assert.match(page, /<option value="" selected>/);
  assert.doesNotMatch(page, /x"<\/script>/);
  assert.deepEqual(configOf(page), {
    page: 'lead-list',
    lang: 'en',
    userId: null,
    unknownAs: 'x"</script>',
  });
});

test('other query parameters survive a switch of user or language as hidden fields', () => {
  const page = render(
    {page: 'lead-list', lang: 'en', userId: null},
    '?status=Qualified&as=max&x=%22',
  );
  assert.match(page, /<input type="hidden" name="status" value="Qualified">/);
  assert.match(page, /<input type="hidden" name="x" value="&quot;">/);
  assert.doesNotMatch(page, /type="hidden" name="as"/);
});

test('a lead id cannot close the config script', () => {
  const page = render({page: 'lead-detail', lang: 'en', userId: 'max', leadId: '</script><b>'});
  assert.doesNotMatch(page, /<\/script><b>/);
  assert.equal(configOf(page).leadId, '</script><b>');
});

test('signed in (by ?as= or the picker), the header says the sign-in is a demo one, in both languages', () => {
  const en = render({page: 'lead-list', lang: 'en', userId: 'max'}, '?as=max');
  assert.match(
    en,
    /<header class="app-header">[\s\S]*<p class="demo-sign-in" role="note">Demo sign-in: you are Max Müller, picked from the list or by \?as= in the link, without a password\.[^<]*<\/p>\n<\/header>/,
  );
  const de = render({page: 'admin', lang: 'de', userId: 'anna'});
  assert.match(de, /<p class="demo-sign-in" role="note">Demo-Anmeldung: Sie sind Anna Schmidt,/);
  // Nobody signed in (or an unknown ?as=): nothing to warn about.
  assert.doesNotMatch(render({page: 'lead-list', lang: 'en', userId: null}), /demo-sign-in/);
  assert.doesNotMatch(
    render({page: 'lead-list', lang: 'en', userId: null, unknownAs: 'eve'}, '?as=eve'),
    /demo-sign-in/,
  );
});
