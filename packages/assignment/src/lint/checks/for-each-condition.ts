import {has, isObject} from '../is-object.js';

/** Where a condition is: the segments of its JSON pointer. */
export type ConditionPath = (string | number)[];

/**
 * Visits every condition object under `c` (itself included), children before their parent: the items
 * of `all` and `any`, then `not`. What the schema has refused (a non-object) is skipped.
 */
export function forEachCondition(
  c: unknown,
  at: ConditionPath,
  visit: (condition: Record<string, unknown>, at: ConditionPath) => void,
): void {
  if (!isObject(c)) return;
  for (const op of ['all', 'any'] as const)
    if (Array.isArray(c[op]))
      (c[op] as unknown[]).forEach((x, i) => forEachCondition(x, [...at, op, i], visit));
  if (has(c, 'not')) forEachCondition(c.not, [...at, 'not'], visit);
  visit(c, at);
}
