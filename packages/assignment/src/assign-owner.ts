import {AssignmentError} from './assignment-error.js';
import {ruleEvaluationFailed} from './rule-evaluation-failed.js';
import {ruleTrace, type AssignmentTrace, type RuleTrace} from './assignment-trace.js';
import {
  compileRuleset,
  type CompiledRule,
  type CompiledRuleset,
  type Predicate,
} from './compile-ruleset.js';
import {
  nowFacts,
  type AssignmentFacts,
  type LeadFacts,
  type NowFacts,
  type UserRecord,
} from './lead-facts.js';
import {resolveTarget, userLookup, type ResolveTarget, type UserLookup} from './resolve-target.js';
import type {Ruleset} from './ruleset.js';

/** Ownership modes of the lead record type. */
export const OWNERSHIP_MODES = ['user', 'mixed', 'book'] as const;
export type OwnershipMode = (typeof OWNERSHIP_MODES)[number];

/** What `assignOwner` needs besides the lead. Give `compiled` (from `compileRuleset`) or `ruleset`. */
export interface AssignmentContext {
  ruleset?: Ruleset;
  compiled?: CompiledRuleset;
  users: UserLookup;
  ownershipMode: OwnershipMode;
  /** The time the `now` fact shows; the current time when absent. A `NowFacts` is taken as it is. */
  now?: Date | NowFacts;
}

export interface AssignOptions {
  /**
   * Also explain the decision: json-rules-engine runs the rules as the decision does, then each rule
   * after the winner on its own (slower). Fails only where the decision fails.
   */
  trace?: boolean;
}

/** The Assignment Manager's decision. */
export interface AssignmentResult {
  outcome: 'assigned' | 'unassigned-owner';
  ownerId: string;
  /** The rule that assigned the lead; null when the unassigned owner got it. */
  rule: string | null;
  /** Present when asked for with `{trace: true}`. */
  trace?: AssignmentTrace;
}

const BOOK_MODE = {
  en: 'The lead record type uses Book ownership: leads have a book, not an owner, so the Assignment Manager does not reassign them. Switch the ownership mode to User or Mixed to reassign owners.',
  de: 'Der Datensatztyp Lead verwendet den Verantwortlichkeitsmodus Buch: Leads haben ein Buch, keinen Verantwortlichen, daher weist der Zuweisungsmanager sie nicht neu zu. Stellen Sie den Verantwortlichkeitsmodus auf Benutzer oder Gemischt, um Verantwortliche neu zuzuweisen.',
} as const;

function checkMode(mode: unknown) {
  if (mode === 'book')
    throw new AssignmentError('reassign-not-allowed-in-book-mode', BOOK_MODE.en, {
      messages: BOOK_MODE,
    });
  if (mode !== 'user' && mode !== 'mixed') {
    const messages = {
      en: `ownershipMode must be "user", "mixed" or "book" (got ${JSON.stringify(mode)}).`,
      de: `ownershipMode muss "user", "mixed" oder "book" sein (angegeben: ${JSON.stringify(mode)}).`,
    };
    throw new AssignmentError('invalid-ownership-mode', messages.en, {messages});
  }
}

function checkLead(lead: unknown) {
  if (!lead || typeof lead !== 'object')
    throw new AssignmentError('invalid-lead', 'assignOwner needs the lead facts as an object.');
}

function prepare(lead: LeadFacts, context: AssignmentContext) {
  if (!context || typeof context !== 'object')
    throw new AssignmentError('invalid-context', 'assignOwner needs a context object.');
  checkMode(context.ownershipMode);
  checkLead(lead);
  const compiled =
    context.compiled ?? (context.ruleset ? compileRuleset(context.ruleset) : undefined);
  if (!compiled)
    throw new AssignmentError(
      'invalid-context',
      'The assignment context needs `compiled` (from compileRuleset) or `ruleset` (from parseRuleset).',
    );
  return {compiled, find: lookupFor(context.users)};
}

/** One lookup function per users map or function, so it is not rebuilt for every lead. */
const lookups = new WeakMap<object, (id: string) => UserRecord | undefined>();
function lookupFor(users: UserLookup): (id: string) => UserRecord | undefined {
  if (typeof users === 'function') return users;
  if (!users || typeof users.get !== 'function')
    throw new AssignmentError(
      'invalid-context',
      'The assignment context needs `users`: a Map of user id → user record, or a lookup function.',
    );
  let find = lookups.get(users);
  if (!find) {
    find = userLookup(users);
    lookups.set(users, find);
  }
  return find;
}

/** Stands in for `now` when the compiled rules never read it (no clock read per lead). */
const UNUSED_NOW: NowFacts = Object.freeze(nowFacts(new Date(0)));

/** The `now` fact of a context: a given `NowFacts` as it is, a Date converted once, else the clock. */
function nowOf(now: AssignmentContext['now']): () => NowFacts {
  if (now instanceof Date) {
    const facts = nowFacts(now);
    return () => facts;
  }
  if (now) return () => now;
  return () => nowFacts(new Date());
}

function factsFor(
  lead: LeadFacts,
  find: (id: string) => UserRecord | undefined,
  now: AssignmentContext['now'],
): AssignmentFacts {
  return {
    lead,
    owner: (lead.ownerId ? find(lead.ownerId) : undefined) ?? null,
    originalOwner: (lead.originalOwnerId ? find(lead.originalOwnerId) : undefined) ?? null,
    now: nowOf(now)(),
  };
}

const unassigned = (compiled: CompiledRuleset): AssignmentResult => ({
  outcome: 'unassigned-owner',
  ownerId: compiled.ruleset.unassignedOwner,
  rule: null,
});

/**
 * Decides leads one after another with everything prepared once: the ownership mode checked, the
 * user lookup built, the \`now\` fact computed (from a Date given in the context; read from the
 * clock per lead only when no time is given and a rule reads \`now\`). Returned by
 * \`createAssigner\`; \`assignOwnerSync\` keeps one per context object.
 */
export type Assigner = (lead: LeadFacts) => AssignmentResult;

/**
 * Prepares a synchronous assigner for a context (the compiled rules must be `synchronous`): the
 * fastest way to decide many leads with the same ruleset, users and mode.
 */
export function createAssigner(context: AssignmentContext): Assigner {
  if (!context || typeof context !== 'object')
    throw new AssignmentError('invalid-context', 'assignOwner needs a context object.');
  checkMode(context.ownershipMode);
  const compiled =
    context.compiled ?? (context.ruleset ? compileRuleset(context.ruleset) : undefined);
  if (!compiled)
    throw new AssignmentError(
      'invalid-context',
      'The assignment context needs `compiled` (from compileRuleset) or `ruleset` (from parseRuleset).',
    );
  if (!compiled.synchronous)
    throw new AssignmentError(
      'ruleset-not-compilable',
      `This ruleset needs json-rules-engine, which is asynchronous (${compiled.fallbackReasons.join('; ')}); call assignOwner instead, or use simple paths like $.region.`,
    );
  const find = lookupFor(context.users);
  const used = compiled.facts;
  const readsOwner = used.has('owner');
  const readsOriginalOwner = used.has('originalOwner');
  const now = used.has('now') ? nowOf(context.now) : () => UNUSED_NOW;
  const rules = compiled.rules;
  const tests = rules.map((r) => r.test as Predicate);
  const resolvers = rules.map((r) => r.resolve);
  const names = rules.map((r) => r.name);
  const count = rules.length;
  const unassignedOwner = compiled.ruleset.unassignedOwner;
  return (lead) => {
    checkLead(lead);
    const ownerId = lead.ownerId;
    const originalOwnerId = lead.originalOwnerId;
    const owner = readsOwner && ownerId ? (find(ownerId) ?? null) : null;
    const originalOwner =
      readsOriginalOwner && originalOwnerId ? (find(originalOwnerId) ?? null) : null;
    const n = now();
    for (let i = 0; i < count; i++) {
      let matched: boolean;
      try {
        matched = (tests[i] as Predicate)(lead, owner, originalOwner, n);
      } catch (error) {
        throw ruleEvaluationFailed(names[i] as string, error);
      }
      if (!matched) continue;
      const id = (resolvers[i] as ResolveTarget)(lead, find);
      if (id !== null) return {outcome: 'assigned', ownerId: id, rule: names[i] as string};
    }
    return {outcome: 'unassigned-owner', ownerId: unassignedOwner, rule: null};
  };
}

/** The assigner last prepared for each context object, with what it was prepared from. */
interface PreparedAssigner {
  compiled: unknown;
  ruleset: unknown;
  users: unknown;
  ownershipMode: unknown;
  now: unknown;
  assign: Assigner;
}
const assigners = new WeakMap<AssignmentContext, PreparedAssigner>();

/**
 * Decides the new owner of a rejected lead, synchronously, with the compiled rules (for a database
 * transaction). Throws `AssignmentError` `ruleset-not-compilable` when the ruleset needs
 * json-rules-engine (see `CompiledRuleset.fallbackReasons`); use `assignOwner` then. Reusing one
 * context object for many leads reuses its prepared assigner (see `createAssigner`).
 */
export function assignOwnerSync(lead: LeadFacts, context: AssignmentContext): AssignmentResult {
  if (!context || typeof context !== 'object')
    throw new AssignmentError('invalid-context', 'assignOwner needs a context object.');
  const cached = assigners.get(context);
  if (
    cached !== undefined &&
    cached.compiled === context.compiled &&
    cached.ruleset === context.ruleset &&
    cached.users === context.users &&
    cached.ownershipMode === context.ownershipMode &&
    cached.now === context.now
  )
    return cached.assign(lead);
  const assign = createAssigner(context);
  const {compiled, ruleset, users, ownershipMode, now} = context;
  assigners.set(context, {compiled, ruleset, users, ownershipMode, now, assign});
  return assign(lead);
}

/**
 * Decides the new owner of a rejected lead: the first rule (in ruleset order) whose conditions match
 * and whose target resolves to an active user; else the ruleset's unassigned owner. Refuses in Book
 * ownership mode (`reassign-not-allowed-in-book-mode`). Uses the compiled rules when it can, else
 * json-rules-engine; with `{trace: true}` it explains every rule from json-rules-engine's results.
 */
export async function assignOwner(
  lead: LeadFacts,
  context: AssignmentContext,
  options: AssignOptions = {},
): Promise<AssignmentResult> {
  const {compiled, find} = prepare(lead, context);
  if (!options.trace && compiled.synchronous) return assignOwnerSync(lead, context);
  const facts = factsFor(lead, find, context.now);
  const resolve = (index: number) =>
    resolveTarget((compiled.rules[index] as CompiledRule).target, lead, find);
  if (!options.trace) {
    const winner = await compiled.reference.decide(facts, (i) => resolve(i).ownerId);
    if (!winner) return unassigned(compiled);
    const name = (compiled.rules[winner.index] as {name: string}).name;
    return {outcome: 'assigned', ownerId: winner.ownerId, rule: name};
  }
  // The trace runs the rules as the decision does (stopping at the winner), so it fails exactly when
  // the decision fails and names the same winner; rules after the winner are evaluated each on its
  // own, and one of them failing is reported on that rule only.
  const resolutions = new Map<number, ReturnType<typeof resolve>>();
  const resolution = (index: number) => {
    let r = resolutions.get(index);
    if (!r) resolutions.set(index, (r = resolve(index)));
    return r;
  };
  const {winner, rules: explained} = await compiled.reference.explain(
    facts,
    (i) => resolution(i).ownerId,
  );
  const rules: RuleTrace[] = [];
  explained.forEach((rule, index) => {
    if ('error' in rule) {
      const {code, message, messages} = rule.error;
      const error = messages ? {code, message, messages} : {code, message};
      rules.push(ruleTrace(compiled.ruleset, index, null, null, false, true, error));
      return;
    }
    const matched = Boolean(rule.result.result);
    const applied = winner !== null && winner.index === index;
    rules.push(
      ruleTrace(
        compiled.ruleset,
        index,
        rule.result,
        matched ? resolution(index) : null,
        applied,
        rule.afterWinner,
      ),
    );
  });
  const decision: AssignmentResult | null = winner
    ? {
        outcome: 'assigned',
        ownerId: winner.ownerId,
        rule: compiled.ruleset.rules[winner.index]?.name ?? null,
      }
    : null;
  const trace: AssignmentTrace = {rules, unassignedOwner: compiled.ruleset.unassignedOwner};
  return {...(decision ?? unassigned(compiled)), trace};
}
