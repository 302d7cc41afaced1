// The linter's false negatives of issue 14, each now a finding with its own code: for every one, the
// bad ruleset that used to lint clean (or only warn), the finding's code, severity and place, and what
// the evaluator does with it, which is why it is an error.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync, type AssignmentContext} from '../assign-owner.js';
import {compileRuleset} from '../compile-ruleset.js';
import type {LeadFacts, UserRecord} from '../lead-facts.js';
import type {Ruleset} from '../ruleset.js';
import {MAX_CONDITION_DEPTH} from './checks/check-nesting.js';
import {lintRuleset} from './lint-ruleset.js';

const users = new Map<string, UserRecord>([
  ['anna', {id: 'anna', managerId: null, active: true}],
  ['max', {id: 'max', managerId: 'anna', active: true}],
]);
const rejected = {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'};
const lead = (extra: object = {}) =>
  ({
    id: 'L-1',
    status: 'Rejected',
    ownerId: 'max',
    originalOwnerId: null,
    region: 'EMEA',
    rejectCode: 'OTHER',
    rejectReason: 'No budget this year',
    ...extra,
  }) as unknown as LeadFacts;

/**
 * A ruleset whose first rule sends rejected leads to their original owner (the test leads have none,
 * so it falls through), then one rule with `conditions` (to max).
 */
const withRule = (conditions: unknown, extra: object = {}) => ({
  recordType: 'lead',
  unassignedOwner: 'anna',
  rules: [
    {
      name: 'first',
      conditions: {all: [rejected]},
      event: {type: 'assign', params: {to: 'originalOwner'}},
    },
    {name: 'probe', conditions, event: {type: 'assign', params: {to: 'user', userId: 'max'}}},
  ],
  ...extra,
});

function only(input: unknown, code: string) {
  const text = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
  const findings = lintRuleset(text).findings;
  const found = findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `expected one ${code}: ${JSON.stringify(findings, null, 1)}`);
  assert.equal(lintRuleset(text).ruleset, undefined, 'an error: the ruleset is refused');
  return found[0]!;
}

const context = (ruleset: unknown): AssignmentContext => ({
  compiled: compileRuleset(ruleset as Ruleset),
  users,
  ownershipMode: 'mixed',
});

test('invalid-reference-path: a fact reference with a non-string path or one without $', async () => {
  for (const path of [5, 'ownerId', null]) {
    const rs = withRule({
      all: [{fact: 'lead', path: '$.ownerId', operator: 'equal', value: {fact: 'lead', path}}],
    });
    const f = only(rs, 'invalid-reference-path');
    assert.equal(f.severity, 'error');
    assert.equal(f.pointer, '/rules/1/conditions/all/0/value/path');
    assert.match(f.hint, /"\$\.ownerId"/);
    if (path === null) continue;
    // What it prevents: the compiler cannot read the path, so the whole ruleset silently falls back
    // to json-rules-engine and the synchronous decision is refused.
    const ctx = context(rs);
    assert.equal(ctx.compiled!.synchronous, false);
    assert.throws(() => assignOwnerSync(lead(), ctx), {code: 'ruleset-not-compilable'});
  }
  // A reference with a simple path is fine.
  const ok = withRule({
    all: [
      {fact: 'lead', path: '$.ownerId', operator: 'equal', value: {fact: 'lead', path: '$.id'}},
    ],
  });
  assert.equal(lintRuleset(JSON.stringify(ok)).findings.length, 0);
});

test('invalid-json-path: a JSONPath syntax error is an error, for every lead fails', async () => {
  const rs = withRule({all: [{fact: 'lead', path: '$[?(@.x==)]', operator: 'equal', value: 1}]});
  const f = only(rs, 'invalid-json-path');
  assert.equal(f.severity, 'error');
  assert.equal(f.pointer, '/rules/1/conditions/all/0/path');
  assert.match(f.message, /Expected expression after ==/);
  assert.match(f.message, /every lead/);
  // Not also the fallback warning: the path is broken, not merely slow.
  assert.ok(!lintRuleset(JSON.stringify(rs)).findings.some((x) => x.code === 'path-not-compiled'));
  // What it prevents: every lead that reaches the rule fails.
  for (const extra of [{}, {region: 'NA', rating: 'A'}])
    await assert.rejects(assignOwner(lead(extra), context(rs)), {code: 'rule-evaluation-failed'});
  // In a fact reference too; a valid filter stays a warning.
  only(
    withRule({
      all: [
        {fact: 'lead', path: '$.id', operator: 'equal', value: {fact: 'lead', path: '$[?(x)]'}},
      ],
    }),
    'invalid-json-path',
  );
  const fine = withRule({
    all: [{fact: 'lead', path: '$[?(@ == "EMEA")]', operator: 'in', value: []}],
  });
  const codes = lintRuleset(JSON.stringify(fine)).findings.map((x) => x.code);
  assert.deepEqual(codes, ['path-not-compiled']);
});

test('element-needs-array: someValue:in / everyValue:in over numbers', async () => {
  for (const operator of ['someValue:in', 'everyValue:in', 'not:someValue:notIn']) {
    const rs = withRule({all: [{fact: 'lead', path: '$.version', operator, value: [1, 2]}]});
    const findings = lintRuleset(JSON.stringify(rs)).findings;
    const f = findings.filter((x) => x.code === 'element-needs-array');
    assert.equal(f.length, 2, operator); // each element
    assert.equal(f[0]!.severity, 'error');
    assert.equal(f[0]!.pointer, '/rules/1/conditions/all/0/value/0');
    assert.match(f[0]!.hint, /"operator": "in"/);
    // Not the old warning as well.
    assert.ok(!findings.some((x) => x.code === 'operator-may-fail'), operator);
    // What it prevents: every lead fails (the first element is always handed to "in").
    await assert.rejects(assignOwner(lead({version: 1}), context(rs)), {
      code: 'rule-evaluation-failed',
    });
    assert.throws(() => assignOwnerSync(lead(), context(rs)), {code: 'rule-evaluation-failed'});
  }
  // Nested lists: an element of the inner list.
  const nested = only(
    withRule({
      all: [{fact: 'lead', path: '$.region', operator: 'someValue:someValue:in', value: [[3]]}],
    }),
    'element-needs-array',
  );
  assert.equal(nested.pointer, '/rules/1/conditions/all/0/value/0/0');
  // Lists of lists, and strings for "in", are what these operators take.
  const ok = withRule({
    all: [
      {fact: 'lead', path: '$.region', operator: 'someValue:in', value: [['EMEA'], 'NA']},
      {fact: 'lead', path: '$.region', operator: 'everyValue:notIn', value: [['APAC']]},
    ],
  });
  assert.equal(lintRuleset(JSON.stringify(ok)).findings.length, 0);
});

test('nesting-too-deep: conditions nested 780 deep (or more) never make lintRuleset throw', () => {
  const leaf = {fact: 'lead', path: '$.region', operator: 'equal', value: 'EMEA'};
  const nested = (depth: number, kind: 'not' | 'all' | 'mixed') => {
    let c: unknown = leaf;
    for (let i = 0; i < depth; i++)
      c = kind === 'not' || (kind === 'mixed' && i % 2) ? {not: c} : {all: [c]};
    return {all: [c]};
  };
  for (const depth of [780, 1000, 1500]) {
    for (const kind of ['not', 'all', 'mixed'] as const) {
      const rs = withRule(nested(depth, kind));
      for (const input of [rs, JSON.stringify(rs)]) {
        let result: ReturnType<typeof lintRuleset> | undefined;
        assert.doesNotThrow(() => (result = lintRuleset(input)), `${depth} ${kind}`);
        const codes = new Set(result!.findings.map((f) => f.code));
        assert.deepEqual([...codes], ['nesting-too-deep'], `${depth} ${kind} ${typeof input}`);
        assert.equal(result!.ruleset, undefined);
      }
    }
  }
  // At the limit it lints, compiles and decides on both paths.
  const atLimit = withRule(nested(MAX_CONDITION_DEPTH - 2, 'not'));
  const {findings, ruleset} = lintRuleset(JSON.stringify(atLimit));
  assert.ok(ruleset, JSON.stringify(findings));
  const ctx = context(ruleset);
  assert.ok(ctx.compiled!.synchronous);
  assert.doesNotThrow(() => assignOwnerSync(lead(), ctx));
  const over = only(withRule(nested(MAX_CONDITION_DEPTH, 'not')), 'nesting-too-deep');
  assert.equal(over.severity, 'error');
  assert.match(over.pointer, /^\/rules\/1\/conditions\/all\/0(\/not)+$/);
});

test('nesting-too-deep: through a chain of shared conditions, and in a value of an object input', () => {
  // 30 shared conditions of 5 levels each, chained: 150 levels where the rule references the first.
  const sharedConditions: Record<string, unknown> = {};
  for (let i = 0; i < 30; i++) {
    const inner = i === 29 ? rejected : {condition: `s${i + 1}`};
    sharedConditions[`s${i}`] = {not: {not: {not: {not: inner}}}};
  }
  const rs = withRule({all: [{condition: 's0'}]}, {sharedConditions});
  const findings = lintRuleset(JSON.stringify(rs)).findings;
  assert.ok(findings.length > 0 && findings.every((f) => f.code === 'nesting-too-deep'));
  const inRule = findings.find((f) => f.pointer === '/rules/1/conditions/all/0');
  assert.ok(inRule, JSON.stringify(findings));
  assert.match(inRule.message, /"s0" → "s1"/);
  // A chain of 10 000 references: no deep recursion either.
  const long: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) long[`c${i}`] = {condition: i === 9_999 ? 'c0x' : `c${i + 1}`};
  long.c0x = {all: []};
  assert.doesNotThrow(() =>
    lintRuleset(withRule({all: [{condition: 'c0'}]}, {sharedConditions: long})),
  );
  // A value nested past the JSON limit, given as an object (a text is refused by the locator).
  let deep: unknown = 'EMEA';
  for (let i = 0; i < 20_000; i++) deep = [deep];
  const value = withRule({all: [{fact: 'lead', path: '$.region', operator: 'in', value: deep}]});
  const r = lintRuleset(value);
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['nesting-too-deep'],
  );
});

test('reserved-value-key: a literal value with an own toString key (or __proto__, valueOf, …)', async () => {
  const rs = withRule({
    all: [{fact: 'lead', path: '$.version', operator: 'lessThan', value: {toString: 'x'}}],
  });
  const f = only(rs, 'reserved-value-key');
  assert.equal(f.severity, 'error');
  assert.equal(f.pointer, '/rules/1/conditions/all/0/value/toString');
  assert.match(f.message, /drops "toString"/);
  // Nested in a list, and __proto__ (JSON.parse makes it an own key).
  const text = JSON.stringify(
    withRule({
      all: [{fact: 'lead', path: '$.region', operator: 'in', value: ['EMEA', {valueOf: 1}]}],
    }),
  );
  assert.equal(
    only(text, 'reserved-value-key').pointer,
    '/rules/1/conditions/all/0/value/1/valueOf',
  );
  const proto = only(
    JSON.stringify(withRule({all: [{...rejected, value: {a: 1}}]})).replace(
      '"a":1',
      '"__proto__":null',
    ),
    'reserved-value-key',
  );
  assert.match(proto.message, /prototype/);
  // What it prevents: json-rules-engine compares with {} (its copy drops the key), not the value written.
  const ctx = context(rs);
  const engine = await assignOwner(lead({version: 3}), ctx, {trace: true});
  const leafTrace = (engine.trace!.rules[1]!.conditions as {conditions: {expected: unknown}[]})
    .conditions[0]!;
  assert.deepEqual(leafTrace.expected, {});
});

test('contains-needs-array: contains / doesNotContain on a field that is never an array', async () => {
  const rs = withRule({
    all: [{fact: 'lead', path: '$.rejectReason', operator: 'contains', value: 'budget'}],
  });
  const f = only(rs, 'contains-needs-array');
  assert.equal(f.severity, 'error');
  assert.equal(f.pointer, '/rules/1/conditions/all/0/operator');
  assert.match(f.message, /lead \$\.rejectReason is never an array.*always false/);
  assert.match(f.hint, /"operator": "swap:in"/);
  // What it prevents: it never matches ("No budget this year" contains "budget" is false) …
  assert.equal(assignOwnerSync(lead(), context(rs)).rule, null);
  // … and the fix in the hint does match.
  const fixed = withRule({
    all: [
      {fact: 'lead', path: '$.rejectCode', operator: 'equal', value: 'OTHER', priority: 2},
      {fact: 'lead', path: '$.rejectReason', operator: 'swap:in', value: 'budget'},
    ],
  });
  assert.equal(assignOwnerSync(lead(), context(fixed)).rule, 'probe');
  assert.equal(
    assignOwnerSync(lead({rejectCode: 'DUPLICATE', rejectReason: undefined}), context(fixed)).rule,
    null,
  );
  // doesNotContain is always false too; with not: always true. Both are reported.
  const dnc = only(
    withRule({all: [{fact: 'lead', path: '$.region', operator: 'not:doesNotContain', value: 'x'}]}),
    'contains-needs-array',
  );
  assert.match(dnc.message, /always true/);
  assert.match(dnc.hint, /"not:swap:in"/);
  // An array on the value side (swap:contains: the field is one of the list) is fine.
  const swap = withRule({
    all: [{fact: 'lead', path: '$.region', operator: 'swap:contains', value: ['EMEA', 'NA']}],
  });
  assert.equal(lintRuleset(JSON.stringify(swap)).findings.length, 0);
});

test('priority-too-large: a priority of 1e21 or more (json-rules-engine reads 1e21 as 1)', () => {
  const rs = withRule(
    {
      all: [
        {condition: 'isRejected', priority: 1e21},
        {...rejected, priority: 1e21},
      ],
    },
    {sharedConditions: {isRejected: {all: [rejected]}}},
  );
  const findings = lintRuleset(JSON.stringify(rs)).findings.filter(
    (f) => f.code === 'priority-too-large',
  );
  assert.deepEqual(
    findings.map((f) => f.pointer),
    ['/rules/1/conditions/all/0/priority', '/rules/1/conditions/all/1/priority'],
  );
  assert.match(findings[1]!.message, /counts as 1\b/);
  // The evaluator agrees with the engine on it anyway: reference priorities compile as written.
  assert.ok(compileRuleset(rs as unknown as Ruleset).synchronous);
  assert.ok(
    lintRuleset(JSON.stringify(withRule({all: [{...rejected, priority: Number.MAX_SAFE_INTEGER}]})))
      .ruleset,
  );
});

test('an unknown field is reported as such, not also as contains-needs-array', () => {
  const rs = withRule({all: [{fact: 'lead', path: '$.tags', operator: 'contains', value: 'x'}]});
  const codes = lintRuleset(JSON.stringify(rs)).findings.map((f) => f.code);
  assert.deepEqual(codes, ['unknown-field']);
});
