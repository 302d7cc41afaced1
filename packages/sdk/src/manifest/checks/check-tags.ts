import {isObject} from '../../internal/is-object.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {RESERVED_TAGS} from '../schema/plugin-manifest-schema.js';
import type {ManifestCheck} from './manifest-check.js';

/** `duplicate-tag` and `reserved-tag`: each element's tag once, and none of the host's own. */
export const checkTags: ManifestCheck = ({elements}) => {
  const findings: ManifestDraft[] = [];
  if (!Array.isArray(elements)) return findings;
  const tags = new Set<string>();
  elements.forEach((element, i) => {
    if (!isObject(element) || typeof element['tag'] !== 'string') return;
    const tag = element['tag'];
    const pointer = `/elements/${i}/tag`;
    if (tags.has(tag)) {
      findings.push({
        code: 'duplicate-tag',
        pointer,
        hint: 'declare each element once, or give this one its own tag',
        message: `element ${JSON.stringify(tag)} is declared twice`,
      });
    } else if ((RESERVED_TAGS as readonly string[]).includes(tag)) {
      findings.push({
        code: 'reserved-tag',
        pointer,
        hint: 'choose a tag that names your plugin, e.g. "crm-my-plugin-panel"',
        message: `${JSON.stringify(tag)} is one of the host's own elements`,
      });
    }
    tags.add(tag);
  });
  return findings;
};
