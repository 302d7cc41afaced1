import type {PreviewChange, PreviewCounts, PreviewOwner} from './admin-api-types.js';

/** The changed leads that move between the same two owners: "12 leads would go to B instead of A". */
export interface ChangeGroup {
  from: PreviewOwner;
  to: PreviewOwner;
  count: number;
  leads: PreviewChange[];
}

/** Owner identity for grouping: the user, or the unassigned owner when no rule matched. */
const ownerKey = (o: PreviewOwner) => o.ownerId ?? '';

/**
 * Groups changed leads by (from owner → to owner): the moves first, biggest first (then by the names,
 * so the order does not depend on the host's), then the leads that keep their owner by another rule.
 * The rule is not part of the key: an admin asks where the leads go.
 */
export function groupChanges(changes: readonly PreviewChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const key = JSON.stringify([ownerKey(change.from), ownerKey(change.to)]);
    let group = groups.get(key);
    if (!group) {
      group = {from: change.from, to: change.to, count: 0, leads: []};
      groups.set(key, group);
    }
    group.count++;
    group.leads.push(change);
  }
  const name = (o: PreviewOwner) => o.ownerName ?? o.ownerId ?? '';
  const stays = (g: ChangeGroup) => (ownerKey(g.from) === ownerKey(g.to) ? 1 : 0);
  return [...groups.values()].sort(
    (x, y) =>
      stays(x) - stays(y) ||
      y.count - x.count ||
      name(x.to).localeCompare(name(y.to)) ||
      name(x.from).localeCompare(name(y.from)),
  );
}

/** One row of the side-by-side counts: a rule (or the unassigned owner) under both rulesets. */
export interface CountRow {
  name: string;
  /** Undefined when that ruleset has no rule of this name. */
  active: number | undefined;
  candidate: number | undefined;
  /** The unassigned owner's row (always last). */
  fallback: boolean;
}

/**
 * The rows of both rulesets' counts by rule name: the candidate's rules in its order (what is about
 * to be activated), then the active rules the candidate drops, then the unassigned owner.
 */
export function countRows(active: PreviewCounts | undefined, candidate: PreviewCounts): CountRow[] {
  const activeByName = new Map((active?.rules ?? []).map((r) => [r.name, r.matched]));
  const candidateNames = new Set(candidate.rules.map((r) => r.name));
  return [
    ...candidate.rules.map((r) => ({
      name: r.name,
      active: activeByName.get(r.name),
      candidate: r.matched,
      fallback: false,
    })),
    ...(active?.rules ?? [])
      .filter((r) => !candidateNames.has(r.name))
      .map((r) => ({name: r.name, active: r.matched, candidate: undefined, fallback: false})),
    {
      name: '',
      active: active?.unassignedOwner,
      candidate: candidate.unassignedOwner,
      fallback: true,
    },
  ];
}
