import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {RULESET_SCHEMA} from '../ruleset-schema.js';
import {LINT_CODES, lintCodeSummary} from './lint-codes.js';
import {LINT_TEXTS} from './lint-texts.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The README's lint code table: code → severity. */
function readmeTable(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of readme.matchAll(/^\| `([a-z-]+)` +\| (error|warning) +\|/gm))
    rows.set(m[1] as string, m[2] as string);
  return rows;
}

test('the README lists every lint code with its severity, and nothing else', () => {
  const table = readmeTable();
  for (const [code, {severity}] of Object.entries(LINT_CODES))
    assert.equal(table.get(code), severity, `README row for ${code}`);
  assert.deepEqual([...table.keys()].sort(), Object.keys(LINT_CODES).sort());
});

test('every code the linter can emit is in LINT_CODES', () => {
  // Every finding is made from an entry of the message table (lintDraft), which names its code.
  const codes = Object.values(LINT_TEXTS).map((e) => e.code as string);
  assert.ok(codes.length > 30);
  for (const code of codes) assert.ok(code in LINT_CODES, `${code} is missing from LINT_CODES`);
  // Schema errors without their own case become `schema-<keyword>`: every validation keyword the
  // schema uses outside `if` (whose errors ajv drops) must have its code.
  const handled = new Set([
    'required',
    'additionalProperties',
    'propertyNames',
    'anyOf',
    'enum',
    'const',
    'allOf',
    'if',
    'then',
  ]);
  const annotations = new Set([
    '$schema',
    '$id',
    '$ref',
    '$defs',
    'title',
    'description',
    'properties',
    'items',
    'default',
    'examples',
    'markdownDescription',
  ]);
  const keywords = new Set<string>();
  (function walk(node: unknown, key?: string): void {
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (key !== 'properties' && key !== '$defs') {
        if (k === 'if') continue;
        keywords.add(k);
      }
      walk(v, k);
    }
  })(RULESET_SCHEMA);
  for (const k of keywords) {
    if (handled.has(k) || annotations.has(k)) continue;
    const code = `schema-${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    assert.ok(code in LINT_CODES, `${code} (schema keyword ${k}) is missing from LINT_CODES`);
  }
});

test('each code has an English and a German summary', () => {
  for (const [code, entry] of Object.entries(LINT_CODES)) {
    assert.ok(entry.en.length > 10 && entry.de.length > 10, code);
    assert.notEqual(entry.en, entry.de, code);
  }
  assert.equal(lintCodeSummary('unknown-operator', 'de-AT'), LINT_CODES['unknown-operator'].de);
  assert.equal(lintCodeSummary('unknown-operator', 'fr'), LINT_CODES['unknown-operator'].en);
  assert.equal(lintCodeSummary('no-such-code'), undefined);
});
