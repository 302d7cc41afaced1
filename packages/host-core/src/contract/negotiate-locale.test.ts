import {test} from 'node:test';
import assert from 'node:assert/strict';
import {negotiateLocale} from './negotiate-locale.js';

const both = ['en', 'de'];

test('the first Accept-Language range the labels have wins, by q-value', () => {
  assert.equal(negotiateLocale('de', both, 'en'), 'de');
  assert.equal(negotiateLocale('en', both, 'de'), 'en');
  assert.equal(negotiateLocale('fr, de;q=0.8, en;q=0.9', both, 'en'), 'en');
  assert.equal(negotiateLocale('en;q=0.1, de', both, 'en'), 'de');
});

test('a regional tag falls back to its language; case is ignored', () => {
  assert.equal(negotiateLocale('de-AT', both, 'en'), 'de');
  assert.equal(negotiateLocale('DE-ch,en;q=0.5', both, 'en'), 'de');
  assert.equal(negotiateLocale('de-AT', ['en', 'de', 'de-AT'], 'en'), 'de-AT');
});

test('without a usable range, the user locale, then English', () => {
  assert.equal(negotiateLocale(null, both, 'de'), 'de');
  assert.equal(negotiateLocale('', both, 'de-DE'), 'de');
  assert.equal(negotiateLocale('fr, *', both, 'de'), 'de');
  assert.equal(negotiateLocale('de;q=0', both, 'en'), 'en');
  assert.equal(negotiateLocale('fr', both, 'it'), 'en');
  assert.equal(negotiateLocale(undefined, both), 'en');
});

test('a picklist label beyond de and en: exact tag, then language, then the user locale, then en', () => {
  const labels = ['en', 'de', 'fr', 'de-CH'];
  assert.equal(negotiateLocale('fr-BE, en;q=0.5', labels, 'de'), 'fr');
  assert.equal(negotiateLocale('de-CH', labels, 'en'), 'de-CH');
  assert.equal(negotiateLocale('de-AT', labels, 'en'), 'de');
  assert.equal(negotiateLocale('fr-BE, en;q=0.5', ['en', 'de'], 'de'), 'en');
  assert.equal(negotiateLocale('it', labels, 'fr-CA'), 'fr');
  assert.equal(negotiateLocale('it', ['de', 'fr'], 'es'), 'en', 'en even when the labels lack it');
});
