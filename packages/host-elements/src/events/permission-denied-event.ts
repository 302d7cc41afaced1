import type {PermissionDenial} from '@crmkit/sdk';

/**
 * Fired by `<crm-plugin-host>` (bubbles, composed) when a plugin's guarded context refused a call: the
 * manifest did not declare the privilege (`permission-undeclared`) or the user does not hold it
 * (`privilege-missing`). The host API was not called. Meant for audit logs.
 */
export class PermissionDeniedEvent extends Event {
  static readonly type = 'crm-permission-denied';
  readonly denial: PermissionDenial;

  constructor(denial: PermissionDenial) {
    super(PermissionDeniedEvent.type, {bubbles: true, composed: true});
    this.denial = denial;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-permission-denied': PermissionDeniedEvent;
  }
}
