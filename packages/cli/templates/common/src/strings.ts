import type {LeadStatus} from '@crmkit/sdk';

/** Every text the panel shows, in English and German. */
export interface Strings {
  title: string;
  greeting: (name: string) => string;
  lead: string;
  company: string;
  status: string;
  loading: string;
  failed: string;
  noPermission: string;
  statuses: Record<LeadStatus, string>;
}

const STRINGS: Record<'en' | 'de', Strings> = {
  en: {
    title: '__TITLE__',
    greeting: (name) => `Hello, ${name}`,
    lead: 'Lead',
    company: 'Company',
    status: 'Lead Status',
    loading: 'Loading…',
    failed: 'The lead could not be loaded.',
    noPermission: 'This panel may not read leads.',
    statuses: {
      Qualifying: 'Qualifying',
      Qualified: 'Qualified',
      Converted: 'Converted',
      Rejected: 'Rejected',
      Archived: 'Archived',
    },
  },
  de: {
    title: '__TITLE__',
    greeting: (name) => `Hallo, ${name}`,
    lead: 'Lead',
    company: 'Unternehmen',
    status: 'Lead-Status',
    loading: 'Wird geladen…',
    failed: 'Der Lead konnte nicht geladen werden.',
    noPermission: 'Dieser Bereich darf keine Leads lesen.',
    statuses: {
      Qualifying: 'In Qualifizierung',
      Qualified: 'Qualifiziert',
      Converted: 'Konvertiert',
      Rejected: 'Zurückgewiesen',
      Archived: 'Archiviert',
    },
  },
};

/** German for `de` and `de-*`, English otherwise. */
export function stringsFor(locale: string | undefined): Strings {
  return /^de(-|$)/i.test(locale ?? '') ? STRINGS.de : STRINGS.en;
}
