import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {UserRecord} from '../lead-facts.js';
import {parseRuleset} from '../parse-ruleset.js';
import {RulesetInvalidError} from '../ruleset-invalid-error.js';
import {lintRuleset} from './lint-ruleset.js';

const shipped = readFileSync(
  new URL('../../../../rules/lead-assignment.json', import.meta.url),
  'utf8',
);
const users: UserRecord[] = JSON.parse(
  readFileSync(new URL('../../../../rules/users.json', import.meta.url), 'utf8'),
);

const rejected = {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'};
const rule = (name: string, conditions: unknown, params: unknown = {to: 'originalOwner'}) => ({
  name,
  conditions,
  event: {type: 'assign', params},
});
const ruleset = (rules: unknown[], extra: object = {}) =>
  JSON.stringify(
    {
      recordType: 'lead',
      unassignedOwner: 'lead-desk',
      rules: [rule('first', {all: [rejected]}), ...rules],
      ...extra,
    },
    null,
    2,
  );

function only(text: string, code: string, options = {}) {
  const found = lintRuleset(text, options).findings.filter((f) => f.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code}, got ${JSON.stringify(lintRuleset(text, options).findings, null, 1)}`,
  );
  return found[0]!;
}

test('the shipped ruleset is clean, with and without the users', () => {
  assert.deepEqual(lintRuleset(shipped).findings, []);
  assert.deepEqual(lintRuleset(shipped, {users}).findings, []);
});

test('invalid JSON gives invalid-json with its position', () => {
  const f = lintRuleset('{\n  "recordType": "lead",\n  "rules": [,]\n}', {file: 'x.json'})
    .findings[0]!;
  assert.equal(f.code, 'invalid-json');
  assert.equal(f.line, 3);
  assert.equal(f.file, 'x.json');
});

test('a schema error names the pointer and line:column', () => {
  const text = ruleset([], {recordType: 'account'});
  const f = only(text, 'schema-enum');
  assert.equal(f.pointer, '/recordType');
  assert.equal(f.line, 2);
  assert.equal(f.column, 17);
});

test('a rule priority is refused with a hint that order is the priority', () => {
  const text = ruleset([{...rule('second', {all: []}), priority: 5}]);
  const f = only(text, 'schema-unknown-property');
  assert.equal(f.pointer, '/rules/1/priority');
  assert.match(f.hint, /order is the priority/);
});

test('unknown operator, with a suggestion', () => {
  const f = only(
    ruleset([rule('r', {all: [{...rejected, operator: 'equals'}]})]),
    'unknown-operator',
  );
  assert.equal(f.pointer, '/rules/1/conditions/all/0/operator');
  assert.match(f.hint, /Did you mean "equal"/);
});

test('decorated operators are known; a bad decorator is not', () => {
  const ok = ruleset([
    rule('r', {all: [{fact: 'lead', path: '$.region', operator: 'not:in', value: ['NA']}]}),
  ]);
  assert.equal(lintRuleset(ok).findings.length, 0);
  const f = only(
    ruleset([rule('r', {all: [{...rejected, operator: 'never:equal'}]})]),
    'unknown-operator',
  );
  assert.equal(f.pointer, '/rules/1/conditions/all/0/operator');
});

test('unknown fact', () => {
  const f = only(ruleset([rule('r', {any: [{...rejected, fact: 'leed'}]})]), 'unknown-fact');
  assert.equal(f.pointer, '/rules/1/conditions/any/0/fact');
  assert.match(f.hint, /Did you mean "lead"/);
});

test('unknown lead field, also in a fact-reference value', () => {
  const f = only(ruleset([rule('r', {all: [{...rejected, path: '$.regoin'}]})]), 'unknown-field');
  assert.equal(f.pointer, '/rules/1/conditions/all/0/path');
  assert.match(f.hint, /Did you mean "region"/);
  const g = only(
    ruleset([rule('r', {all: [{...rejected, value: {fact: 'owner', path: '$.boss'}}]})]),
    'unknown-field',
  );
  assert.equal(g.pointer, '/rules/1/conditions/all/0/value/path');
});

test('duplicate rule names', () => {
  const f = only(ruleset([rule('first', {all: []})]), 'duplicate-rule-name');
  assert.equal(f.pointer, '/rules/1/name');
});

test('in / notIn with a non-array value', () => {
  const f = only(
    ruleset([
      rule('r', {all: [{fact: 'lead', path: '$.region', operator: 'notIn', value: 'EMEA'}]}),
    ]),
    'in-needs-array',
  );
  assert.equal(f.pointer, '/rules/1/conditions/all/0/value');
  assert.equal(f.severity, 'error');
});

test('an operator that can fail on some leads is a warning at its operator', () => {
  const f = only(
    ruleset([
      rule('r', {all: [{fact: 'lead', path: '$.region', operator: 'swap:in', value: 'EMEA'}]}),
    ]),
    'operator-may-fail',
  );
  assert.equal(f.pointer, '/rules/1/conditions/all/0/operator');
  assert.equal(f.severity, 'warning');
  assert.match(f.hint, /contains/);
  // "in" against a fact reference may meet a missing field; a literal array never fails.
  const g = only(
    ruleset([
      rule('r', {
        all: [
          {
            fact: 'lead',
            path: '$.region',
            operator: 'in',
            value: {fact: 'lead', path: '$.country'},
          },
        ],
      }),
    ]),
    'operator-may-fail',
  );
  assert.equal(g.pointer, '/rules/1/conditions/all/0/operator');
  const safe = ruleset([
    rule('r', {
      all: [
        {fact: 'lead', path: '$.region', operator: 'in', value: ['EMEA']},
        {fact: 'lead', path: '$.region', operator: 'someValue:in', value: [['EMEA'], 'NA']},
      ],
    }),
  ]);
  assert.equal(lintRuleset(safe).findings.filter((x) => x.code === 'operator-may-fail').length, 0);
});

test('a user target without userId cannot resolve', () => {
  const f = only(ruleset([rule('r', {all: []}, {to: 'user'})]), 'unresolvable-target');
  assert.equal(f.pointer, '/rules/1/event/params');
  assert.equal(f.severity, 'error');
});

test('a user target that is not a known user, when users are given', () => {
  const text = ruleset([rule('r', {all: []}, {to: 'user', userId: 'ghost'})]);
  assert.equal(
    lintRuleset(text).findings.filter((f) => f.code === 'unresolvable-target').length,
    0,
  );
  const f = only(text, 'unresolvable-target', {users});
  assert.equal(f.pointer, '/rules/1/event/params/userId');
  assert.equal(f.severity, 'error');
  const inactive = only(
    ruleset([rule('r', {all: []}, {to: 'user', userId: 'petra'})]),
    'unresolvable-target',
    {users},
  );
  assert.equal(inactive.severity, 'warning');
});

test('an unknown unassigned owner, when users are given', () => {
  const f = only(ruleset([], {unassignedOwner: 'nobody'}), 'unknown-unassigned-owner', {users});
  assert.equal(f.pointer, '/unassignedOwner');
});

test('a rule after one that always matches a rejected lead and always resolves is unreachable', () => {
  const text = ruleset([
    rule('catch-all', {all: [rejected]}, {to: 'user', userId: 'sofia'}),
    rule('never', {all: [{fact: 'lead', path: '$.region', operator: 'equal', value: 'EMEA'}]}),
  ]);
  const f = only(text, 'unreachable-rule');
  assert.equal(f.pointer, '/rules/2');
  assert.equal(f.severity, 'warning');
  // A target that can fall through (an inactive original owner) leaves later rules reachable.
  const fallthrough = ruleset([rule('again', {all: []}, {to: 'originalOwnerManager'})]);
  assert.equal(lintRuleset(fallthrough).findings.length, 0);
});

test('a first rule that does not match every rejected lead gets the Oracle warning', () => {
  const never = JSON.stringify({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [rule('qualified', {all: [{...rejected, value: 'Qualified'}]})],
  });
  const f = only(never, 'first-rule-misses-rejected');
  assert.equal(f.pointer, '/rules/0/conditions');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /never matches a rejected lead/);
  assert.match(f.hint, /first rule in the group must assign rejected leads/);
  const some = JSON.stringify({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      rule('emea', {
        all: [rejected, {fact: 'lead', path: '$.region', operator: 'equal', value: 'EMEA'}],
      }),
    ],
  });
  assert.match(only(some, 'first-rule-misses-rejected').message, /only some rejected leads/);
});

test('unknown and circular shared conditions', () => {
  const f = only(ruleset([rule('r', {all: [{condition: 'nope'}]})]), 'unknown-condition');
  assert.equal(f.pointer, '/rules/1/conditions/all/0/condition');
  const cyc = ruleset([rule('r', {all: [{condition: 'a'}]})], {
    sharedConditions: {a: {all: [{condition: 'b'}]}, b: {any: [{condition: 'a'}]}},
  });
  const c = lintRuleset(cyc).findings.filter((x) => x.code === 'circular-condition');
  assert.ok(c.length >= 1);
  assert.match(c[0]!.pointer, /^\/sharedConditions\/(a|b)$/);
});

test('a complex JSONPath is a warning: it falls back to json-rules-engine', () => {
  const f = only(
    ruleset([rule('r', {all: [{...rejected, path: '$..status'}]})]),
    'path-not-compiled',
  );
  assert.equal(f.severity, 'warning');
});

test('parseRuleset throws RulesetInvalidError with every finding, and returns a frozen ruleset', () => {
  assert.throws(
    () => parseRuleset(ruleset([rule('first', {all: []})])),
    (e: unknown) =>
      e instanceof RulesetInvalidError &&
      e.code === 'invalid-ruleset' &&
      e.findings.some((f) => f.code === 'duplicate-rule-name'),
  );
  const rs = parseRuleset(shipped);
  assert.ok(Object.isFrozen(rs.rules[0]));
  assert.equal(rs.unassignedOwner, 'lead-desk');
});

test('a null condition in the first rule is a schema finding, not a crash', () => {
  const text = JSON.stringify({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'a',
        conditions: {all: [null]},
        event: {type: 'assign', params: {to: 'originalOwner'}},
      },
    ],
  });
  const {findings, ruleset: parsed} = lintRuleset(text);
  assert.equal(parsed, undefined);
  assert.ok(
    findings.some((f) => f.severity === 'error' && f.pointer === '/rules/0/conditions/all/0'),
  );
});

test('positions are 1-based; a byte-order mark takes no column; an object input is at 1:1', () => {
  const text = '{"recordType": "account"}';
  const at = (input: unknown) => {
    const f = lintRuleset(input).findings.find((x) => x.code === 'schema-enum');
    return `${f?.line}:${f?.column}`;
  };
  assert.equal(at(text), '1:16');
  assert.equal(at(`\ufeff${text}`), '1:16');
  assert.equal(at(JSON.parse(text)), '1:1');
});
