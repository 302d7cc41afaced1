import {formatPointer} from '@crmkit/json-kit';
import {isObject} from '../../internal/is-object.js';
import {describeField} from '../describe-field.js';
import type {ManifestDraft} from '../manifest-issue.js';
import type {ManifestCheck} from './manifest-check.js';

/** Every localized text of a manifest, by pointer: display name, description, action labels, setting labels. */
function localizedTexts(manifest: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  const {actions, config} = manifest;
  return [
    ['/displayName', manifest['displayName']],
    ['/description', manifest['description']],
    ...(Array.isArray(actions)
      ? actions.map((a, i): [string, unknown] => [
          `/actions/${i}/label`,
          isObject(a) ? a['label'] : undefined,
        ])
      : []),
    ...(isObject(config) && isObject(config['properties'])
      ? Object.entries(config['properties']).map(([key, setting]): [string, unknown] => [
          `/config/properties${formatPointer([key])}/x-label`,
          isObject(setting) ? setting['x-label'] : undefined,
        ])
      : []),
  ];
}

/** `missing-translation` (warning): an English text without a German one. */
export const checkTranslations: ManifestCheck = (manifest) => {
  const findings: ManifestDraft[] = [];
  for (const [pointer, text] of localizedTexts(manifest)) {
    if (isObject(text) && typeof text['en'] === 'string' && text['en'] && !('de' in text)) {
      findings.push({
        code: 'missing-translation',
        severity: 'warning',
        pointer,
        hint: 'add "de": "…"; crmkit hosts show every text in German and English',
        message: `${describeField(pointer)} has no German text`,
      });
    }
  }
  return findings;
};
