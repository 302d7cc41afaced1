import {test} from 'node:test';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import assert from 'node:assert/strict';
import {
  ADMIN_PAGE_STRINGS,
  adminTranslator,
  CODEMIRROR_PHRASES_DE,
  RULESET_SCHEMA_DESCRIPTIONS_DE,
} from './admin-page-strings.js';
import {PAGE_STRINGS} from './page-strings.js';
import rulesetSchema from '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json';
import {schemaDescriptions} from './client/rules-schema.js';

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

/** The admin page and the rule studio's modules it renders. */
const ADMIN_PAGE_SOURCES = [
  'admin-page.ts',
  'render-stats-chart.ts',
  'rules-editor.ts',
  'rules-preview-view.ts',
  'rules-versions-view.ts',
];

test('every string is used by the admin page', () => {
  const source = ADMIN_PAGE_SOURCES.map((file) =>
    readFileSync(join(import.meta.dirname, 'client', file), 'utf8'),
  ).join('\n');
  const unused = Object.keys(ADMIN_PAGE_STRINGS.en).filter((key) => !source.includes(`'${key}'`));
  assert.deepEqual(unused, []);
});

test('every description of the ruleset schema has its German, for the editor’s completion and hover', () => {
  const missing = schemaDescriptions(rulesetSchema).filter(
    (d) => !RULESET_SCHEMA_DESCRIPTIONS_DE[d],
  );
  assert.deepEqual(missing, [], 'add these to RULESET_SCHEMA_DESCRIPTIONS_DE');
  const stale = Object.keys(RULESET_SCHEMA_DESCRIPTIONS_DE).filter(
    (d) => !schemaDescriptions(rulesetSchema).includes(d),
  );
  assert.deepEqual(stale, [], 'the schema no longer has these descriptions');
});

test('the German CodeMirror phrases cover every phrase the installed CodeMirror packages ask for', () => {
  const dir = join(import.meta.dirname, '../../../../node_modules/@codemirror');
  const asked = new Set<string>();
  for (const pkg of ['view', 'state', 'language', 'autocomplete', 'lint', 'search', 'commands']) {
    const code = readFileSync(join(dir, pkg, 'dist', 'index.js'), 'utf8');
    // state.phrase("…"), view.state.phrase("…"), phrase(view, "…"), and fold ? "…" : "…"
    for (const m of code.matchAll(/phrase\((?:view, *)?"([^"]+)"/g)) asked.add(m[1]!);
    for (const m of code.matchAll(/phrase\([^()]*\? *"([^"]+)" *: *"([^"]+)"\)/g)) {
      asked.add(m[1]!);
      asked.add(m[2]!);
    }
  }
  assert.ok(asked.size > 10, `found only ${[...asked].join(', ')}`);
  assert.deepEqual(
    [...asked].filter((p) => !(p in CODEMIRROR_PHRASES_DE)),
    [],
  );
});
