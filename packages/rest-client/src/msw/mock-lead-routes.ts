import {MAX_REJECT_REASON_LENGTH, OTHER_REJECT_CODE} from '@crmkit/sdk';
import type {AssignmentOutcome, Lead, LeadStatus, RejectLeadInput} from '@crmkit/sdk';
import {negotiateLocale} from '@crmkit/host-core';
import {LEAD_STATUS_DE} from '@crmkit/host-core';
import {DEMO_UNASSIGNED_OWNER} from '@crmkit/host-core';
import {leadJson} from './lead-json.js';
import {MockProblem} from './mock-problem.js';
import type {MockRequest, MockRoute} from './mock-route.js';

const fieldError = (field: string, code: string, message: string) => ({field, code, message});

/** The plugin-facing routes of the mock host: who am I, leads, reject, picklist, settings, plugins. */
export const MOCK_LEAD_ROUTES: Readonly<Record<string, MockRoute>> = {
  getCurrentUser: ({user}) => ({
    status: 200,
    body: {
      id: user.id,
      name: user.name,
      locale: user.locale,
      role: user.role,
      privileges: [...user.privileges],
    },
  }),

  listLeads: ({runtime, query}) => {
    const status = query.get('status') as LeadStatus | null;
    const leads = [...runtime.state.leads.values()].filter((l) => !status || l.status === status);
    return {status: 200, body: leads.map((l) => leadJson(l, runtime.state.users))};
  },

  getLead: ({runtime, params, locale}) => ({
    status: 200,
    body: leadJson(findLead(runtime.state.leads, params.id!, locale), runtime.state.users),
  }),

  rejectLead,

  getRejectCodes: ({runtime, user, acceptLanguage}) => ({
    status: 200,
    body: runtime.state.rejectCodes.map((code) => ({
      key: code.key,
      label: code.labels[negotiateLocale(acceptLanguage, Object.keys(code.labels), user.locale)],
      active: code.active,
    })),
  }),

  getLeadSettings: ({runtime}) => ({
    status: 200,
    body: {ownershipMode: runtime.state.ownershipMode},
  }),

  listPluginInstallations: ({runtime}) => ({
    status: 200,
    body: runtime.state.plugins.map(({id, manifestUrl, config}) => ({id, manifestUrl, config})),
  }),
};

function findLead(leads: Map<string, Lead>, id: string, locale: string): Lead {
  const lead = leads.get(id);
  if (!lead) throw new MockProblem('lead-not-found', {locale, params: {leadId: id}});
  return lead;
}

/** `POST /api/leads/{id}/reject`, checking in the contract's order; a refusal changes nothing. */
async function rejectLead(request: MockRequest) {
  const {runtime, user, locale, params, headers} = request;
  const {state} = runtime;
  const de = locale === 'de';
  const input = request.body as RejectLeadInput & {rejectReason?: string | null};
  const leadId = params.id!;
  const reason = typeof input.rejectReason === 'string' ? input.rejectReason.trim() : '';
  const ifMatchHeader = headers.get('If-Match');
  const ifMatch = ifMatchHeader === null ? undefined : Number(ifMatchHeader.replace(/"/g, ''));
  const key = headers.get('Idempotency-Key');
  const fingerprint = JSON.stringify([
    leadId,
    input.rejectCode,
    reason || null,
    input.reassignOwner,
  ]);
  const memoryKey = `${user.id} ${key}`;
  if (key !== null) {
    const earlier = state.idempotency.get(memoryKey);
    if (earlier && earlier.fingerprint !== fingerprint) {
      throw new MockProblem('idempotency-key-reused', {
        locale,
        errors: [
          fieldError(
            'Idempotency-Key',
            'idempotency-key-reused',
            de
              ? 'Schlüssel schon für eine andere Anfrage verwendet.'
              : 'Key already used for another request.',
          ),
        ],
      });
    }
    if (earlier) {
      return {
        status: earlier.status,
        body: structuredClone(earlier.body),
        headers: {'Idempotent-Replayed': 'true'},
      };
    }
  }

  const lead = findLead(state.leads, leadId, locale);
  if (lead.status !== 'Qualified') {
    throw new MockProblem('lead-not-qualified', {
      locale,
      params: {leadId, status: lead.status},
      errors: [
        fieldError(
          '',
          'lead-not-qualified',
          de
            ? `Status ist ${LEAD_STATUS_DE[lead.status]}, nicht Qualifiziert.`
            : `Status is ${lead.status}, not Qualified.`,
        ),
      ],
    });
  }
  if (ifMatch !== undefined && ifMatch !== lead.version) {
    throw new MockProblem('version-conflict', {
      locale,
      params: {leadId, currentVersion: lead.version},
      currentVersion: lead.version,
      errors: [
        fieldError(
          'If-Match',
          'version-conflict',
          de ? `Aktuelle Version ist ${lead.version}.` : `Current version is ${lead.version}.`,
        ),
      ],
    });
  }
  const code = state.rejectCodes.find((c) => c.key === input.rejectCode);
  if (!code) {
    throw new MockProblem('unknown-reject-code', {
      locale,
      params: {rejectCode: input.rejectCode},
      errors: [
        fieldError(
          '/rejectCode',
          'unknown-reject-code',
          de ? 'Unbekannter Zurückweisungscode.' : 'Unknown reject code.',
        ),
      ],
    });
  }
  if (!code.active) {
    throw new MockProblem('inactive-reject-code', {
      locale,
      params: {rejectCode: code.key},
      errors: [
        fieldError(
          '/rejectCode',
          'inactive-reject-code',
          de ? 'Inaktiver Zurückweisungscode.' : 'Inactive reject code.',
        ),
      ],
    });
  }
  if (code.key === OTHER_REJECT_CODE && !reason) {
    throw new MockProblem('reason-required', {
      locale,
      errors: [
        fieldError(
          '/rejectReason',
          'reason-required',
          de ? 'Geben Sie einen Zurückweisungsgrund ein.' : 'Enter a reject reason.',
        ),
      ],
    });
  }
  if (reason.length > MAX_REJECT_REASON_LENGTH) {
    throw new MockProblem('reason-too-long', {
      locale,
      params: {length: reason.length, max: MAX_REJECT_REASON_LENGTH},
      errors: [
        fieldError(
          '/rejectReason',
          'reason-too-long',
          de
            ? `Höchstens ${MAX_REJECT_REASON_LENGTH} Zeichen (jetzt ${reason.length}).`
            : `At most ${MAX_REJECT_REASON_LENGTH} characters (now ${reason.length}).`,
        ),
      ],
    });
  }
  if (input.reassignOwner && state.ownershipMode === 'book') {
    throw new MockProblem('reassign-not-allowed-in-book-mode', {
      locale,
      errors: [
        fieldError(
          '/reassignOwner',
          'reassign-not-allowed-in-book-mode',
          de ? 'Im Modus Buch nicht möglich.' : 'Not possible in Book mode.',
        ),
      ],
    });
  }

  // Work on a copy; the stored lead changes only when everything succeeded.
  const updated: Lead = structuredClone(lead);
  updated.status = 'Rejected';
  updated.version = lead.version + 1;
  updated.rejection = {
    code: code.key,
    ...(reason ? {reason} : {}),
    rejectedBy: {id: user.id, name: user.name},
    rejectedAt: runtime.now().toISOString(),
  };
  let assignment: AssignmentOutcome | undefined;
  if (input.reassignOwner) {
    const unassigned = state.ruleset.unassignedOwner;
    try {
      assignment = await runtime.assign(structuredClone(updated), {
        ruleset: structuredClone(state.ruleset),
        ownershipMode: state.ownershipMode,
        users: state.users,
        unassignedOwner: typeof unassigned === 'string' ? unassigned : DEMO_UNASSIGNED_OWNER,
      });
    } catch (error) {
      throw new MockProblem('assignment-failed', {
        locale,
        detail: `${de ? 'Nichts wurde geändert' : 'Nothing was changed'}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    updated.ownerId = assignment.ownerId;
  }
  // A concurrent reject may have committed while the assignment ran: re-check before committing.
  if (state.leads.get(leadId) !== lead) {
    const current = state.leads.get(leadId)!;
    throw new MockProblem('version-conflict', {
      locale,
      params: {leadId, currentVersion: current.version},
      currentVersion: current.version,
    });
  }
  state.leads.set(leadId, updated);
  const body = {
    lead: leadJson(updated, state.users),
    ...(assignment
      ? {
          assignment: {
            outcome: assignment.outcome,
            ownerId: assignment.ownerId,
            rule: assignment.rule,
          },
        }
      : {}),
  };
  state.audit.push({
    id: state.audit.length + 1,
    at: updated.rejection.rejectedAt,
    actor: {id: user.id, name: user.name},
    action: 'lead.rejected',
    leadId,
    data: {
      code: code.key,
      ...(reason ? {reason} : {}),
      fromVersion: lead.version,
      toVersion: updated.version,
      previousOwnerId: lead.ownerId,
      ownerId: updated.ownerId,
      ...(assignment ? {assignment: body.assignment} : {}),
    },
  });
  if (key !== null)
    state.idempotency.set(memoryKey, {fingerprint, status: 200, body: structuredClone(body)});
  return {status: 200, body};
}
