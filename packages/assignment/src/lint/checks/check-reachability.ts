import type {Condition, Ruleset} from '../../ruleset.js';
import {symbolicMatch} from '../../symbolic-match.js';
import {isObject} from '../is-object.js';
import type {LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/** What every evaluated lead is known to be: rejected (the rules run after the rejection). */
const REJECTED = {lead: {status: 'Rejected'}};

const EXAMPLE_FIRST_RULE =
  '{"name": "rejected-to-original-owner", "conditions": {"all": [{"fact": "lead", "path": "$.status", "operator": "equal", "value": "Rejected"}]}, "event": {"type": "assign", "params": {"to": "originalOwner"}}}';

const ORACLE =
  'Oracle: "for correct behaviour of the Reject button the first rule in the group must assign rejected leads".';

/** `first-rule-misses-rejected` (warning): the first rule must match every rejected lead. */
function checkFirstRule(rules: readonly unknown[], ruleset: Ruleset): LintDraft[] {
  const first = rules[0];
  if (!isObject(first) || !isObject(first.conditions)) {
    if (rules.length > 0) return [];
    return [
      {
        severity: 'warning',
        code: 'first-rule-misses-rejected',
        message: 'The ruleset has no rules, so every reassigned lead goes to the unassigned owner.',
        hint: `${ORACLE} Start with ${EXAMPLE_FIRST_RULE}.`,
        pointer: '/rules',
      },
    ];
  }
  const r = symbolicMatch(first.conditions as unknown as Condition, REJECTED, ruleset);
  if (r === true) return [];
  return [
    {
      severity: 'warning',
      code: 'first-rule-misses-rejected',
      message:
        r === false
          ? `The first rule "${String(first.name)}" never matches a rejected lead, and the rules always see the lead after rejection (status Rejected).`
          : `The first rule "${String(first.name)}" matches only some rejected leads (it depends on more than the status).`,
      hint: `${ORACLE} Make the first rule match every rejected lead, e.g. ${EXAMPLE_FIRST_RULE}.`,
      pointer: '/rules/0/conditions',
    },
  ];
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
    return rules.slice(j + 1).map((later, n) => ({
      severity: 'warning',
      code: 'unreachable-rule',
      message: `Rule "${String((later as {name?: unknown})?.name)}" is never reached: rule "${String(rule.name)}" before it matches every rejected lead and always assigns to user "${userId}".`,
      hint: "Move this rule above the catch-all rule, narrow the catch-all's conditions, or remove this rule.",
      pointer: `/rules/${j + 1 + n}`,
    }));
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
