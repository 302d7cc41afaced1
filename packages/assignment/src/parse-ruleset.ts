import {lintRuleset, type LintOptions} from './lint/lint-ruleset.js';
import type {Ruleset} from './ruleset.js';
import {RulesetInvalidError} from './ruleset-invalid-error.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Parses and checks a ruleset (JSON text or a parsed value). Returns a frozen copy; throws
 * `RulesetInvalidError` (code `invalid-ruleset`) with every finding when the linter reports an error.
 */
export function parseRuleset(input: string | unknown, options: LintOptions = {}): Ruleset {
  const {findings, ruleset} = lintRuleset(input, options);
  if (!ruleset) throw new RulesetInvalidError(findings, options.file);
  return deepFreeze(typeof input === 'string' ? ruleset : structuredClone(ruleset));
}
