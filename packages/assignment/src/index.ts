// Public API of @crmkit/assignment: the Assignment Manager.
export {AssignmentError} from './assignment-error.js';
export {RulesetInvalidError} from './ruleset-invalid-error.js';
export {parseRuleset} from './parse-ruleset.js';
export {lintRuleset} from './lint/lint-ruleset.js';
export {LINT_CODES, lintCodeSummary} from './lint/lint-codes.js';
export {LINT_LANGUAGES, LINT_TEXTS, lintLanguage} from './lint/lint-texts.js';
export {MAX_CONDITION_DEPTH} from './lint/checks/check-nesting.js';
export {compileRuleset} from './compile-ruleset.js';
export {assignOwner, assignOwnerSync, createAssigner, OWNERSHIP_MODES} from './assign-owner.js';
export {resolveTarget, targetResolver, userLookup} from './resolve-target.js';
export {toLeadFacts} from './to-lead-facts.js';
export {
  FACT_FIELDS,
  FACT_NAMES,
  LEAD_FACT_FIELDS,
  NOW_FACT_FIELDS,
  USER_FACT_FIELDS,
  nowFacts,
} from './lead-facts.js';
export {TARGET_KINDS} from './ruleset.js';
export {RULESET_SCHEMA, RULESET_SCHEMA_ID} from './ruleset-schema.js';
export {OPERATOR_NAMES, DECORATOR_NAMES, operatorFunction, parseOperator} from './operators.js';
export {generateLeads, seededRandom} from './generate-leads.js';
export {checkRuleCaseShape, runRuleCase} from './rule-case.js';
export {ReferenceEvaluator} from './reference-evaluator.js';

export type {
  Assigner,
  AssignmentContext,
  AssignmentResult,
  AssignOptions,
  OwnershipMode,
} from './assign-owner.js';
export type {AssignmentTrace, ConditionTrace, RuleTrace} from './assignment-trace.js';
export type {CompiledRule, CompiledRuleset, Predicate} from './compile-ruleset.js';
export type {GenerateLeadsOptions} from './generate-leads.js';
export type {AssignmentFacts, LeadFacts, NowFacts, UserRecord} from './lead-facts.js';
export type {LintFinding, LintTexts} from './lint/lint-finding.js';
export type {LintLanguage, LintText, LintTextKey} from './lint/lint-texts.js';
export type {LintCode} from './lint/lint-codes.js';
export type {LintOptions, LintResult} from './lint/lint-ruleset.js';
export type {OperatorFn, ParsedOperator} from './operators.js';
export type {ExplainedRule} from './reference-evaluator.js';
export type {ResolveTarget, TargetResolution, UserLookup} from './resolve-target.js';
export type {RuleCase, RuleCaseResult} from './rule-case.js';
export type {
  AllCondition,
  AnyCondition,
  AssignmentRule,
  AssignTarget,
  Condition,
  ConditionReference,
  FactCondition,
  FactReference,
  NotCondition,
  Ruleset,
  TargetKind,
  TopLevelCondition,
} from './ruleset.js';
export type {LeadRecordLike} from './to-lead-facts.js';
