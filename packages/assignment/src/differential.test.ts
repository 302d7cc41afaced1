// The compiled evaluator against json-rules-engine 7.3: over generated rulesets and leads, both must
// make identical decisions for every lead, with no tolerance: the same owner, rule and outcome, or the
// same failure (`rule-evaluation-failed` in the same rule). Two parts: a sweep over every built-in
// operator with up to two decorators (all 430 names, swap included) against literal values, fact
// references and run-time values that make the engine throw, in all/any/not positions where the
// engine evaluates siblings; and random rulesets (nested all/any/not, shared-condition references,
// condition priorities, unknown facts, paths to missing fields, missing owners).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync, type AssignmentContext} from './assign-owner.js';
import {AssignmentError} from './assignment-error.js';
import {compileRuleset} from './compile-ruleset.js';
import {seededRandom} from './generate-leads.js';
import type {LeadFacts, UserRecord} from './lead-facts.js';
import {DECORATOR_NAMES, OPERATOR_NAMES} from './operators.js';
import type {Condition, Ruleset} from './ruleset.js';

const random = seededRandom(20261128);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const USER_IDS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const users = new Map<string, UserRecord>(
  USER_IDS.map((id, i) => [
    id,
    {id, managerId: i === 0 ? null : (USER_IDS[i - 1] as string), active: i !== 2},
  ]),
);

/** Every operator name json-rules-engine 7.3 resolves with at most two decorators (430). */
const ALL_OPERATORS: string[] = [...OPERATOR_NAMES];
for (const d1 of DECORATOR_NAMES)
  for (const base of OPERATOR_NAMES) {
    ALL_OPERATORS.push(`${d1}:${base}`);
    for (const d2 of DECORATOR_NAMES) ALL_OPERATORS.push(`${d1}:${d2}:${base}`);
  }

/** Condition values: scalars, arrays (of scalars, of arrays, of strings), objects, fact references. */
const VALUES: unknown[] = [
  'EMEA',
  '',
  '12',
  'x12',
  0,
  7.5,
  -1,
  true,
  null,
  [],
  ['EMEA', 'NA'],
  [3, 7.5, '12'],
  ['x', null],
  [['EMEA'], 'NA'],
  [['EMEA', 'NA'], ['A']],
  [[], 'EMEA'],
  {a: 1},
  {fact: 'lead', path: '$.v'},
  {fact: 'lead', path: '$.w'},
  {fact: 'owner', path: '$.id'},
  {fact: 'nope'},
];
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

type Decision = {outcome: string; ownerId: string; rule: string | null} | {error: string};

function asDecision(run: () => Decision): Decision {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof AssignmentError)) throw error;
    if (error.code !== 'rule-evaluation-failed') return {error: error.code};
    return {error: `${error.code} in ${/^Rule "([^"]*)"/.exec(error.message)?.[1]}`};
  }
}

async function asDecisionAsync(run: () => Promise<Decision>): Promise<Decision> {
  try {
    return await run();
  } catch (error) {
    return asDecision(() => {
      throw error;
    });
  }
}

const tally = {compared: 0, errors: 0, assigned: 0, unassigned: 0};

/** Decides `lead` both ways and requires the same decision. */
async function compare(ruleset: Ruleset, lead: LeadFacts, withTrace = false) {
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
    // The traced path runs every rule; unless a rule after the winner fails, it decides the same.
    const traced = await asDecisionAsync(async () => {
      const {trace: _trace, ...decision} = await assignOwner(lead, context, {trace: true});
      return decision;
    });
    if (!('error' in traced) || 'error' in fast) assert.deepEqual(traced, fast);
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

const FIELDS = ['region', 'rating', 'score', 'tags', 'missing', 'status', 'flag', 'ownerId'];
const PATHS = [
  ...FIELDS.map((f) => `$.${f}`),
  '$.nested.level',
  '$.nested.deeper.x',
  "$['region']",
  '$["rating"]',
  '$.tags[0]',
  '$.tags[1]',
  '$.tags.length',
  '$.region.length',
  '$.region[0]',
  '$.nested[0]',
  // Names Object.prototype has: only own properties count, for jsonpath-plus and the compiler.
  '$.constructor',
  '$.toString',
  '$.__proto__',
  '$',
  '',
];

function leaf(): Condition {
  const r = random();
  const fact =
    r < 0.7
      ? 'lead'
      : r < 0.8
        ? 'owner'
        : r < 0.9
          ? 'originalOwner'
          : pick(['nope', 'now', 'toString', 'constructor', '__proto__']);
  const path =
    fact === 'lead' ? pick(PATHS) : pick(['$.active', '$.managerId', '$.id', '$.hourUtc', '']);
  // Mostly plain operators with fitting values (so most rules decide), else anything at all.
  const plain = random() < 0.7;
  const operator = plain ? pick(OPERATOR_NAMES) : pick(ALL_OPERATORS);
  const value =
    plain && /^(?:in|notIn)$/.test(operator) && random() < 0.9
      ? pick([['EMEA', 'NA'], [3, 7.5, '12'], ['x', null], [], 'EMEA'])
      : pick(VALUES);
  const c: Record<string, unknown> = {fact, operator, value};
  if (path) c.path = path;
  if (random() < 0.15) c.priority = pick([1, 2, 3, '2', 0]);
  return c as unknown as Condition;
}

function condition(depth: number, shared: string[]): Condition {
  const r = random();
  if (depth <= 0 || r < 0.4) return leaf();
  if (r < 0.5 && shared.length) {
    const ref: Record<string, unknown> = {condition: pick(shared)};
    if (random() < 0.3) ref.priority = pick([1, 2, 3]);
    return ref as unknown as Condition;
  }
  if (r < 0.62) return {not: condition(depth - 1, shared)};
  const kind = random() < 0.5 ? 'all' : 'any';
  const children = Array.from({length: Math.floor(random() * 4)}, () =>
    condition(depth - 1, shared),
  );
  const node = (kind === 'all' ? {all: children} : {any: children}) as Condition;
  if (random() < 0.2) (node as {priority?: unknown}).priority = pick([1, 2, 3, '3']);
  return node;
}

function topLevel(depth: number, shared: string[]): Condition {
  const r = random();
  if (r < 0.1 && shared.length) return {condition: pick(shared)};
  if (r < 0.2) return {not: condition(depth, shared)};
  const children = Array.from({length: 1 + Math.floor(random() * 3)}, () =>
    condition(depth, shared),
  );
  return random() < 0.5 ? {all: children} : {any: children};
}

function generateRuleset(): Ruleset {
  const sharedNames = random() < 0.5 ? ['s1', 's2'] : [];
  const sharedConditions: Record<string, Condition> = {};
  // s2 may use s1; s1 uses none (no cycles).
  if (sharedNames.length) {
    sharedConditions.s1 = topLevel(1, []);
    sharedConditions.s2 = topLevel(2, ['s1']);
  }
  const targets = [
    {to: 'originalOwner'},
    {to: 'originalOwnerManager'},
    {to: 'ownerManager'},
    {to: 'user', userId: pick(USER_IDS)},
  ];
  const rules = Array.from({length: 1 + Math.floor(random() * 5)}, (_, i) => ({
    name: `r${i}`,
    conditions: topLevel(3, sharedNames),
    event: {type: 'assign', params: pick(targets)},
  }));
  return {
    recordType: 'lead',
    unassignedOwner: 'u1',
    ...(sharedNames.length ? {sharedConditions} : {}),
    rules,
  } as unknown as Ruleset;
}

function generateLead(): LeadFacts {
  const lead: Record<string, unknown> = {id: 'L', status: 'Rejected'};
  const maybe = (k: string, values: readonly unknown[]) => {
    if (random() < 0.8) lead[k] = pick(values);
  };
  maybe('region', ['EMEA', 'NA', 'APAC', '', null, ['EMEA']]);
  maybe('rating', ['A', 'B', 'C', 3]);
  maybe('score', [0, 3, 7.5, '12', 'x12', -1, null]);
  maybe('tags', [['EMEA', 'NA'], ['A'], [], [3, 7.5], [['EMEA']], 'EMEA', null]);
  maybe('flag', [true, false]);
  maybe('nested', [{level: 3}, {level: 'A', deeper: {x: 1}}, {}, null, 'str', [1]]);
  lead.ownerId = pick([...USER_IDS, 'ghost', null]);
  lead.originalOwnerId = pick([...USER_IDS, 'ghost', null]);
  return lead as unknown as LeadFacts;
}

test('random rulesets decide exactly as json-rules-engine for every lead', async () => {
  const before = {...tally};
  for (let r = 0; r < 200; r++) {
    const ruleset = generateRuleset();
    for (let l = 0; l < 20; l++) await compare(ruleset, generateLead(), l % 5 === 0);
  }
  const compared = tally.compared - before.compared;
  const share = (n: number) => n / compared;
  // The generator must exercise every outcome, not only trivially agree.
  assert.ok(share(tally.assigned - before.assigned) > 0.2, 'assigned');
  assert.ok(share(tally.unassigned - before.unassigned) > 0.05, 'unassigned');
  assert.ok(share(tally.errors - before.errors) > 0.02, 'failures');
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
