import {AssignmentError} from './assignment-error.js';
import {parseSimplePath, pathReader} from './json-path.js';
import type {AssignmentFacts} from './lead-facts.js';
import {operatorFunction, operatorMayThrow} from './operators.js';
import {ReferenceEvaluator} from './reference-evaluator.js';
import type {AssignTarget, Condition, Ruleset} from './ruleset.js';

/** A compiled condition: a plain synchronous predicate over the facts. */
type Predicate = (facts: AssignmentFacts) => boolean;

interface CompiledNode {
  test: Predicate;
  /** Whether evaluating it can throw (then its siblings are evaluated as the engine does: all of them). */
  mayThrow: boolean;
  /** Its priority among siblings, as json-rules-engine orders them. */
  priority: number;
}

/** One rule, ready to run. */
export interface CompiledRule {
  readonly index: number;
  readonly name: string;
  readonly target: AssignTarget;
  /** Present when the conditions compiled to a synchronous predicate. */
  readonly test?: Predicate;
}

/**
 * A ruleset prepared for evaluation, reusable across any number of leads. When every condition
 * compiles, `synchronous` is true and rules run as plain functions with json-rules-engine's semantics;
 * otherwise (a JSONPath the compiler does not read itself) the whole ruleset runs on json-rules-engine,
 * and `fallbackReasons` says why.
 */
export interface CompiledRuleset {
  readonly ruleset: Ruleset;
  readonly rules: readonly CompiledRule[];
  readonly synchronous: boolean;
  readonly fallbackReasons: readonly string[];
  /** Facts the conditions read (`lead`, `owner`, `originalOwner`, `now`). */
  readonly facts: ReadonlySet<string>;
  /** json-rules-engine over the same rules: the fallback, and the source of traces. */
  readonly reference: ReferenceEvaluator;
}

class NotCompilable extends Error {}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Reads `fact` (and `path`) exactly as json-rules-engine's almanac does, for a compiled path. */
function factReader(fact: string, path: unknown, where: string, facts: Set<string>) {
  facts.add(fact);
  if (!path) return (f: AssignmentFacts) => (f as unknown as Record<string, unknown>)[fact];
  const steps = parseSimplePath(path as string);
  if (!steps) throw new NotCompilable(`path ${JSON.stringify(path)} at ${where}`);
  const read = pathReader(steps);
  return (f: AssignmentFacts) => {
    const v = (f as unknown as Record<string, unknown>)[fact];
    // The almanac applies a path only to an object; any other value is compared as it is.
    return v !== null && typeof v === 'object' ? read(v) : v;
  };
}

function compileList(
  list: CompiledNode[],
  operator: 'all' | 'any',
): {test: Predicate; mayThrow: boolean} {
  const mayThrow = list.some((n) => n.mayThrow);
  // json-rules-engine: an empty all/any is true; a single condition is evaluated as it is.
  if (list.length === 0) return {test: () => true, mayThrow: false};
  if (list.length === 1) return {test: (list[0] as CompiledNode).test, mayThrow};
  // Sets of equal priority, highest first; the engine short-circuits between sets, and within a set it
  // evaluates every member (which only matters when one can throw).
  const byPriority = new Map<number, CompiledNode[]>();
  for (const n of list) {
    const set = byPriority.get(n.priority) ?? [];
    set.push(n);
    byPriority.set(n.priority, set);
  }
  const sets = [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, s]) => s);
  const setTests = sets.map((nodes): Predicate => {
    const evaluateAll = nodes.some((n) => n.mayThrow);
    const set = nodes.map((n) => n.test);
    if (set.length === 1) return set[0] as Predicate;
    if (operator === 'all') {
      if (!evaluateAll) {
        if (set.length === 2) {
          const [a, b] = set as [Predicate, Predicate];
          return (f) => a(f) && b(f);
        }
        return (f) => {
          for (const t of set) if (!t(f)) return false;
          return true;
        };
      }
      return (f) => {
        let ok = true;
        for (const t of set) if (!t(f)) ok = false;
        return ok;
      };
    }
    if (!evaluateAll) {
      if (set.length === 2) {
        const [a, b] = set as [Predicate, Predicate];
        return (f) => a(f) || b(f);
      }
      return (f) => {
        for (const t of set) if (t(f)) return true;
        return false;
      };
    }
    return (f) => {
      let ok = false;
      for (const t of set) if (t(f)) ok = true;
      return ok;
    };
  });
  if (setTests.length === 1) return {test: setTests[0] as Predicate, mayThrow};
  if (operator === 'all')
    return {
      test: (f) => {
        for (const t of setTests) if (!t(f)) return false;
        return true;
      },
      mayThrow,
    };
  return {
    test: (f) => {
      for (const t of setTests) if (t(f)) return true;
      return false;
    },
    mayThrow,
  };
}

class Compiler {
  readonly facts = new Set<string>();
  private readonly shared = new Map<string, CompiledNode>();
  private readonly compiling = new Set<string>();

  constructor(private readonly ruleset: Ruleset) {}

  node(c: Condition, where: string): CompiledNode {
    const record = c as unknown as Record<string, unknown>;
    const explicit = typeof record.priority === 'number' ? record.priority : undefined;
    if (hasOwn(record, 'any') || hasOwn(record, 'all')) {
      const operator = hasOwn(record, 'any') ? 'any' : 'all';
      const children = (record[operator] as Condition[]).map((child, i) =>
        this.node(child, `${where}/${operator}/${i}`),
      );
      return {...compileList(children, operator), priority: explicit || 1};
    }
    if (hasOwn(record, 'not')) {
      const inner = this.node(record.not as Condition, `${where}/not`);
      const t = inner.test;
      return {test: (f) => !t(f), mayThrow: inner.mayThrow, priority: explicit || 1};
    }
    if (hasOwn(record, 'condition')) {
      const name = record.condition as string;
      const resolved = this.reference(name, where);
      return {...resolved, priority: explicit || 1};
    }
    return this.leaf(record, where, explicit);
  }

  private reference(name: string, where: string): CompiledNode {
    const cached = this.shared.get(name);
    if (cached) return cached;
    const definition = this.ruleset.sharedConditions?.[name];
    if (!definition || !hasOwn(this.ruleset.sharedConditions ?? {}, name)) {
      // json-rules-engine throws when it reaches a reference to an undefined condition.
      return {
        test: () => {
          throw new AssignmentError(
            'unknown-condition-reference',
            `No shared condition named "${name}" (referenced at ${where}).`,
          );
        },
        mayThrow: true,
        priority: 1,
      };
    }
    if (this.compiling.has(name))
      throw new AssignmentError(
        'circular-condition-reference',
        `Shared condition "${name}" refers to itself (at ${where}); break the cycle.`,
      );
    this.compiling.add(name);
    const node = this.node(definition, `/sharedConditions/${name}`);
    this.compiling.delete(name);
    this.shared.set(name, node);
    return node;
  }

  private leaf(record: Record<string, unknown>, where: string, explicit?: number): CompiledNode {
    const operator = record.operator as string;
    const op = operatorFunction(operator);
    const priority = explicit || 1;
    if (!op)
      return {
        test: () => {
          throw new AssignmentError(
            'unknown-operator',
            `Unknown operator "${operator}" at ${where}.`,
          );
        },
        mayThrow: true,
        priority,
      };
    const left = factReader(record.fact as string, record.path, where, this.facts);
    const value = record.value;
    const isReference = value !== null && typeof value === 'object' && hasOwn(value, 'fact');
    const mayThrow = operatorMayThrow(operator, value, !isReference);
    if (isReference) {
      const ref = value as {fact: string; path?: string};
      const right = factReader(ref.fact, ref.path, `${where}/value`, this.facts);
      return {test: (f) => op(left(f), right(f)), mayThrow, priority};
    }
    return {test: (f) => op(left(f), value), mayThrow, priority};
  }
}

const cache = new WeakMap<Ruleset, CompiledRuleset>();

/**
 * Compiles a ruleset (as returned by `parseRuleset`) once; the result is reused for every lead. The
 * same ruleset object always gives the same compiled ruleset.
 */
export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const cached = cache.get(ruleset);
  if (cached) return cached;
  const compiler = new Compiler(ruleset);
  const fallbackReasons: string[] = [];
  const rules: CompiledRule[] = ruleset.rules.map((rule, index) => {
    const base = {index, name: rule.name, target: rule.event.params};
    try {
      const node = compiler.node(rule.conditions, `/rules/${index}/conditions`);
      return {...base, test: node.test};
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      fallbackReasons.push(`rule "${rule.name}": ${error.message}`);
      return base;
    }
  });
  const compiled: CompiledRuleset = Object.freeze({
    ruleset,
    rules: Object.freeze(rules),
    synchronous: fallbackReasons.length === 0,
    fallbackReasons: Object.freeze(fallbackReasons),
    facts: compiler.facts,
    reference: new ReferenceEvaluator(ruleset),
  });
  cache.set(ruleset, compiled);
  return compiled;
}
