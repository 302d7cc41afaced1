/**
 * The condition value json-rules-engine 7.3 actually compares with. Before every evaluation the engine
 * copies the rule's conditions (`new RuleResult(…)` runs the `clone` package, 2.x), and that copy is
 * not faithful for every JSON object: `clone` skips each key that names a data property of the
 * object's prototype (`toString`, `valueOf`, `constructor`, `hasOwnProperty`, … of `Object.prototype`)
 * and assigns `__proto__` through its setter, so that key becomes the copy's prototype. The compiled
 * rules compare with this same copy, made once at compile time, so that a value such as
 * `{"toString": "x"}` (compared as `{}` by the engine) decides alike on both paths. The linter refuses
 * such keys (`reserved-value-key`); this keeps a ruleset compiled without linting exact too.
 *
 * The steps are `clone`'s, for the data a ruleset holds (objects, arrays, JSON scalars) after the
 * `structuredClone` the reference evaluator makes of every condition.
 */
export function engineCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    // `clone` walks arrays with for…in too, and checks no prototype for them.
    for (const i in value) copy[i as unknown as number] = engineCopy(value[i as unknown as number]);
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  const copy = Object.create(prototype) as Record<string, unknown>;
  for (const key in value) {
    const inherited = prototype ? Object.getOwnPropertyDescriptor(prototype, key) : undefined;
    if (inherited && inherited.set == null) continue;
    // An assignment, as in `clone`: for "__proto__" it runs the setter and replaces the prototype.
    copy[key] = engineCopy((value as Record<string, unknown>)[key]);
  }
  return copy;
}

/**
 * The keys `engineCopy` (and so json-rules-engine) does not copy as they are: every own property of
 * `Object.prototype`, `__proto__` included. A literal value holding one is refused by the linter.
 */
export const RESERVED_VALUE_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype);
