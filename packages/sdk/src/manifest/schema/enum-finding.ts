import {describeField} from '../describe-field.js';
import {didYouMeanHint} from '../did-you-mean-hint.js';
import {fieldShape} from '../field-shape.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {typeName} from '../type-name.js';
import type {SchemaError} from './schema-error.js';

/**
 * An `enum` or `const` error: an unknown extension point, privilege or Lead Status get their own codes
 * (with a did-you-mean), a config schema's fixed values `invalid-config-schema`, the rest `invalid-value`.
 */
export function enumFinding(error: SchemaError, data: unknown): ManifestDraft {
  const pointer = error.instancePath;
  const shape = fieldShape(pointer);
  const params = error.params;
  if (error.keyword === 'const') {
    return {
      code: 'invalid-config-schema',
      pointer,
      hint:
        shape === '/config/type'
          ? 'set "type": "object"; the settings go in "properties"'
          : `set ${describeField(pointer)} to ${JSON.stringify(params['allowedValue'])} or leave it out`,
      message: `${describeField(pointer)} must be ${JSON.stringify(params['allowedValue'])}`,
    };
  }
  const allowed = ((params['allowedValues'] as unknown[] | undefined) ?? []).map(String);
  const value = typeName(data).replace(/^the string /, '');
  if (shape === '/actions/*/when/status/*') {
    return {
      code: 'unknown-lead-status',
      pointer,
      hint: didYouMeanHint(data, allowed, `use one of: ${allowed.join(', ')}`),
      message: `${value} is not a Lead Status (${describeField(pointer)})`,
    };
  }
  if (
    shape.endsWith('/extensionPoint') ||
    shape.endsWith('/requires/*') ||
    shape === '/permissions/*'
  ) {
    const isPoint = shape.endsWith('/extensionPoint');
    return {
      code: isPoint ? 'unknown-extension-point' : 'unknown-privilege',
      pointer,
      hint: didYouMeanHint(data, allowed, `use one of: ${allowed.join(', ')}`),
      message: `${value} is not ${isPoint ? 'an extension point' : 'a crmkit privilege'} (${describeField(pointer)})`,
    };
  }
  return {
    code: shape.startsWith('/config/') ? 'invalid-config-schema' : 'invalid-value',
    pointer,
    hint: didYouMeanHint(data, allowed, `use one of: ${allowed.join(', ')}`),
    message: `${describeField(pointer)} is ${value}, not one of ${allowed.join(', ')}`,
  };
}
