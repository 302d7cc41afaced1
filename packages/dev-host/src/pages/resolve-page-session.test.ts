import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCookies, resolvePageSession, SESSION_COOKIES} from './resolve-page-session.js';

const url = (query = '') => new URL(`http://crm.test/leads/L-1001${query}`);

test('?as= asks to sign in (the host sets the session cookie, not this); ?lang= is remembered', () => {
  const session = resolvePageSession(url('?as=max&lang=en'), {});
  assert.equal(session.as, 'max');
  assert.equal(session.lang, 'en');
  assert.deepEqual(session.setCookies.length, 1);
  assert.match(session.setCookies[0] ?? '', /^crmkit-lang=en; /);
  // No cookie of the pages' own holds who is signed in any more.
  assert.ok(!session.setCookies.some((c) => /max/.test(c)));
});

test('without query parameters the language cookie decides, and nothing is set again', () => {
  const session = resolvePageSession(url(), {cookie: `other=1; ${SESSION_COOKIES.lang}=en`});
  assert.deepEqual(session, {as: undefined, lang: 'en', setCookies: []});
});

test('an empty ?as= asks to sign out; a value no token has is ignored', () => {
  assert.equal(resolvePageSession(url('?as='), {}).as, '');
  assert.equal(resolvePageSession(url('?as=%3Cscript%3E'), {}).as, undefined);
  assert.equal(resolvePageSession(url('?as=a%20b'), {}).setCookies.length, 0);
});

test('an unknown language in the URL is ignored; the language falls back to the user, then the browser', () => {
  assert.equal(resolvePageSession(url('?lang=fr'), {}, 'sofia').lang, 'en'); // sofia's locale
  assert.equal(resolvePageSession(url('?lang=fr'), {}, 'max').lang, 'de'); // max's locale
  assert.equal(resolvePageSession(url('?lang=fr'), {}).setCookies.length, 0);
  assert.equal(
    resolvePageSession(url(), {'accept-language': 'fr-FR, de-CH;q=0.8, en;q=0.9'}).lang,
    'en',
  );
  assert.equal(resolvePageSession(url(), {'accept-language': 'de-AT,en;q=0.5'}).lang, 'de');
  assert.equal(resolvePageSession(url(), {'accept-language': 'de;q=0, fr'}).lang, 'en');
  assert.equal(resolvePageSession(url(), {}).lang, 'en');
});

test('parseCookies keeps the first of a repeated name and skips malformed values', () => {
  assert.deepEqual(parseCookies('a=1; b=%E0%A4%A; a=2; c; d=x%20y'), {a: '1', d: 'x y'});
});
