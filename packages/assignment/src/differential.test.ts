// The compiled evaluator against json-rules-engine 7.3: over generated rulesets and leads, both must
// make identical decisions for every lead, with no tolerance: the same owner, rule and outcome, or the
// same failure (`rule-evaluation-failed` in the same rule). Three parts: a sweep over every built-in
// operator with up to two decorators (all 430 names, swap included) against literal values, fact
// references and run-time values that make the engine throw, in all/any/not positions where the
// engine evaluates siblings; random rulesets (nested all/any/not, shared-condition references,
// condition priorities, unknown facts, paths to missing fields, missing owners); and the adversarial
// value classes of issue 14 (own toString keys and the other names json-rules-engine's copy drops,
// `__proto__` keys, null prototypes in rulesets, leads and users, priorities of 1e21 and more), each
// of which agrees, and, where a ruleset text can hold it, is refused by the linter as well.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync, type AssignmentContext} from './assign-owner.js';
import {compileRuleset} from './compile-ruleset.js';
import {seededRandom} from './generate-leads.js';
import type {LeadFacts, UserRecord} from './lead-facts.js';
import {RESERVED_VALUE_KEYS} from './engine-copy.js';
import {lintRuleset} from './lint/lint-ruleset.js';
import {DECORATOR_NAMES, OPERATOR_NAMES} from './operators.js';
import type {Condition, Ruleset} from './ruleset.js';
import {
  ADVERSARIAL_PRIORITIES,
  ADVERSARIAL_VALUES,
  ALL_OPERATORS,
  USERS as users,
  VALUES,
  randomRulesets,
  withoutPrototypes,
} from '../test/random-rulesets.js';
import {asDecision, asDecisionAsync, type Decision} from '../test/trace-agreement.js';

const random = seededRandom(20261128);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Values of the lead field `v` that the sweep's conditions read. */
const FIELD_VALUES: unknown[] = [
  'EMEA',
  'NA',
  '',
  '12',
  7.5,
  0,
  true,
  null,
  [],
  ['EMEA', 'NA'],
  [7.5, 3],
  [['EMEA'], 'x'],
  {a: 1},
];

const tally = {compared: 0, errors: 0, assigned: 0, unassigned: 0};
const USERS_MAP: ReadonlyMap<string, UserRecord> = users;

/** Decides `lead` both ways and requires the same decision. */
async function compare(
  ruleset: Ruleset,
  lead: LeadFacts,
  withTrace = false,
  users: ReadonlyMap<string, UserRecord> = USERS_MAP,
) {
  const compiled = compileRuleset(ruleset);
  assert.ok(compiled.synchronous, `should compile: ${compiled.fallbackReasons.join('; ')}`);
  const context: AssignmentContext = {compiled, users, ownershipMode: 'mixed', now: new Date(0)};
  const fast = asDecision(() => assignOwnerSync(lead, context));
  // The engine alone: the same ruleset object compiled again would be cached, so the reference
  // evaluator is called through a ruleset copy that the compiler refuses (a non-simple path).
  const reference = await asDecisionAsync(async () => {
    const winner = await compiled.reference.decide(
      {
        lead,
        owner: users.get(lead.ownerId ?? '') ?? null,
        originalOwner: users.get(lead.originalOwnerId ?? '') ?? null,
        now: {iso: '1970-01-01T00:00:00.000Z', epochMs: 0, hourUtc: 0, weekdayUtc: 4},
      },
      (i) => compiled.rules[i]!.resolve(lead, (id) => users.get(id)),
    );
    return winner
      ? {outcome: 'assigned', ownerId: winner.ownerId, rule: compiled.rules[winner.index]!.name}
      : {outcome: 'unassigned-owner', ownerId: ruleset.unassignedOwner, rule: null};
  });
  assert.deepEqual(
    fast,
    reference,
    `ruleset ${JSON.stringify(ruleset)}\nlead ${JSON.stringify(lead)}`,
  );
  if (withTrace) {
    // The traced path decides the same, failures included (src/trace-agreement.test.ts checks more).
    const traced = await asDecisionAsync(async () => {
      const {trace: _trace, ...decision} = await assignOwner(lead, context, {trace: true});
      return decision as Decision;
    });
    assert.deepEqual(traced, fast);
  }
  tally.compared++;
  if ('error' in fast) tally.errors++;
  else if (fast.outcome === 'assigned') tally.assigned++;
  else tally.unassigned++;
}

test('every operator and decorator decides (and fails) exactly as json-rules-engine', async () => {
  assert.equal(ALL_OPERATORS.length, 10 + 6 * 10 + 6 * 6 * 10);
  const before = {...tally};
  const leads = FIELD_VALUES.map(
    (v, i) =>
      ({
        id: `L${i}`,
        status: 'Rejected',
        v,
        ...(i % 3 ? {w: FIELD_VALUES[(i * 5) % FIELD_VALUES.length]} : {}),
        ...(i % 2 ? {flag: true} : {}),
        ownerId: i % 4 ? 'u2' : null,
        originalOwnerId: i % 3 ? 'u4' : 'u3',
      }) as unknown as LeadFacts,
  );
  // Decorators chain to any depth; a sample of three-deep chains too.
  const threeDeep = Array.from(
    {length: 40},
    () =>
      `${pick(DECORATOR_NAMES)}:${pick(DECORATOR_NAMES)}:${pick(DECORATOR_NAMES)}:${pick(OPERATOR_NAMES)}`,
  );
  for (const operator of [...ALL_OPERATORS, ...threeDeep]) {
    // Every value for undecorated operators; a sample (always with a fact reference) for the rest.
    const values = operator.includes(':') ? [pick(VALUES), pick(VALUES.slice(-4))] : VALUES;
    for (const value of values) {
      const leaf = {fact: 'lead', path: '$.v', operator, value} as unknown as Condition;
      const no = {fact: 'lead', path: '$.id', operator: 'equal', value: 'never'} as Condition;
      const yes = {fact: 'lead', path: '$.flag', operator: 'equal', value: true} as Condition;
      const ruleset = {
        recordType: 'lead',
        unassignedOwner: 'u1',
        rules: [
          // Siblings of one priority are all evaluated by the engine, even after one decided.
          {
            name: 'all-after-false',
            conditions: {all: [no, leaf]},
            event: {type: 'assign', params: {to: 'user', userId: 'u2'}},
          },
          {
            name: 'any-after-true',
            conditions: {any: [leaf, yes]},
            event: {type: 'assign', params: {to: 'user', userId: 'u4'}},
          },
          // u3 is inactive: a match never applies, but a failure still stops the run.
          {
            name: 'not',
            conditions: {not: leaf},
            event: {type: 'assign', params: {to: 'user', userId: 'u3'}},
          },
          // A higher-priority sibling that decides first: the engine never evaluates the leaf.
          {
            name: 'short-circuit',
            conditions: {all: [{...no, priority: 2}, leaf]},
            event: {type: 'assign', params: {to: 'originalOwner'}},
          },
          {
            name: 'plain',
            conditions: {all: [leaf]},
            event: {type: 'assign', params: {to: 'originalOwner'}},
          },
        ],
      } as unknown as Ruleset;
      for (const lead of leads) await compare(ruleset, lead);
    }
  }
  // The sweep must reach every kind of decision, failures included.
  assert.ok(tally.errors - before.errors > 1000, `failures ${tally.errors - before.errors}`);
  assert.ok(
    tally.assigned - before.assigned > 1000,
    `assigned ${tally.assigned - before.assigned}`,
  );
  assert.ok(
    tally.unassigned - before.unassigned > 100,
    `unassigned ${tally.unassigned - before.unassigned}`,
  );
});

test('random rulesets decide exactly as json-rules-engine for every lead', async () => {
  const before = {...tally};
  const gen = randomRulesets(20261128);
  for (let r = 0; r < 200; r++) {
    const ruleset = gen.generateRuleset();
    for (let l = 0; l < 20; l++) await compare(ruleset, gen.generateLead(), l % 5 === 0);
  }
  const compared = tally.compared - before.compared;
  const share = (n: number) => n / compared;
  // The generator must exercise every outcome, not only trivially agree.
  assert.ok(share(tally.assigned - before.assigned) > 0.2, 'assigned');
  assert.ok(share(tally.unassigned - before.unassigned) > 0.05, 'unassigned');
  assert.ok(share(tally.errors - before.errors) > 0.02, 'failures');
});

/** Whether a value holds, anywhere, an own key json-rules-engine's per-run copy does not keep. */
function holdsReservedKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(holdsReservedKey);
  return Object.keys(v).some(
    (k) => RESERVED_VALUE_KEYS.includes(k) || holdsReservedKey((v as Record<string, unknown>)[k]),
  );
}

test('adversarial values agree with json-rules-engine: every operator, in conditions and leads', async () => {
  const before = {...tally};
  const fieldValues = [...FIELD_VALUES, ...ADVERSARIAL_VALUES];
  const leads = fieldValues.map((v, i) => {
    const lead = {
      id: `A${i}`,
      status: 'Rejected',
      v,
      w: fieldValues[(i * 7) % fieldValues.length],
      ...(i % 2 ? {flag: true} : {}),
      ownerId: i % 4 ? 'u2' : null,
      originalOwnerId: i % 3 ? 'u4' : 'u3',
    };
    return (i % 3 === 0 ? withoutPrototypes(lead) : lead) as unknown as LeadFacts;
  });
  const nullUsers = new Map([...users].map(([id, u]) => [id, withoutPrototypes(u)]));
  const no = {fact: 'lead', path: '$.id', operator: 'equal', value: 'never'};
  const yes = {fact: 'lead', path: '$.flag', operator: 'equal', value: true};
  for (const operator of ALL_OPERATORS) {
    // Every adversarial value for the plain operators; one (or a fact reference) for the rest.
    const values = operator.includes(':')
      ? [random() < 0.7 ? pick(ADVERSARIAL_VALUES) : {fact: 'lead', path: '$.w'}]
      : [...ADVERSARIAL_VALUES, {fact: 'lead', path: '$.w'}];
    for (const value of values) {
      const leaf = {fact: 'lead', path: '$.v', operator, value};
      const ruleset = {
        recordType: 'lead',
        unassignedOwner: 'u1',
        rules: [
          {
            name: 'all',
            conditions: {all: [no, leaf]},
            event: {type: 'assign', params: {to: 'user', userId: 'u2'}},
          },
          {
            name: 'any',
            conditions: {any: [leaf, yes]},
            event: {type: 'assign', params: {to: 'user', userId: 'u4'}},
          },
          {
            name: 'not',
            conditions: {not: leaf},
            event: {type: 'assign', params: {to: 'user', userId: 'u3'}},
          },
          {
            name: 'plain',
            conditions: {all: [leaf]},
            event: {type: 'assign', params: {to: 'originalOwner'}},
          },
        ],
      } as unknown as Ruleset;
      for (const [i, lead] of leads.entries())
        await compare(ruleset, lead, false, i % 2 ? nullUsers : users);
    }
  }
  assert.ok(tally.errors - before.errors > 1000, `failures ${tally.errors - before.errors}`);
  assert.ok(
    tally.assigned - before.assigned > 1000,
    `assigned ${tally.assigned - before.assigned}`,
  );
});

test('adversarial random rulesets (null prototypes, odd keys, priorities of 1e21 and more) agree', async () => {
  const before = {...tally};
  const gen = randomRulesets(20261214, {adversarial: true});
  const nullUsers = new Map([...users].map(([id, u]) => [id, withoutPrototypes(u)]));
  for (let r = 0; r < 200; r++) {
    const ruleset = gen.generateRuleset();
    for (let l = 0; l < 20; l++)
      await compare(ruleset, gen.generateLead(), l % 5 === 0, l % 2 ? nullUsers : users);
  }
  const compared = tally.compared - before.compared;
  assert.ok((tally.assigned - before.assigned) / compared > 0.2, 'assigned');
  assert.ok((tally.errors - before.errors) / compared > 0.02, 'failures');
});

test('what a ruleset text can hold of the adversarial classes, the linter refuses; the rest lints clean', () => {
  const rejected = {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'};
  const rs = (conditions: unknown, extra: object = {}) => ({
    recordType: 'lead',
    unassignedOwner: 'u1',
    rules: [
      {
        name: 'first',
        conditions: {all: [rejected]},
        event: {type: 'assign', params: {to: 'originalOwner'}},
      },
      {name: 'r', conditions, event: {type: 'assign', params: {to: 'user', userId: 'u2'}}},
    ],
    ...extra,
  });
  let refused = 0;
  for (const value of ADVERSARIAL_VALUES) {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) continue;
    const condition = {fact: 'lead', path: '$.region', operator: 'equal', value};
    const codes = (input: unknown) =>
      lintRuleset(input)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.code);
    // As a text (what an author writes), and as an object (what a host may hand over).
    const expected = holdsReservedKey(value) ? ['reserved-value-key'] : [];
    assert.deepEqual(
      [...new Set(codes(JSON.stringify(rs({all: [condition]}))))],
      expected,
      JSON.stringify(value),
    );
    assert.deepEqual([...new Set(codes(rs({all: [condition]})))], expected);
    assert.deepEqual([...new Set(codes(withoutPrototypes(rs({all: [condition]}))))], expected);
    if (expected.length) refused++;
  }
  assert.ok(refused >= 8, `refused ${refused}`);
  for (const priority of ADVERSARIAL_PRIORITIES) {
    const text = JSON.stringify(
      rs(
        {
          all: [
            {condition: 's', priority},
            {...rejected, priority},
            {any: [rejected], priority},
          ],
        },
        {sharedConditions: {s: {all: [rejected]}}},
      ),
    );
    const found = lintRuleset(text).findings.filter((f) => f.code === 'priority-too-large');
    assert.equal(found.length, 3, String(priority));
  }
});

test('a path the compiler does not read falls back to json-rules-engine, with the same decision', async () => {
  const ruleset = {
    recordType: 'lead',
    unassignedOwner: 'u1',
    rules: [
      {
        name: 'deep',
        conditions: {all: [{fact: 'lead', path: '$..region', operator: 'equal', value: 'EMEA'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'u2'}},
      },
    ],
  } as unknown as Ruleset;
  const compiled = compileRuleset(ruleset);
  assert.equal(compiled.synchronous, false);
  const context: AssignmentContext = {compiled, users, ownershipMode: 'user'};
  const lead = {id: 'L', status: 'Rejected', region: 'EMEA', ownerId: null, originalOwnerId: null};
  assert.deepEqual(await assignOwner(lead as LeadFacts, context), {
    outcome: 'assigned',
    ownerId: 'u2',
    rule: 'deep',
  });
  assert.throws(() => assignOwnerSync(lead as LeadFacts, context), {
    code: 'ruleset-not-compilable',
  });
});
