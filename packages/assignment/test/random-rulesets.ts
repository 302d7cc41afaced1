// Random rulesets and leads for the differential test, the trace-agreement test and the fuzz script
// (scripts/fuzz-trace.ts): nested all/any/not, shared-condition references, condition priorities,
// unknown facts, paths to missing fields, missing owners, every operator with up to two decorators,
// and values that make json-rules-engine throw. With `adversarial`, also the value classes of issue
// 14: objects with their own toString key (and other names json-rules-engine's copy drops), objects
// without a prototype (in leads, users and rulesets given as objects), `__proto__` keys, and
// priorities of 1e21 and beyond.
import {seededRandom} from '../src/generate-leads.js';
import type {LeadFacts, UserRecord} from '../src/lead-facts.js';
import {DECORATOR_NAMES, OPERATOR_NAMES} from '../src/operators.js';
import type {Condition, Ruleset} from '../src/ruleset.js';

export const USER_IDS = ['u1', 'u2', 'u3', 'u4', 'u5'];

/** u3 is inactive; each user's manager is the one before. */
export const USERS = new Map<string, UserRecord>(
  USER_IDS.map((id, i) => [
    id,
    {id, managerId: i === 0 ? null : (USER_IDS[i - 1] as string), active: i !== 2},
  ]),
);

/** Every operator name json-rules-engine 7.3 resolves with at most two decorators (430). */
export const ALL_OPERATORS: string[] = [...OPERATOR_NAMES];
for (const d1 of DECORATOR_NAMES)
  for (const base of OPERATOR_NAMES) {
    ALL_OPERATORS.push(`${d1}:${base}`);
    for (const d2 of DECORATOR_NAMES) ALL_OPERATORS.push(`${d1}:${d2}:${base}`);
  }

/** A copy of a JSON value whose objects have no prototype (as some parsers and drivers make them). */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = withoutPrototypes(v);
  return copy as T;
}

/**
 * Values of the adversarial classes. `{"__proto__": …}` comes from JSON.parse, which makes it an own
 * key (as a ruleset or lead text would); json-rules-engine's copy turns it into the prototype.
 */
export const ADVERSARIAL_VALUES: unknown[] = [
  {toString: 'x'},
  {toString: 7, valueOf: 8},
  {valueOf: 'v'},
  {constructor: 'c', hasOwnProperty: 1},
  ['EMEA', {toString: 'x'}],
  [{toString: 'x'}],
  Object.create(null),
  withoutPrototypes({region: 'EMEA'}),
  [withoutPrototypes({a: 1})],
  JSON.parse('{"__proto__": null}'),
  JSON.parse('{"__proto__": {"toString": 1}}'),
  JSON.parse('{"__proto__": {"fact": "lead", "path": "$.region"}}'),
  JSON.parse('{"fact": "lead", "__proto__": {"path": "$.region"}}'),
];

/** Priorities the engine reads oddly: parseInt(1e21) is 1; references keep them as written. */
export const ADVERSARIAL_PRIORITIES = [1e21, 1e300, 2 ** 53 + 2, 1.2345678901234567e19];

export interface RandomRulesets {
  random: () => number;
  pick: <T>(list: readonly T[]) => T;
  leaf(): Condition;
  condition(depth: number, shared: string[]): Condition;
  generateRuleset(): Ruleset;
  generateLead(): LeadFacts;
}

/** Condition values: scalars, arrays (of scalars, of arrays, of strings), objects, fact references. */
export const VALUES: unknown[] = [
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

export function randomRulesets(
  seed: number,
  options: {adversarial?: boolean} = {},
): RandomRulesets {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const odd = options.adversarial ? 0.12 : 0;
  const values = options.adversarial ? [...VALUES, ...ADVERSARIAL_VALUES] : VALUES;

  function priority(usual: readonly unknown[]): unknown {
    return random() < odd ? pick(ADVERSARIAL_PRIORITIES) : pick(usual);
  }

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
        : random() < odd
          ? pick(ADVERSARIAL_VALUES)
          : pick(values);
    const c: Record<string, unknown> = {fact, operator, value};
    if (path) c.path = path;
    if (random() < 0.15) c.priority = priority([1, 2, 3, '2', 0]);
    return c as unknown as Condition;
  }

  function condition(depth: number, shared: string[]): Condition {
    const r = random();
    if (depth <= 0 || r < 0.4) return leaf();
    if (r < 0.5 && shared.length) {
      const ref: Record<string, unknown> = {condition: pick(shared)};
      if (random() < 0.3) ref.priority = priority([1, 2, 3]);
      return ref as unknown as Condition;
    }
    if (r < 0.62) return {not: condition(depth - 1, shared)};
    const kind = random() < 0.5 ? 'all' : 'any';
    const children = Array.from({length: Math.floor(random() * 4)}, () =>
      condition(depth - 1, shared),
    );
    const node = (kind === 'all' ? {all: children} : {any: children}) as Condition;
    if (random() < 0.2) (node as {priority?: unknown}).priority = priority([1, 2, 3, '3']);
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
    const ruleset = {
      recordType: 'lead',
      unassignedOwner: 'u1',
      ...(sharedNames.length ? {sharedConditions} : {}),
      rules,
    } as unknown as Ruleset;
    return random() < odd ? withoutPrototypes(ruleset) : ruleset;
  }

  function generateLead(): LeadFacts {
    const lead: Record<string, unknown> = {id: 'L', status: 'Rejected'};
    const maybe = (k: string, fieldValues: readonly unknown[]) => {
      if (random() < 0.8) lead[k] = random() < odd ? pick(ADVERSARIAL_VALUES) : pick(fieldValues);
    };
    maybe('region', ['EMEA', 'NA', 'APAC', '', null, ['EMEA']]);
    maybe('rating', ['A', 'B', 'C', 3]);
    maybe('score', [0, 3, 7.5, '12', 'x12', -1, null]);
    maybe('tags', [['EMEA', 'NA'], ['A'], [], [3, 7.5], [['EMEA']], 'EMEA', null]);
    maybe('flag', [true, false]);
    maybe('nested', [{level: 3}, {level: 'A', deeper: {x: 1}}, {}, null, 'str', [1]]);
    lead.ownerId = pick([...USER_IDS, 'ghost', null]);
    lead.originalOwnerId = pick([...USER_IDS, 'ghost', null]);
    const made = random() < odd ? withoutPrototypes(lead) : lead;
    return made as unknown as LeadFacts;
  }

  return {random, pick, leaf, condition, generateRuleset, generateLead};
}
