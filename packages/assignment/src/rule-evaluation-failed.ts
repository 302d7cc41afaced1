import {AssignmentError} from './assignment-error.js';

/**
 * The error for a rule whose conditions cannot be evaluated for a lead (json-rules-engine rejects the
 * run on the same conditions, e.g. `in` with a value that is not an array or string): code
 * `rule-evaluation-failed`, naming the rule, with the original error as `cause`.
 */
export function ruleEvaluationFailed(rule: string, error: unknown): AssignmentError {
  if (error instanceof AssignmentError && error.code === 'rule-evaluation-failed') return error;
  const detail = error instanceof Error ? error.message : String(error);
  const messages = {
    en: `Rule "${rule}" cannot be evaluated: ${detail}. Check its operators against the values they get (e.g. "in" needs an array as its value, "someValue:…" an array of values).`,
    de: `Die Regel „${rule}“ lässt sich nicht auswerten: ${detail}. Prüfen Sie ihre Operatoren gegen die Werte, die sie bekommen (z. B. braucht "in" ein Array als Wert, "someValue:…" ein Array von Werten).`,
  };
  return new AssignmentError('rule-evaluation-failed', messages.en, {cause: error, messages});
}
