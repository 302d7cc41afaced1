import type {Ruleset} from '../ruleset.js';
import {checkConditionCycles} from './checks/check-condition-cycles.js';
import {checkConditionReference} from './checks/check-condition-reference.js';
import {checkFactCondition} from './checks/check-fact-condition.js';
import {checkPriority} from './checks/check-priority.js';
import {checkReachability} from './checks/check-reachability.js';
import {checkRuleName} from './checks/check-rule-name.js';
import {checkTarget} from './checks/check-target.js';
import {checkUnassignedOwner} from './checks/check-unassigned-owner.js';
import {checkUnusedConditions} from './checks/check-unused-conditions.js';
import type {FindUser} from './checks/find-user.js';
import {forEachCondition, type ConditionPath} from './checks/for-each-condition.js';
import {isObject} from './is-object.js';
import type {LintDraft} from './lint-finding.js';

/**
 * What a schema cannot say about a ruleset (an object; it may still break the schema, and each check
 * skips what it cannot read). The checks run in the order a reader meets the ruleset: shared
 * conditions, their cycles, then each rule (name, conditions, target), then what needs all of them.
 * Findings at one place keep this order. The nesting check has run before: no walk here goes deeper
 * than its limits.
 */
export function semanticDrafts(ruleset: Record<string, unknown>, users?: FindUser): LintDraft[] {
  const drafts: LintDraft[] = [];
  const shared = isObject(ruleset.sharedConditions) ? ruleset.sharedConditions : {};
  const referenced = new Set<string>();
  const conditions = (root: unknown, at: ConditionPath) =>
    forEachCondition(root, at, (c, path) => {
      drafts.push(...checkConditionReference(c, path, ruleset.sharedConditions, referenced));
      drafts.push(...checkFactCondition(c, path));
      drafts.push(...checkPriority(c, path));
    });

  for (const [name, c] of Object.entries(shared)) conditions(c, ['sharedConditions', name]);
  drafts.push(...checkConditionCycles(shared));
  const rules = Array.isArray(ruleset.rules) ? (ruleset.rules as unknown[]) : [];
  const names = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    drafts.push(...checkRuleName(rule, i, names));
    if (rule.conditions !== undefined) conditions(rule.conditions, ['rules', i, 'conditions']);
    if (isObject(rule.event) && isObject(rule.event.params)) {
      const name = typeof rule.name === 'string' ? rule.name : `#${i}`;
      drafts.push(...checkTarget(rule.event.params, i, name, users));
    }
  });
  drafts.push(...checkUnusedConditions(shared, referenced));
  drafts.push(...checkUnassignedOwner(ruleset.unassignedOwner, users));
  drafts.push(...checkReachability(rules, ruleset as unknown as Ruleset, users));
  return drafts;
}
