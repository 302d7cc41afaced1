// What a sandboxed plugin's `crm-lead-rejected` is checked against before <crm-plugin-frame> relays
// it to the page: the rejections the plugin asked the host for over its own bridge, with the host's
// answers (which the host side received itself, from the server), and, when an answer was lost, the
// lead as the server has it now. The plugin's own `detail` only names the lead; it is never passed on.
import type {HostApiError, Lead, PluginContext, RejectLeadResult} from '@crmkit/sdk';

/** A `crm-lead-rejected` the host confirmed: what the page gets instead of the plugin's claim. */
export interface ConfirmedRejection {
  /** The lead as the server answered or has it (status `Rejected`). */
  lead: Lead;
  /** The event's data fields: the server's `assignment`, when the owner was reassigned. */
  fields: {assignment?: unknown};
}

/**
 * Why a claimed rejection was not relayed: `not-asked` (no id, or a lead the plugin did not ask to
 * reject over this bridge, or announced already), `refused` (its reject was refused: nothing
 * changed), `not-rejected` (the server does not have the lead Rejected), `not-readable` (no answer,
 * and the lead cannot be read again), `other-rejection` (the server's rejection is not the claimed
 * one).
 */
export type DroppedRejection =
  'not-asked' | 'refused' | 'not-rejected' | 'not-readable' | 'other-rejection';

/** How a reject ended: the server's answer, `refused` (nothing changed), or undefined (no answer). */
type Outcome = RejectLeadResult | 'refused' | undefined;

/** The most rejections a ledger remembers (the oldest go first). */
const MAX_REMEMBERED = 100;

/**
 * The rejections one plugin frame asked the host for, by lead id, each until the plugin announced it
 * once; `confirm()` decides whether a `crm-lead-rejected` it posted is true, and with which data it
 * goes to the page.
 */
export class RejectionLedger {
  readonly #asked = new Map<string, Promise<Outcome>>();

  /** A `rejectLead(leadId, …)` the host side performs for the plugin (`running`: its answer). */
  record(leadId: string, running: Promise<unknown>): void {
    const asked = this.#asked;
    asked.delete(leadId);
    asked.set(
      leadId,
      running.then(
        (value) => ((value as RejectLeadResult | undefined)?.lead ? (value as Outcome) : undefined),
        // A refusal (a CrmkitError of the guarded context, or the server's answer below 500)
        // changed nothing; a NetworkError, an abort (a DOMException, its `code` a number) or a
        // server error may have come after the change.
        (error: unknown) => {
          const {code, status} = (error ?? {}) as Partial<HostApiError>;
          return typeof code === 'string' && code !== 'network-error' && !((status ?? 0) >= 500)
            ? 'refused'
            : undefined;
        },
      ),
    );
    if (asked.size > MAX_REMEMBERED) asked.delete(asked.keys().next().value as string);
  }

  /**
   * Checks the plugin's claim (`detail`: its `crm-lead-rejected`'s) against what the host knows. It
   * holds only for a lead the plugin asked to reject over this bridge, once, and then
   * - with the server's answer to that request, when it rejected the lead (nothing the plugin said
   *   is used);
   * - when there was no answer, with the lead read again through `context` (the plugin's guarded
   *   context and credential, so only with `leads.read`), if it is Rejected, by the signed-in user,
   *   with the claimed code, rejecter and time;
   * - never after a refusal.
   */
  async confirm(
    detail: unknown,
    context: PluginContext | undefined,
  ): Promise<ConfirmedRejection | DroppedRejection> {
    const id = (detail as {id?: unknown} | null)?.id;
    const asked = typeof id === 'string' && this.#asked.get(id);
    if (!asked) return 'not-asked';
    // One announcement per rejection: a second event about it is not news.
    this.#asked.delete(id as string);
    const outcome = await asked;
    if (outcome === 'refused') return outcome;
    let lead = outcome?.lead;
    if (!lead) {
      if (!context?.can('leads.read')) return 'not-readable';
      try {
        lead = await context.getLead(id as string);
      } catch {
        return 'not-readable';
      }
    }
    const rejection = lead.rejection;
    if (lead.id !== id || lead.status !== 'Rejected' || !rejection) return 'not-rejected';
    if (!outcome) {
      const claimed = (detail as Partial<Lead>).rejection;
      const by = rejection.rejectedBy?.id;
      if (
        by !== context!.user.id ||
        claimed?.rejectedBy?.id !== by ||
        claimed.code !== rejection.code ||
        claimed.rejectedAt !== rejection.rejectedAt
      ) {
        return 'other-rejection';
      }
    }
    const assignment = outcome ? outcome.assignment : rejection.assignment;
    return {lead, fields: assignment === undefined ? {} : {assignment}};
  }
}
