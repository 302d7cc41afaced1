import {lintDraft, type LintDraft} from '../lint-finding.js';

/**
 * `duplicate-rule-name`: assignments and traces name the rule that matched, so names are unique.
 * `names` maps each name seen so far to the index of its first rule.
 */
export function checkRuleName(
  rule: Record<string, unknown>,
  i: number,
  names: Map<string, number>,
): LintDraft[] {
  if (typeof rule.name !== 'string') return [];
  const first = names.get(rule.name);
  if (first === undefined) {
    names.set(rule.name, i);
    return [];
  }
  return [lintDraft('duplicate-rule-name', {name: rule.name, first, index: i}, `/rules/${i}/name`)];
}
