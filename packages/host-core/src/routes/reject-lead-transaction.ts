import {MAX_REJECT_REASON_LENGTH, OTHER_REJECT_CODE} from '@crmkit/sdk';
import {rejectedRow} from '../store/lead-row.js';
import type {
  AssignmentOutcome,
  Lead,
  OwnershipMode,
  RejectLeadInput,
  RejectLeadResult,
} from '@crmkit/sdk';
import type {Awaitable, HostStore, UserRecord} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {hostText} from '../texts/host-texts.js';

/**
 * Decides the new owner of a lead as it is after its rejection (status Rejected, with its rejection),
 * synchronously: it runs inside the store's transaction.
 */
export type Reassign = (rejectedLead: Lead, ownershipMode: OwnershipMode) => AssignmentOutcome;

/** Test seams inside the reject transaction, to prove that a failure midway rolls everything back. */
export interface RejectFaults {
  /** Called after the lead row (with its new owner) was written, before the audit row. */
  afterLeadUpdate?: () => void;
  /** Called inside the reassignment (before any write), as if the Assignment Manager failed. */
  duringReassign?: () => void;
}

export interface RejectRequest {
  leadId: string;
  user: UserRecord;
  input: RejectLeadInput;
  ifMatch?: number;
  idempotencyKey?: string;
  /** The plugin whose credential made the request (audited with the rejection). */
  pluginId?: string;
  /**
   * The reassignment decided before the transaction (for a ruleset that only json-rules-engine can
   * run, which is asynchronous), valid for the lead at `version`; if the lead changed meanwhile the
   * transaction throws `StaleAssignmentError` and changes nothing, and the caller decides again.
   */
  precomputed?: {version: number; assignment: AssignmentOutcome};
}

/**
 * How long an Idempotency-Key replays its first answer: a day, long enough for any retry of a user's
 * click; after that the same key is a new request. Hosts keep the keys in their store, not in memory.
 */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The lead changed between an asynchronous reassignment decision and the transaction. */
export class StaleAssignmentError extends Error {}

/** The body of a successful reject (the contract's RejectResult): the lead and, when reassigned, how. */
export type RejectResponseBody = RejectLeadResult;

export interface RejectOutcome {
  status: number;
  body: RejectResponseBody;
  /** `body` as JSON text (as stored for Idempotency-Key replays). */
  text: string;
  /** True when this is the stored answer of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * The reject of one lead as ONE store transaction: checks (lead exists, Qualified,
 * If-Match version, reject code known and active, reason rules, no reassignment in Book mode), the
 * update (status Rejected, code, reason, who, when, version + 1), the reassignment through the active
 * ruleset with the lead as it is after the rejection, an audit row and the Idempotency-Key record. A
 * refusal or a failure anywhere leaves the database as it was.
 */
export function createRejectLeadTransaction(
  store: HostStore,
  reassign: Reassign,
  faults: RejectFaults = {},
  /** Makes the ruleset current inside the transaction, before `reassign` decides with it. */
  currentRules: () => Awaitable<void> = () => {},
): (request: RejectRequest) => Promise<RejectOutcome> {
  const decideAndWrite = async (request: RejectRequest): Promise<RejectOutcome> => {
    const {leadId, input, ifMatch, idempotencyKey, precomputed, pluginId} = request;
    // The user as the transaction sees them (its refresh reloaded what another process changed since
    // the request was authorized): deactivated or without Reject Leads meanwhile, it is refused.
    const user = store.user(request.user.id);
    if (!user?.active) {
      throw new HostProblem('unauthorized', hostText('request.token-unknown'), {
        headers: {'www-authenticate': 'Bearer'},
      });
    }
    if (!user.privileges.has('leads.reject')) {
      throw new HostProblem(
        'missing-privilege',
        hostText('request.missing-privilege', {
          userName: user.name,
          role: user.roleName,
          privilege: 'leads.reject',
          method: 'POST',
          path: '/api/leads/{id}/reject',
        }),
        {members: {privilege: 'leads.reject'}},
      );
    }
    const reason = input.rejectReason?.trim() || null;
    // What makes two requests "the same" for an Idempotency-Key: the lead and the body as understood.
    const fingerprint = JSON.stringify([leadId, input.rejectCode, reason, input.reassignOwner]);
    if (idempotencyKey !== undefined) {
      const now = store.now?.() ?? new Date();
      const since = new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString();
      const earlier = await store.idempotent(user.id, idempotencyKey, since);
      if (earlier) {
        if (earlier.request !== fingerprint) {
          throw new HostProblem(
            'idempotency-key-reused',
            hostText('reject.idempotency-key-reused', {key: idempotencyKey}),
          );
        }
        return {
          status: earlier.status,
          body: JSON.parse(earlier.body) as RejectResponseBody,
          text: earlier.body,
          replayed: true,
        };
      }
    }

    const row = await store.leadRow(leadId);
    if (!row) {
      throw new HostProblem('lead-not-found', hostText('leads.not-found', {leadId}));
    }
    if (row.status !== 'Qualified') {
      throw new HostProblem(
        'lead-not-qualified',
        hostText('reject.lead-not-qualified', {leadId, status: row.status}),
        {
          errors: [
            {
              field: '',
              code: 'lead-not-qualified',
              message: hostText('reject.lead-not-qualified.field', {status: row.status}),
            },
          ],
        },
      );
    }
    if (ifMatch !== undefined && ifMatch !== row.version) {
      throw new HostProblem(
        'version-conflict',
        hostText('reject.version-conflict', {
          leadId,
          currentVersion: row.version,
          seenVersion: ifMatch,
        }),
        {
          members: {currentVersion: row.version},
          errors: [
            {
              field: 'If-Match',
              code: 'version-conflict',
              message: hostText('reject.version-conflict.field', {currentVersion: row.version}),
            },
          ],
        },
      );
    }
    const code = store.rejectCode(input.rejectCode);
    if (!code) {
      throw new HostProblem(
        'unknown-reject-code',
        hostText('reject.unknown-reject-code', {rejectCode: input.rejectCode}),
        {
          errors: [
            {
              field: '/rejectCode',
              code: 'unknown-reject-code',
              message: hostText('reject.unknown-reject-code.field'),
            },
          ],
        },
      );
    }
    if (!code.active) {
      throw new HostProblem(
        'inactive-reject-code',
        hostText('reject.inactive-reject-code', {key: code.key, labels: code.labels}),
        {
          errors: [
            {
              field: '/rejectCode',
              code: 'inactive-reject-code',
              message: hostText('reject.inactive-reject-code.field'),
            },
          ],
        },
      );
    }
    if (code.key === OTHER_REJECT_CODE && !reason) {
      throw new HostProblem(
        'reason-required',
        hostText('reject.reason-required', {labels: code.labels}),
        {
          errors: [
            {
              field: '/rejectReason',
              code: 'reason-required',
              message: hostText('reject.reason-required.field'),
            },
          ],
        },
      );
    }
    if (reason && reason.length > MAX_REJECT_REASON_LENGTH) {
      throw new HostProblem(
        'reason-too-long',
        hostText('reject.reason-too-long', {
          length: reason.length,
          max: MAX_REJECT_REASON_LENGTH,
        }),
        {
          errors: [
            {
              field: '/rejectReason',
              code: 'reason-too-long',
              message: hostText('reject.reason-too-long.field', {max: MAX_REJECT_REASON_LENGTH}),
            },
          ],
        },
      );
    }
    const mode = store.ownershipMode;
    if (input.reassignOwner && mode === 'book') {
      throw new HostProblem(
        'reassign-not-allowed-in-book-mode',
        hostText('reject.reassign-in-book-mode'),
        {
          errors: [
            {
              field: '/reassignOwner',
              code: 'reassign-not-allowed-in-book-mode',
              message: hostText('reject.reassign-in-book-mode.field'),
            },
          ],
        },
      );
    }

    if (input.reassignOwner && precomputed && precomputed.version !== row.version) {
      throw new StaleAssignmentError(`lead ${row.id} changed after its reassignment was decided`);
    }
    const rejectedAt = (store.now?.() ?? new Date()).toISOString();
    // The lead as the rejection leaves it: what the rules decide on, and what is written.
    let after = rejectedRow(row, {code: code.key, reason, by: user.id, at: rejectedAt});
    let assignment: AssignmentOutcome | undefined;
    if (input.reassignOwner) {
      if (!precomputed) await currentRules();
      try {
        faults.duringReassign?.();
        assignment = precomputed?.assignment ?? reassign(store.toLead(after), mode);
        if (!store.user(assignment.ownerId)) {
          throw new Error(`the ruleset named the unknown user "${assignment.ownerId}"`);
        }
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new HostProblem(
          'assignment-failed',
          hostText('reject.assignment-failed', {leadId: row.id, why}),
        );
      }
      // Kept with the rejection, so the lead shows how it was reassigned after a reload too.
      after = {
        ...after,
        owner_id: assignment.ownerId,
        reject_assignment: JSON.stringify(assignment),
      };
    }
    // One write of the lead: status, rejection and (when reassigned) the new owner together.
    const changed = await store.rejectLead({
      id: row.id,
      code: code.key,
      reason,
      by: user.id,
      at: rejectedAt,
      owner: after.owner_id,
      assignment: after.reject_assignment,
      version: row.version,
    });
    if (!changed) throw new Error(`lead ${row.id} changed inside its own transaction`);
    faults.afterLeadUpdate?.();
    const body: RejectResponseBody = {
      lead: store.toLead(after),
      ...(assignment ? {assignment} : {}),
    };
    const text = JSON.stringify(body);
    await store.audit(
      user.id,
      AUDIT_ACTIONS.leadRejected,
      row.id,
      {
        code: code.key,
        ...(reason ? {reason} : {}),
        fromVersion: row.version,
        toVersion: after.version,
        previousOwnerId: row.owner_id,
        ownerId: after.owner_id,
        ...(assignment ? {assignment} : {}),
        ...(idempotencyKey !== undefined ? {idempotencyKey} : {}),
      },
      idempotencyKey !== undefined
        ? {key: idempotencyKey, request: fingerprint, response: text}
        : undefined,
      pluginId ?? null,
    );
    return {status: 200, body, text, replayed: false};
  };
  return async (request) =>
    store.groupedTransaction
      ? store.groupedTransaction(() => decideAndWrite(request))
      : store.transaction(() => decideAndWrite(request));
}
