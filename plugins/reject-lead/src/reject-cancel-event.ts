/**
 * Fired by `<crm-reject-lead>` when the user cancels without rejecting; the host closes the dialog.
 * Bubbles and crosses shadow roots.
 */
export class RejectCancelEvent extends Event {
  static readonly type = 'crm-reject-cancel' as const;
  /** The lead whose rejection was cancelled. */
  readonly leadId: string;

  constructor(leadId: string) {
    super(RejectCancelEvent.type, {bubbles: true, composed: true});
    this.leadId = leadId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-reject-cancel': RejectCancelEvent;
  }
}
