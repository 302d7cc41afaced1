import {MAX_REJECT_REASON_LENGTH, OTHER_REJECT_CODE} from '@crmkit/sdk';
import {rejectedRow} from '../store/lead-row.js';
import type {
  AssignmentOutcome,
  Lead,
  OwnershipMode,
  RejectLeadInput,
  RejectLeadResult,
} from '@crmkit/sdk';
import type {
  AuditInsert,
  Awaitable,
  HostStore,
  IdempotentAnswer,
  LeadRow,
  RejectBatchStore,
  RejectChange,
  UserRecord,
} from '../store/host-store.js';
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
  /**
   * Called after the lead row (with its new owner) was written, before the audit row; in a batch
   * (RejectBatchStore, one write for both) after both, before the commit.
   */
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
  precomputed?:
    | {version: number; assignment: AssignmentOutcome}
    /** The decision failed (why): the transaction answers `assignment-failed` after its checks. */
    | {version: number; failure: string};
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
  /**
   * Makes the ruleset current inside the transaction, before `reassign` decides with it; answers
   * whether `reassign` can (false: the ruleset now active needs the asynchronous decision, and such a
   * reject throws `StaleAssignmentError` for the caller to decide first).
   */
  currentRules: () => Awaitable<boolean> = () => true,
): (request: RejectRequest) => Promise<RejectOutcome> {
  /** The checks of the caller that need no data: who, the reason as understood, the fingerprint. */
  const prepare = (request: RejectRequest): Prepared => {
    const {leadId, input, idempotencyKey} = request;
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
    const now = store.now?.() ?? new Date();
    const since = new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString();
    return {request, user, reason, fingerprint, since, key: idempotencyKey};
  };
  /**
   * Everything the reject decides, from the data read for it (the key's earlier answer, the lead
   * locked): the replay, a refusal (thrown), or the writes and the answer. Synchronous, so the same
   * decision serves one reject and a batch of them.
   */
  const decide = (
    prepared: Prepared,
    earlier: IdempotentAnswer | undefined,
    row: LeadRow | undefined,
    /** Whether `reassign` can decide with the active ruleset (see `currentRules`). */
    synchronousRules: boolean,
  ): Decision => {
    const {request, user, reason, fingerprint} = prepared;
    const {leadId, input, ifMatch, idempotencyKey, precomputed, pluginId} = request;
    if (earlier) {
      if (earlier.request !== fingerprint) {
        throw new HostProblem(
          'idempotency-key-reused',
          hostText('reject.idempotency-key-reused', {key: idempotencyKey!}),
        );
      }
      return {
        outcome: {
          status: earlier.status,
          body: JSON.parse(earlier.body) as RejectResponseBody,
          text: earlier.body,
          replayed: true,
        },
      };
    }
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
    if (input.reassignOwner && !precomputed && !synchronousRules) {
      // Activated since the caller chose this way (on another node): it decides first, then again.
      throw new StaleAssignmentError('the active ruleset needs the asynchronous decision');
    }
    const rejectedAt = (store.now?.() ?? new Date()).toISOString();
    // The lead as the rejection leaves it: what the rules decide on, and what is written.
    let after = rejectedRow(row, {code: code.key, reason, by: user.id, at: rejectedAt});
    let assignment: AssignmentOutcome | undefined;
    if (input.reassignOwner) {
      try {
        faults.duringReassign?.();
        if (precomputed && 'failure' in precomputed) throw new Error(precomputed.failure);
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
    const change: RejectChange = {
      id: row.id,
      code: code.key,
      reason,
      by: user.id,
      at: rejectedAt,
      owner: after.owner_id,
      assignment: after.reject_assignment,
      version: row.version,
    };
    const body: RejectResponseBody = {
      lead: store.toLead(after),
      ...(assignment ? {assignment} : {}),
    };
    const text = JSON.stringify(body);
    const audit: AuditInsert = {
      userId: user.id,
      action: AUDIT_ACTIONS.leadRejected,
      leadId: row.id,
      detail: {
        code: code.key,
        ...(reason ? {reason} : {}),
        fromVersion: row.version,
        toVersion: after.version,
        previousOwnerId: row.owner_id,
        ownerId: after.owner_id,
        ...(assignment ? {assignment} : {}),
        ...(idempotencyKey !== undefined ? {idempotencyKey} : {}),
      },
      ...(idempotencyKey !== undefined
        ? {replay: {key: idempotencyKey, request: fingerprint, response: text}}
        : {}),
      pluginId: pluginId ?? null,
    };
    return {outcome: {status: 200, body, text, replayed: false}, write: {change, audit, after}};
  };

  /** One reject as one transaction: each read, then the decision, then each write. */
  const decideAndWrite = async (request: RejectRequest): Promise<RejectOutcome> => {
    const prepared = prepare(request);
    const earlier =
      prepared.key !== undefined
        ? await store.idempotent(prepared.user.id, prepared.key, prepared.since)
        : undefined;
    const row = earlier ? undefined : await store.leadRow(request.leadId);
    const synchronousRules =
      request.input.reassignOwner && !request.precomputed ? await currentRules() : true;
    const {outcome, write} = decide(prepared, earlier, row, synchronousRules);
    if (!write) return outcome;
    // One write of the lead: status, rejection and (when reassigned) the new owner together.
    const changed = await store.rejectLead(write.change);
    if (!changed) throw new Error(`lead ${write.change.id} changed inside its own transaction`);
    faults.afterLeadUpdate?.();
    const {userId, leadId, detail, replay, pluginId} = write.audit;
    await store.audit(userId, AUDIT_ACTIONS.leadRejected, leadId, detail, replay, pluginId);
    return outcome;
  };

  const batched = store.rejectBatch;
  if (batched && !store.groupedTransaction) {
    return batchedRejects(store, batched, {prepare, decide, decideAndWrite, currentRules, faults});
  }
  return async (request) =>
    store.groupedTransaction
      ? store.groupedTransaction(() => decideAndWrite(request))
      : store.transaction(() => decideAndWrite(request));
}

/** A reject checked as far as it goes without data: who, the reason as understood, the fingerprint. */
interface Prepared {
  request: RejectRequest;
  user: UserRecord;
  reason: string | null;
  fingerprint: string;
  /** Idempotency-Keys used before this time count as new. */
  since: string;
  key: string | undefined;
}

/** What `decide` answers: the outcome, and for a reject that changes the lead what to write. */
interface Decision {
  outcome: RejectOutcome;
  write?: {change: RejectChange; audit: AuditInsert; after: LeadRow};
}

/**
 * The rejects that arrive in one turn of the event loop, as ONE transaction with one read and one
 * write for all of them (a store whose every round trip costs, PostgreSQL): their Idempotency-Keys
 * locked and looked up and their leads locked, each decided in arrival order as if alone (a later one
 * sees an earlier one's rejection of the same lead and its answer to the same key), then all lead
 * updates and all audit rows. A refusal is one reject's own; a failure of the writes fails the whole
 * batch, and nothing of it is committed. A reject decided before its transaction (an asynchronous
 * ruleset) runs alone.
 */
function batchedRejects(
  store: HostStore,
  batch: RejectBatchStore,
  steps: {
    prepare: (request: RejectRequest) => Prepared;
    decide: (
      prepared: Prepared,
      earlier: IdempotentAnswer | undefined,
      row: LeadRow | undefined,
      synchronousRules: boolean,
    ) => Decision;
    decideAndWrite: (request: RejectRequest) => Promise<RejectOutcome>;
    currentRules: () => Awaitable<boolean>;
    faults: RejectFaults;
  },
): (request: RejectRequest) => Promise<RejectOutcome> {
  type Settled = {ok: true; outcome: RejectOutcome} | {ok: false; error: unknown};
  let queue: Array<{request: RejectRequest; settle: (result: Settled) => void}> = [];
  const keyOf = (userId: string, key: string) => `${userId}\n${key}`;

  const run = (requests: readonly RejectRequest[]): Promise<Settled[]> => {
    const now = store.now?.() ?? new Date();
    const read = {
      keys: requests.flatMap((r) =>
        r.idempotencyKey !== undefined ? [{userId: r.user.id, key: r.idempotencyKey}] : [],
      ),
      since: new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
      leadIds: [...new Set(requests.map((r) => r.leadId))],
    };
    return batch.rejectMany(read, async ({answers, rows}) => {
      // The checks of the caller from the caches as this transaction made them current.
      const prepared = requests.map(
        (request): {ok: true; p: Prepared} | {ok: false; error: unknown} => {
          try {
            return {ok: true, p: steps.prepare(request)};
          } catch (error) {
            return {ok: false, error};
          }
        },
      );
      const synchronousRules = prepared.some((x) => x.ok && x.p.request.input.reassignOwner)
        ? await steps.currentRules()
        : true;
      const writes: NonNullable<Decision['write']>[] = [];
      const settled = prepared.map((x): Settled => {
        if (!x.ok) return x;
        const {p} = x;
        const key = p.key !== undefined ? keyOf(p.user.id, p.key) : undefined;
        try {
          const earlier = key !== undefined ? answers.get(key) : undefined;
          const {outcome, write} = steps.decide(
            p,
            earlier,
            earlier ? undefined : rows.get(p.request.leadId),
            synchronousRules,
          );
          if (write) {
            writes.push(write);
            // What the next reject of this batch sees: the lead as this one left it, its answer.
            rows.set(write.change.id, write.after);
            if (key !== undefined) {
              answers.set(key, {
                request: p.fingerprint,
                status: outcome.status,
                body: outcome.text,
              });
            }
          }
          return {ok: true, outcome};
        } catch (error) {
          return {ok: false, error};
        }
      });
      const {afterLeadUpdate} = steps.faults;
      return {
        changes: writes.map((w) => w.change),
        audits: writes.map((w) => w.audit),
        result: settled,
        ...(afterLeadUpdate ? {afterWrite: afterLeadUpdate} : {}),
      };
    });
  };

  // While a batch runs, the rejects that arrive wait for the next one, so a busy host writes few
  // large batches (group commit) and an idle one answers at once.
  let inFlight = 0;
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    if (inFlight >= MAX_BATCHES_IN_FLIGHT || !queue.length) return;
    const taken = queue;
    queue = [];
    inFlight++;
    try {
      const settled = await run(taken.map((t) => t.request));
      taken.forEach((t, i) => t.settle(settled[i]!));
    } catch (error) {
      for (const t of taken) t.settle({ok: false, error});
    } finally {
      inFlight--;
      schedule();
    }
  };
  const schedule = () => {
    if (scheduled || !queue.length || inFlight >= MAX_BATCHES_IN_FLIGHT) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return (request) => {
    if (request.precomputed) return store.transaction(() => steps.decideAndWrite(request));
    return new Promise<RejectOutcome>((resolve, reject) => {
      queue.push({
        request,
        settle: (result) => (result.ok ? resolve(result.outcome) : reject(result.error)),
      });
      schedule();
    });
  };
}

/**
 * How many reject batches one host runs at once: one. While it runs, the rejects that arrive wait for
 * the next, so batches grow with the load and an idle host answers at once; several nodes' batches
 * overlap at the database anyway. Two per host (measured with `bench:host --db postgres`, 2 nodes)
 * halved the batches and cost PostgreSQL about 1.5 times as much per reject: 1,934–2,508 rejects/s
 * against 2,856–2,883 with one.
 */
const MAX_BATCHES_IN_FLIGHT = 1;
