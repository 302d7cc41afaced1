import {formatPointer} from '@crmkit/json-kit';
import {has, isObject} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import {closest} from '../lint-words.js';
import type {ConditionPath} from './for-each-condition.js';

/**
 * `unknown-condition`: a `{"condition": name}` reference to a shared condition that does not exist.
 * Records every referenced name in `referenced`, for the unused-condition check.
 */
export function checkConditionReference(
  c: Record<string, unknown>,
  at: ConditionPath,
  sharedConditions: unknown,
  referenced: Set<string>,
): LintDraft[] {
  if (!has(c, 'condition')) return [];
  const name = c.condition;
  if (typeof name !== 'string') return [];
  referenced.add(name);
  if (isObject(sharedConditions) && has(sharedConditions, name)) return [];
  const known = isObject(sharedConditions) ? Object.keys(sharedConditions) : [];
  return [
    lintDraft(
      'unknown-condition',
      {name, known, suggestion: closest(name, known)},
      formatPointer([...at, 'condition']),
    ),
  ];
}
