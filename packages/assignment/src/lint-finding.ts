/** One problem the linter found in a ruleset. */
export interface LintFinding {
  severity: 'error' | 'warning';
  /** Stable kebab-case code, e.g. `unknown-operator` (see the package README's table). */
  code: string;
  /** What is wrong, naming the rule or field. */
  message: string;
  /** How to fix it. */
  hint: string;
  /** JSON pointer into the ruleset, e.g. `/rules/2/conditions/all/0/operator`. */
  pointer: string;
  /** 1-based position in the source text (1:1 when the ruleset was given as an object). */
  line: number;
  column: number;
  /** The file, when the caller named one. */
  file?: string;
}
