import {lintDraft, type LintDraft} from '../lint-finding.js';
import type {FindUser} from './find-user.js';

/** `unresolvable-target` for a user who is unknown (error) or inactive (warning). */
function checkUser(id: string, pointer: string, rule: string, users?: FindUser): LintDraft[] {
  if (!users) return [];
  const user = users(id);
  if (!user) return [lintDraft('unresolvable-target.unknown', {rule, id}, pointer)];
  if (!user.active) return [lintDraft('unresolvable-target.inactive', {rule, id}, pointer)];
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
    if (typeof params.userId !== 'string' || params.userId === '')
      return [lintDraft('unresolvable-target.no-user-id', {rule}, at)];
    return checkUser(params.userId, `${at}/userId`, rule, users);
  }
  if (params.userId !== undefined && typeof params.to === 'string') {
    return [lintDraft('ignored-user-id', {rule, to: params.to}, `${at}/userId`, {key: true})];
  }
  return [];
}
