import {Engine} from 'json-rules-engine';
import type {RuleResult} from 'json-rules-engine';
import type {AssignmentError} from './assignment-error.js';
import type {AssignmentFacts} from './lead-facts.js';
import {ruleEvaluationFailed} from './rule-evaluation-failed.js';
import type {Ruleset} from './ruleset.js';

/**
 * json-rules-engine over a ruleset: the reference semantics, the fallback for constructs the compiler
 * does not read itself, and the source of traces. Each rule gets a unique priority from its position
 * (first = highest), so rules run one at a time in array order; `decide` stops the engine at the first
 * matching rule whose target resolves. One engine is reused; runs are queued one after another, because
 * stopping is engine-wide.
 */
export class ReferenceEvaluator {
  private engine: Engine;
  private queue: Promise<unknown> = Promise.resolve();
  private onSuccess: ((ruleResult: RuleResult) => void) | undefined;
  /** Rules finished in the current run; they run one at a time, so the next one is running. */
  private finished = 0;
  private readonly count: number;
  /** One engine per rule, made when a trace first evaluates that rule after a winner. */
  private readonly alone: (Engine | undefined)[] = [];

  constructor(private readonly ruleset: Ruleset) {
    this.count = ruleset.rules.length;
    this.engine = this.build();
  }

  /** An engine over the rules at `indexes` (all by default), each at its ruleset position's priority. */
  private build(indexes?: readonly number[]): Engine {
    const engine = new Engine([], {allowUndefinedFacts: true});
    for (const [name, condition] of Object.entries(this.ruleset.sharedConditions ?? {}))
      engine.setCondition(name, structuredClone(condition) as never);
    this.ruleset.rules.forEach((rule, index) => {
      if (indexes && !indexes.includes(index)) return;
      engine.addRule({
        name: rule.name,
        priority: this.count - index,
        conditions: structuredClone(rule.conditions) as never,
        event: {type: 'assign', params: {...rule.event.params}},
      });
    });
    if (indexes) return engine; // a single rule's engine: its caller reads the run's results
    // Events of an engine that was replaced (after an error) are ignored.
    engine.on('success', (_event, _almanac, ruleResult) => {
      if (this.engine !== engine) return;
      this.finished++;
      this.onSuccess?.(ruleResult);
    });
    engine.on('failure', () => {
      if (this.engine === engine) this.finished++;
    });
    return engine;
  }

  /** The position in the ruleset of a rule result. */
  indexOf(result: RuleResult): number {
    return this.count - (result.priority as number);
  }

  /**
   * Runs one engine run at a time. After a run fails, json-rules-engine keeps evaluating the remaining
   * rules in the background and then marks itself finished, which would cut a later run short; so a
   * failed engine is replaced by a fresh one.
   */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const guarded = async () => {
      this.finished = 0;
      try {
        return await run();
      } catch (error) {
        const rule = this.ruleset.rules[this.finished]?.name ?? '?';
        this.engine = this.build();
        throw ruleEvaluationFailed(rule, error);
      }
    };
    const next = this.queue.then(guarded, guarded);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs the rules in order and stops at the first that matches and for which `accept` (the target
   * resolution) returns an owner id. Resolves with that rule's index and owner, or null.
   */
  decide(
    facts: AssignmentFacts,
    accept: (index: number) => string | null,
  ): Promise<{index: number; ownerId: string} | null> {
    return this.serial(async () => {
      let winner: {index: number; ownerId: string} | null = null;
      this.onSuccess = (ruleResult) => {
        if (winner) return;
        const index = this.indexOf(ruleResult);
        const ownerId = accept(index);
        if (ownerId !== null) {
          winner = {index, ownerId};
          this.engine.stop();
        }
      };
      try {
        await this.engine.run({...facts});
      } finally {
        this.onSuccess = undefined;
      }
      return winner;
    });
  }

  /**
   * Runs every rule (no stopping) and resolves with each rule's result, in ruleset order. A rule that
   * fails fails the whole run, wherever it is: traces use `explain`, which stops where the decision
   * stops.
   */
  evaluateAll(facts: AssignmentFacts): Promise<RuleResult[]> {
    return this.serial(async () => {
      const {results, failureResults} = await this.engine.run({...facts});
      const all: RuleResult[] = [];
      for (const r of [...results, ...failureResults]) all[this.indexOf(r)] = r;
      return all;
    });
  }

  /**
   * What a trace shows, from the same runs as the decision: the rules in order up to the decision,
   * exactly as `decide` runs them (so a rule that fails before the decision fails here too, as it
   * fails the decision), then every rule after the winner on an engine of its own, where a failure is
   * that rule's alone: the decision never reached it (e.g. `swap:in` on a missing field after the
   * winner must not fail the explanation of a lead the decision assigns).
   */
  explain(
    facts: AssignmentFacts,
    accept: (index: number) => string | null,
  ): Promise<{winner: {index: number; ownerId: string} | null; rules: ExplainedRule[]}> {
    return this.serial(async () => {
      let winner: {index: number; ownerId: string} | null = null;
      this.onSuccess = (ruleResult) => {
        if (winner) return;
        const index = this.indexOf(ruleResult);
        const ownerId = accept(index);
        if (ownerId !== null) {
          winner = {index, ownerId};
          this.engine.stop();
        }
      };
      let ran: {results: RuleResult[]; failureResults: RuleResult[]};
      try {
        ran = await this.engine.run({...facts});
      } finally {
        this.onSuccess = undefined;
      }
      const rules: ExplainedRule[] = [];
      for (const r of [...ran.results, ...ran.failureResults])
        rules[this.indexOf(r)] = {result: r, afterWinner: false};
      const decided = winner as {index: number; ownerId: string} | null;
      if (decided)
        for (let index = decided.index + 1; index < this.count; index++)
          rules[index] = {...(await this.runAlone(index, facts)), afterWinner: true};
      return {winner: decided, rules};
    });
  }

  /** Runs one rule on its own engine; its failure is returned, not thrown. */
  private async runAlone(
    index: number,
    facts: AssignmentFacts,
  ): Promise<{result: RuleResult} | {error: AssignmentError}> {
    const engine = (this.alone[index] ??= this.build([index]));
    try {
      const {results, failureResults} = await engine.run({...facts});
      return {result: [...results, ...failureResults][0] as RuleResult};
    } catch (error) {
      // A failed engine goes on evaluating in the background (see serial): it is not reused.
      this.alone[index] = undefined;
      return {error: ruleEvaluationFailed(this.ruleset.rules[index]?.name ?? '?', error)};
    }
  }
}

/** One rule in `explain`: its engine result, or for a rule after the winner possibly its failure. */
export type ExplainedRule = ({result: RuleResult} | {error: AssignmentError}) & {
  /** Whether the rule comes after the winner (the decision did not evaluate it). */
  afterWinner: boolean;
};
