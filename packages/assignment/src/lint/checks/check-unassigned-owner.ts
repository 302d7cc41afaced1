import {lintDraft, type LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/**
 * `unknown-unassigned-owner` and `inactive-unassigned-owner` (warning): the user who receives every
 * lead no rule assigns must exist and should be active. Checked when the users are known.
 */
export function checkUnassignedOwner(id: unknown, users?: FindUser): LintDraft[] {
  if (typeof id !== 'string' || !users) return [];
  const user = users(id);
  if (!user) return [lintDraft('unknown-unassigned-owner', {id}, '/unassignedOwner')];
  if (!user.active) return [lintDraft('inactive-unassigned-owner', {id}, '/unassignedOwner')];
  return [];
}
