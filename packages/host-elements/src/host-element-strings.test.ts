import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HOST_ELEMENT_STRINGS, hostElementText} from './host-element-strings.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every host-element string has English and German with the same placeholders', () => {
  for (const [key, text] of Object.entries(HOST_ELEMENT_STRINGS)) {
    const {en, de} = text as {en: string; de?: string};
    assert.ok(en.trim(), `${key}: English missing`);
    assert.ok(de?.trim(), `${key}: German missing`);
    assert.notEqual(de, en, `${key}: German is the English text`);
    assert.deepEqual(placeholders(de ?? ''), placeholders(en), `${key}: placeholders differ`);
  }
});

test('hostElementText picks the language, falls back to English and fills placeholders', () => {
  assert.equal(hostElementText('close', 'de'), 'Schließen');
  assert.equal(hostElementText('close', 'de-AT'), 'Schließen');
  assert.equal(hostElementText('close', 'fr'), 'Close');
  assert.equal(
    hostElementText('openFailed', 'en', {name: 'Reject Lead', code: 'element-not-defined'}),
    'Reject Lead could not be opened (element-not-defined).',
  );
  // A placeholder without a value stays visible rather than turning into "undefined".
  assert.equal(
    hostElementText('openFailed', 'de', {name: 'X'}),
    'X konnte nicht geöffnet werden ({code}).',
  );
});
