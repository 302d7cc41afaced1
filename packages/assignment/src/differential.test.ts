// The compiled evaluator against json-rules-engine: over many generated rulesets (every operator and
// decorator, nested all/any/not, shared-condition references, condition priorities, fact references,
// paths to missing fields, missing owners) and generated leads, both must make identical decisions
// (the same owner, rule and outcome, or both fail).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync} from './assign-owner.js';
import {compileRuleset} from './compile-ruleset.js';
import {seededRandom} from './generate-leads.js';
import type {LeadFacts, UserRecord} from './lead-facts.js';
import {resolveTarget} from './resolve-target.js';
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
const SCALARS: unknown[] = [
  'EMEA',
  'NA',
  'A',
  'B',
  '',
  '12',
  '7.5',
  'x12',
  0,
  3,
  7.5,
  -1,
  true,
  false,
  null,
];
const ARRAYS: unknown[][] = [['EMEA', 'NA'], ['A'], [], [3, 7.5], ['x', null], [true]];
const FIELDS = ['region', 'rating', 'score', 'tags', 'missing', 'status', 'flag', 'ownerId'];

function leafValue(operator: string): unknown {
  const needsArray =
    /^(?:.*:)?(in|notIn)$/.test(operator) || /(someValue|everyValue):/.test(operator);
  if (needsArray && !operator.includes('swap')) return pick(ARRAYS);
  if (random() < 0.08 && !/(in|notIn)$|Value:/.test(operator))
    return {fact: 'lead', path: `$.${pick(FIELDS)}`};
  return random() < 0.3 ? pick(ARRAYS) : pick(SCALARS);
}

/**
 * Operators with values the linter accepts. Combinations that make json-rules-engine itself throw
 * (`swap:in`, `someValue:in` over non-arrays) are left out: error parity for them is not claimed.
 */
function operator(): string {
  let op = pick(OPERATOR_NAMES);
  const decorations = random() < 0.35 ? 1 + Math.floor(random() * 2) : 0;
  for (let i = 0; i < decorations; i++)
    op = `${pick(DECORATOR_NAMES.filter((d) => d !== 'swap'))}:${op}`;
  if (/(someValue|everyValue):/.test(op)) op = op.replace(/(?<=:)(in|notIn)$/, 'equal');
  return op;
}

function leaf(): Condition {
  const r = random();
  const fact = r < 0.75 ? 'lead' : r < 0.85 ? 'owner' : r < 0.95 ? 'originalOwner' : 'nope';
  const path =
    fact === 'lead'
      ? pick([
          `$.${pick(FIELDS)}`,
          `$.${pick(FIELDS)}`,
          '$.nested.level',
          "$['region']",
          '$.tags[0]',
          '',
        ])
      : pick(['$.active', '$.managerId', '$.id', '']);
  const op = operator();
  const c: Record<string, unknown> = {fact, operator: op, value: leafValue(op)};
  if (path) c.path = path;
  if (random() < 0.15) c.priority = 1 + Math.floor(random() * 3);
  return c as unknown as Condition;
}

function condition(depth: number, shared: string[]): Condition {
  const r = random();
  if (depth <= 0 || r < 0.45) return leaf();
  if (r < 0.55 && shared.length) return {condition: pick(shared)};
  if (r < 0.65) return {not: condition(depth - 1, shared)};
  const kind = random() < 0.5 ? 'all' : 'any';
  const n = Math.floor(random() * 4);
  const children = Array.from({length: n}, () => condition(depth - 1, shared));
  const node = (kind === 'all' ? {all: children} : {any: children}) as Condition;
  if (random() < 0.2) (node as {priority?: number}).priority = 1 + Math.floor(random() * 3);
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
  maybe('region', ['EMEA', 'NA', 'APAC', '', null]);
  maybe('rating', ['A', 'B', 'C']);
  maybe('score', [0, 3, 7.5, '12', 'x12', -1, null]);
  maybe('tags', [['EMEA', 'NA'], ['A'], [], [3, 7.5], 'EMEA', null]);
  maybe('flag', [true, false]);
  maybe('nested', [{level: 3}, {level: 'A'}, {}, null, 'str']);
  lead.ownerId = pick([...USER_IDS, 'ghost', null]);
  lead.originalOwnerId = pick([...USER_IDS, 'ghost', null]);
  return lead as unknown as LeadFacts;
}

type Decision = {outcome: string; ownerId: string; rule: string | null} | {error: true};

test('the compiled evaluator decides exactly as json-rules-engine', async () => {
  let compared = 0;
  let errors = 0;
  let assigned = 0;
  let engineErrors = 0;
  for (let r = 0; r < 300; r++) {
    const ruleset = generateRuleset();
    const compiled = compileRuleset(ruleset);
    assert.ok(compiled.synchronous, `ruleset ${r} should compile: ${compiled.fallbackReasons}`);
    for (let l = 0; l < 40; l++) {
      const lead = generateLead();
      const context = {compiled, users, ownershipMode: 'mixed' as const, now: new Date(0)};
      let fast: Decision;
      try {
        fast = assignOwnerSync(lead, context);
      } catch {
        fast = {error: true};
      }
      let reference: Decision;
      try {
        // {trace: true} forces json-rules-engine over every rule.
        const {trace: _trace, ...decision} = await assignOwner(lead, context, {trace: true});
        reference = decision;
      } catch {
        reference = {error: true};
      }
      let stopped: Decision;
      try {
        const winner = await compiled.reference.decide(
          {
            lead,
            owner: users.get(lead.ownerId ?? '') ?? null,
            originalOwner: users.get(lead.originalOwnerId ?? '') ?? null,
            now: {iso: '', epochMs: 0, hourUtc: 0, weekdayUtc: 4},
          },
          (i) => {
            const t = compiled.rules[i]!.target;
            return resolveTarget(t, lead, (id) => users.get(id)).ownerId;
          },
        );
        stopped = winner
          ? {outcome: 'assigned', ownerId: winner.ownerId, rule: compiled.rules[winner.index]!.name}
          : {outcome: 'unassigned-owner', ownerId: 'u1', rule: null};
      } catch {
        stopped = {error: true};
      }
      const where = `ruleset ${JSON.stringify(ruleset)}\nlead ${JSON.stringify(lead)}`;
      // Known gap: a few generated conditions make json-rules-engine throw where the compiled rules
      // decide; those leads are counted, not compared (error parity is not claimed yet).
      if ('error' in stopped) {
        engineErrors++;
        continue;
      }
      assert.deepEqual(fast, stopped, where);
      // Running every rule may hit an error in a rule after the winner; otherwise it decides the same.
      if (!('error' in reference)) assert.deepEqual(fast, reference, where);
      compared++;
      if ('error' in fast) errors++;
      else if (fast.outcome === 'assigned') assigned++;
    }
  }
  // The generator must exercise both outcomes, not only trivially agree.
  assert.ok(engineErrors < compared * 0.15, `engine errors ${engineErrors} of ${compared}`);
  assert.ok(assigned > compared * 0.2, `assigned ${assigned} of ${compared}`);
  assert.ok(compared - assigned - errors > compared * 0.1, `unassigned of ${compared}`);
});
