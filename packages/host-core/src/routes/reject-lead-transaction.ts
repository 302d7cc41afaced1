import {MAX_REJECT_REASON_LENGTH, OTHER_REJECT_CODE} from '@crmkit/sdk';
import type {
  AssignmentOutcome,
  Lead,
  LeadStatus,
  OwnershipMode,
  RejectLeadInput,
  RejectLeadResult,
} from '@crmkit/sdk';
import type {HostStore, LeadRow, UserRecord} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';

/**
 * Decides the new owner of a lead as it is after its rejection (status Rejected, with its rejection),
 * synchronously: it runs inside the store's transaction.
 */
export type Reassign = (rejectedLead: Lead, ownershipMode: OwnershipMode) => AssignmentOutcome;

/** Test seams inside the reject transaction, to prove that a failure midway rolls everything back. */
export interface RejectFaults {
  /** Called after the lead row was updated, before the reassignment and the audit row. */
  afterLeadUpdate?: () => void;
  /** Called inside the reassignment, as if the Assignment Manager failed when it throws. */
  duringReassign?: () => void;
}

export interface RejectRequest {
  leadId: string;
  user: UserRecord;
  input: RejectLeadInput;
  ifMatch?: number;
  idempotencyKey?: string;
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

/** The row as the reject UPDATE leaves it (before any reassignment). */
export function rejectedRow(
  row: LeadRow,
  change: {code: string; reason: string | null; by: string; at: string},
): LeadRow {
  return {
    ...row,
    status: 'Rejected',
    reject_code: change.code,
    reject_reason: change.reason,
    rejected_by: change.by,
    rejected_at: change.at,
    version: row.version + 1,
  };
}

/** The body of a successful reject (the contract's RejectResult): the lead and, when reassigned, how. */
export type RejectResponseBody = RejectLeadResult;

const STATUS_DE: Record<LeadStatus, string> = {
  Qualifying: 'Wird qualifiziert',
  Qualified: 'Qualifiziert',
  Converted: 'Konvertiert',
  Rejected: 'Zurückgewiesen',
  Archived: 'Archiviert',
};

export interface RejectOutcome {
  status: number;
  body: RejectResponseBody;
  /** `body` as JSON text (as stored for Idempotency-Key replays). */
  text: string;
  /** True when this is the stored answer of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * The reject of one lead as ONE synchronous store transaction: checks (lead exists, Qualified,
 * If-Match version, reject code known and active, reason rules, no reassignment in Book mode), the
 * update (status Rejected, code, reason, who, when, version + 1), the reassignment through the active
 * ruleset with the lead as it is after the rejection, an audit row and the Idempotency-Key record. A
 * refusal or a failure anywhere leaves the database as it was.
 */
export function createRejectLeadTransaction(
  store: HostStore,
  reassign: Reassign,
  faults: RejectFaults = {},
): (request: RejectRequest) => RejectOutcome {
  const decideAndWrite = (request: RejectRequest): RejectOutcome => {
    const {leadId, user, input, ifMatch, idempotencyKey, precomputed} = request;
    const reason = input.rejectReason?.trim() || null;
    // What makes two requests "the same" for an Idempotency-Key: the lead and the body as understood.
    const fingerprint = JSON.stringify([leadId, input.rejectCode, reason, input.reassignOwner]);
    if (idempotencyKey !== undefined) {
      const since = new Date(Date.now() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString();
      const earlier = store.idempotent(user.id, idempotencyKey, since);
      if (earlier) {
        if (earlier.request !== fingerprint) {
          throw new HostProblem('idempotency-key-reused', {
            en: `The Idempotency-Key "${idempotencyKey}" was already used for a different reject request. Use a new key for a new request.`,
            de: `Der Idempotency-Key "${idempotencyKey}" wurde bereits für eine andere Zurückweisung verwendet. Verwenden Sie für eine neue Anfrage einen neuen Schlüssel.`,
          });
        }
        return {
          status: earlier.status,
          body: JSON.parse(earlier.body) as RejectResponseBody,
          text: earlier.body,
          replayed: true,
        };
      }
    }

    const row = store.leadRow(leadId);
    if (!row) {
      throw new HostProblem('lead-not-found', {
        en: `There is no lead with the id "${leadId}".`,
        de: `Es gibt keinen Lead mit der ID "${leadId}".`,
      });
    }
    if (row.status !== 'Qualified') {
      throw new HostProblem(
        'lead-not-qualified',
        {
          en: `Lead ${leadId} has the status ${row.status}; only a Qualified lead can be rejected.`,
          de: `Lead ${leadId} hat den Status ${STATUS_DE[row.status]}; nur ein qualifizierter Lead kann zurückgewiesen werden.`,
        },
        {
          errors: [
            {
              field: '',
              code: 'lead-not-qualified',
              message: {
                en: `Status is ${row.status}, not Qualified.`,
                de: `Status ist ${STATUS_DE[row.status]}, nicht Qualifiziert.`,
              },
            },
          ],
        },
      );
    }
    if (ifMatch !== undefined && ifMatch !== row.version) {
      throw new HostProblem(
        'version-conflict',
        {
          en: `Lead ${leadId} was changed by someone else meanwhile (now version ${row.version}, you saw ${ifMatch}). Reload it and try again.`,
          de: `Lead ${leadId} wurde inzwischen von jemand anderem geändert (jetzt Version ${row.version}, Sie sahen ${ifMatch}). Laden Sie ihn neu und versuchen Sie es erneut.`,
        },
        {
          members: {currentVersion: row.version},
          errors: [
            {
              field: 'If-Match',
              code: 'version-conflict',
              message: {
                en: `Current version is ${row.version}.`,
                de: `Aktuelle Version ist ${row.version}.`,
              },
            },
          ],
        },
      );
    }
    const code = store.rejectCode(input.rejectCode);
    if (!code) {
      throw new HostProblem(
        'unknown-reject-code',
        {
          en: `"${input.rejectCode}" is not a reject code. Pick one from GET /api/picklists/reject-codes.`,
          de: `"${input.rejectCode}" ist kein Zurückweisungscode. Wählen Sie einen aus GET /api/picklists/reject-codes.`,
        },
        {
          errors: [
            {
              field: '/rejectCode',
              code: 'unknown-reject-code',
              message: {en: 'Unknown reject code.', de: 'Unbekannter Zurückweisungscode.'},
            },
          ],
        },
      );
    }
    if (!code.active) {
      throw new HostProblem(
        'inactive-reject-code',
        {
          en: `The reject code "${code.labels.en}" (${code.key}) is no longer active. Pick an active one.`,
          de: `Der Zurückweisungscode "${code.labels.de}" (${code.key}) ist nicht mehr aktiv. Wählen Sie einen aktiven.`,
        },
        {
          errors: [
            {
              field: '/rejectCode',
              code: 'inactive-reject-code',
              message: {en: 'Inactive reject code.', de: 'Inaktiver Zurückweisungscode.'},
            },
          ],
        },
      );
    }
    if (code.key === OTHER_REJECT_CODE && !reason) {
      throw new HostProblem(
        'reason-required',
        {
          en: `The reject code "${code.labels.en}" needs a reject reason. Enter one.`,
          de: `Der Zurückweisungscode "${code.labels.de}" erfordert einen Zurückweisungsgrund. Geben Sie einen ein.`,
        },
        {
          errors: [
            {
              field: '/rejectReason',
              code: 'reason-required',
              message: {
                en: 'Enter a reject reason.',
                de: 'Geben Sie einen Zurückweisungsgrund ein.',
              },
            },
          ],
        },
      );
    }
    if (reason && reason.length > MAX_REJECT_REASON_LENGTH) {
      throw new HostProblem(
        'reason-too-long',
        {
          en: `The reject reason has ${reason.length} characters; at most ${MAX_REJECT_REASON_LENGTH} are allowed. Shorten it.`,
          de: `Der Zurückweisungsgrund hat ${reason.length} Zeichen; höchstens ${MAX_REJECT_REASON_LENGTH} sind erlaubt. Kürzen Sie ihn.`,
        },
        {
          errors: [
            {
              field: '/rejectReason',
              code: 'reason-too-long',
              message: {
                en: `At most ${MAX_REJECT_REASON_LENGTH} characters.`,
                de: `Höchstens ${MAX_REJECT_REASON_LENGTH} Zeichen.`,
              },
            },
          ],
        },
      );
    }
    const mode = store.ownershipMode;
    if (input.reassignOwner && mode === 'book') {
      throw new HostProblem(
        'reassign-not-allowed-in-book-mode',
        {
          en: 'Leads use the ownership mode Book, so the Assignment Manager cannot assign an owner. Reject without Reassign Owner.',
          de: 'Leads verwenden den Verantwortlichkeitsmodus Buch, daher kann der Zuweisungsmanager keinen Verantwortlichen zuweisen. Weisen Sie ohne Verantwortlichen neu zuweisen zurück.',
        },
        {
          errors: [
            {
              field: '/reassignOwner',
              code: 'reassign-not-allowed-in-book-mode',
              message: {en: 'Not allowed in Book mode.', de: 'Im Buchmodus nicht erlaubt.'},
            },
          ],
        },
      );
    }

    if (input.reassignOwner && precomputed && precomputed.version !== row.version) {
      throw new StaleAssignmentError(`lead ${row.id} changed after its reassignment was decided`);
    }
    const rejectedAt = new Date().toISOString();
    const changed = store.rejectLead({
      id: row.id,
      code: code.key,
      reason,
      by: user.id,
      at: rejectedAt,
      owner: row.owner_id,
      version: row.version,
    });
    if (!changed) throw new Error(`lead ${row.id} changed inside its own transaction`);
    faults.afterLeadUpdate?.();
    // The row as the UPDATE left it (no second read).
    let after = rejectedRow(row, {code: code.key, reason, by: user.id, at: rejectedAt});
    let assignment: AssignmentOutcome | undefined;
    if (input.reassignOwner) {
      try {
        faults.duringReassign?.();
        assignment = precomputed?.assignment ?? reassign(store.toLead(after), mode);
        if (!store.user(assignment.ownerId)) {
          throw new Error(`the ruleset named the unknown user "${assignment.ownerId}"`);
        }
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new HostProblem('assignment-failed', {
          en: `The Assignment Manager could not reassign lead ${row.id} (${why}); nothing was changed. Reject without Reassign Owner, or ask an administrator to fix the assignment rules.`,
          de: `Der Zuweisungsmanager konnte Lead ${row.id} nicht neu zuweisen (${why}); nichts wurde geändert. Weisen Sie ohne Verantwortlichen neu zuweisen zurück, oder bitten Sie einen Administrator, die Zuweisungsregeln zu korrigieren.`,
        });
      }
      store.setLeadOwner(row.id, assignment.ownerId);
      after = {...after, owner_id: assignment.ownerId};
    }
    const body: RejectResponseBody = {
      lead: store.toLead(after),
      ...(assignment ? {assignment} : {}),
    };
    const text = JSON.stringify(body);
    store.audit(
      user.id,
      'lead.rejected',
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
    );
    return {status: 200, body, text, replayed: false};
  };
  return (request) => store.transaction(() => decideAndWrite(request));
}
