// Runs the shipped rule cases (rules/tests/*.json) against the shipped ruleset, so `npm test` covers them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {
  checkRuleCaseShape,
  compileRuleset,
  parseRuleset,
  runRuleCase,
  type RuleCase,
  type UserRecord,
} from '@crmkit/assignment';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const compiled = compileRuleset(parseRuleset(read('./lead-assignment.json')));
const users: UserRecord[] = JSON.parse(read('./users.json'));
const files = readdirSync(new URL('./tests/', import.meta.url)).filter((n) => n.endsWith('.json'));

test('at least 15 shipped cases', () => assert.ok(files.length >= 15, `${files.length} cases`));

for (const file of files.sort()) {
  test(`rule case ${file}`, async () => {
    const value = JSON.parse(read(`./tests/${file}`));
    assert.deepEqual(checkRuleCaseShape(value), []);
    const result = await runRuleCase(compiled, value as RuleCase, users);
    assert.ok(result.pass, result.diff.join('\n'));
  });
}
