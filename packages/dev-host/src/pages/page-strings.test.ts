import {test} from 'node:test';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import assert from 'node:assert/strict';
import {PAGE_STRINGS, roleLabel, statusLabel, translator} from './page-strings.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('German and English have the same keys, none empty, with the same placeholders', () => {
  const {en, de} = PAGE_STRINGS;
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    assert.ok(en[key].trim(), `en.${key} is empty`);
    assert.ok(de[key].trim(), `de.${key} is empty`);
    assert.deepEqual(placeholders(de[key]), placeholders(en[key]), `placeholders of ${key}`);
  }
});

test('the seed terms are the German labels', () => {
  const t = translator('de');
  assert.equal(t('leadDetail'), 'Lead-Details');
  assert.equal(t('fieldStatus'), 'Lead-Status');
  assert.equal(t('rejectCode'), 'Zurückweisungscode');
  assert.equal(t('rejectReason'), 'Zurückweisungsgrund');
  assert.equal(statusLabel(t, 'Rejected'), 'Zurückgewiesen');
  assert.equal(statusLabel(translator('en'), 'Rejected'), 'Rejected');
});

test('the Lead Detail regions are labelled in both languages', () => {
  const [de, en] = [translator('de'), translator('en')];
  assert.equal(en('panelsTitle'), 'Plugin panels');
  assert.equal(de('panelsTitle'), 'Plugin-Bereiche');
  assert.equal(de('actionsTitle'), 'Aktionen');
  // The reassignment shown on the rejection card after a reload uses the seed's term for the owner.
  assert.equal(de('newOwner'), 'Neuer Verantwortlicher');
});

test('the translator fills placeholders and leaves unknown ones visible', () => {
  const t = translator('en');
  assert.equal(t('leadsCount', {count: 7}), '7 leads');
  assert.equal(t('leadsCount'), '{count} leads');
  assert.equal(
    translator('de')('leadNotFound', {id: 'L-9'}),
    'Es gibt keinen Lead mit der ID „L-9“.',
  );
});

test('role labels translate the demo roles and pass unknown roles through', () => {
  assert.equal(roleLabel(translator('de'), 'Sales Rep'), 'Vertriebsmitarbeiter');
  assert.equal(roleLabel(translator('de'), 'Auditor'), 'Auditor');
});

test('every string is used by a page (keys built from data, like status.*, excepted)', () => {
  const dir = import.meta.dirname;
  const sources = [dir, join(dir, 'client')]
    .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('page-strings.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const unused = Object.keys(PAGE_STRINGS.en).filter(
    (key) => !key.includes('.') && !sources.includes(`'${key}'`),
  );
  assert.deepEqual(unused, []);
});

test('the demo sign-in note says in both languages that it is a demo sign-in without a password', () => {
  const en = translator('en')('demoSignIn', {name: 'Max Müller'});
  const de = translator('de')('demoSignIn', {name: 'Max Müller'});
  assert.match(en, /^Demo sign-in: you are Max Müller, .*without a password/);
  assert.match(de, /^Demo-Anmeldung: Sie sind Max Müller, .*ohne Passwort/);
});
