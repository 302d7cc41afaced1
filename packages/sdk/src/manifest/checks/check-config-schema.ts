import {formatPointer} from '@crmkit/json-kit';
import {settingViolation, type SettingViolation} from '../../config/setting-violation.js';
import {isObject} from '../../internal/is-object.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {article, typeName} from '../type-name.js';
import type {ManifestCheck} from './manifest-check.js';

/** A violation in the words of a manifest issue: `is the string "x", not a boolean`. */
function problem(violation: SettingViolation, value: unknown): string {
  switch (violation.keyword) {
    case 'type':
      return `is ${typeName(value)}, not ${article(violation.type)}`;
    case 'enum':
      return `is ${JSON.stringify(value)}, not one of its enum values ${violation.allowed.map((a) => JSON.stringify(a)).join(', ')}`;
    case 'minimum':
      return `is ${String(value)}, below its minimum ${violation.limit}`;
    case 'maximum':
      return `is ${String(value)}, above its maximum ${violation.limit}`;
    case 'minLength':
      return `is shorter than its minLength ${violation.limit}`;
    case 'maxLength':
      return `is longer than its maxLength ${violation.limit}`;
  }
}

/**
 * `invalid-config-schema` for enum values of the wrong type and `config-default-invalid` for a default
 * that breaks its own setting's type, enum or bounds: the schema cannot relate a value to its siblings.
 */
export const checkConfigSchema: ManifestCheck = ({config}) => {
  const findings: ManifestDraft[] = [];
  if (!isObject(config) || !isObject(config['properties'])) return findings;
  for (const [key, setting] of Object.entries(config['properties'])) {
    if (!isObject(setting)) continue;
    const at = `/config/properties${formatPointer([key])}`;
    if (Array.isArray(setting['enum'])) {
      setting['enum'].forEach((value: unknown, i) => {
        const violation = settingViolation({type: setting['type']}, value);
        if (violation) {
          findings.push({
            code: 'invalid-config-schema',
            pointer: `${at}/enum/${i}`,
            hint: `give enum values of type ${String(setting['type'])}`,
            message: `enum value ${i} of setting "${key}" ${problem(violation, value)}`,
          });
        }
      });
    }
    if (!('default' in setting)) continue;
    const violation = settingViolation(setting, setting['default']);
    if (violation) {
      findings.push({
        code: 'config-default-invalid',
        pointer: `${at}/default`,
        hint: "make the default fit the setting's own type, enum and bounds",
        message: `the default of setting "${key}" ${problem(violation, setting['default'])}`,
      });
    }
  }
  return findings;
};
