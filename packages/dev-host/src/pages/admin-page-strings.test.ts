import {test} from 'node:test';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import assert from 'node:assert/strict';
import {ADMIN_PAGE_STRINGS, adminTranslator} from './admin-page-strings.js';
import {PAGE_STRINGS} from './page-strings.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('German and English have the same keys, none empty, with the same placeholders', () => {
  const {en, de} = ADMIN_PAGE_STRINGS;
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    assert.ok(en[key].trim(), `en.${key} is empty`);
    assert.ok(de[key].trim(), `de.${key} is empty`);
    assert.deepEqual(placeholders(de[key]), placeholders(en[key]), `placeholders of ${key}`);
  }
});

test('the translator fills placeholders and leaves unknown ones visible', () => {
  assert.equal(
    adminTranslator('de')('upgradeTo', {version: '0.2.0'}),
    'Auf Version 0.2.0 aktualisieren',
  );
  assert.equal(adminTranslator('en')('upgradeTo'), 'Upgrade to {version}');
});

test('the admin sections own their keys: none repeats a key of the shared page strings', () => {
  const shared = new Set(Object.keys(PAGE_STRINGS.en));
  assert.deepEqual(
    Object.keys(ADMIN_PAGE_STRINGS.en).filter((key) => shared.has(key)),
    [],
  );
});

test('every string is used by the admin page', () => {
  const source = readFileSync(join(import.meta.dirname, 'client', 'admin-page.ts'), 'utf8');
  const unused = Object.keys(ADMIN_PAGE_STRINGS.en).filter((key) => !source.includes(`'${key}'`));
  assert.deepEqual(unused, []);
});
