import {formatPointer} from '@crmkit/json-kit';
import {
  DECORATOR_NAMES,
  OPERATOR_NAMES,
  operatorMayThrow,
  operatorNeedsArrayValue,
  parseOperator,
} from '../../operators.js';
import {has, isObject} from '../is-object.js';
import type {LintDraft} from '../lint-finding.js';
import {quote, suggestion} from '../lint-words.js';
import {checkFactPath} from './check-fact-path.js';
import type {ConditionPath} from './for-each-condition.js';

/** The operator warning's hint: what to write instead of an operator that can throw. */
function mayFailHint(operator: string, reference: boolean): string {
  if (reference)
    return 'Compare with a literal array value, or make sure the referenced field is always an array.';
  return operator.includes('swap')
    ? 'Use "contains" / "doesNotContain" on an array fact instead of "swap:in" / "swap:notIn".'
    : 'Give "someValue:" / "everyValue:" an array whose elements fit the inner operator (arrays for "in" / "notIn").';
}

/**
 * A fact condition (`{fact, path, operator, value}`): its fact and path (see checkFactPath), then
 * `unknown-operator`, the fact and path of a value reference, `in-needs-array` and
 * `operator-may-fail` (warning). An unknown operator stops the checks of its value.
 */
export function checkFactCondition(c: Record<string, unknown>, at: ConditionPath): LintDraft[] {
  if (!has(c, 'fact') && !has(c, 'operator')) return [];
  const drafts = checkFactPath(c.fact, c.path, at);
  if (!has(c, 'operator')) return drafts; // the schema reports it missing
  const operator = c.operator;
  if (typeof operator !== 'string' || !parseOperator(operator)) {
    const base = typeof operator === 'string' ? (operator.split(':').at(-1) ?? '') : '';
    drafts.push({
      code: 'unknown-operator',
      message: `Unknown operator ${quote(operator)}.`,
      hint: `${suggestion(base, OPERATOR_NAMES)}Operators: ${OPERATOR_NAMES.join(', ')}; decorators (prefix with "name:"): ${DECORATOR_NAMES.join(', ')}.`,
      pointer: formatPointer([...at, 'operator']),
    });
    return drafts;
  }
  const value = c.value;
  const reference = isObject(value) && has(value, 'fact');
  if (reference) drafts.push(...checkFactPath(value.fact, value.path, [...at, 'value']));
  else if (operatorNeedsArrayValue(operator) && !Array.isArray(value)) {
    drafts.push({
      code: 'in-needs-array',
      message: `Operator "${operator}" needs an array value, got ${quote(value)}.`,
      hint: `Write the value as a list, e.g. [${quote(value)}].`,
      pointer: formatPointer([...at, 'value']),
    });
    return drafts;
  }
  // json-rules-engine rejects the whole evaluation when an operator throws (e.g. "in" reading
  // indexOf of a missing value); the compiled rules fail on the same leads.
  if (operatorMayThrow(operator, value, !reference))
    drafts.push({
      severity: 'warning',
      code: 'operator-may-fail',
      message: `Operator "${operator}" fails for leads where ${reference ? 'the referenced value' : 'the fact value'} is not an array (or string), and then no rule assigns the lead: the evaluation stops with rule-evaluation-failed.`,
      hint: mayFailHint(operator, reference),
      pointer: formatPointer([...at, 'operator']),
    });
  return drafts;
}
