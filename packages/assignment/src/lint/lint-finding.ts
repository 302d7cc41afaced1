import type {Finding, FindingDraft} from '@crmkit/json-kit';
import {LINT_CODES} from './lint-codes.js';
import {
  LINT_TEXTS,
  type LintLanguage,
  type LintTextEntry,
  type LintTextKey,
  type LintTextParams,
} from './lint-texts.js';

/** A text in each language the linter writes. */
export type LintTexts = Record<LintLanguage, string>;

/**
 * One problem the linter found in a ruleset, in @crmkit/json-kit's shape (shared with the plugin
 * manifest's validator): `severity`, a stable kebab-case `code` (see LINT_CODES and the package
 * README's table), `message` (what is wrong, naming the rule or field), `hint` (how to fix it), the
 * JSON `pointer` into the ruleset (e.g. `/rules/2/conditions/all/0/operator`), the 1-based
 * `line`/`column` in the source text (1:1 when the ruleset was given as an object) and `file` when the
 * caller named one. `message` and `hint` are in the language the caller asked for (English unless
 * `language: 'de'`); `messages` and `hints` hold both languages, for a server that answers each
 * request in its own language (`finding.messages[lang]`). `lintRuleset` always sets them; they are
 * optional in the type so that a finding made elsewhere in json-kit's shape (a test's fake, an older
 * linter's JSON) is still a LintFinding: read them as `f.messages?.[lang] ?? f.message`.
 */
export interface LintFinding extends Finding {
  messages?: LintTexts;
  hints?: LintTexts;
}

/** A finding before it gets its position: what each check of the ruleset returns (English text). */
export interface LintDraft extends FindingDraft {
  messages: LintTexts;
  hints: LintTexts;
}

/**
 * The draft of a finding from its entry in the message table: code and severity from the entry (or
 * the code's own severity), both languages filled with `params`.
 */
export function lintDraft<K extends LintTextKey>(
  key: K,
  params: LintTextParams<K>,
  pointer: string,
  options: {key?: boolean} = {},
): LintDraft {
  const entry = LINT_TEXTS[key] as LintTextEntry<LintTextParams<K>>;
  const en = entry.en(params);
  const de = entry.de(params);
  return {
    severity: entry.severity ?? LINT_CODES[entry.code].severity,
    code: entry.code,
    message: en.message,
    hint: en.hint,
    pointer,
    ...(options.key ? {key: true} : {}),
    messages: {en: en.message, de: de.message},
    hints: {en: en.hint, de: de.hint},
  };
}
