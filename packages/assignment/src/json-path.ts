/**
 * The subset of JSONPath the compiled evaluator reads itself: `$`, then `.name`, `['name']` or `[0]`
 * steps (e.g. `$.region`, `$.address['zip']`, `$.tags[0]`). Anything else (wildcards, filters, slices,
 * recursive descent, a path without `$`) is left to json-rules-engine's own resolver (jsonpath-plus).
 */

const STEP =
  /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|(0|[1-9][0-9]{0,8}))\])/;

/** The property names of a simple path, or null when the path is not one the evaluator compiles. */
export function parseSimplePath(path: string): string[] | null {
  if (typeof path !== 'string' || !path.startsWith('$')) return null;
  const steps: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return null;
    steps.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/**
 * One step as jsonpath-plus takes it with `wrap: false`: an own property of an object or array, or of
 * a non-empty string (its `length` and characters); anything else, and every falsy value, gives
 * `undefined`.
 */
export function step(value: unknown, key: string): unknown {
  if (!value || (typeof value !== 'object' && typeof value !== 'string')) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A reader for a simple path (already parsed), specialised for the common one- and two-step paths. */
export function pathReader(steps: readonly string[]): (value: unknown) => unknown {
  if (steps.length === 0) return (value) => value;
  if (steps.length === 1) {
    const [k] = steps as [string];
    return (value) => step(value, k);
  }
  if (steps.length === 2) {
    const [k1, k2] = steps as [string, string];
    return (value) => step(step(value, k1), k2);
  }
  return (value) => {
    let v = value;
    for (const k of steps) v = step(v, k);
    return v;
  };
}
