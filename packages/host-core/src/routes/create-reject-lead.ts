import type {AssignmentOutcome, Lead, OwnershipMode} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {rejectedRow} from '../store/lead-row.js';
import {StaleAssignmentError, createRejectLeadTransaction} from './reject-lead-transaction.js';
import type {
  Reassign,
  RejectFaults,
  RejectOutcome,
  RejectRequest,
} from './reject-lead-transaction.js';

/** What the reject needs of the active ruleset. */
export interface Reassigner {
  /** Whether `reassign` can decide synchronously (the ruleset compiled to plain functions). */
  readonly synchronous: boolean;
  readonly reassign: Reassign;
  /** The same decision, asynchronously (json-rules-engine), for any ruleset. */
  decide(rejectedLead: Lead, ownershipMode: OwnershipMode): Promise<AssignmentOutcome>;
  /** Makes the ruleset current after the store's refresh (another process may have activated one). */
  current(): Promise<void>;
}

/** How often a reject decides again when the lead changed under an asynchronous decision. */
const MAX_ATTEMPTS = 5;

/**
 * The reject of a lead. Normally one transaction that also runs the compiled rules (synchronously). For a
 * ruleset only json-rules-engine can run (asynchronous), the reassignment is decided first, for the
 * lead as it will be after the rejection, and handed to the transaction together with the lead
 * version it was decided for; if another request changed the lead meanwhile, nothing is written and
 * the decision is made again (at most 5 times). So is a reject whose transaction finds that such a
 * ruleset became active meanwhile (on another node). Either way the commit is all or nothing.
 */
export function createRejectLead(
  store: HostStore,
  rules: Reassigner,
  faults: RejectFaults = {},
): (request: RejectRequest) => Promise<RejectOutcome> {
  const transaction = createRejectLeadTransaction(store, rules.reassign, faults, async () => {
    await rules.current();
    return rules.synchronous;
  });
  return async (request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!request.input.reassignOwner || rules.synchronous) return await transaction(request);
        // Decided before the transaction: from the data and the ruleset as they are now (the
        // request's route may not have refreshed them; see Route.checksCallerAgain).
        await store.refresh?.();
        await rules.current();
        const row = await store.leadRow(request.leadId);
        const code = store.rejectCode(request.input.rejectCode);
        // Anything the transaction refuses anyway needs no decision: let it answer.
        if (!row || row.status !== 'Qualified' || !code) return await transaction(request);
        const predicted = rejectedRow(row, {
          code: code.key,
          reason: request.input.rejectReason?.trim() || null,
          by: request.user.id,
          at: new Date().toISOString(),
        });
        let decided: {assignment: AssignmentOutcome} | {failure: string};
        try {
          decided = {assignment: await rules.decide(store.toLead(predicted), store.ownershipMode)};
        } catch (error) {
          // Book mode and rule failures: the transaction reports them with their own codes, after
          // its own checks (a replay of the key, a lead that changed).
          decided = {failure: error instanceof Error ? error.message : String(error)};
        }
        return await transaction({...request, precomputed: {version: row.version, ...decided}});
      } catch (error) {
        // The lead changed under the decision, or the transaction found a ruleset that needs one.
        if (!(error instanceof StaleAssignmentError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  };
}
