// One traced comparison: the decision (`assignOwnerSync`, the compiled rules) against
// `assignOwner(…, {trace: true})` for the same lead. They must agree: where the decision succeeds the
// trace succeeds with the same outcome, owner and rule; where it fails, the trace fails with the same
// error in the same rule. And the trace must agree with itself and with the compiled rules: the
// applied rule is the decision's, every rule before it is evaluated and either did not match or could
// not resolve its target, the rules after it are marked afterWinner, and every evaluated rule's
// `matched` is what the compiled predicate says (a rule after the winner that the compiled predicate
// cannot evaluate is reported as not evaluated, with its error).
import assert from 'node:assert/strict';
import {assignOwner, assignOwnerSync, type AssignmentContext} from '../src/assign-owner.js';
import {AssignmentError} from '../src/assignment-error.js';
import type {CompiledRuleset, Predicate} from '../src/compile-ruleset.js';
import {nowFacts, type LeadFacts, type UserRecord} from '../src/lead-facts.js';

export type Decision =
  | {outcome: 'assigned' | 'unassigned-owner'; ownerId: string; rule: string | null}
  | {error: string};

/** A decision, or the error code (with the rule, for rule-evaluation-failed) it fails with. */
export function asDecision(run: () => Decision): Decision {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof AssignmentError)) throw error;
    if (error.code !== 'rule-evaluation-failed') return {error: error.code};
    return {error: `${error.code} in ${/^Rule "([^"]*)"/.exec(error.message)?.[1]}`};
  }
}

export async function asDecisionAsync(run: () => Promise<Decision>): Promise<Decision> {
  try {
    return await run();
  } catch (error) {
    return asDecision(() => {
      throw error;
    });
  }
}

/** What one comparison saw. */
export interface TraceTally {
  comparisons: number;
  assigned: number;
  unassigned: number;
  failed: number;
  /** Rules after the winner that could not be evaluated (they used to fail the whole trace). */
  laterRulesNotEvaluated: number;
  /** Comparisons whose decision succeeded while a rule after the winner fails on the lead. */
  decidedDespiteLaterFailure: number;
}

export const emptyTally = (): TraceTally => ({
  comparisons: 0,
  assigned: 0,
  unassigned: 0,
  failed: 0,
  laterRulesNotEvaluated: 0,
  decidedDespiteLaterFailure: 0,
});

const NOW = new Date(Date.UTC(2026, 10, 28, 12));

/** Compares the decision and the trace for one lead (see the file's comment); throws on a difference. */
export async function compareTrace(
  compiled: CompiledRuleset,
  lead: LeadFacts,
  users: ReadonlyMap<string, UserRecord>,
  tally: TraceTally,
): Promise<void> {
  assert.ok(compiled.synchronous, `should compile: ${compiled.fallbackReasons.join('; ')}`);
  const context: AssignmentContext = {compiled, users, ownershipMode: 'mixed', now: NOW};
  const decision = asDecision(() => assignOwnerSync(lead, context));
  let trace: Awaited<ReturnType<typeof assignOwner>>['trace'];
  const traced = await asDecisionAsync(async () => {
    const {trace: t, ...d} = await assignOwner(lead, context, {trace: true});
    trace = t;
    return d as Decision;
  });
  const where = () => `ruleset ${JSON.stringify(compiled.ruleset)}\nlead ${JSON.stringify(lead)}`;
  assert.deepEqual(traced, decision, `the trace decides otherwise\n${where()}`);
  tally.comparisons++;
  if ('error' in decision) {
    tally.failed++;
    return;
  }
  tally[decision.outcome === 'assigned' ? 'assigned' : 'unassigned']++;

  // The trace agrees with itself and with the compiled predicates.
  const rules = trace!.rules;
  const ruleset = compiled.ruleset;
  assert.equal(rules.length, ruleset.rules.length, where());
  const winner =
    decision.rule === null ? -1 : ruleset.rules.findIndex((r) => r.name === decision.rule);
  const find = (id: string | null) => (id ? (users.get(id) ?? null) : null);
  const facts = [lead, find(lead.ownerId), find(lead.originalOwnerId), nowFacts(NOW)] as const;
  let laterFailure = false;
  rules.forEach((rule, i) => {
    const at = `rule ${i} (${rule.name}), winner ${winner}\n${where()}`;
    assert.equal(rule.index, i, at);
    assert.equal(rule.name, ruleset.rules[i]!.name, at);
    assert.equal(rule.applied, i === winner, at);
    assert.equal(rule.afterWinner, winner >= 0 && i > winner, at);
    let compiledResult: boolean | 'throws';
    try {
      compiledResult = (compiled.rules[i]!.test as Predicate)(...facts);
    } catch {
      compiledResult = 'throws';
    }
    if (winner < 0 || i <= winner) {
      // What the decision evaluated: the trace evaluated it alike.
      assert.ok(rule.evaluated, at);
      assert.equal(rule.matched, compiledResult, at);
      if (i < winner && rule.matched) assert.equal(rule.resolution?.ownerId, null, at);
      if (i === winner) assert.equal(rule.resolution?.ownerId, decision.ownerId, at);
      if (winner < 0 && rule.matched) assert.equal(rule.resolution?.ownerId, null, at);
      return;
    }
    // After the winner: evaluated on its own, or reported as not evaluated where it fails.
    if (compiledResult === 'throws') {
      assert.equal(rule.evaluated, false, at);
      assert.equal(rule.matched, false, at);
      assert.equal(rule.error?.code, 'rule-evaluation-failed', at);
      assert.equal(rule.conditions.result, null, at);
      tally.laterRulesNotEvaluated++;
      laterFailure = true;
    } else {
      assert.ok(rule.evaluated, at);
      assert.equal(rule.matched, compiledResult, at);
    }
  });
  if (laterFailure) tally.decidedDespiteLaterFailure++;
}
