import {describeField} from '../describe-field.js';
import {FIELD_HINTS, hintFor} from '../field-hints.js';
import {fieldShape} from '../field-shape.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {article, typeName} from '../type-name.js';
import {enumFinding} from './enum-finding.js';
import {fieldNameFinding} from './field-name-finding.js';
import {patternFinding} from './pattern-finding.js';
import type {SchemaError} from './schema-error.js';
import {valueAt} from './schema-lookup.js';

/**
 * One ajv error of the manifest schema as a finding with a specific code, a message in plain words
 * (never ajv's own text) and a hint; undefined for an error another one reports better.
 */
export function schemaFinding(error: SchemaError, root: unknown): ManifestDraft | undefined {
  const pointer = error.instancePath;
  const data = valueAt(root, pointer);
  const shape = fieldShape(pointer);
  const params = error.params;
  switch (error.keyword) {
    case 'required':
    case 'additionalProperties':
    case 'propertyNames':
      return fieldNameFinding(error);
    case 'enum':
    case 'const':
      return enumFinding(error, data);
    case 'type':
      return {
        code: 'invalid-type',
        pointer,
        hint: hintFor(pointer),
        message: `${describeField(pointer)} must be ${article(String(params['type']))}, not ${typeName(data)}`,
      };
    case 'pattern':
      if (error.propertyName !== undefined) return undefined; // reported by its `propertyNames` error
      return patternFinding(pointer, data);
    case 'minLength':
      return {
        code: 'empty-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describeField(pointer)} is empty`,
      };
    case 'minItems':
    case 'minimum': {
      const limit = Number(params['limit']);
      const items = error.keyword === 'minItems';
      // An empty status list would hide the action on every lead: name the two ways out.
      const itemsHint =
        shape === '/actions/*/when/status'
          ? (FIELD_HINTS[shape] as string)
          : 'list at least one value, or leave the field out';
      return {
        code: shape.startsWith('/config/') ? 'invalid-config-schema' : 'invalid-value',
        pointer,
        hint: items ? itemsHint : `use ${limit} or more`,
        message: items
          ? `${describeField(pointer)} must have at least ${limit} item${limit === 1 ? '' : 's'}`
          : `${describeField(pointer)} must be at least ${limit}`,
      };
    }
    case 'maxLength':
      return {
        code: 'too-long',
        pointer,
        hint: `shorten it to at most ${String(params['limit'])} characters`,
        message: `${describeField(pointer)} is longer than ${String(params['limit'])} characters`,
      };
    case 'uniqueItems': {
      // The later of the two equal items is the duplicate (ajv's order of i and j varies).
      const later = Math.max(Number(params['i']), Number(params['j']));
      const list = shape === '/permissions' ? 'permissions' : describeField(pointer);
      if (shape === '/actions/*/when/status') {
        return {
          code: 'duplicate-lead-status',
          pointer: `${pointer}/${later}`,
          hint: 'list each status once',
          message: `${typeName((data as unknown[])[later]).replace(/^the string /, '')} appears twice in ${list}`,
        };
      }
      return {
        code: shape === '/permissions' ? 'duplicate-permission' : 'duplicate-privilege',
        pointer: `${pointer}/${later}`,
        hint: 'list each privilege once',
        message: `${typeName((data as unknown[])[later]).replace(/^the string /, '')} appears twice in ${list}`,
      };
    }
    default:
      return {
        code: 'invalid-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describeField(pointer)} ${error.message ?? 'is not valid'}`,
      };
  }
}
