import {formatPointer} from '@crmkit/json-kit';
import {has} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import type {ConditionPath} from './for-each-condition.js';

/**
 * `priority-too-large`: the schema takes any integer from 1, and 1e21 is one; but json-rules-engine
 * reads an all/any/not's priority with `parseInt(priority, 10)` (1e21 → "1e+21" → 1) and a fact
 * condition's or a reference's as written, so the order written is not the order run. (The compiled
 * rules read them the engine's way, so they agree either way; the finding is for the author.)
 */
export function checkPriority(c: Record<string, unknown>, at: ConditionPath): LintDraft[] {
  if (!has(c, 'priority')) return [];
  const priority = c.priority;
  if (typeof priority !== 'number' || priority <= Number.MAX_SAFE_INTEGER) return [];
  const read = Number.parseInt(String(priority), 10) || 1;
  return [lintDraft('priority-too-large', {priority, read}, formatPointer([...at, 'priority']))];
}
