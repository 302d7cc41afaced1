import {createJsonLocator, locateFindings, type JsonLocator} from '@crmkit/json-kit';
import type {UserRecord} from '../lead-facts.js';
import {userLookup, type UserLookup} from '../resolve-target.js';
import type {Ruleset} from '../ruleset.js';
import type {FindUser} from './checks/find-user.js';
import {isObject} from './is-object.js';
import type {LintDraft, LintFinding} from './lint-finding.js';
import {schemaDrafts} from './schema/schema-drafts.js';
import {schemaValidator} from './schema/schema-validator.js';
import {semanticDrafts} from './semantic-drafts.js';

export interface LintOptions {
  /** The file name to put on every finding. */
  file?: string;
  /** Known users: then targets and the unassigned owner are checked against them. */
  users?: UserLookup | readonly UserRecord[];
}

export interface LintResult {
  /** Every finding, errors and warnings, in source order. */
  findings: LintFinding[];
  /** The ruleset, when there is no error. */
  ruleset?: Ruleset;
}

/** `invalid-json`: every syntax error of a text that does not parse (nothing else is checked). */
function syntaxFindings(locator: JsonLocator, file: string | undefined): LintFinding[] {
  return locator.syntaxErrors.map((e) => ({
    severity: 'error',
    code: 'invalid-json',
    message: locator.foundValue ? `Invalid JSON: ${e.kind}.` : 'The file is empty.',
    hint: 'Fix the JSON syntax (no comments, no trailing commas, double-quoted names).',
    pointer: '',
    line: e.line,
    column: e.column,
    ...(file !== undefined ? {file} : {}),
  }));
}

function findUser(users: LintOptions['users']): FindUser | undefined {
  if (!users) return undefined;
  return Array.isArray(users)
    ? userLookup(new Map((users as UserRecord[]).map((u) => [u.id, u])))
    : userLookup(users as UserLookup);
}

/** The drafts without repeats (the same code, place and message). */
function unique(drafts: readonly LintDraft[]): LintDraft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const key = `${d.code}|${d.pointer}|${d.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * Lints a ruleset (JSON text, or an already parsed value): JSON syntax, the JSON Schema, then what a
 * schema cannot say (unknown operators, facts and fields; duplicate rule names; `in`/`notIn` without an
 * array; targets that cannot resolve; unreachable rules; a first rule that misses rejected leads).
 * Every finding has a code, a message, a hint, a JSON pointer and a 1-based line:column (1:1 for a
 * parsed value). Never throws.
 */
export function lintRuleset(input: string | unknown, options: LintOptions = {}): LintResult {
  let value: unknown = input;
  let locator: JsonLocator | undefined;
  if (typeof input === 'string') {
    locator = createJsonLocator(input);
    if (locator.syntaxErrors.length > 0) return {findings: syntaxFindings(locator, options.file)};
    value = locator.value;
  }
  const drafts: LintDraft[] = [];
  const validate = schemaValidator();
  if (!validate(value)) drafts.push(...schemaDrafts(validate.errors ?? []));
  if (isObject(value)) drafts.push(...semanticDrafts(value, findUser(options.users)));
  else if (drafts.length === 0)
    drafts.push({
      code: 'schema-type',
      message: 'The ruleset must be a JSON object.',
      hint: 'Start from rules/lead-assignment.json.',
      pointer: '',
    });
  const findings = locateFindings(unique(drafts), locator, options.file);
  const ok = !findings.some((f) => f.severity === 'error');
  return ok ? {findings, ruleset: value as Ruleset} : {findings};
}
