import type {LeadFacts, UserRecord} from './lead-facts.js';
import type {AssignTarget} from './ruleset.js';

/** How the evaluator looks users up: a map by id, or a function. */
export type UserLookup = ReadonlyMap<string, UserRecord> | ((id: string) => UserRecord | undefined);

/** A lookup function for either form. */
export function userLookup(users: UserLookup): (id: string) => UserRecord | undefined {
  if (typeof users === 'function') return users;
  return (id) => users.get(id);
}

/** A target's resolution: the active user it names, or why there is none. */
export type TargetResolution = {ownerId: string} | {ownerId: null; reason: string};

function activeUser(
  find: (id: string) => UserRecord | undefined,
  id: string | null | undefined,
  role: string,
): TargetResolution {
  if (id === null || id === undefined || id === '') return {ownerId: null, reason: `no ${role}`};
  const user = find(id);
  if (!user) return {ownerId: null, reason: `${role} "${id}" is not a known user`};
  if (!user.active) return {ownerId: null, reason: `${role} "${id}" is inactive`};
  return {ownerId: user.id};
}

function managerOf(
  find: (id: string) => UserRecord | undefined,
  id: string | null | undefined,
  role: string,
): TargetResolution {
  if (id === null || id === undefined || id === '') return {ownerId: null, reason: `no ${role}`};
  const user = find(id);
  if (!user) return {ownerId: null, reason: `${role} "${id}" is not a known user`};
  return activeUser(find, user.managerId, `the manager of ${role} "${id}"`);
}

/**
 * Resolves a rule's target to an active user (users only: never a queue, territory or book). A missing
 * or inactive user or manager resolves to nothing, so the rule does not apply and evaluation continues.
 */
export function resolveTarget(
  target: AssignTarget,
  lead: LeadFacts,
  find: (id: string) => UserRecord | undefined,
): TargetResolution {
  switch (target.to) {
    case 'originalOwner':
      return activeUser(find, lead.originalOwnerId, 'original owner');
    case 'originalOwnerManager':
      return managerOf(find, lead.originalOwnerId, 'original owner');
    case 'ownerManager':
      return managerOf(find, lead.ownerId, 'owner');
    case 'user':
      return activeUser(find, target.userId, 'user');
    default:
      return {ownerId: null, reason: `unknown target "${(target as {to: unknown}).to}"`};
  }
}
