import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lintForStudio, studioFinding} from './rules-lint.js';

const ruleset = (operator: string) =>
  JSON.stringify(
    {
      recordType: 'lead',
      unassignedOwner: 'lead-desk',
      rules: [
        {
          name: 'rejected-to-original-owner',
          conditions: {
            all: [{fact: 'lead', path: '$.status', operator, value: 'Rejected'}],
          },
          event: {type: 'assign', params: {to: 'originalOwner'}},
        },
      ],
    },
    null,
    2,
  );

test('the in-page linter finds an unknown operator at its line, summarized in German', () => {
  const text = ruleset('within');
  const findings = lintForStudio(text, 'de');
  assert.ok(findings);
  const finding = findings.find((f) => f.code === 'unknown-operator');
  assert.ok(finding, JSON.stringify(findings));
  assert.equal(finding.severity, 'error');
  const line = text.split('\n').findIndex((l) => l.includes('"within"')) + 1;
  assert.equal(finding.line, line);
  assert.equal(finding.column, text.split('\n')[line - 1]!.indexOf('"within"') + 1);
  assert.equal(finding.summary, 'Ein Operator oder Dekorator, den json-rules-engine nicht kennt.');
  assert.match(finding.detail, /within/);
});

test('a clean ruleset has no errors; English summaries on an English page', () => {
  const findings = lintForStudio(ruleset('equal'), 'en');
  assert.deepEqual(
    findings?.filter((f) => f.severity === 'error'),
    [],
  );
  const [bad] = lintForStudio('{', 'en') ?? [];
  assert.equal(bad?.code, 'invalid-json');
  assert.equal(bad?.summary, 'The file is not valid JSON.');
});

test('the detail is in the page’s language when the linter wrote both, else marked English', () => {
  const base = {
    severity: 'error' as const,
    code: 'unknown-operator',
    message: 'Unknown operator "x".',
    hint: 'Use equal.',
    pointer: '/rules/0',
    line: 3,
    column: 5,
  };
  const old = studioFinding(base, 'de');
  assert.equal(old.detail, 'Unknown operator "x". Use equal.');
  assert.equal(old.detailLang, 'en');
  const both = studioFinding(
    {
      ...base,
      messages: {en: base.message, de: 'Unbekannter Operator "x".'},
      hints: {en: base.hint, de: 'Nehmen Sie equal.'},
    } as typeof base,
    'de',
  );
  assert.equal(both.detail, 'Unbekannter Operator "x". Nehmen Sie equal.');
  assert.equal(both.detailLang, 'de');
});
