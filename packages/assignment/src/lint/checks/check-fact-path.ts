import {formatPointer} from '@crmkit/json-kit';
import {parseSimplePath} from '../../json-path.js';
import {FACT_FIELDS, FACT_NAMES} from '../../lead-facts.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import {closest} from '../lint-words.js';
import type {ConditionPath} from './for-each-condition.js';
import {probeJsonPath} from './probe-json-path.js';

/**
 * `unknown-fact`, `invalid-reference-path`, `invalid-json-path`, `path-not-compiled` (warning) and
 * `unknown-field`: what a condition (or a value reference `{"fact", "path"}`, with `reference`) reads
 * must be a fact rules can read, through a path the engine can read, to a field that fact has. The
 * condition's own path is typed by the schema (a string starting with `$`); a reference's is not, so
 * it is checked here: the compiler reads only such paths, and anything else would silently run the
 * whole ruleset on json-rules-engine.
 */
export function checkFactPath(
  fact: unknown,
  path: unknown,
  at: ConditionPath,
  reference = false,
): LintDraft[] {
  if (typeof fact !== 'string' || !FACT_NAMES.includes(fact)) {
    return [
      lintDraft(
        'unknown-fact',
        {fact, facts: FACT_NAMES, suggestion: closest(String(fact), FACT_NAMES)},
        formatPointer([...at, 'fact']),
      ),
    ];
  }
  const pointer = formatPointer([...at, 'path']);
  if (reference && path !== undefined && (typeof path !== 'string' || !path.startsWith('$')))
    return [lintDraft('invalid-reference-path', {path}, pointer)];
  if (typeof path !== 'string' || path === '') return [];
  const steps = parseSimplePath(path);
  if (!steps) {
    if (!path.startsWith('$')) return []; // the schema's pattern reports it
    const failure = probeJsonPath(fact, path);
    if (failure) return [lintDraft('invalid-json-path', {path, ...failure}, pointer)];
    return [lintDraft('path-not-compiled', {path}, pointer)];
  }
  const field = steps[0];
  const fields = FACT_FIELDS[fact] as readonly string[];
  if (field === undefined || fields.includes(field)) return [];
  return [
    lintDraft(
      'unknown-field',
      {fact, field, path, fields, suggestion: closest(field, fields)},
      pointer,
    ),
  ];
}

/**
 * Whether a condition reads a single value of a documented field (or a whole fact): a known fact and
 * no path, `$`, or a simple path to a known field. Every such value is a text, number, boolean, null
 * or (for the whole fact) an object, never an array.
 */
export function readsSingleValue(fact: unknown, path: unknown): boolean {
  if (typeof fact !== 'string' || !FACT_NAMES.includes(fact)) return false;
  if (path === undefined || path === '') return true;
  const steps = typeof path === 'string' ? parseSimplePath(path) : null;
  if (!steps) return false;
  return (
    steps.length === 0 || (FACT_FIELDS[fact] as readonly string[]).includes(steps[0] as string)
  );
}
