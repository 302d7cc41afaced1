import {test} from 'node:test';
import assert from 'node:assert/strict';
import {localize} from './localize.js';

const text = {en: 'Reject', de: 'Zurückweisen', 'de-CH': 'Zurückweisen (CH)'};

test('localize picks the exact locale, then its language, then English', () => {
  assert.equal(localize(text, 'de-CH'), 'Zurückweisen (CH)');
  assert.equal(localize(text, 'de-AT'), 'Zurückweisen');
  assert.equal(localize(text, 'de'), 'Zurückweisen');
  assert.equal(localize(text, 'fr'), 'Reject');
  assert.equal(localize(text, ''), 'Reject');
});

test('localize compares tags case-insensitively and skips empty translations', () => {
  assert.equal(localize(text, 'DE-ch'), 'Zurückweisen (CH)');
  assert.equal(localize({en: 'Reject', de: ''}, 'de'), 'Reject');
});
