import {AssignmentError} from './assignment-error.js';
import type {LintFinding} from './lint/lint-finding.js';

/** A ruleset with lint errors; `findings` has every error and warning, each with pointer and position. */
export class RulesetInvalidError extends AssignmentError {
  readonly findings: readonly LintFinding[];

  constructor(findings: readonly LintFinding[], file?: string) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(
      'invalid-ruleset',
      `The assignment ruleset${file ? ` ${file}` : ''} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
        errors
          .map((f) => `  ${f.pointer || '/'} (${f.line}:${f.column}) ${f.code}: ${f.message}`)
          .join('\n'),
    );
    this.findings = findings;
  }
}
