import type {FieldError} from '@crmkit/sdk';
import type {BilingualFieldError, Language} from './host-problem.js';

/**
 * Field errors in both languages from a function that describes them in one (the contract's
 * `describeSchemaError` or `ContractValidator.validateSchema`, called for 'en' and, only when there are
 * errors, for 'de'). Both calls must list the same errors in the same order.
 */
export function bilingualFieldErrors(
  describe: (language: Language) => readonly FieldError[],
): BilingualFieldError[] {
  const en = describe('en');
  if (en.length === 0) return [];
  const de = describe('de');
  return en.map((e, i) => ({
    field: e.field,
    code: e.code,
    message: {en: e.message, de: de[i]?.message ?? e.message},
  }));
}
