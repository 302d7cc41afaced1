import type {Lead, LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';

/**
 * The demo data of the reference host and of the msw mock host: the same users, leads and reject codes,
 * so that a plugin tested offline against the mock sees what it will see against the dev host, and the
 * contract tests can run the same cases against both. Demo only: the bearer tokens are the user names.
 */

export interface DemoUser {
  id: string;
  name: string;
  /** The id of the user's role in DEMO_ROLES: the user's privileges are the role's. */
  roleId: string;
  locale: 'de' | 'en';
  managerId: string | null;
  active: boolean;
  /** The bearer token; null for users who cannot sign in (assignment targets only). */
  token: string | null;
}

export interface DemoRole {
  id: string;
  name: {en: string; de: string};
  privileges: Privilege[];
}

export interface DemoRejectCode {
  key: string;
  labels: {en: string; de: string; [locale: string]: string};
  active: boolean;
}

const allLeads: Privilege[] = [
  'leads.read',
  'leads.reject',
  'leads.qualify',
  'leads.convert',
  'leads.archive',
];

/** The demo roles: what each kind of user may do (admins edit them on the admin page). */
export const DEMO_ROLES: readonly DemoRole[] = [
  {
    id: 'administrator',
    name: {en: 'Administrator', de: 'Administrator'},
    privileges: [...allLeads, 'assignment.manage', 'plugins.manage'],
  },
  {
    id: 'sales-manager',
    name: {en: 'Sales Manager', de: 'Vertriebsleiter'},
    privileges: [...allLeads],
  },
  {
    id: 'sales-rep',
    name: {en: 'Sales Rep', de: 'Vertriebsmitarbeiter'},
    privileges: ['leads.read', 'leads.reject', 'leads.qualify', 'leads.convert'],
  },
  {
    id: 'marketing',
    name: {en: 'Marketing', de: 'Marketing'},
    privileges: ['leads.read', 'leads.qualify', 'leads.archive'],
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'anna',
    name: 'Anna Schmidt',
    roleId: 'administrator',
    locale: 'de',
    managerId: null,
    active: true,
    token: 'anna',
  },
  {
    id: 'sofia',
    name: 'Sofia Romano',
    roleId: 'sales-manager',
    locale: 'en',
    managerId: 'anna',
    active: true,
    token: 'sofia',
  },
  {
    id: 'max',
    name: 'Max Müller',
    roleId: 'sales-rep',
    locale: 'de',
    managerId: 'sofia',
    active: true,
    token: 'max',
  },
  {
    id: 'lena',
    name: 'Lena Fischer',
    roleId: 'marketing',
    locale: 'de',
    managerId: 'sofia',
    active: true,
    token: 'lena',
  },
  {
    id: 'jonas',
    name: 'Jonas Weber',
    roleId: 'sales-rep',
    locale: 'en',
    managerId: 'sofia',
    active: true,
    token: null,
  },
  {
    id: 'petra',
    name: 'Petra Wagner',
    roleId: 'sales-rep',
    locale: 'de',
    managerId: 'sofia',
    active: false,
    token: null,
  },
  {
    id: 'lead-desk',
    name: 'Lead Desk',
    roleId: 'sales-rep',
    locale: 'en',
    managerId: 'sofia',
    active: true,
    token: null,
  },
];

/** The user who receives a reassigned lead that no rule matches (the ruleset's `unassignedOwner`). */
export const DEMO_UNASSIGNED_OWNER = 'lead-desk';

/** Ownership mode of the lead record type in the demo. */
export const DEMO_OWNERSHIP_MODE: OwnershipMode = 'mixed';

/** The 14 default reject codes in picklist order, with stable keys and German and English labels. */
export const DEFAULT_REJECT_CODES: readonly DemoRejectCode[] = [
  {
    key: 'THIRD_PARTY_CONTACT',
    labels: {en: '3rd Party Contact', de: 'Kontakt über Dritte'},
    active: true,
  },
  {
    key: 'DO_NOT_CONTACT_AGAIN',
    labels: {en: 'Do Not Contact Again', de: 'Nicht erneut kontaktieren'},
    active: true,
  },
  {key: 'DUPLICATE', labels: {en: 'Duplicate', de: 'Duplikat'}, active: true},
  {
    key: 'FAILED_TO_REACH_CONTACT',
    labels: {en: 'Failed to Reach Contact', de: 'Kontakt nicht erreicht'},
    active: true,
  },
  {
    key: 'INAPPROPRIATE_CONTACT',
    labels: {en: 'Inappropriate Contact', de: 'Ungeeigneter Kontakt'},
    active: true,
  },
  {
    key: 'INSUFFICIENT_DATA',
    labels: {en: 'Insufficient Data', de: 'Unzureichende Daten'},
    active: true,
  },
  {
    key: 'INVALID_PHONE_NUMBER',
    labels: {en: 'Invalid Phone Number', de: 'Ungültige Telefonnummer'},
    active: true,
  },
  {
    key: 'NO_BUSINESS_OPPORTUNITY',
    labels: {en: 'No Business Opportunity', de: 'Keine Geschäftsmöglichkeit'},
    active: true,
  },
  {
    key: 'OPPORTUNITY_IN_PROGRESS',
    labels: {en: 'Opportunity in Progress', de: 'Verkaufsprojekt in Bearbeitung'},
    active: true,
  },
  {key: 'OTHER', labels: {en: 'Other', de: 'Sonstige'}, active: true},
  {
    key: 'RECENTLY_CONTACTED',
    labels: {en: 'Recently Contacted (<30 days)', de: 'Kürzlich kontaktiert (< 30 Tage)'},
    active: true,
  },
  {
    key: 'DATA_ENTRY_SYSTEM_ERROR',
    labels: {en: 'Data Entry/System Error', de: 'Dateneingabe-/Systemfehler'},
    active: true,
  },
  {
    key: 'ALREADY_OWNS_PRODUCT',
    labels: {en: 'Already Owns Product', de: 'Besitzt das Produkt bereits'},
    active: true,
  },
  {
    key: 'TARGETING_CRITERIA_NOT_MET',
    labels: {en: 'Targeting Criteria Not Met', de: 'Zielkriterien nicht erfüllt'},
    active: true,
  },
];

const firstNames = [
  'Jana',
  'Lukas',
  'Mia',
  'Paul',
  'Emma',
  'Felix',
  'Hanna',
  'Leon',
  'Clara',
  'Noah',
  'Ida',
  'Elias',
  'Sara',
  'Jakob',
  'Lea',
  'Tim',
  'Nora',
];
const lastNames = [
  'Krüger',
  'Becker',
  'Hoffmann',
  'Schulz',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Braun',
  'Zimmermann',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Meier',
  'Lehmann',
  'Huber',
  'Kaiser',
];
const companies = [
  'Nordwind Logistik GmbH',
  'Alpenblick Software AG',
  'Rheinwerk Maschinenbau',
  'Blue Harbor Ltd',
  'Solara Energy',
  'Kessler & Partner',
  'Vitalis Health',
  'Brightline Retail',
  'Hansa Textil',
  'Orbis Consulting',
  'Grünfeld Agrar',
  'Meridian Foods',
  'Atlas Freight Inc',
  'Lumen Optics',
  'Quellwasser Brauerei',
];
const countries: [string, string][] = [
  ['DE', 'EMEA'],
  ['AT', 'EMEA'],
  ['CH', 'EMEA'],
  ['GB', 'EMEA'],
  ['US', 'NA'],
  ['CA', 'NA'],
  ['JP', 'APAC'],
  ['AU', 'APAC'],
];
const ratings = ['A', 'B', 'C'];
const sources = ['Web', 'Trade Show', 'Referral', 'Partner', 'Cold Call'];
/** Status of each demo lead, by position: 14 Qualified, 12 Qualifying, 8 of each other status. */
const statuses: LeadStatus[] = [
  ...Array<LeadStatus>(14).fill('Qualified'),
  ...Array<LeadStatus>(12).fill('Qualifying'),
  ...Array<LeadStatus>(8).fill('Converted'),
  ...Array<LeadStatus>(8).fill('Rejected'),
  ...Array<LeadStatus>(8).fill('Archived'),
];
/**
 * [original owner, current owner] pairs, cycled so that every assignment policy can be seen: back to an
 * active original owner, to an inactive one's manager (petra), to the current owner's manager.
 */
const owners: [string, string][] = [
  ['max', 'max'],
  ['jonas', 'max'],
  ['petra', 'jonas'],
  ['max', 'sofia'],
  ['jonas', 'jonas'],
  ['petra', 'max'],
  ['sofia', 'max'],
];
const rejectedWith: [string, string | undefined][] = [
  ['DUPLICATE', undefined],
  ['OTHER', 'Company was acquired; contact left.'],
  ['INVALID_PHONE_NUMBER', undefined],
  ['NO_BUSINESS_OPPORTUNITY', 'No budget this year.'],
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The 50 demo leads, always the same (ids L-1001 … L-1050). */
export function demoLeads(): Lead[] {
  return statuses.map((status, i) => {
    const [country, region] = pick(countries, i * 3);
    const [originalOwnerId, ownerId] = pick(owners, i);
    const firstName = pick(firstNames, i);
    const lastName = pick(lastNames, i * 7 + 3);
    const company = pick(companies, i * 5 + 1);
    const lead: Lead = {
      id: `L-${1001 + i}`,
      firstName,
      lastName,
      company,
      status,
      ownerId,
      originalOwnerId,
      version: 1,
      email: `${firstName}.${lastName}@example.com`
        .toLowerCase()
        .replace(/ü/g, 'ue')
        .replace(/ö/g, 'oe')
        .replace(/ä/g, 'ae'),
      phone: `+49 30 ${String(5550100 + i * 37).padStart(7, '0')}`,
      country,
      region,
      rating: pick(ratings, i),
      source: pick(sources, i * 2),
    };
    if (status === 'Rejected') {
      const [code, reason] = pick(rejectedWith, i);
      lead.rejection = {
        code,
        ...(reason ? {reason} : {}),
        rejectedBy: {id: 'sofia', name: 'Sofia Romano'},
        rejectedAt: new Date(Date.UTC(2026, 9, 1 + i, 9, 30)).toISOString(),
      };
    }
    return lead;
  });
}
