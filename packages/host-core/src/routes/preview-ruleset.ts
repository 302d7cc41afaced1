import {assignOwner, createAssigner, toLeadFacts} from '@crmkit/assignment';
import type {CompiledRuleset} from '@crmkit/assignment';
import type {AssignmentOutcome, Lead, OwnershipMode} from '@crmkit/sdk';
import type {HostStore, LeadRow} from '../store/host-store.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {rejectedRow} from '../store/lead-row.js';

/** An owner a decision names: who, and by which rule (null: the unassigned owner). */
export interface PreviewOwner {
  ownerId: string;
  ownerName: string | null;
  rule: string | null;
}

/** A lead the candidate would give another owner than the active ruleset. */
export interface PreviewChange {
  leadId: string;
  company: string;
  name: string;
  from: PreviewOwner;
  to: PreviewOwner;
}

export interface RuleCounts {
  rules: Array<{name: string; matched: number}>;
  unassignedOwner: number;
}

export interface RulesetPreview {
  rejectCode: string;
  active: RuleCounts & {version: number | null};
  candidate: RuleCounts;
  leads: {evaluated: number; changed: PreviewChange[]};
  replayed: {evaluated: number; changed: PreviewChange[]};
}

type Decide = (lead: Lead) => AssignmentOutcome | Promise<AssignmentOutcome>;

/** The compiled path when the rules allow it (plain functions), else json-rules-engine. */
function decider(compiled: CompiledRuleset, store: HostStore, mode: OwnershipMode): Decide {
  const users = store.users;
  if (compiled.synchronous) {
    const assign = createAssigner({compiled, users, ownershipMode: mode});
    return (lead) => assign(toLeadFacts(lead));
  }
  return (lead) => assignOwner(toLeadFacts(lead), {compiled, users, ownershipMode: mode});
}

const counter = (compiled: CompiledRuleset | undefined) => ({
  byRule: new Map<string, number>((compiled?.ruleset.rules ?? []).map((r) => [r.name, 0])),
  unassignedOwner: 0,
});

/**
 * What a candidate ruleset would do differently from the active one, decided the way a reject
 * decides: every lead not rejected yet, as if rejected now with `rejectCode`, and the last `replay`
 * recorded rejections again, each with its own code and reason and the owner it had before. Both
 * rulesets see the same rejected leads, so code-based rules show real shares.
 */
export async function previewRuleset(
  store: HostStore,
  active: {version: number; compiled: CompiledRuleset} | undefined,
  candidate: CompiledRuleset,
  options: {rejectCode: string; replay: number},
): Promise<RulesetPreview> {
  // Book mode never reassigns; what the rules would do is still worth seeing, as in Mixed.
  const mode: OwnershipMode = store.ownershipMode === 'book' ? 'mixed' : store.ownershipMode;
  const decideActive = active && decider(active.compiled, store, mode);
  const decideCandidate = decider(candidate, store, mode);
  const activeCounts = counter(active?.compiled);
  const candidateCounts = counter(candidate);
  const count = (into: ReturnType<typeof counter>, outcome: AssignmentOutcome) => {
    if (outcome.rule === null) into.unassignedOwner++;
    else into.byRule.set(outcome.rule, (into.byRule.get(outcome.rule) ?? 0) + 1);
  };
  const owner = (outcome: AssignmentOutcome): PreviewOwner => ({
    ownerId: outcome.ownerId,
    ownerName: store.user(outcome.ownerId)?.name ?? null,
    rule: outcome.rule,
  });
  const at = (store.now?.() ?? new Date()).toISOString();

  const evaluate = async (rows: LeadRow[]) => {
    const changed: PreviewChange[] = [];
    for (const row of rows) {
      const lead = store.toLead(row);
      const to = await decideCandidate(lead);
      count(candidateCounts, to);
      if (!decideActive) continue;
      const from = await decideActive(lead);
      count(activeCounts, from);
      // Another owner, not only another rule to the same owner: what a rule author must review.
      if (from.ownerId !== to.ownerId) {
        changed.push({
          leadId: lead.id,
          company: lead.company,
          name: `${lead.firstName} ${lead.lastName}`,
          from: owner(from),
          to: owner(to),
        });
      }
    }
    return {evaluated: rows.length, changed};
  };

  // One read of every lead: the pending ones are evaluated, and the replay finds its leads here
  // (one query, not one per recorded rejection, which is what an asynchronous store would pay for).
  const all = await store.leadRows();
  const byId = new Map(all.map((row) => [row.id, row]));
  const pending = all
    .filter((row) => row.status !== 'Rejected')
    .map((row) => rejectedRow(row, {code: options.rejectCode, reason: null, by: 'preview', at}));
  const leads = await evaluate(pending);

  const recorded = options.replay
    ? await store.auditEntries(options.replay, {action: AUDIT_ACTIONS.leadRejected})
    : [];
  const replayRows = recorded.flatMap((entry) => {
    const row = entry.leadId ? byId.get(entry.leadId) : undefined;
    const data = entry.detail as {code?: string; reason?: string; previousOwnerId?: string | null};
    if (!row || typeof data?.code !== 'string') return [];
    return [
      {
        ...rejectedRow(
          {...row, owner_id: data.previousOwnerId ?? row.owner_id},
          {code: data.code, reason: data.reason ?? null, by: entry.userId, at: entry.at},
        ),
        version: row.version,
      },
    ];
  });
  const replayed = await evaluate(replayRows);

  const asCounts = (c: ReturnType<typeof counter>): RuleCounts => ({
    rules: [...c.byRule].map(([name, matched]) => ({name, matched})),
    unassignedOwner: c.unassignedOwner,
  });
  return {
    rejectCode: options.rejectCode,
    active: {version: active?.version ?? null, ...asCounts(activeCounts)},
    candidate: asCounts(candidateCounts),
    leads,
    replayed,
  };
}
