import {test} from 'node:test';
import assert from 'node:assert/strict';
import {negotiateLanguage} from './negotiate-language.js';

test('Accept-Language by q-value, regional tags count as their language, else the user locale, else en', () => {
  assert.equal(negotiateLanguage('de-AT'), 'de');
  assert.equal(negotiateLanguage('fr, en;q=0.4, de;q=0.6'), 'de');
  assert.equal(negotiateLanguage('en-GB,de;q=0.9'), 'en');
  assert.equal(negotiateLanguage('de;q=0, en;q=0.1'), 'en', 'q=0 means not acceptable');
  assert.equal(negotiateLanguage('fr, it', 'de'), 'de', 'no supported language: the user locale');
  assert.equal(negotiateLanguage('*', 'de-CH'), 'de');
  assert.equal(negotiateLanguage(undefined, 'en'), 'en');
  assert.equal(negotiateLanguage('', 'fr'), 'en');
});
