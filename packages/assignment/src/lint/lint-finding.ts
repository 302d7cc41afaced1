import type {Finding, FindingDraft} from '@crmkit/json-kit';

/**
 * One problem the linter found in a ruleset, in @crmkit/json-kit's shape (shared with the plugin
 * manifest's validator): `severity`, a stable kebab-case `code` (see LINT_CODES and the package
 * README's table), `message` (what is wrong, naming the rule or field), `hint` (how to fix it), the
 * JSON `pointer` into the ruleset (e.g. `/rules/2/conditions/all/0/operator`), the 1-based
 * `line`/`column` in the source text (1:1 when the ruleset was given as an object) and `file` when the
 * caller named one.
 */
export type LintFinding = Finding;

/** A finding before it gets its position: what each check of the ruleset returns. */
export type LintDraft = FindingDraft;
