/**
 * The ruleset format: json-rules-engine rules in evaluation order (the first matching rule whose target
 * resolves to an active user wins), a fallback `unassignedOwner`, and named shared conditions that
 * rules reference with `{"condition": "<name>"}`.
 */

/** A fact reference as a condition's value: compare against another fact instead of a literal. */
export interface FactReference {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
}

/** A leaf condition: `<fact at path> <operator> <value>`. */
export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
  priority?: number;
  name?: string;
}

export interface AllCondition {
  all: Condition[];
  priority?: number;
  name?: string;
}
export interface AnyCondition {
  any: Condition[];
  priority?: number;
  name?: string;
}
export interface NotCondition {
  not: Condition;
  priority?: number;
  name?: string;
}
/** A reference to one of the ruleset's `sharedConditions`. */
export interface ConditionReference {
  condition: string;
  priority?: number;
  name?: string;
}

export type Condition =
  FactCondition | AllCondition | AnyCondition | NotCondition | ConditionReference;

/** What a rule's conditions may be at their root (json-rules-engine needs a boolean or a reference). */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

/** Where a matching rule sends the lead. */
export type AssignTarget =
  | {to: 'originalOwner'}
  | {to: 'originalOwnerManager'}
  | {to: 'ownerManager'}
  | {to: 'user'; userId: string};

/** The target kinds, in documentation order. */
export const TARGET_KINDS = [
  'originalOwner',
  'originalOwnerManager',
  'ownerManager',
  'user',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface AssignmentRule {
  /** Unique within the ruleset; reported as the `rule` of an assignment. */
  name: string;
  description?: string;
  conditions: TopLevelCondition;
  event: {type: 'assign'; params: AssignTarget};
}

export interface Ruleset {
  $schema?: string;
  recordType: 'lead';
  description?: string;
  /** The user who receives a lead that no rule assigns. */
  unassignedOwner: string;
  /** Named conditions rules can reference with `{"condition": "<name>"}`. */
  sharedConditions?: Record<string, TopLevelCondition>;
  /** Evaluated in this order; the first matching rule whose target resolves wins. */
  rules: AssignmentRule[];
}
