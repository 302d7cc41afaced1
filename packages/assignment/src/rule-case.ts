import {AssignmentError} from './assignment-error.js';
import {assignOwner, OWNERSHIP_MODES, type OwnershipMode} from './assign-owner.js';
import type {CompiledRuleset} from './compile-ruleset.js';
import type {LeadFacts, UserRecord} from './lead-facts.js';

/**
 * A rule test case (`rules/tests/*.json`): a lead, the users and the ownership mode, and what the
 * Assignment Manager must decide: an owner, rule and outcome, or an error code.
 */
export interface RuleCase {
  name: string;
  description?: string;
  ownershipMode: OwnershipMode;
  /** The users; when absent, the users file beside the ruleset (`users.json`). */
  users?: UserRecord[];
  lead: LeadFacts;
  /** ISO 8601 time for the `now` fact. */
  now?: string;
  expect:
    | {outcome: 'assigned' | 'unassigned-owner'; ownerId: string; rule: string | null}
    | {error: string};
}

/** One case's result: pass, or the differences between expected and actual. */
export interface RuleCaseResult {
  name: string;
  pass: boolean;
  /** `field: expected X, got Y` lines; empty when it passes. */
  diff: string[];
  /** The same differences as data (for output in other languages). */
  mismatches: Array<{key: string; expected: unknown; actual: unknown}>;
  actual: {outcome?: string; ownerId?: string; rule?: string | null; error?: string};
}

const SHAPE_PROBLEMS = {
  en: {
    notObject: 'a case must be a JSON object',
    name: '"name" must be a string',
    ownershipMode: '"ownershipMode" must be "user", "mixed" or "book"',
    lead: '"lead" must be an object',
    users: '"users" must be an array',
    expect: '"expect" must be an object',
    expectFields: '"expect" needs "outcome", "ownerId" and "rule", or "error"',
  },
  de: {
    notObject: 'ein Testfall muss ein JSON-Objekt sein',
    name: '"name" muss eine Zeichenkette sein',
    ownershipMode: '"ownershipMode" muss "user", "mixed" oder "book" sein',
    lead: '"lead" muss ein Objekt sein',
    users: '"users" muss ein Array sein',
    expect: '"expect" muss ein Objekt sein',
    expectFields: '"expect" braucht "outcome", "ownerId" und "rule", oder "error"',
  },
} as const;

/**
 * Checks a parsed case file's shape; returns the problems (empty when fine), in English or, with
 * `language: 'de'`, German.
 */
export function checkRuleCaseShape(value: unknown, language: 'en' | 'de' = 'en'): string[] {
  const t = SHAPE_PROBLEMS[language === 'de' ? 'de' : 'en'];
  const problems: string[] = [];
  const c = value as Record<string, unknown>;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return [t.notObject];
  if (typeof c.name !== 'string') problems.push(t.name);
  if (!OWNERSHIP_MODES.includes(c.ownershipMode as OwnershipMode)) problems.push(t.ownershipMode);
  if (!c.lead || typeof c.lead !== 'object') problems.push(t.lead);
  if (c.users !== undefined && !Array.isArray(c.users)) problems.push(t.users);
  const e = c.expect as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object') problems.push(t.expect);
  else if (!('error' in e) && !(typeof e.ownerId === 'string' && typeof e.outcome === 'string'))
    problems.push(t.expectFields);
  return problems;
}

/** Runs one case against a compiled ruleset. */
export async function runRuleCase(
  compiled: CompiledRuleset,
  testCase: RuleCase,
  defaultUsers: readonly UserRecord[] = [],
): Promise<RuleCaseResult> {
  const users = new Map((testCase.users ?? defaultUsers).map((u) => [u.id, u]));
  let actual: RuleCaseResult['actual'];
  try {
    const r = await assignOwner(testCase.lead, {
      compiled,
      users,
      ownershipMode: testCase.ownershipMode,
      ...(testCase.now ? {now: new Date(testCase.now)} : {}),
    });
    actual = {outcome: r.outcome, ownerId: r.ownerId, rule: r.rule};
  } catch (error) {
    if (!(error instanceof AssignmentError)) throw error;
    actual = {error: error.code};
  }
  const diff: string[] = [];
  const mismatches: RuleCaseResult['mismatches'] = [];
  const expected = testCase.expect as Record<string, unknown>;
  const keys = 'error' in expected ? ['error'] : ['outcome', 'ownerId', 'rule'];
  for (const key of keys) {
    const want = expected[key] ?? null;
    const got = (actual as Record<string, unknown>)[key] ?? null;
    if (want !== got) {
      diff.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      mismatches.push({key, expected: want, actual: got});
    }
  }
  if ('error' in expected && actual.error === undefined) {
    diff.push(
      `decision: expected no assignment, got ${actual.ownerId} by ${JSON.stringify(actual.rule)}`,
    );
    mismatches.push({
      key: 'decision',
      expected: null,
      actual: {ownerId: actual.ownerId, rule: actual.rule},
    });
  }
  return {name: testCase.name, pass: diff.length === 0, diff, mismatches, actual};
}
