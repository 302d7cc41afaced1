/** Every text the panel shows, in English and German (the seed's German terms). */
export interface Strings {
  title: string;
  loading: string;
  failed: string;
  retry: string;
  noPermission: string;
  notRejected: string;
  rejectedEvent: string;
  reassignedEvent: string;
  rejectedBy: string;
  rejectedOn: string;
  code: string;
  reason: string;
  noReason: string;
  previousOwner: string;
  newOwner: string;
  rule: string;
  unassignedOwner: string;
  notReassigned: string;
  viaPlugin: string;
}

const STRINGS: Record<'en' | 'de', Strings> = {
  en: {
    title: 'Rejection history',
    loading: 'Loading…',
    failed: 'The rejection history could not be loaded.',
    retry: 'Try again',
    noPermission: 'Your role lacks the privilege to read leads.',
    notRejected: 'This lead has not been rejected.',
    rejectedEvent: 'Rejected',
    reassignedEvent: 'Owner reassigned',
    rejectedBy: 'Rejected by',
    rejectedOn: 'Rejected on',
    code: 'Reject Code',
    reason: 'Reject Reason',
    noReason: 'none given',
    previousOwner: 'Previous owner',
    newOwner: 'New owner',
    rule: 'Assignment rule',
    unassignedOwner: 'none matched: the unassigned owner got the lead',
    notReassigned: 'The owner was not reassigned.',
    viaPlugin: 'Via plugin',
  },
  de: {
    title: 'Zurückweisungsverlauf',
    loading: 'Wird geladen…',
    failed: 'Der Zurückweisungsverlauf konnte nicht geladen werden.',
    retry: 'Erneut versuchen',
    noPermission: 'Ihrer Rolle fehlt die Berechtigung, Leads zu lesen.',
    notRejected: 'Dieser Lead wurde nicht zurückgewiesen.',
    rejectedEvent: 'Zurückgewiesen',
    reassignedEvent: 'Verantwortlicher neu zugewiesen',
    rejectedBy: 'Zurückgewiesen von',
    rejectedOn: 'Zurückgewiesen am',
    code: 'Zurückweisungscode',
    reason: 'Zurückweisungsgrund',
    noReason: 'keiner angegeben',
    previousOwner: 'Bisheriger Verantwortlicher',
    newOwner: 'Neuer Verantwortlicher',
    rule: 'Zuweisungsregel',
    unassignedOwner:
      'keine traf zu: der Verantwortliche für nicht zugewiesene Leads erhielt den Lead',
    notReassigned: 'Der Verantwortliche wurde nicht neu zugewiesen.',
    viaPlugin: 'Über Plugin',
  },
};

/** German for `de` and `de-*`, English otherwise. */
export function stringsFor(locale: string | undefined): Strings {
  return /^de(-|$)/i.test(locale ?? '') ? STRINGS.de : STRINGS.en;
}
