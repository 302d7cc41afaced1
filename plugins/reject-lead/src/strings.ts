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
  status: Record<LeadStatus, string>;
  rejectCode: string;
  chooseCode: string;
  rejectReason: string;
  required: string;
  optional: string;
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
  notQualified: string;
  conflictNotQualified: string;
  conflictVersion: string;
  network: string;
  kept: string;
  noPrivilege: string;
  summaryTitle: string;
  rejectedBy: string;
  rejectedAt: string;
  newOwner: string;
}

export const STRINGS_EN: RejectLeadStrings = {
  title: 'Reject Lead',
  loading: 'Loading…',
  lead: 'Lead',
  company: 'Company',
  leadStatus: 'Lead Status',
  newStatus: 'New Lead Status',
  owner: 'Owner',
  status: {
    Qualifying: 'Qualifying',
    Qualified: 'Qualified',
    Converted: 'Converted',
    Rejected: 'Rejected',
    Archived: 'Archived',
  },
  rejectCode: 'Reject Code',
  chooseCode: 'Choose…',
  rejectReason: 'Reject Reason',
  required: 'required',
  optional: 'optional',
  reassignOwner: 'Reassign Owner',
  reassignHelp: "The lead is reassigned by the company's assignment rules.",
  reassignBookMode: 'Not available: leads are in Book mode.',
  confirmReject: 'Confirm Reject',
  rejecting: 'Rejecting…',
  cancel: 'Cancel',
  reload: 'Reload lead',
  retry: 'Retry',
  codeRequired: 'Choose a reject code.',
  reasonRequired: (label) => `Enter a reason: code "${label}" requires one.`,
  reasonTooLong: (length, max) => `Shorten the reason to ${max} characters (now ${length}).`,
  notQualified: 'Only Qualified leads can be rejected.',
  conflictNotQualified: 'The lead is no longer Qualified: reload it.',
  conflictVersion: 'Someone else changed the lead: reload it, then confirm again.',
  network: 'The CRM cannot be reached: retry.',
  kept: 'Your input is kept.',
  noPrivilege: 'Your role lacks the privilege Reject Leads.',
  summaryTitle: 'Lead rejected',
  rejectedBy: 'Rejected by',
  rejectedAt: 'Rejected on',
  newOwner: 'New owner',
};

export const STRINGS_DE: RejectLeadStrings = {
  title: 'Lead zurückweisen',
  loading: 'Wird geladen…',
  lead: 'Lead',
  company: 'Unternehmen',
  leadStatus: 'Lead-Status',
  newStatus: 'Neuer Lead-Status',
  owner: 'Verantwortlicher',
  status: {
    Qualifying: 'In Qualifizierung',
    Qualified: 'Qualifiziert',
    Converted: 'Konvertiert',
    Rejected: 'Zurückgewiesen',
    Archived: 'Archiviert',
  },
  rejectCode: 'Zurückweisungscode',
  chooseCode: 'Auswählen…',
  rejectReason: 'Zurückweisungsgrund',
  required: 'erforderlich',
  optional: 'optional',
  reassignOwner: 'Verantwortlichen neu zuweisen',
  reassignHelp: 'Der Lead wird nach den Zuweisungsregeln des Unternehmens neu zugewiesen.',
  reassignBookMode: 'Nicht verfügbar: Leads sind im Buchmodus.',
  confirmReject: 'Zurückweisung bestätigen',
  rejecting: 'Wird zurückgewiesen…',
  cancel: 'Abbrechen',
  reload: 'Lead neu laden',
  retry: 'Erneut versuchen',
  codeRequired: 'Wählen Sie einen Zurückweisungscode aus.',
  reasonRequired: (label) => `Geben Sie einen Grund ein: Code „${label}“ erfordert ihn.`,
  reasonTooLong: (length, max) => `Kürzen Sie den Grund auf ${max} Zeichen (jetzt ${length}).`,
  notQualified: 'Nur qualifizierte Leads können zurückgewiesen werden.',
  conflictNotQualified: 'Der Lead ist nicht mehr qualifiziert: Laden Sie ihn neu.',
  conflictVersion: 'Jemand hat den Lead geändert: Laden Sie ihn neu und bestätigen Sie erneut.',
  network: 'Das CRM ist nicht erreichbar: Versuchen Sie es erneut.',
  kept: 'Ihre Eingaben bleiben erhalten.',
  noPrivilege: 'Ihrer Rolle fehlt die Berechtigung „Leads zurückweisen“.',
  summaryTitle: 'Lead zurückgewiesen',
  rejectedBy: 'Zurückgewiesen von',
  rejectedAt: 'Zurückgewiesen am',
  newOwner: 'Neuer Verantwortlicher',
};

/** The strings for a BCP 47 locale: German for `de` and its regions (`de-AT`), else English. */
export function stringsFor(locale: string | undefined): RejectLeadStrings {
  return /^de(?![a-z])/i.test(locale ?? '') ? STRINGS_DE : STRINGS_EN;
}
