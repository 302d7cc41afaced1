import type {LeadStatus} from '@crmkit/sdk';

/**
 * Every user-visible string of `<crm-reject-lead>`, in English and German. The German labels are the
 * seed's terms (Zurückweisen, Lead zurückweisen, Zurückweisungscode, Zurückweisungsgrund,
 * Verantwortlichen neu zuweisen, Zurückweisung bestätigen, Zurückgewiesen, Lead-Status, Sonstige).
 * Texts that take values are functions; the German table must have every key of the English one.
 */
export interface RejectLeadStrings {
  title: string;
  loading: string;
  lead: string;
  company: string;
  leadStatus: string;
  newStatus: string;
  owner: string;
  noOwner: string;
  status: Record<LeadStatus, string>;
  rejectCode: string;
  chooseCode: string;
  rejectReason: string;
  required: string;
  optional: string;
  counter: (length: number, max: number) => string;
  reassignOwner: string;
  reassignHelp: string;
  reassignBookMode: string;
  confirmReject: string;
  rejecting: string;
  cancel: string;
  reload: string;
  retry: string;
  codeRequired: string;
  reasonRequired: (codeLabel: string) => string;
  reasonTooLong: (length: number, max: number) => string;
  fieldErrors: Record<string, string>;
  notQualified: (status: string) => string;
  conflictNotQualified: string;
  conflictVersion: string;
  forbidden: string;
  unauthorized: string;
  leadNotFound: (id: string) => string;
  network: string;
  unexpected: (detail: string) => string;
  loadFailed: (detail: string) => string;
  noPrivilege: string;
  noLeadId: string;
  summaryTitle: string;
  rejectedBy: string;
  rejectedAt: string;
  newOwner: string;
  unassignedOwnerNote: string;
  announceRejected: (leadName: string) => string;
}

export const STRINGS_EN: RejectLeadStrings = {
  title: 'Reject Lead',
  loading: 'Loading the lead…',
  lead: 'Lead',
  company: 'Company',
  leadStatus: 'Lead Status',
  newStatus: 'New Lead Status',
  owner: 'Owner',
  noOwner: 'No owner',
  status: {
    Qualifying: 'Qualifying',
    Qualified: 'Qualified',
    Converted: 'Converted',
    Rejected: 'Rejected',
    Archived: 'Archived',
  },
  rejectCode: 'Reject Code',
  chooseCode: 'Choose a reject code',
  rejectReason: 'Reject Reason',
  required: 'required',
  optional: 'optional',
  counter: (length, max) => `${length} / ${max} characters`,
  reassignOwner: 'Reassign Owner',
  reassignHelp:
    "The Assignment Manager reassigns the lead by the company's lead assignment rules, e.g. to its original owner or to that owner's manager. It assigns to users only.",
  reassignBookMode:
    'Not available: leads are owned by books here (Book mode), and the Assignment Manager cannot reassign records in Book mode.',
  confirmReject: 'Confirm Reject',
  rejecting: 'Rejecting…',
  cancel: 'Cancel',
  reload: 'Reload lead',
  retry: 'Retry',
  codeRequired: 'Choose a reject code.',
  reasonRequired: (label) => `Enter a reject reason: it is required for the code "${label}".`,
  reasonTooLong: (length, max) =>
    `The reject reason is ${length} characters long; shorten it to at most ${max}.`,
  fieldErrors: {
    'unknown-reject-code': 'This reject code does not exist (any more). Choose another one.',
    'inactive-reject-code': 'This reject code has been deactivated. Choose another one.',
    'reason-required': 'Enter a reject reason: it is required for this code.',
    'reason-too-long': 'The reject reason is too long; shorten it to at most 2000 characters.',
    'reassign-not-allowed-in-book-mode':
      'Leads are in Book mode now, so the owner cannot be reassigned. Untick Reassign Owner.',
  },
  notQualified: (status) =>
    `Only Qualified leads can be rejected. This lead's status is ${status}.`,
  conflictNotQualified:
    'This lead cannot be rejected any more: it is no longer Qualified (someone may have converted, archived or rejected it). Reload the lead to see its current state; what you entered is kept.',
  conflictVersion:
    'Someone else changed this lead since you opened it. Reload the lead to see the changes, then confirm again; what you entered is kept.',
  forbidden:
    'The CRM refused the rejection: your role does not have the privilege Reject Leads. Ask your administrator for it; what you entered is kept.',
  unauthorized: 'Your session has expired. Sign in again, then retry; what you entered is kept.',
  leadNotFound: (id) => `Lead ${id} was not found. It may have been deleted.`,
  network:
    'The CRM could not be reached. Check your connection and retry; what you entered is kept, and a retry never rejects the lead twice.',
  unexpected: (detail) => `The lead could not be rejected: ${detail} What you entered is kept.`,
  loadFailed: (detail) => `The lead could not be loaded: ${detail}`,
  noPrivilege:
    'You cannot reject leads: your role does not have the privilege Reject Leads. Ask your administrator if you need it.',
  noLeadId: 'No lead selected: set the lead-id attribute.',
  summaryTitle: 'Lead rejected',
  rejectedBy: 'Rejected by',
  rejectedAt: 'Rejected on',
  newOwner: 'New owner',
  unassignedOwnerNote: 'no assignment rule matched; the unassigned owner receives the lead',
  announceRejected: (name) => `Lead ${name} rejected.`,
};

export const STRINGS_DE: RejectLeadStrings = {
  title: 'Lead zurückweisen',
  loading: 'Lead wird geladen…',
  lead: 'Lead',
  company: 'Unternehmen',
  leadStatus: 'Lead-Status',
  newStatus: 'Neuer Lead-Status',
  owner: 'Verantwortlicher',
  noOwner: 'Kein Verantwortlicher',
  status: {
    Qualifying: 'In Qualifizierung',
    Qualified: 'Qualifiziert',
    Converted: 'Konvertiert',
    Rejected: 'Zurückgewiesen',
    Archived: 'Archiviert',
  },
  rejectCode: 'Zurückweisungscode',
  chooseCode: 'Zurückweisungscode auswählen',
  rejectReason: 'Zurückweisungsgrund',
  required: 'erforderlich',
  optional: 'optional',
  counter: (length, max) => `${length} / ${max} Zeichen`,
  reassignOwner: 'Verantwortlichen neu zuweisen',
  reassignHelp:
    'Der Assignment Manager weist den Lead entsprechend den Lead-Zuweisungsregeln des Unternehmens neu zu, z. B. dem ursprünglichen Verantwortlichen oder dessen Manager. Er weist nur Benutzern zu.',
  reassignBookMode:
    'Nicht verfügbar: Leads werden hier im Buchmodus verwaltet, und im Buchmodus kann der Assignment Manager Datensätze nicht neu zuweisen.',
  confirmReject: 'Zurückweisung bestätigen',
  rejecting: 'Wird zurückgewiesen…',
  cancel: 'Abbrechen',
  reload: 'Lead neu laden',
  retry: 'Erneut versuchen',
  codeRequired: 'Wählen Sie einen Zurückweisungscode aus.',
  reasonRequired: (label) =>
    `Geben Sie einen Zurückweisungsgrund ein: Beim Code „${label}“ ist er erforderlich.`,
  reasonTooLong: (length, max) =>
    `Der Zurückweisungsgrund ist ${length} Zeichen lang; kürzen Sie ihn auf höchstens ${max}.`,
  fieldErrors: {
    'unknown-reject-code':
      'Diesen Zurückweisungscode gibt es nicht (mehr). Wählen Sie einen anderen aus.',
    'inactive-reject-code':
      'Dieser Zurückweisungscode wurde deaktiviert. Wählen Sie einen anderen aus.',
    'reason-required':
      'Geben Sie einen Zurückweisungsgrund ein: Bei diesem Code ist er erforderlich.',
    'reason-too-long':
      'Der Zurückweisungsgrund ist zu lang; kürzen Sie ihn auf höchstens 2000 Zeichen.',
    'reassign-not-allowed-in-book-mode':
      'Leads sind jetzt im Buchmodus, daher kann der Verantwortliche nicht neu zugewiesen werden. Deaktivieren Sie „Verantwortlichen neu zuweisen“.',
  },
  notQualified: (status) =>
    `Nur qualifizierte Leads können zurückgewiesen werden. Der Status dieses Leads ist „${status}“.`,
  conflictNotQualified:
    'Dieser Lead kann nicht mehr zurückgewiesen werden: Er ist nicht mehr qualifiziert (vielleicht wurde er konvertiert, archiviert oder zurückgewiesen). Laden Sie den Lead neu, um seinen aktuellen Stand zu sehen; Ihre Eingaben bleiben erhalten.',
  conflictVersion:
    'Jemand anderes hat diesen Lead geändert, seit Sie ihn geöffnet haben. Laden Sie den Lead neu, um die Änderungen zu sehen, und bestätigen Sie dann erneut; Ihre Eingaben bleiben erhalten.',
  forbidden:
    'Das CRM hat die Zurückweisung abgelehnt: Ihre Rolle hat die Berechtigung „Leads zurückweisen“ nicht. Wenden Sie sich an Ihren Administrator; Ihre Eingaben bleiben erhalten.',
  unauthorized:
    'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an und versuchen Sie es dann noch einmal; Ihre Eingaben bleiben erhalten.',
  leadNotFound: (id) => `Lead ${id} wurde nicht gefunden. Vielleicht wurde er gelöscht.`,
  network:
    'Das CRM ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut; Ihre Eingaben bleiben erhalten, und ein erneuter Versuch weist den Lead nie doppelt zurück.',
  unexpected: (detail) =>
    `Der Lead konnte nicht zurückgewiesen werden: ${detail} Ihre Eingaben bleiben erhalten.`,
  loadFailed: (detail) => `Der Lead konnte nicht geladen werden: ${detail}`,
  noPrivilege:
    'Sie können keine Leads zurückweisen: Ihre Rolle hat die Berechtigung „Leads zurückweisen“ nicht. Wenden Sie sich bei Bedarf an Ihren Administrator.',
  noLeadId: 'Kein Lead ausgewählt: Setzen Sie das Attribut lead-id.',
  summaryTitle: 'Lead zurückgewiesen',
  rejectedBy: 'Zurückgewiesen von',
  rejectedAt: 'Zurückgewiesen am',
  newOwner: 'Neuer Verantwortlicher',
  unassignedOwnerNote:
    'keine Zuweisungsregel traf zu; der Lead geht an den Standard-Verantwortlichen für nicht zugewiesene Leads',
  announceRejected: (name) => `Lead ${name} zurückgewiesen.`,
};

/** The string tables by language. */
export const STRINGS: Readonly<Record<'en' | 'de', RejectLeadStrings>> = {
  en: STRINGS_EN,
  de: STRINGS_DE,
};

/** The strings for a BCP 47 locale: its language when there is a table for it (`de-AT` → `de`), else English. */
export function stringsFor(locale: string | undefined): RejectLeadStrings {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
  return language === 'de' ? STRINGS.de : STRINGS.en;
}
