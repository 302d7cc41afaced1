import {describeField} from '../describe-field.js';
import type {ManifestDraft} from '../manifest-issue.js';

/** Why a tag (of an element, or one an action opens) breaks the tag pattern, most specific reason first. */
export function tagFinding(tag: string, pointer: string): ManifestDraft {
  const where = `${describeField(pointer)} ${JSON.stringify(tag)}`;
  const hint = `use "crm-" and lowercase kebab-case words, e.g. "crm-${
    tag
      .toLowerCase()
      .replace(/^crm-/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'my-element'
  }"`;
  if (!tag.includes('-')) {
    return {
      code: 'tag-without-hyphen',
      pointer,
      hint,
      message: `${where} has no hyphen; custom element names need one`,
    };
  }
  if (/[A-Z]/.test(tag)) {
    return {
      code: 'invalid-tag',
      pointer,
      hint,
      message: `${where} has uppercase letters; custom element names are lowercase`,
    };
  }
  if (!tag.startsWith('crm-')) {
    return {
      code: 'tag-prefix',
      pointer,
      hint,
      message: `${where} does not start with "crm-", the prefix of plugin elements`,
    };
  }
  return {
    code: 'invalid-tag',
    pointer,
    hint,
    message: `${where} may only hold lowercase letters, digits and single hyphens between words`,
  };
}
