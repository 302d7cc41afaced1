import {formatPointer, pointerToPath} from '@crmkit/json-kit';
import {RESERVED_VALUE_KEYS} from '../../engine-copy.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import type {ConditionPath} from './for-each-condition.js';

const reserved = new Set(RESERVED_VALUE_KEYS);

/**
 * `reserved-value-key`: a key of an object inside a literal value that json-rules-engine's per-run
 * copy of the condition does not keep (see engineCopy): `toString`, `valueOf`, `constructor`,
 * `hasOwnProperty`, … are dropped, `__proto__` becomes the prototype. Walked without recursion (the
 * value's depth is bounded by the nesting check, but this walk needs no stack at all).
 */
export function checkValueKeys(value: unknown, at: ConditionPath): LintDraft[] {
  const drafts: LintDraft[] = [];
  const stack: {v: unknown; at: ConditionPath}[] = [{v: value, at}];
  while (stack.length) {
    const {v, at: here} = stack.pop() as {v: unknown; at: ConditionPath};
    if (v === null || typeof v !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i] as [string | number, unknown];
      if (typeof k === 'string' && reserved.has(k)) {
        const pointer = formatPointer([...here, k]);
        drafts.push(
          lintDraft(
            'reserved-value-key',
            {key: k, path: pointerToPath(formatPointer(here))},
            pointer,
            {key: true},
          ),
        );
      }
      stack.push({v: x, at: [...here, k]});
    }
  }
  return drafts;
}
