import {test} from 'node:test';
import assert from 'node:assert/strict';
import {negotiateLanguage, pickLabel, rankLanguageRanges} from './negotiate-language.js';

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

test('ranges by q-value without * and q=0; labels picked per text: exact tag, language, user, en', () => {
  assert.deepEqual(rankLanguageRanges('fr-BE, en;q=0.5, *;q=0.1, de;q=0'), ['fr-be', 'en']);
  const other = {en: 'Other', de: 'Sonstige', fr: 'Autre', 'de-CH': 'Anderes'};
  const duplicate = {en: 'Duplicate', de: 'Duplikat'};
  assert.equal(pickLabel(other, rankLanguageRanges('fr-BE, en;q=0.5')), 'Autre');
  assert.equal(pickLabel(duplicate, rankLanguageRanges('fr-BE, en;q=0.5')), 'Duplicate');
  assert.equal(pickLabel(other, rankLanguageRanges('de-CH')), 'Anderes');
  assert.equal(pickLabel(duplicate, rankLanguageRanges('de-CH')), 'Duplikat');
  assert.equal(pickLabel(other, rankLanguageRanges('it'), 'de'), 'Sonstige', 'the user locale');
  assert.equal(pickLabel(duplicate, [], 'fr'), 'Duplicate', 'English last');
});
