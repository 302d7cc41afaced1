import {formatPointer, parsePointer} from '@crmkit/json-kit';
import {describeField} from '../describe-field.js';
import {didYouMeanHint} from '../did-you-mean-hint.js';
import {hintFor} from '../field-hints.js';
import {fieldShape} from '../field-shape.js';
import type {ManifestDraft} from '../manifest-issue.js';
import type {SchemaError} from './schema-error.js';
import {schemaAt} from './schema-lookup.js';

/**
 * A schema error about a field's name rather than its value: a missing field (`required`), one the
 * schema does not define (`additionalProperties`), a bad locale or setting name (`propertyNames`).
 */
export function fieldNameFinding(error: SchemaError): ManifestDraft | undefined {
  const pointer = error.instancePath;
  const params = error.params;
  switch (error.keyword) {
    case 'required': {
      const field = String(params['missingProperty']);
      const missing = `${pointer}${formatPointer([field])}`;
      const hint =
        parsePointer(missing).at(-1) === 'en'
          ? 'add the English text: "en": "…"; English is the fallback of every other language'
          : hintFor(missing);
      return {
        code: 'missing-field',
        pointer: missing,
        hint,
        message: `${describeField(pointer)} lacks the required field "${field}"`,
      };
    }
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const parent = schemaAt(error.schemaPath.replace(/\/additionalProperties$/, ''));
      const known = Object.keys((parent?.['properties'] as object | undefined) ?? {});
      return {
        code: 'unknown-field',
        pointer: `${pointer}${formatPointer([field])}`,
        key: true,
        hint: didYouMeanHint(
          field,
          known,
          `remove it; the fields allowed here are ${known.join(', ')}`,
        ),
        message: `"${field}" is not a field of ${describeField(pointer)}`,
      };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const setting = fieldShape(pointer) === '/config/properties';
      return {
        code: setting ? 'invalid-setting-name' : 'invalid-locale',
        pointer: `${pointer}${formatPointer([name])}`,
        key: true,
        hint: setting
          ? 'name settings in camelCase, e.g. "reassignOwnerDefault"'
          : 'use a BCP 47 language tag such as "en", "de" or "de-AT"',
        message: `"${name}" in ${describeField(pointer)} is not ${setting ? 'a camelCase setting name' : 'a language tag'}`,
      };
    }
    default:
      return undefined;
  }
}
