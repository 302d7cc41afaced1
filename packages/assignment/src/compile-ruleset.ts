import {AssignmentError} from './assignment-error.js';
import {engineCopy} from './engine-copy.js';
import {parseSimplePath, pathReader} from './json-path.js';
import {operatorFunction, operatorMayThrow, type OperatorFn} from './operators.js';
import {ReferenceEvaluator} from './reference-evaluator.js';
import {targetResolver, type ResolveTarget} from './resolve-target.js';
import type {AssignmentRule, AssignTarget, Condition, Ruleset} from './ruleset.js';

/**
 * A compiled condition: a plain synchronous predicate over the four facts, passed as arguments so
 * that evaluating a lead allocates nothing.
 */
export type Predicate = (
  lead: unknown,
  owner: unknown,
  originalOwner: unknown,
  now: unknown,
) => boolean;
type Reader = (lead: unknown, owner: unknown, originalOwner: unknown, now: unknown) => unknown;

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
  /** The target resolved to an active user's id, or null (the rule then does not apply). */
  readonly resolve: ResolveTarget;
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

/** The argument position of each fact a predicate receives. */
const FACT_ARGUMENT: Readonly<Record<string, Reader>> = {
  lead: (l) => l,
  owner: (_l, o) => o,
  originalOwner: (_l, _o, oo) => oo,
  now: (_l, _o, _oo, n) => n,
};
const UNDEFINED_FACT: Reader = () => undefined;

/**
 * Reads `fact` (and `path`) exactly as json-rules-engine's almanac does, for a compiled path: a fact
 * that is not one of the four is `undefined` (the engine runs with `allowUndefinedFacts`); a path
 * applies only to an object, any other value is compared as it is.
 */
function factReader(fact: unknown, path: unknown, where: string, facts: Set<string>): Reader {
  const known = typeof fact === 'string' && hasOwn(FACT_ARGUMENT, fact);
  if (known) facts.add(fact);
  const base = known ? (FACT_ARGUMENT[fact] as Reader) : UNDEFINED_FACT;
  if (!path) return base;
  const steps = typeof path === 'string' ? parseSimplePath(path) : null;
  if (!steps) throw new NotCompilable(`path ${JSON.stringify(path)} at ${where}`);
  if (!known) return UNDEFINED_FACT;
  const read = pathReader(steps);
  if (fact === 'lead') return (l) => (l !== null && typeof l === 'object' ? read(l) : l);
  return (l, o, oo, n) => {
    const v = base(l, o, oo, n);
    return v !== null && typeof v === 'object' ? read(v) : v;
  };
}

/** A leaf's predicate: common literal comparisons specialised, everything else through the operator. */
function leafPredicate(operator: string, left: Reader, value: unknown, right?: Reader): Predicate {
  const op = operatorFunction(operator) as OperatorFn;
  if (right) return (l, o, oo, n) => op(left(l, o, oo, n), right(l, o, oo, n));
  switch (operator) {
    case 'equal':
      return (l, o, oo, n) => left(l, o, oo, n) === value;
    case 'notEqual':
      return (l, o, oo, n) => left(l, o, oo, n) !== value;
    case 'in':
      if (Array.isArray(value)) return (l, o, oo, n) => value.indexOf(left(l, o, oo, n)) > -1;
      break;
    case 'notIn':
      if (Array.isArray(value)) return (l, o, oo, n) => value.indexOf(left(l, o, oo, n)) === -1;
      break;
  }
  return (l, o, oo, n) => op(left(l, o, oo, n), value);
}

const and2 =
  (a: Predicate, b: Predicate): Predicate =>
  (l, o, oo, n) =>
    a(l, o, oo, n) && b(l, o, oo, n);
const or2 =
  (a: Predicate, b: Predicate): Predicate =>
  (l, o, oo, n) =>
    a(l, o, oo, n) || b(l, o, oo, n);

/**
 * One priority set of an all/any. The engine evaluates every member of a set (Promise.all) and
 * combines the results; that differs from short-circuiting only when a member can throw, so only then
 * is every member evaluated.
 */
function setPredicate(nodes: CompiledNode[], operator: 'all' | 'any'): Predicate {
  const tests = nodes.map((n) => n.test);
  if (tests.length === 1) return tests[0] as Predicate;
  const evaluateAll = nodes.some((n) => n.mayThrow);
  if (!evaluateAll) {
    if (tests.length === 2)
      return (operator === 'all' ? and2 : or2)(tests[0] as Predicate, tests[1] as Predicate);
    return operator === 'all'
      ? (l, o, oo, n) => {
          for (let i = 0; i < tests.length; i++)
            if (!(tests[i] as Predicate)(l, o, oo, n)) return false;
          return true;
        }
      : (l, o, oo, n) => {
          for (let i = 0; i < tests.length; i++)
            if ((tests[i] as Predicate)(l, o, oo, n)) return true;
          return false;
        };
  }
  return operator === 'all'
    ? (l, o, oo, n) => {
        let ok = true;
        for (let i = 0; i < tests.length; i++)
          if (!(tests[i] as Predicate)(l, o, oo, n)) ok = false;
        return ok;
      }
    : (l, o, oo, n) => {
        let ok = false;
        for (let i = 0; i < tests.length; i++) if ((tests[i] as Predicate)(l, o, oo, n)) ok = true;
        return ok;
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
  // Sets of equal priority, highest first; the engine short-circuits between sets.
  const byPriority = new Map<number, CompiledNode[]>();
  for (const n of list) {
    const set = byPriority.get(n.priority) ?? [];
    set.push(n);
    byPriority.set(n.priority, set);
  }
  const sets = [...byPriority.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, nodes]) => setPredicate(nodes, operator));
  if (sets.length === 1) return {test: sets[0] as Predicate, mayThrow};
  if (sets.length === 2) {
    const [a, b] = sets as [Predicate, Predicate];
    return {test: (operator === 'all' ? and2 : or2)(a, b), mayThrow};
  }
  return {
    test:
      operator === 'all'
        ? (l, o, oo, n) => {
            for (let i = 0; i < sets.length; i++)
              if (!(sets[i] as Predicate)(l, o, oo, n)) return false;
            return true;
          }
        : (l, o, oo, n) => {
            for (let i = 0; i < sets.length; i++)
              if ((sets[i] as Predicate)(l, o, oo, n)) return true;
            return false;
          },
    mayThrow,
  };
}

/**
 * A condition's priority among its siblings exactly as json-rules-engine 7.3 computes it. A boolean
 * condition takes `parseInt(priority, 10) || 1` (1e21 is read as the text "1e+21": it becomes 1).
 * A fact condition and a reference keep the raw `priority` (1 when falsy): the engine's Condition
 * constructor parses a fact condition's priority into its input object only after copying it, so
 * 1e21 stays 1e21 there. The engine groups siblings by `String(priority)` and orders the groups by
 * `Number(…)`; for a number that is the number itself, so any number is compiled as it is, and so is
 * a text that is a number's own spelling ("2"); any other text (which the schema refuses) is left to
 * the engine.
 */
function priorityOf(record: Record<string, unknown>, kind: 'boolean' | 'raw', where: string) {
  const raw = record.priority;
  if (kind === 'boolean') return Number.parseInt(raw as string, 10) || 1;
  if (!raw) return 1;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && String(Number(raw)) === raw) return Number(raw);
  throw new NotCompilable(`priority ${JSON.stringify(raw)} at ${where}`);
}

const throwing = (error: () => Error): CompiledNode => ({
  test: () => {
    throw error();
  },
  mayThrow: true,
  priority: 1,
});

class Compiler {
  readonly facts = new Set<string>();
  private readonly shared = new Map<string, CompiledNode>();
  private readonly compiling = new Set<string>();

  constructor(private readonly ruleset: Ruleset) {}

  node(c: Condition, where: string): CompiledNode {
    const record = c as unknown as Record<string, unknown>;
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      throw new NotCompilable(`condition at ${where} is not an object`);
    const boolean = hasOwn(record, 'any') ? 'any' : hasOwn(record, 'all') ? 'all' : undefined;
    const isNot = !boolean && hasOwn(record, 'not');
    // The engine's constructor and its evaluator disagree on a node that is both a reference and
    // a boolean condition; leave such a node to the engine.
    if ((boolean || isNot) && hasOwn(record, 'condition'))
      throw new NotCompilable(`condition at ${where} is both a reference and all/any/not`);
    if (boolean) {
      const list = record[boolean];
      if (!Array.isArray(list)) throw new NotCompilable(`"${boolean}" at ${where} is not an array`);
      const children = list.map((child, i) =>
        this.node(child as Condition, `${where}/${boolean}/${i}`),
      );
      return {...compileList(children, boolean), priority: priorityOf(record, 'boolean', where)};
    }
    if (isNot) {
      const inner = this.node(record.not as Condition, `${where}/not`);
      const t = inner.test;
      return {
        test: (l, o, oo, n) => !t(l, o, oo, n),
        mayThrow: inner.mayThrow,
        priority: priorityOf(record, 'boolean', where),
      };
    }
    if (hasOwn(record, 'condition')) {
      const resolved = this.reference(record.condition, where);
      return {...resolved, priority: priorityOf(record, 'raw', where)};
    }
    return this.leaf(record, where);
  }

  private reference(name: unknown, where: string): CompiledNode {
    const key = String(name);
    const cached = this.shared.get(key);
    if (cached) return cached;
    const shared = this.ruleset.sharedConditions ?? {};
    if (typeof name !== 'string' || !hasOwn(shared, name)) {
      // json-rules-engine rejects the run when it reaches a reference to an undefined condition.
      return throwing(
        () =>
          new AssignmentError(
            'unknown-condition-reference',
            `No shared condition named ${JSON.stringify(name)} (referenced at ${where}).`,
          ),
      );
    }
    if (this.compiling.has(name))
      throw new AssignmentError(
        'circular-condition-reference',
        `Shared condition "${name}" refers to itself (at ${where}); break the cycle.`,
      );
    this.compiling.add(name);
    try {
      const node = this.node(shared[name] as Condition, `/sharedConditions/${name}`);
      this.shared.set(name, node);
      return node;
    } finally {
      // Also when the definition is not compilable: the next reference must not look circular.
      this.compiling.delete(name);
    }
  }

  private leaf(record: Record<string, unknown>, where: string): CompiledNode {
    const operator = record.operator as string;
    const priority = priorityOf(record, 'raw', where);
    if (!operatorFunction(operator))
      return {
        ...throwing(
          () =>
            new AssignmentError('unknown-operator', `Unknown operator "${operator}" at ${where}.`),
        ),
        priority,
      };
    const left = factReader(record.fact, record.path, where, this.facts);
    // The engine compares with its copy of the value (see engineCopy), and so do the compiled rules.
    const value = engineCopy(record.value);
    const isReference = value !== null && typeof value === 'object' && hasOwn(value, 'fact');
    const mayThrow = operatorMayThrow(operator, value, !isReference);
    if (isReference) {
      const ref = value as {fact: unknown; path?: unknown};
      const right = factReader(ref.fact, ref.path, `${where}/value`, this.facts);
      return {test: leafPredicate(operator, left, value, right), mayThrow, priority};
    }
    return {test: leafPredicate(operator, left, value), mayThrow, priority};
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
  // The conditions are compiled from the same kind of copy the reference evaluator hands the engine
  // (structuredClone: plain objects, no null prototypes, own properties only), so that a ruleset given
  // as objects of another shape (e.g. without prototypes) reads alike on both paths.
  const source = structuredClone(ruleset);
  const compiler = new Compiler(source);
  const fallbackReasons: string[] = [];
  const rules: CompiledRule[] = ruleset.rules.map((rule, index) => {
    const target = rule.event.params;
    const base = {index, name: rule.name, target, resolve: targetResolver(target)};
    try {
      const conditions = (source.rules[index] as AssignmentRule).conditions;
      const node = compiler.node(conditions, `/rules/${index}/conditions`);
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
