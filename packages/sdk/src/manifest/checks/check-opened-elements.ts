import {isObject} from '../../internal/is-object.js';
import type {ManifestDraft} from '../manifest-issue.js';
import type {ManifestCheck} from './manifest-check.js';

/**
 * `element-never-opened` (warning): an element at `lead.detail.actions` is mounted only when an action
 * opens it, so one that no action opens never shows.
 */
export const checkOpenedElements: ManifestCheck = ({elements, actions}) => {
  const findings: ManifestDraft[] = [];
  if (!Array.isArray(elements)) return findings;
  const opened = new Set(
    (Array.isArray(actions) ? actions : [])
      .map((action: unknown) => (isObject(action) ? action['opens'] : undefined))
      .filter((opens): opens is string => typeof opens === 'string'),
  );
  elements.forEach((element, i) => {
    if (!isObject(element) || element['extensionPoint'] !== 'lead.detail.actions') return;
    const tag = element['tag'];
    if (typeof tag === 'string' && !opened.has(tag)) {
      findings.push({
        code: 'element-never-opened',
        severity: 'warning',
        pointer: `/elements/${i}`,
        hint: `add an action with "opens": ${JSON.stringify(tag)}, or move the element to "lead.detail.panel"`,
        message: `element ${JSON.stringify(tag)} is at lead.detail.actions, but no action opens it`,
      });
    }
  });
  return findings;
};
