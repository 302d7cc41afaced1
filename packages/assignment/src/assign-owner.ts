import {AssignmentError} from './assignment-error.js';
import {ruleTrace, type AssignmentTrace, type RuleTrace} from './assignment-trace.js';
import {compileRuleset, type CompiledRule, type CompiledRuleset} from './compile-ruleset.js';
import {nowFacts, type AssignmentFacts, type LeadFacts, type NowFacts} from './lead-facts.js';
import {resolveTarget, userLookup, type UserLookup} from './resolve-target.js';
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
  /** Also explain the decision (runs json-rules-engine over every rule; slower). */
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

function prepare(lead: LeadFacts, context: AssignmentContext) {
  if (!context || typeof context !== 'object')
    throw new AssignmentError('invalid-context', 'assignOwner needs a context object.');
  const mode = context.ownershipMode;
  if (mode === 'book')
    throw new AssignmentError(
      'reassign-not-allowed-in-book-mode',
      'The lead record type uses Book ownership: leads have a book, not an owner, so the Assignment Manager does not reassign them. Switch the ownership mode to User or Mixed to reassign owners.',
    );
  if (mode !== 'user' && mode !== 'mixed')
    throw new AssignmentError(
      'invalid-ownership-mode',
      `ownershipMode must be "user", "mixed" or "book" (got ${JSON.stringify(mode)}).`,
    );
  if (!lead || typeof lead !== 'object')
    throw new AssignmentError('invalid-lead', 'assignOwner needs the lead facts as an object.');
  const compiled =
    context.compiled ?? (context.ruleset ? compileRuleset(context.ruleset) : undefined);
  if (!compiled)
    throw new AssignmentError(
      'invalid-context',
      'The assignment context needs `compiled` (from compileRuleset) or `ruleset` (from parseRuleset).',
    );
  const find = userLookup(context.users);
  return {compiled, find};
}

/** Stands in for `now` when the compiled rules never read it (no clock read per lead). */
const UNUSED_NOW: NowFacts = Object.freeze(nowFacts(new Date(0)));

function factsFor(
  lead: LeadFacts,
  find: ReturnType<typeof userLookup>,
  now: AssignmentContext['now'],
  used: ReadonlySet<string>,
): AssignmentFacts {
  return {
    lead,
    owner: (lead.ownerId ? find(lead.ownerId) : undefined) ?? null,
    originalOwner: (lead.originalOwnerId ? find(lead.originalOwnerId) : undefined) ?? null,
    now:
      now instanceof Date
        ? nowFacts(now)
        : (now ?? (used.has('now') ? nowFacts(new Date()) : UNUSED_NOW)),
  };
}

const unassigned = (compiled: CompiledRuleset): AssignmentResult => ({
  outcome: 'unassigned-owner',
  ownerId: compiled.ruleset.unassignedOwner,
  rule: null,
});

/**
 * Decides the new owner of a rejected lead, synchronously, with the compiled rules (for a database
 * transaction). Throws `AssignmentError` `ruleset-not-compilable` when the ruleset needs
 * json-rules-engine (see `CompiledRuleset.fallbackReasons`); use `assignOwner` then.
 */
export function assignOwnerSync(lead: LeadFacts, context: AssignmentContext): AssignmentResult {
  const {compiled, find} = prepare(lead, context);
  if (!compiled.synchronous)
    throw new AssignmentError(
      'ruleset-not-compilable',
      `This ruleset needs json-rules-engine, which is asynchronous (${compiled.fallbackReasons.join('; ')}); call assignOwner instead, or use simple paths like $.region.`,
    );
  const facts = factsFor(lead, find, context.now, compiled.facts);
  for (const rule of compiled.rules) {
    if (!(rule.test as (f: AssignmentFacts) => boolean)(facts)) continue;
    const resolution = resolveTarget(rule.target, lead, find);
    if (resolution.ownerId !== null)
      return {outcome: 'assigned', ownerId: resolution.ownerId, rule: rule.name};
  }
  return unassigned(compiled);
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
  const facts = factsFor(lead, find, context.now, new Set(['now']));
  const resolve = (index: number) =>
    resolveTarget((compiled.rules[index] as CompiledRule).target, lead, find);
  if (!options.trace) {
    const winner = await compiled.reference.decide(facts, (i) => resolve(i).ownerId);
    if (!winner) return unassigned(compiled);
    const name = (compiled.rules[winner.index] as {name: string}).name;
    return {outcome: 'assigned', ownerId: winner.ownerId, rule: name};
  }
  const results = await compiled.reference.evaluateAll(facts);
  const rules: RuleTrace[] = [];
  let decision: AssignmentResult | null = null;
  results.forEach((result, index) => {
    const resolution = result.result ? resolve(index) : null;
    const applies = decision === null && resolution !== null && resolution.ownerId !== null;
    rules.push(ruleTrace(compiled.ruleset, index, result, resolution, applies, decision !== null));
    if (applies)
      decision = {
        outcome: 'assigned',
        ownerId: resolution.ownerId as string,
        rule: compiled.ruleset.rules[index]?.name ?? null,
      };
  });
  const trace: AssignmentTrace = {rules, unassignedOwner: compiled.ruleset.unassignedOwner};
  return {...(decision ?? unassigned(compiled)), trace};
}
