import type {AssignmentOutcome, Lead} from '@crmkit/sdk';

/**
 * Fired by `<crm-reject-lead>` after the host rejected the lead. `detail` is the updated lead (status
 * `Rejected`, with its `rejection`); `assignment` tells how the owner was reassigned, when it was.
 * Bubbles and crosses shadow roots, so a host page can listen on any ancestor.
 */
export class LeadRejectedEvent extends CustomEvent<Lead> {
  static readonly type = 'crm-lead-rejected' as const;
  readonly assignment: AssignmentOutcome | undefined;

  constructor(lead: Lead, assignment?: AssignmentOutcome) {
    super(LeadRejectedEvent.type, {detail: lead, bubbles: true, composed: true});
    this.assignment = assignment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-lead-rejected': LeadRejectedEvent;
  }
}
