import {
  createJsonLocator,
  locateFindings,
  MAX_JSON_DEPTH,
  type JsonLocator,
  type JsonSyntaxError,
} from '@crmkit/json-kit';
import type {UserRecord} from '../lead-facts.js';
import {userLookup, type UserLookup} from '../resolve-target.js';
import type {Ruleset} from '../ruleset.js';
import type {FindUser} from './checks/find-user.js';
import {checkNesting} from './checks/check-nesting.js';
import {isObject} from './is-object.js';
import {lintDraft, type LintDraft, type LintFinding} from './lint-finding.js';
import {lintLanguage, type LintLanguage} from './lint-texts.js';
import {schemaDrafts} from './schema/schema-drafts.js';
import {schemaValidator} from './schema/schema-validator.js';
import {semanticDrafts} from './semantic-drafts.js';

export interface LintOptions {
  /** The file name to put on every finding. */
  file?: string;
  /** Known users: then targets and the unassigned owner are checked against them. */
  users?: UserLookup | readonly UserRecord[];
  /**
   * The language of each finding's `message` and `hint`: `en` (the default) or `de`; a language tag
   * such as `de-AT` counts as German. Every finding has both languages in `messages` and `hints`
   * whatever this says.
   */
  language?: LintLanguage | (string & {});
}

export interface LintResult {
  /** Every finding, errors and warnings, in source order. */
  findings: LintFinding[];
  /** The ruleset, when there is no error. */
  ruleset?: Ruleset;
}

/** The draft of one syntax error (its position comes from the locator, not from a pointer). */
function syntaxDraft(locator: JsonLocator, e: JsonSyntaxError): LintDraft {
  // Found before any parser ran (see createJsonLocator): a deeper text would overflow the stack of
  // every checker after it.
  if (e.kind === 'NestingTooDeep')
    return lintDraft('nesting-too-deep.text', {limit: MAX_JSON_DEPTH}, '');
  return locator.foundValue
    ? lintDraft('invalid-json', {kind: e.kind}, '')
    : lintDraft('invalid-json.empty', {}, '');
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

/** A located finding in the language asked for, with both languages. */
function finding(
  d: LintDraft,
  located: LintFinding | Omit<LintFinding, 'messages' | 'hints'>,
  language: LintLanguage,
): LintFinding {
  return {
    ...located,
    message: d.messages[language],
    hint: d.hints[language],
    messages: d.messages,
    hints: d.hints,
  };
}

/**
 * Positions (as json-kit's locateFindings gives them) for drafts that carry both languages, in text
 * order; the sort is stable, so findings at one place keep the order the checks made them in.
 */
function locate(
  drafts: readonly LintDraft[],
  locator: JsonLocator | undefined,
  file: string | undefined,
  language: LintLanguage,
): LintFinding[] {
  return drafts
    .map((d) => finding(d, locateFindings([d], locator, file)[0] as LintFinding, language))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Lints a ruleset (JSON text, or an already parsed value): JSON syntax, nesting, the JSON Schema, then
 * what a schema cannot say (unknown operators, facts and fields; paths the engine cannot read;
 * duplicate rule names; `in`/`notIn` without an array; `contains` on fields that are never arrays;
 * values the engine would not see as written; targets that cannot resolve; unreachable rules; a first
 * rule that misses rejected leads). Every finding has a code, a message, a hint (in `language`, and
 * both languages in `messages`/`hints`), a JSON pointer and a 1-based line:column (1:1 for a parsed
 * value). Never throws: conditions nested past the limit are a finding, and nothing recursive runs
 * over them.
 */
export function lintRuleset(input: string | unknown, options: LintOptions = {}): LintResult {
  const language = lintLanguage(options.language);
  let value: unknown = input;
  let locator: JsonLocator | undefined;
  if (typeof input === 'string') {
    locator = createJsonLocator(input);
    if (locator.syntaxErrors.length > 0) {
      const errors = locator.syntaxErrors;
      const found = locator;
      return {
        findings: errors.map((e) => {
          const d = syntaxDraft(found, e);
          const {line, column} = e;
          return finding(
            d,
            {
              severity: 'error',
              code: d.code,
              message: d.message,
              hint: d.hint,
              pointer: '',
              line,
              column,
              ...(options.file !== undefined ? {file: options.file} : {}),
            },
            language,
          );
        }),
      };
    }
    value = locator.value;
  }
  const nesting = checkNesting(value);
  if (nesting.length) return {findings: locate(nesting, locator, options.file, language)};
  const drafts: LintDraft[] = [];
  const validate = schemaValidator();
  if (!validate(value)) drafts.push(...schemaDrafts(validate.errors ?? []));
  if (isObject(value)) drafts.push(...semanticDrafts(value, findUser(options.users)));
  else if (drafts.length === 0) drafts.push(lintDraft('schema-type.root', {}, ''));
  const findings = locate(unique(drafts), locator, options.file, language);
  const ok = !findings.some((f) => f.severity === 'error');
  return ok ? {findings, ruleset: value as Ruleset} : {findings};
}
