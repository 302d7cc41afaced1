import {formatPointer} from '@crmkit/json-kit';
import {has, isObject} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';

/** The names a condition references, anywhere inside it. */
function references(c: unknown, out: string[] = []): string[] {
  if (!isObject(c)) return out;
  if (typeof c.condition === 'string') out.push(c.condition);
  for (const op of ['all', 'any'] as const)
    if (Array.isArray(c[op])) for (const x of c[op] as unknown[]) references(x, out);
  if (has(c, 'not')) references(c.not, out);
  return out;
}

/**
 * `circular-condition`: shared conditions that reference each other in a cycle (json-rules-engine
 * would recurse until the stack overflows). Each cycle is reported once, at its first member.
 */
export function checkConditionCycles(shared: Record<string, unknown>): LintDraft[] {
  const drafts: LintDraft[] = [];
  const reported = new Set<string>();
  for (const start of Object.keys(shared)) {
    const stack: string[] = [];
    // Names already searched from this start without finding it: shared conditions that reference
    // each other many times over (a diamond of references) are then searched once each, not once per
    // path, which would take exponential time.
    const searched = new Set<string>();
    const visit = (name: string): boolean => {
      if (stack.includes(name)) return name === start;
      if (!has(shared, name) || searched.has(name)) return false;
      stack.push(name);
      const found = references(shared[name]).some(visit);
      if (!found) {
        stack.pop();
        searched.add(name);
      }
      return found;
    };
    if (visit(start) && !reported.has(start)) {
      stack.forEach((n) => reported.add(n));
      drafts.push(
        lintDraft(
          'circular-condition',
          {start, cycle: [...stack, start]},
          formatPointer(['sharedConditions', start]),
          {key: true},
        ),
      );
    }
  }
  return drafts;
}
