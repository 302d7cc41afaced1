import type {Condition, Ruleset} from '../../ruleset.js';
import {symbolicMatch} from '../../symbolic-match.js';
import {isObject} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/** What every evaluated lead is known to be: rejected (the rules run after the rejection). */
const REJECTED = {lead: {status: 'Rejected'}};

/** `first-rule-misses-rejected` (warning): the first rule must match every rejected lead. */
function checkFirstRule(rules: readonly unknown[], ruleset: Ruleset): LintDraft[] {
  const first = rules[0];
  if (!isObject(first) || !isObject(first.conditions)) {
    if (rules.length > 0) return [];
    return [lintDraft('first-rule-misses-rejected.empty', {}, '/rules')];
  }
  const r = symbolicMatch(first.conditions as unknown as Condition, REJECTED, ruleset);
  if (r === true) return [];
  const key = r === false ? 'first-rule-misses-rejected.never' : 'first-rule-misses-rejected.some';
  return [lintDraft(key, {rule: String(first.name)}, '/rules/0/conditions')];
}

/**
 * `unreachable-rule` (warning): a rule that matches every rejected lead and always resolves (a fixed,
 * active user) ends evaluation, so every rule after it is dead.
 */
function checkUnreachableRules(
  rules: readonly unknown[],
  ruleset: Ruleset,
  users?: FindUser,
): LintDraft[] {
  for (let j = 0; j < rules.length; j++) {
    const rule = rules[j];
    if (!isObject(rule) || !isObject(rule.conditions) || !isObject(rule.event)) continue;
    const params = rule.event.params as Record<string, unknown> | undefined;
    if (!isObject(params) || params.to !== 'user' || typeof params.userId !== 'string') continue;
    if (users && !users(params.userId)?.active) continue;
    if (symbolicMatch(rule.conditions as unknown as Condition, REJECTED, ruleset) !== true)
      continue;
    const userId = params.userId;
    return rules
      .slice(j + 1)
      .map((later, n) =>
        lintDraft(
          'unreachable-rule',
          {rule: String((later as {name?: unknown})?.name), catchAll: String(rule.name), userId},
          `/rules/${j + 1 + n}`,
        ),
      );
  }
  return [];
}

/** The Reject button's needs of the rule order: the first rule and the rules after a catch-all. */
export function checkReachability(
  rules: readonly unknown[],
  ruleset: Ruleset,
  users?: FindUser,
): LintDraft[] {
  return [...checkFirstRule(rules, ruleset), ...checkUnreachableRules(rules, ruleset, users)];
}
