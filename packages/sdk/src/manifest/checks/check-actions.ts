import {isPrivilege} from '../../contract/privileges.js';
import {isObject} from '../../internal/is-object.js';
import {didYouMeanHint} from '../did-you-mean-hint.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {declaredTags} from './declared-tags.js';
import type {ManifestCheck} from './manifest-check.js';

/** A tag that fits the tag pattern: a badly formed one is the schema's finding, not "undeclared". */
const WELL_FORMED_TAG = /^crm-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `duplicate-action-id`, `opens-undeclared-tag` and `requires-undeclared-permission`: each action's
 * id once, opening one of the plugin's own elements, requiring only declared permissions.
 */
export const checkActions: ManifestCheck = ({actions, elements, permissions}) => {
  const findings: ManifestDraft[] = [];
  if (!Array.isArray(actions)) return findings;
  const tags = declaredTags(elements);
  const declared = new Set(Array.isArray(permissions) ? permissions : []);
  const ids = new Set<string>();
  actions.forEach((action, i) => {
    if (!isObject(action)) return;
    const {id, opens, requires} = action;
    if (typeof id === 'string') {
      if (ids.has(id)) {
        findings.push({
          code: 'duplicate-action-id',
          pointer: `/actions/${i}/id`,
          hint: 'give every action its own id',
          message: `action id ${JSON.stringify(id)} is used twice`,
        });
      }
      ids.add(id);
    }
    if (typeof opens === 'string' && !tags.includes(opens) && WELL_FORMED_TAG.test(opens)) {
      findings.push({
        code: 'opens-undeclared-tag',
        pointer: `/actions/${i}/opens`,
        hint: didYouMeanHint(
          opens,
          tags,
          `add {"tag": ${JSON.stringify(opens)}, "extensionPoint": "lead.detail.actions"} to elements`,
        ),
        message: `action ${JSON.stringify(id)} opens ${JSON.stringify(opens)}, which is not one of the plugin's elements`,
      });
    }
    if (Array.isArray(requires)) {
      requires.forEach((privilege, j) => {
        if (isPrivilege(privilege) && !declared.has(privilege)) {
          findings.push({
            code: 'requires-undeclared-permission',
            pointer: `/actions/${i}/requires/${j}`,
            hint: `add "${privilege}" to permissions, or drop it from requires`,
            message: `action ${JSON.stringify(id)} requires "${privilege}", which the manifest's permissions do not declare`,
          });
        }
      });
    }
  });
  return findings;
};
