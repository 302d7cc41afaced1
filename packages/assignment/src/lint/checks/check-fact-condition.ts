import {formatPointer} from '@crmkit/json-kit';
import {
  DECORATOR_NAMES,
  OPERATOR_NAMES,
  failingValueElements,
  operatorMayThrow,
  operatorNeedsArrayValue,
  parseOperator,
  resultOnNonArrayFact,
} from '../../operators.js';
import {has, isObject} from '../is-object.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import {closest} from '../lint-words.js';
import {checkFactPath, readsSingleValue} from './check-fact-path.js';
import {checkValueKeys} from './check-value-keys.js';
import type {ConditionPath} from './for-each-condition.js';

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * A fact condition (`{fact, path, operator, value}`): its fact and path (see checkFactPath), then
 * `unknown-operator`, the fact and path of a value reference, the keys of a literal value
 * (`reserved-value-key`), `in-needs-array`, `element-needs-array`, `contains-needs-array` and
 * `operator-may-fail` (warning). An unknown operator stops the checks of its value.
 */
export function checkFactCondition(c: Record<string, unknown>, at: ConditionPath): LintDraft[] {
  if (!has(c, 'fact') && !has(c, 'operator')) return [];
  const drafts = checkFactPath(c.fact, c.path, at);
  if (!has(c, 'operator')) return drafts; // the schema reports it missing
  const operator = c.operator;
  if (typeof operator !== 'string' || !parseOperator(operator)) {
    const base = typeof operator === 'string' ? (operator.split(':').at(-1) ?? '') : '';
    drafts.push(
      lintDraft(
        'unknown-operator',
        {
          operator,
          operators: OPERATOR_NAMES,
          decorators: DECORATOR_NAMES,
          suggestion: closest(base, OPERATOR_NAMES),
        },
        formatPointer([...at, 'operator']),
      ),
    );
    return drafts;
  }
  const value = c.value;
  const valuePointer = formatPointer([...at, 'value']);
  const reference = isObject(value) && has(value, 'fact');
  if (reference) drafts.push(...checkFactPath(value.fact, value.path, [...at, 'value'], true));
  else {
    drafts.push(...checkValueKeys(value, [...at, 'value']));
    if (operatorNeedsArrayValue(operator) && !Array.isArray(value)) {
      drafts.push(lintDraft('in-needs-array', {operator, value}, valuePointer));
      return drafts;
    }
  }
  // The README says it: contains / doesNotContain need an array fact. On any documented field they
  // give one answer for every lead (json-rules-engine's validator refuses the value), and they lint
  // clean today while never matching (`rejectReason contains "budget"`).
  const constant = readsSingleValue(c.fact, c.path)
    ? resultOnNonArrayFact(operator, reference ? undefined : value)
    : undefined;
  if (constant !== undefined) {
    drafts.push(
      lintDraft(
        'contains-needs-array',
        {
          operator,
          fact: c.fact as string,
          ...(typeof c.path === 'string' ? {path: c.path} : {}),
          result: constant,
        },
        formatPointer([...at, 'operator']),
      ),
    );
    return drafts;
  }
  if (!reference) {
    const failing = failingValueElements(operator, value);
    for (const f of failing)
      drafts.push(
        lintDraft(
          'element-needs-array',
          {
            operator,
            element: f.element,
            path: `value${f.at.map((k) => `[${k}]`).join('')}`,
            inner: f.inner,
            suggestIn:
              f.inner === 'in' &&
              f.at.length === 1 &&
              Array.isArray(value) &&
              value.every(isScalar) &&
              /^(?:(?:not:)*)(?:someValue|everyValue):(?:in|notIn)$/.test(operator),
          },
          formatPointer([...at, 'value', ...f.at]),
        ),
      );
    if (failing.length) return drafts;
  }
  // json-rules-engine rejects the whole evaluation when an operator throws (e.g. "in" reading
  // indexOf of a missing value); the compiled rules fail on the same leads. The linter asks about
  // the values lead fields hold (text, numbers), not about objects that cannot become text.
  if (operatorMayThrow(operator, value, !reference, false))
    drafts.push(
      lintDraft('operator-may-fail', {operator, reference}, formatPointer([...at, 'operator'])),
    );
  return drafts;
}
