import {formatPointer} from '@crmkit/json-kit';
import {parseSimplePath} from '../../json-path.js';
import {FACT_FIELDS, FACT_NAMES} from '../../lead-facts.js';
import type {LintDraft} from '../lint-finding.js';
import {quote, suggestion} from '../lint-words.js';
import type {ConditionPath} from './for-each-condition.js';

/**
 * `unknown-fact`, `unknown-field` and `path-not-compiled` (warning): what a condition (or a value
 * reference `{"fact", "path"}`) reads must be a fact rules can read, and a field that fact has.
 */
export function checkFactPath(fact: unknown, path: unknown, at: ConditionPath): LintDraft[] {
  if (typeof fact !== 'string' || !FACT_NAMES.includes(fact)) {
    return [
      {
        code: 'unknown-fact',
        message: `Unknown fact ${quote(fact)}.`,
        hint: `${suggestion(String(fact), FACT_NAMES)}Rules can read the facts ${FACT_NAMES.join(', ')}.`,
        pointer: formatPointer([...at, 'fact']),
      },
    ];
  }
  if (typeof path !== 'string' || path === '') return [];
  const steps = parseSimplePath(path);
  if (!steps) {
    if (!path.startsWith('$')) return []; // the schema's pattern reports it
    return [
      {
        severity: 'warning',
        code: 'path-not-compiled',
        message: `Path ${quote(path)} is more than simple steps, so the whole ruleset runs on json-rules-engine (about 100× slower, and asynchronous).`,
        hint: 'Use simple paths like "$.region" or "$.address[\'zip\']".',
        pointer: formatPointer([...at, 'path']),
      },
    ];
  }
  const field = steps[0];
  const fields = FACT_FIELDS[fact] as readonly string[];
  if (field === undefined || fields.includes(field)) return [];
  return [
    {
      code: 'unknown-field',
      message: `The ${fact} fact has no field "${field}" (path ${quote(path)}).`,
      hint: `${suggestion(field, fields)}Fields of ${fact}: ${fields.join(', ')}.`,
      pointer: formatPointer([...at, 'path']),
    },
  ];
}
