import type {LeadFacts, UserRecord} from './lead-facts.js';
import type {AssignTarget} from './ruleset.js';

/** How the evaluator looks users up: a map by id, or a function. */
export type UserLookup = ReadonlyMap<string, UserRecord> | ((id: string) => UserRecord | undefined);

/** A lookup function for either form. */
export function userLookup(users: UserLookup): (id: string) => UserRecord | undefined {
  if (typeof users === 'function') return users;
  return (id) => users.get(id);
}

/** A target's resolution: the active user it names, or why there is none (in English and German). */
export type TargetResolution =
  {ownerId: string} | {ownerId: null; reason: string; reasonDe: string};

/** Who a target names, for the reasons: English and German. */
interface Role {
  en: string;
  de: string;
  /** The German genitive, for "the manager of …". */
  deOf?: string;
}

const none = (role: Role): TargetResolution => ({
  ownerId: null,
  reason: `no ${role.en}`,
  reasonDe: `kein ${role.de}`,
});
const unknown = (role: Role, id: string): TargetResolution => ({
  ownerId: null,
  reason: `${role.en} "${id}" is not a known user`,
  reasonDe: `${role.de} „${id}“ ist kein bekannter Benutzer`,
});

function activeUser(
  find: (id: string) => UserRecord | undefined,
  id: string | null | undefined,
  role: Role,
): TargetResolution {
  if (id === null || id === undefined || id === '') return none(role);
  const user = find(id);
  if (!user) return unknown(role, id);
  if (!user.active)
    return {
      ownerId: null,
      reason: `${role.en} "${id}" is inactive`,
      reasonDe: `${role.de} „${id}“ ist inaktiv`,
    };
  return {ownerId: user.id};
}

function managerOf(
  find: (id: string) => UserRecord | undefined,
  id: string | null | undefined,
  role: Role,
): TargetResolution {
  if (id === null || id === undefined || id === '') return none(role);
  const user = find(id);
  if (!user) return unknown(role, id);
  return activeUser(find, user.managerId, {
    en: `the manager of ${role.en} "${id}"`,
    de: `Manager des ${role.deOf ?? role.de} „${id}“`,
  });
}

const ORIGINAL_OWNER: Role = {
  en: 'original owner',
  de: 'ursprünglicher Besitzer',
  deOf: 'ursprünglichen Besitzers',
};
const OWNER: Role = {en: 'owner', de: 'Besitzer', deOf: 'Besitzers'};
const USER: Role = {en: 'user', de: 'Benutzer'};

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
      return activeUser(find, lead.originalOwnerId, ORIGINAL_OWNER);
    case 'originalOwnerManager':
      return managerOf(find, lead.originalOwnerId, ORIGINAL_OWNER);
    case 'ownerManager':
      return managerOf(find, lead.ownerId, OWNER);
    case 'user':
      return activeUser(find, target.userId, USER);
    default: {
      const to = String((target as {to: unknown}).to);
      return {
        ownerId: null,
        reason: `unknown target "${to}"`,
        reasonDe: `unbekanntes Ziel „${to}“`,
      };
    }
  }
}

/** A target compiled for bulk use: the active user's id it resolves to for a lead, or null. */
export type ResolveTarget = (
  lead: LeadFacts,
  find: (id: string) => UserRecord | undefined,
) => string | null;

const activeId = (user: UserRecord | undefined): string | null =>
  user !== undefined && user.active ? user.id : null;

const managerId = (
  find: (id: string) => UserRecord | undefined,
  id: string | null | undefined,
): string | null => {
  if (id === null || id === undefined || id === '') return null;
  const user = find(id);
  if (user === undefined) return null;
  const manager = user.managerId;
  return manager === null || manager === undefined || manager === ''
    ? null
    : activeId(find(manager));
};

/**
 * `resolveTarget` without the reasons, allocation-free: the same owner id (or null) for every lead.
 * Used by the compiled evaluator; `resolveTarget` explains the trace.
 */
export function targetResolver(target: AssignTarget): ResolveTarget {
  switch (target.to) {
    case 'originalOwner':
      return (lead, find) => {
        const id = lead.originalOwnerId;
        return id === null || id === undefined || id === '' ? null : activeId(find(id));
      };
    case 'originalOwnerManager':
      return (lead, find) => managerId(find, lead.originalOwnerId);
    case 'ownerManager':
      return (lead, find) => managerId(find, lead.ownerId);
    case 'user': {
      const id = target.userId;
      return (_lead, find) =>
        id === null || id === undefined || id === '' ? null : activeId(find(id));
    }
    default:
      return () => null;
  }
}
