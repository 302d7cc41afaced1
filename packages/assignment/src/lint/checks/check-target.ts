import type {LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/** `unresolvable-target` for a user who is unknown (error) or inactive (warning). */
function checkUser(id: string, pointer: string, what: string, users?: FindUser): LintDraft[] {
  if (!users) return [];
  const user = users(id);
  if (!user) {
    return [
      {
        code: 'unresolvable-target',
        message: `${what} "${id}", who is not a known user.`,
        hint: 'Use the id of a user in the users file (leads go to users only, never a queue, territory or book).',
        pointer,
      },
    ];
  }
  if (!user.active) {
    return [
      {
        severity: 'warning',
        code: 'unresolvable-target',
        message: `${what} "${id}", who is inactive: the rule never applies.`,
        hint: 'Assign to an active user, or remove the rule.',
        pointer,
      },
    ];
  }
  return [];
}

/**
 * A rule's target (its event params): `unresolvable-target` for `"to": "user"` without a userId or
 * with one that is not an active user (checked when the users are known), `ignored-user-id`
 * (warning) for a userId on a target that does not read it.
 */
export function checkTarget(
  params: Record<string, unknown>,
  i: number,
  rule: string,
  users?: FindUser,
): LintDraft[] {
  const at = `/rules/${i}/event/params`;
  if (params.to === 'user') {
    if (typeof params.userId !== 'string' || params.userId === '') {
      return [
        {
          code: 'unresolvable-target',
          message: `Rule "${rule}" assigns to a user but names none.`,
          hint: 'Add "userId": "<user id>" to the event params, or pick another target.',
          pointer: at,
        },
      ];
    }
    return checkUser(params.userId, `${at}/userId`, `Rule "${rule}" assigns to`, users);
  }
  if (params.userId !== undefined && typeof params.to === 'string') {
    return [
      {
        severity: 'warning',
        code: 'ignored-user-id',
        message: `Rule "${rule}" has a userId, but its target is "${params.to}", which ignores it.`,
        hint: 'Remove "userId", or set "to": "user".',
        pointer: `${at}/userId`,
        key: true,
      },
    ];
  }
  return [];
}
