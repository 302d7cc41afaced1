import type {LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/**
 * `unknown-unassigned-owner` and `inactive-unassigned-owner` (warning): the user who receives every
 * lead no rule assigns must exist and should be active. Checked when the users are known.
 */
export function checkUnassignedOwner(id: unknown, users?: FindUser): LintDraft[] {
  if (typeof id !== 'string' || !users) return [];
  const user = users(id);
  if (!user) {
    return [
      {
        code: 'unknown-unassigned-owner',
        message: `The unassigned owner "${id}" is not a known user.`,
        hint: 'Set "unassignedOwner" to the id of an active user: it receives every lead no rule assigns.',
        pointer: '/unassignedOwner',
      },
    ];
  }
  if (!user.active) {
    return [
      {
        severity: 'warning',
        code: 'inactive-unassigned-owner',
        message: `The unassigned owner "${id}" is inactive but would still receive every lead no rule assigns.`,
        hint: 'Set "unassignedOwner" to an active user.',
        pointer: '/unassignedOwner',
      },
    ];
  }
  return [];
}
