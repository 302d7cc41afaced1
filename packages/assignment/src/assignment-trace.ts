import type {RuleResult} from 'json-rules-engine';
import type {TargetResolution} from './resolve-target.js';
import type {AssignTarget, Condition, Ruleset} from './ruleset.js';

/** What one condition saw. `result` is null when json-rules-engine did not need to evaluate it. */
export type ConditionTrace =
  | {kind: 'all' | 'any'; result: boolean | null; conditions: ConditionTrace[]}
  | {kind: 'not'; result: boolean | null; condition: ConditionTrace}
  | {kind: 'reference'; name: string; result: boolean | null; condition: ConditionTrace | null}
  | {
      kind: 'fact';
      fact: string;
      path?: string;
      operator: string;
      /** The condition's value as written (a literal or a fact reference). */
      value: unknown;
      /** The value compared against (a fact reference resolved). */
      expected: unknown;
      /** The fact value seen (at `path`). */
      seen: unknown;
      result: boolean | null;
    };

/** What happened to one rule. */
export interface RuleTrace {
  index: number;
  name: string;
  target: AssignTarget;
  /** Whether its conditions matched (from json-rules-engine's results); false when not `evaluated`. */
  matched: boolean;
  /** For a matching rule: the active user its target resolved to, or why none. */
  resolution: TargetResolution | null;
  /** True for the rule that assigned the lead. */
  applied: boolean;
  /**
   * True when an earlier rule already assigned the lead: the decision never reached this rule. The
   * trace still evaluates it, on its own, to show what it would have done.
   */
  afterWinner: boolean;
  /**
   * Whether its conditions could be evaluated. Always true up to the decision (a rule that fails there
   * fails the decision, and the trace with it); false for a rule after the winner that fails on this
   * lead (then `error` says why, `matched` is false and every condition's `result` is null).
   */
  evaluated: boolean;
  /**
   * Why a rule after the winner could not be evaluated (`rule-evaluation-failed`); `messages` has
   * the message in English and German.
   */
  error?: {code: string; message: string; messages?: {en: string; de: string}};
  conditions: ConditionTrace;
}

/** Why the lead went where it went. */
export interface AssignmentTrace {
  rules: RuleTrace[];
  unassignedOwner: string;
}

type Node = Record<string, unknown>;
const has = (o: Node, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const resultOf = (n: Node | undefined): boolean | null =>
  n && typeof n.result === 'boolean' ? n.result : null;

/** Builds a condition's trace from its definition and json-rules-engine's evaluated copy. */
export function conditionTrace(
  definition: Condition,
  evaluated: Node | undefined,
  ruleset: Ruleset,
  depth = 0,
): ConditionTrace {
  const d = definition as unknown as Node;
  if (has(d, 'all') || has(d, 'any')) {
    const kind = has(d, 'any') ? 'any' : 'all';
    const children = evaluated?.[kind] as Node[] | undefined;
    return {
      kind,
      result: resultOf(evaluated),
      conditions: (d[kind] as Condition[]).map((c, i) =>
        conditionTrace(c, children?.[i], ruleset, depth + 1),
      ),
    };
  }
  if (has(d, 'not'))
    return {
      kind: 'not',
      result: resultOf(evaluated),
      condition: conditionTrace(
        d.not as Condition,
        evaluated?.not as Node | undefined,
        ruleset,
        depth + 1,
      ),
    };
  if (has(d, 'condition')) {
    const name = d.condition as string;
    const shared = ruleset.sharedConditions?.[name];
    // json-rules-engine replaces an evaluated reference by the referenced condition's content.
    const realized = evaluated && !has(evaluated, 'condition') ? evaluated : undefined;
    return {
      kind: 'reference',
      name,
      result: resultOf(evaluated),
      condition: shared && depth < 32 ? conditionTrace(shared, realized, ruleset, depth + 1) : null,
    };
  }
  return {
    kind: 'fact',
    fact: d.fact as string,
    ...(typeof d.path === 'string' ? {path: d.path} : {}),
    operator: d.operator as string,
    value: d.value,
    expected: evaluated && has(evaluated, 'valueResult') ? evaluated.valueResult : undefined,
    seen: evaluated && has(evaluated, 'factResult') ? evaluated.factResult : undefined,
    result: resultOf(evaluated),
  };
}

/**
 * The trace of one rule: from its engine result, or (`result` null, `error` given) for a rule after
 * the winner that could not be evaluated.
 */
export function ruleTrace(
  ruleset: Ruleset,
  index: number,
  result: RuleResult | null,
  resolution: TargetResolution | null,
  applied: boolean,
  afterWinner: boolean,
  error?: RuleTrace['error'],
): RuleTrace {
  const rule = ruleset.rules[index] as Ruleset['rules'][number];
  const evaluated = result !== null;
  const root = conditionTrace(
    rule.conditions,
    evaluated ? (result.conditions as unknown as Node) : undefined,
    ruleset,
  );
  // The engine does not record a result on the root; the rule's result is the root's.
  root.result = evaluated ? Boolean(result.result) : null;
  return {
    index,
    name: rule.name,
    target: rule.event.params,
    matched: evaluated && Boolean(result.result),
    resolution,
    applied,
    afterWinner,
    evaluated,
    ...(error ? {error} : {}),
    conditions: root,
  };
}
