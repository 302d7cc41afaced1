import {lintCodeSummary, lintRuleset, type LintFinding} from '@crmkit/assignment';
import type {PageLanguage} from '../page-strings.js';

/** A lint finding as the rule studio shows it: where, how bad, and its text in the page's language. */
export interface StudioFinding {
  severity: 'error' | 'warning';
  code: string;
  /** 1-based, in the editor's text. */
  line: number;
  column: number;
  /** The code's one-line summary in the page's language (LINT_CODES has both languages). */
  summary: string;
  /** What the linter says of this place (the rule, the value) and how to fix it. */
  detail: string;
  /**
   * The language `detail` is written in: the page's when the linter wrote it in both (its
   * `messages`/`hints`), else English (an older linter); a German page then marks it `lang="en"`
   * so that a screen reader reads it in English, and the German summary leads.
   */
  detailLang: PageLanguage;
  pointer: string;
}

/** A finding's texts in both languages, when the linter writes them (issue 14's message table). */
interface Bilingual {
  messages?: Partial<Record<PageLanguage, string>>;
  hints?: Partial<Record<PageLanguage, string>>;
}

/** A finding of the linter in the page's language. */
export function studioFinding(finding: LintFinding, lang: PageLanguage): StudioFinding {
  const both = finding as LintFinding & Bilingual;
  const message = both.messages?.[lang];
  const [text, hint, detailLang]: [string, string, PageLanguage] =
    message !== undefined
      ? [message, both.hints?.[lang] ?? '', lang]
      : [finding.message, finding.hint, 'en'];
  const detail = hint ? `${text} ${hint}` : text;
  return {
    severity: finding.severity,
    code: finding.code,
    line: finding.line,
    column: finding.column,
    summary: lintCodeSummary(finding.code, lang) ?? detail,
    detail,
    detailLang,
    pointer: finding.pointer,
  };
}

/**
 * Lints the editor's text with the same linter the host runs before it activates a ruleset (bundled
 * into the page: no request per keystroke). The host checks again on preview and activation; this is
 * for the author's comfort. Without the host's users it cannot tell whether a target's user exists
 * (the page does not have them with managers and roles): the host's preview and activation do.
 * Answers undefined when the linter cannot run in this browser (e.g. a page policy that forbids
 * the schema validator's compiled functions): then the host's answers are the only findings.
 */
export function lintForStudio(text: string, lang: PageLanguage): StudioFinding[] | undefined {
  try {
    const {findings} = lintRuleset(text);
    return findings.map((f) => studioFinding(f, lang));
  } catch {
    return undefined;
  }
}
