import {parseSimplePath, pathReader} from './json-path.js';
import {operatorFunction} from './operators.js';
import type {Condition, Ruleset} from './ruleset.js';

/** true / false when the known facts decide a condition, null when it depends on unknown ones. */
export type Tristate = boolean | null;

/** Facts known in advance, e.g. `{lead: {status: 'Rejected'}}`: what every evaluated lead has. */
export type KnownFacts = Record<string, Record<string, unknown>>;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Evaluates a condition in three-valued logic, knowing only some facts (for the linter: every lead the
 * Assignment Manager sees is Rejected). A leaf is decided when it reads a known field and compares it
 * with a literal; all/any/not combine as json-rules-engine does (an empty all or any is true).
 */
export function symbolicMatch(
  condition: Condition,
  known: KnownFacts,
  ruleset: Ruleset,
  seen: Set<string> = new Set(),
): Tristate {
  // The linter runs this on rulesets the schema refused too: a null or scalar condition decides nothing.
  if (condition === null || typeof condition !== 'object') return null;
  const c = condition as unknown as Record<string, unknown>;
  if (has(c, 'all') || has(c, 'any')) {
    const isAll = has(c, 'all');
    const list = (isAll ? c.all : c.any) as Condition[];
    if (!Array.isArray(list)) return null;
    let unknown = false;
    for (const child of list) {
      const r = symbolicMatch(child, known, ruleset, seen);
      if (r === null) unknown = true;
      else if (r !== isAll) return r;
    }
    return unknown ? null : isAll;
  }
  if (has(c, 'not')) {
    const r = symbolicMatch(c.not as Condition, known, ruleset, seen);
    return r === null ? null : !r;
  }
  if (has(c, 'condition')) {
    const name = c.condition as string;
    const shared = ruleset.sharedConditions?.[name];
    if (!shared || seen.has(name)) return null;
    seen.add(name);
    const r = symbolicMatch(shared, known, ruleset, seen);
    seen.delete(name);
    return r;
  }
  const fact = known[c.fact as string];
  if (!fact || typeof c.path !== 'string') return null;
  const steps = parseSimplePath(c.path);
  if (!steps || steps.length === 0 || !has(fact, steps[0] as string)) return null;
  const value = c.value;
  if (value !== null && typeof value === 'object' && has(value, 'fact')) return null;
  const op = operatorFunction(c.operator as string);
  if (!op) return null;
  try {
    return op(pathReader(steps)(fact), value);
  } catch {
    return null;
  }
}
