import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCookies, resolvePageSession, SESSION_COOKIES} from './resolve-page-session.js';

const url = (query = '') => new URL(`http://crm.test/leads/L-1001${query}`);

test('?as= and ?lang= pick the user and language and are remembered in cookies', () => {
  const session = resolvePageSession(url('?as=max&lang=en'), {});
  assert.equal(session.token, 'max');
  assert.equal(session.lang, 'en');
  assert.equal(session.setCookies.length, 2);
  assert.match(
    session.setCookies[0] ?? '',
    /^crmkit-as=max; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/,
  );
  assert.match(session.setCookies[1] ?? '', /^crmkit-lang=en; /);
});

test('without query parameters the cookies decide, and nothing is set again', () => {
  const session = resolvePageSession(url(), {
    cookie: `other=1; ${SESSION_COOKIES.token}=lena; ${SESSION_COOKIES.lang}=en`,
  });
  assert.deepEqual(session, {token: 'lena', lang: 'en', setCookies: []});
});

test('the URL wins over the cookies', () => {
  const session = resolvePageSession(url('?as=anna&lang=de'), {
    cookie: `${SESSION_COOKIES.token}=lena; ${SESSION_COOKIES.lang}=en`,
  });
  assert.equal(session.token, 'anna');
  assert.equal(session.lang, 'de');
});

test('an empty ?as= signs out and clears the cookie', () => {
  const session = resolvePageSession(url('?as='), {cookie: `${SESSION_COOKIES.token}=max`});
  assert.equal(session.token, null);
  assert.match(session.setCookies[0] ?? '', /^crmkit-as=; Path=\/; Max-Age=0;/);
});

test('a token with characters no token has is ignored, from the URL and from a cookie', () => {
  assert.equal(resolvePageSession(url('?as=%3Cscript%3E'), {}).token, null);
  assert.equal(resolvePageSession(url('?as=a%20b'), {}).setCookies.length, 0);
  assert.equal(resolvePageSession(url(), {cookie: `${SESSION_COOKIES.token}=%22x%22`}).token, null);
});

test('an unknown language in the URL is ignored; the language falls back to the user, then the browser', () => {
  assert.equal(resolvePageSession(url('?lang=fr&as=sofia'), {}).lang, 'en'); // sofia's locale
  assert.equal(resolvePageSession(url('?lang=fr&as=max'), {}).lang, 'de'); // max's locale
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
