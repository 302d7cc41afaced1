/**
 * The built-in operators and operator decorators of json-rules-engine 7, re-implemented as plain
 * synchronous functions with exactly the engine's semantics (same comparisons, same fact-value
 * validators, same decorator composition), so the compiled evaluator decides as the engine does.
 */

/** A binary operator: the fact value (left) against the condition's value (right). */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

interface OperatorDef {
  cb: (a: any, b: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
  validate?: (factValue: unknown) => boolean;
}

const isNumberLike = (factValue: unknown): boolean =>
  Number.parseFloat(factValue as string).toString() !== 'NaN';

/** json-rules-engine's default operators, with their fact-value validators. */
const BASE_OPERATORS: Record<string, OperatorDef> = {
  equal: {cb: (a, b) => a === b},
  notEqual: {cb: (a, b) => a !== b},
  in: {cb: (a, b) => b.indexOf(a) > -1},
  notIn: {cb: (a, b) => b.indexOf(a) === -1},
  contains: {cb: (a, b) => a.indexOf(b) > -1, validate: Array.isArray},
  doesNotContain: {cb: (a, b) => a.indexOf(b) === -1, validate: Array.isArray},
  lessThan: {cb: (a, b) => a < b, validate: isNumberLike},
  lessThanInclusive: {cb: (a, b) => a <= b, validate: isNumberLike},
  greaterThan: {cb: (a, b) => a > b, validate: isNumberLike},
  greaterThanInclusive: {cb: (a, b) => a >= b, validate: isNumberLike},
};

type Next = OperatorFn;
interface DecoratorDef {
  cb: (a: any, b: any, next: Next) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
  validate?: (factValue: unknown) => boolean;
}

/** json-rules-engine's default operator decorators (`everyFact:greaterThan`, `not:in`, …). */
const DECORATORS: Record<string, DecoratorDef> = {
  someFact: {cb: (a, b, next) => a.some((fv: unknown) => next(fv, b)), validate: Array.isArray},
  someValue: {cb: (a, b, next) => b.some((jv: unknown) => next(a, jv))},
  everyFact: {cb: (a, b, next) => a.every((fv: unknown) => next(fv, b)), validate: Array.isArray},
  everyValue: {cb: (a, b, next) => b.every((jv: unknown) => next(a, jv))},
  swap: {cb: (a, b, next) => next(b, a)},
  not: {cb: (a, b, next) => !next(a, b)},
};

/** Names of the built-in operators. */
export const OPERATOR_NAMES: readonly string[] = Object.keys(BASE_OPERATORS);
/** Names of the built-in operator decorators. */
export const DECORATOR_NAMES: readonly string[] = Object.keys(DECORATORS);

/** An operator name taken apart: its decorators, outermost first, and the base operator. */
export interface ParsedOperator {
  decorators: string[];
  base: string;
}

/**
 * Splits `someFact:not:equal` into decorators and base operator the way the engine's operator map
 * does; null when the base operator or a decorator is unknown.
 */
export function parseOperator(name: string): ParsedOperator | null {
  if (typeof name !== 'string') return null;
  const decorators: string[] = [];
  let rest = name;
  while (!Object.hasOwn(BASE_OPERATORS, rest)) {
    const colon = rest.indexOf(':');
    if (colon <= 0) return null;
    const decorator = rest.slice(0, colon);
    if (!Object.hasOwn(DECORATORS, decorator)) return null;
    decorators.push(decorator);
    rest = rest.slice(colon + 1);
  }
  return {decorators, base: rest};
}

/** The evaluation function of a (possibly decorated) operator, or null when it is unknown. */
export function operatorFunction(name: string): OperatorFn | null {
  const parsed = parseOperator(name);
  if (!parsed) return null;
  const base = BASE_OPERATORS[parsed.base] as OperatorDef;
  const validate = base.validate;
  let fn: OperatorFn = validate ? (a, b) => validate(a) && base.cb(a, b) : (a, b) => base.cb(a, b);
  // The engine wraps the innermost decorator first: `a:b:op` is a(b(op)).
  for (let i = parsed.decorators.length - 1; i >= 0; i--) {
    const decorator = DECORATORS[parsed.decorators[i] as string] as DecoratorDef;
    const next = fn;
    const check = decorator.validate;
    fn = check
      ? (a, b) => check(a) && decorator.cb(a, b, next)
      : (a, b) => decorator.cb(a, b, next);
  }
  return fn;
}

/** Stands for a value known only at run time (a fact value, or a condition value that is a fact reference). */
const RUNTIME: unique symbol = Symbol('runtime value');

/**
 * Whether converting `v` to a primitive (as `parseFloat`, `<` and `String.prototype.indexOf` do) can
 * throw. A run-time value can: a lead field may be an object with its own `toString` key or without a
 * prototype, and then `lessThan` throws "Cannot convert object to primitive value" in the engine and
 * in the compiled rules alike. A literal is tried out: it is JSON data, so converting it runs no code
 * of the ruleset's.
 */
function conversionMayThrow(v: unknown, runtimeMayNotConvert: boolean): boolean {
  if (v === RUNTIME) return runtimeMayNotConvert;
  if (v === null || typeof v !== 'object') return false;
  try {
    void `${v as unknown as string}`;
    void ((v as unknown as number) < 0);
    return false;
  } catch {
    return true;
  }
}

const RELATIONAL = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

/**
 * Whether evaluating `decorators:base` on (a, b) can throw for some run-time value, where a and b are
 * either known (a literal) or `RUNTIME`. It follows the operators' code: `in`/`notIn` call
 * `b.indexOf(a)` (an array compares strictly; a string converts `a` to text, which can throw; nothing
 * else has `indexOf`), the relational operators convert both sides to primitives (their validator
 * `parseFloat(a)` and `<` itself), `someValue`/`everyValue` call `b.some`/`b.every` (arrays only) and
 * hand each element on as the inner `b`, `someFact`/`everyFact` check `Array.isArray(a)` and hand each
 * element on as the inner `a`, `swap` exchanges a and b, `not` passes both on. `equal`/`notEqual`
 * compare with `===`, and `contains`/`doesNotContain` search an array (their validator) strictly:
 * they never throw. It may say true where nothing throws (then siblings are evaluated as the engine
 * does, only slower), never false where something can.
 */
function canThrow(
  decorators: readonly string[],
  base: string,
  a: unknown,
  b: unknown,
  strict: boolean,
): boolean {
  if (decorators.length === 0) {
    if (RELATIONAL.has(base)) return conversionMayThrow(a, strict) || conversionMayThrow(b, strict);
    if (base !== 'in' && base !== 'notIn') return false;
    if (b === RUNTIME) return true;
    if (Array.isArray(b)) return false;
    return typeof b === 'string' ? conversionMayThrow(a, strict) : true;
  }
  const [decorator, ...rest] = decorators as [string, ...string[]];
  switch (decorator) {
    case 'not':
      return canThrow(rest, base, a, b, strict);
    case 'swap':
      return canThrow(rest, base, b, a, strict);
    case 'someFact':
    case 'everyFact':
      if (a === RUNTIME) return canThrow(rest, base, RUNTIME, b, strict);
      return Array.isArray(a) && a.some((element) => canThrow(rest, base, element, b, strict));
    case 'someValue':
    case 'everyValue':
      if (b === RUNTIME || !Array.isArray(b)) return true;
      return b.some((element) => canThrow(rest, base, a, element, strict));
    default:
      return true;
  }
}

/**
 * Whether an operator may throw for some fact value given this condition value (a literal, or unknown
 * until run time when `valueIsLiteral` is false because the value is a fact reference). An unknown
 * operator always may (the engine rejects it when it evaluates it).
 *
 * `strict` (the compiler's view, the default) counts every run-time value, also an object that cannot
 * be converted to a primitive (its own `toString` key, no prototype): the compiled rules must fail on
 * exactly the leads the engine fails on, however odd. The linter asks without it, about the values a
 * lead's fields really hold (text, numbers, null), so that `lessThan` is not reported as fallible.
 */
export function operatorMayThrow(
  name: string,
  value: unknown,
  valueIsLiteral: boolean,
  strict = true,
): boolean {
  const parsed = parseOperator(name);
  if (!parsed) return true;
  return canThrow(
    parsed.decorators,
    parsed.base,
    RUNTIME,
    valueIsLiteral ? value : RUNTIME,
    strict,
  );
}

/** An element of a literal value that fails whenever it is reached (see `failingValueElements`). */
export interface FailingElement {
  /** The indexes from the value down to the element. */
  at: number[];
  element: unknown;
  /** What it is handed to: `in`/`notIn` as the list to search, or a `someValue`/`everyValue` list. */
  inner: 'in' | 'list';
}

/**
 * The elements of a literal value that throw whenever the operator reaches them, whatever the lead:
 * `someValue:`/`everyValue:` hand each element on as the inner operator's value, and an element that
 * is not an array for another `someValue:`/`everyValue:`, or neither an array nor a string for
 * `in`/`notIn`, has no `some`/`indexOf` (e.g. `someValue:in` over `[1, 2]`). The value itself is not
 * reported here (that is `in-needs-array`), nor anything that depends on the fact value.
 */
export function failingValueElements(name: string, value: unknown): FailingElement[] {
  const parsed = parseOperator(name);
  if (!parsed) return [];
  const found: FailingElement[] = [];
  // The literal (or an element of it) is the operators' `b` until a swap moves it to `a`, where only
  // checks that depend on the fact value apply.
  const walk = (i: number, b: unknown, at: number[]): void => {
    const decorator = parsed.decorators[i];
    if (decorator === undefined) {
      const indexable = Array.isArray(b) || typeof b === 'string';
      if ((parsed.base === 'in' || parsed.base === 'notIn') && !indexable && at.length > 0)
        found.push({at, element: b, inner: 'in'});
      return;
    }
    if (decorator === 'swap') return;
    if (decorator === 'someValue' || decorator === 'everyValue') {
      if (Array.isArray(b)) b.forEach((element, k) => walk(i + 1, element, [...at, k]));
      else if (at.length > 0) found.push({at, element: b, inner: 'list'});
      return;
    }
    walk(i + 1, b, at); // not, someFact, everyFact hand the value on unchanged
  };
  walk(0, value, []);
  return found;
}

/**
 * The result of an operator for every fact value that is not an array, when it does not depend on the
 * fact value: `contains`/`doesNotContain` (without `swap:`) need an array fact (their validator, and
 * `someFact:`/`everyFact:` check it too), so on any other fact they give the same answer for every
 * lead. Undefined when the operator has `swap:`, is another operator, or the value cannot be evaluated.
 */
export function resultOnNonArrayFact(name: string, value: unknown): boolean | undefined {
  const parsed = parseOperator(name);
  if (!parsed || parsed.decorators.includes('swap')) return undefined;
  if (parsed.base !== 'contains' && parsed.base !== 'doesNotContain') return undefined;
  try {
    return (operatorFunction(name) as OperatorFn)('', value);
  } catch {
    return undefined;
  }
}

/** Whether an operator needs an array as its condition value (`in`, `notIn`, `someValue:…`, `everyValue:…`). */
export function operatorNeedsArrayValue(name: string): boolean {
  const parsed = parseOperator(name);
  if (!parsed) return false;
  if (parsed.decorators.includes('swap')) return false;
  if (parsed.decorators.some((d) => d === 'someValue' || d === 'everyValue')) return true;
  return parsed.base === 'in' || parsed.base === 'notIn';
}
