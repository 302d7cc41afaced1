import type {LeadStatus, OwnershipMode, Privilege} from '@crmkit/sdk';

/** The languages the dev-host pages speak. */
export const PAGE_LANGUAGES = ['de', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export function isPageLanguage(value: unknown): value is PageLanguage {
  return value === 'de' || value === 'en';
}

/**
 * Every user-visible string of the dev-host pages, in English and German. The seed's German terms are the
 * German labels (Lead-Details, Lead-Status, Zurückgewiesen, Zurückweisungscode, Zurückweisungsgrund).
 * Pure data: used by the server (page shell) and by the page scripts in the browser.
 */
const en = {
  appName: 'crmkit demo CRM',
  skipToContent: 'Skip to content',
  navLabel: 'Main',
  navLeads: 'Leads',
  navAdmin: 'Administration',
  sessionLabel: 'Demo user and language',
  user: 'User',
  noUser: '(not signed in)',
  language: 'Language',
  switchSession: 'Switch',
  loading: 'Loading…',
  chooseUser: 'Choose a demo user above to sign in (no password: demo only).',
  demoSignIn:
    'Demo sign-in: you are {name}, picked from the list or by ?as= in the link, without a password. Anyone can sign in as anyone here; not for real data.',
  unknownToken:
    'The token "{token}" is not a known demo user. Choose a user above (anna, sofia, max or lena).',
  networkError: 'The server could not be reached. Check that the dev host is running, then reload.',
  loadFailed: 'Could not load the data: {message}',
  reload: 'Reload',
  // lead list
  leadsTitle: 'Leads',
  statusFilter: 'Lead Status',
  allStatuses: 'All statuses',
  applyFilter: 'Filter',
  leadsCount: '{count} leads',
  leadsCountOne: '1 lead',
  leadsCountMore: '{count} leads shown; more follow.',
  loadMoreLeads: 'Show more leads',
  loadingMoreLeads: 'Loading more leads…',
  noLeads: 'No leads with this status.',
  unknownStatus: 'There is no Lead Status "{status}": showing all leads.',
  colName: 'Name',
  colCompany: 'Company',
  colStatus: 'Lead Status',
  colOwner: 'Owner',
  colCountry: 'Country',
  // lead detail
  leadDetail: 'Lead Detail',
  leadInformation: 'Lead information',
  backToList: 'Back to the lead list',
  leadNotFound: 'There is no lead with the id "{id}".',
  fieldCompany: 'Company',
  fieldEmail: 'Email',
  fieldPhone: 'Phone',
  fieldCountry: 'Country',
  fieldRegion: 'Region',
  fieldRating: 'Rating',
  fieldSource: 'Source',
  fieldStatus: 'Lead Status',
  fieldOwner: 'Owner',
  fieldOriginalOwner: 'Original owner',
  fieldVersion: 'Version',
  noOwner: '(none)',
  actionsTitle: 'Actions',
  noActions: 'No actions are available to you for this lead.',
  panelsTitle: 'Plugin panels',
  rejectionTitle: 'Rejection',
  rejectedBy: 'Rejected by',
  rejectCode: 'Reject Code',
  rejectReason: 'Reject Reason',
  rejectedAt: 'Rejected at',
  noReason: '(no reason given)',
  newOwner: 'New owner',
  assignedByRule: 'Reassigned by the rule "{rule}".',
  assignedToUnassignedOwner: 'No rule matched: the lead went to the unassigned owner.',
  leadRejectedNotice: 'The lead was rejected. Lead Status is now Rejected.',
  pluginDenied: 'The plugin {plugin} was refused {call}: {privilege} ({code}).',
  // admin
  adminTitle: 'Administration',
  needsPrivilege: 'You need the privilege {privilege} for this section.',
  save: 'Save',
  saved: 'Saved.',
  saving: 'Saving…',
  ownershipTitle: 'Ownership mode of leads',
  ownershipHelp:
    'User: an owner is required. Book: a book is required and Reassign Owner is not allowed. Mixed: neither is required.',
  rejectCodesTitle: 'Reject codes',
  rejectCodesHelp:
    'Rename, add and deactivate codes. The key OTHER always requires a reject reason, whatever its label.',
  colKey: 'Key',
  colLabelEn: 'Label (English)',
  colLabelDe: 'Label (German)',
  colActive: 'Active',
  addCode: 'Add code',
  newCodeKey: 'Key of the new code',
  newCodeHint: 'Upper case letters, digits and _, e.g. WRONG_REGION.',
  codeKeyInvalid: 'The key "{key}" is not valid: use upper case letters, digits and _.',
  codeKeyTaken: 'The key "{key}" is already used.',
  rulesTitle: 'Assignment rules',
  rulesHelp:
    'Paste a ruleset (JSON) or upload a file, then activate it. An invalid ruleset is refused with its findings; the active one stays.',
  rulesText: 'Ruleset (JSON)',
  rulesUpload: 'Upload a JSON file',
  activate: 'Activate',
  activated: 'The ruleset is active.',
  rulesRefused: 'The ruleset was refused; the active one stays. Findings:',
  invalidJson: 'This is not valid JSON: {message}',
  findingAt: 'Line {line}, column {column}',
  statsTitle: 'Which rule matches how many current leads',
  statsCaption:
    'Current leads ({total}) by the rule that would assign them if each were rejected and reassigned now.',
  colRule: 'Rule',
  colMatched: 'Leads',
  colShare: 'Share',
  unassignedOwnerRow: 'No rule (unassigned owner)',
  pluginsTitle: 'Plugins',
  colPluginId: 'Plugin',
  colVersion: 'Version',
  noPlugins: 'No plugins are installed.',
  pluginSettings: 'Settings of {plugin}',
  installTitle: 'Install a plugin',
  install: 'Install',
  // ownership modes and statuses
  'ownership.user': 'User',
  'ownership.mixed': 'Mixed',
  'ownership.book': 'Book',
  'status.Qualifying': 'Qualifying',
  'status.Qualified': 'Qualified',
  'status.Converted': 'Converted',
  'status.Rejected': 'Rejected',
  'status.Archived': 'Archived',
  'role.Administrator': 'Administrator',
  'role.Sales Manager': 'Sales Manager',
  'role.Sales Rep': 'Sales Rep',
  'role.Marketing': 'Marketing',
  'privilege.leads.read': 'Read Leads',
  'privilege.leads.reject': 'Reject Leads',
  'privilege.leads.qualify': 'Qualify Leads',
  'privilege.leads.convert': 'Convert Leads',
  'privilege.leads.archive': 'Archive Leads',
  'privilege.assignment.manage': 'Manage Assignment Rules',
  'privilege.plugins.manage': 'Manage Plugins and Settings',
};

export type PageStringKey = keyof typeof en;

const de: Record<PageStringKey, string> = {
  appName: 'crmkit Demo-CRM',
  skipToContent: 'Zum Inhalt springen',
  navLabel: 'Hauptnavigation',
  navLeads: 'Leads',
  navAdmin: 'Administration',
  sessionLabel: 'Demo-Benutzer und Sprache',
  user: 'Benutzer',
  noUser: '(nicht angemeldet)',
  language: 'Sprache',
  switchSession: 'Wechseln',
  loading: 'Wird geladen…',
  chooseUser: 'Wählen Sie oben einen Demo-Benutzer, um sich anzumelden (ohne Passwort: nur Demo).',
  demoSignIn:
    'Demo-Anmeldung: Sie sind {name}, gewählt aus der Liste oder per ?as= im Link, ohne Passwort. Hier kann sich jeder als jeder anmelden; nicht für echte Daten.',
  unknownToken:
    'Das Token „{token}“ gehört zu keinem Demo-Benutzer. Wählen Sie oben einen Benutzer (anna, sofia, max oder lena).',
  networkError:
    'Der Server ist nicht erreichbar. Prüfen Sie, ob der Dev-Host läuft, und laden Sie die Seite neu.',
  loadFailed: 'Die Daten konnten nicht geladen werden: {message}',
  reload: 'Neu laden',
  leadsTitle: 'Leads',
  statusFilter: 'Lead-Status',
  allStatuses: 'Alle Status',
  applyFilter: 'Filtern',
  leadsCount: '{count} Leads',
  leadsCountOne: '1 Lead',
  leadsCountMore: '{count} Leads angezeigt; weitere folgen.',
  loadMoreLeads: 'Weitere Leads anzeigen',
  loadingMoreLeads: 'Weitere Leads werden geladen…',
  noLeads: 'Keine Leads mit diesem Status.',
  unknownStatus: 'Es gibt keinen Lead-Status „{status}“: Alle Leads werden angezeigt.',
  colName: 'Name',
  colCompany: 'Unternehmen',
  colStatus: 'Lead-Status',
  colOwner: 'Verantwortlicher',
  colCountry: 'Land',
  leadDetail: 'Lead-Details',
  leadInformation: 'Lead-Informationen',
  backToList: 'Zurück zur Lead-Liste',
  leadNotFound: 'Es gibt keinen Lead mit der ID „{id}“.',
  fieldCompany: 'Unternehmen',
  fieldEmail: 'E-Mail',
  fieldPhone: 'Telefon',
  fieldCountry: 'Land',
  fieldRegion: 'Region',
  fieldRating: 'Bewertung',
  fieldSource: 'Quelle',
  fieldStatus: 'Lead-Status',
  fieldOwner: 'Verantwortlicher',
  fieldOriginalOwner: 'Ursprünglicher Verantwortlicher',
  fieldVersion: 'Version',
  noOwner: '(keiner)',
  actionsTitle: 'Aktionen',
  noActions: 'Für diesen Lead stehen Ihnen keine Aktionen zur Verfügung.',
  panelsTitle: 'Plugin-Bereiche',
  rejectionTitle: 'Zurückweisung',
  rejectedBy: 'Zurückgewiesen von',
  rejectCode: 'Zurückweisungscode',
  rejectReason: 'Zurückweisungsgrund',
  rejectedAt: 'Zurückgewiesen am',
  noReason: '(kein Grund angegeben)',
  newOwner: 'Neuer Verantwortlicher',
  assignedByRule: 'Neu zugewiesen durch die Regel „{rule}“.',
  assignedToUnassignedOwner:
    'Keine Regel traf zu: Der Lead ging an den Verantwortlichen für nicht zugewiesene Leads.',
  leadRejectedNotice: 'Der Lead wurde zurückgewiesen. Der Lead-Status ist jetzt Zurückgewiesen.',
  pluginDenied: 'Dem Plugin {plugin} wurde {call} verweigert: {privilege} ({code}).',
  adminTitle: 'Administration',
  needsPrivilege: 'Für diesen Bereich brauchen Sie die Berechtigung {privilege}.',
  save: 'Speichern',
  saved: 'Gespeichert.',
  saving: 'Wird gespeichert…',
  ownershipTitle: 'Besitzmodus für Leads',
  ownershipHelp:
    'Benutzer: Ein Verantwortlicher ist erforderlich. Buch: Ein Buch ist erforderlich, Verantwortlichen neu zuweisen ist nicht erlaubt. Gemischt: Keines von beiden ist erforderlich.',
  rejectCodesTitle: 'Zurückweisungscodes',
  rejectCodesHelp:
    'Codes umbenennen, hinzufügen und deaktivieren. Der Schlüssel OTHER verlangt immer einen Zurückweisungsgrund, egal wie er heißt.',
  colKey: 'Schlüssel',
  colLabelEn: 'Bezeichnung (Englisch)',
  colLabelDe: 'Bezeichnung (Deutsch)',
  colActive: 'Aktiv',
  addCode: 'Code hinzufügen',
  newCodeKey: 'Schlüssel des neuen Codes',
  newCodeHint: 'Großbuchstaben, Ziffern und _, z. B. WRONG_REGION.',
  codeKeyInvalid:
    'Der Schlüssel „{key}“ ist ungültig: Verwenden Sie Großbuchstaben, Ziffern und _.',
  codeKeyTaken: 'Der Schlüssel „{key}“ ist schon vergeben.',
  rulesTitle: 'Zuweisungsregeln',
  rulesHelp:
    'Fügen Sie einen Regelsatz (JSON) ein oder laden Sie eine Datei hoch und aktivieren Sie ihn. Ein ungültiger Regelsatz wird mit seinen Befunden abgelehnt; der aktive bleibt.',
  rulesText: 'Regelsatz (JSON)',
  rulesUpload: 'JSON-Datei hochladen',
  activate: 'Aktivieren',
  activated: 'Der Regelsatz ist aktiv.',
  rulesRefused: 'Der Regelsatz wurde abgelehnt; der aktive bleibt. Befunde:',
  invalidJson: 'Das ist kein gültiges JSON: {message}',
  findingAt: 'Zeile {line}, Spalte {column}',
  statsTitle: 'Welche Regel wie viele aktuelle Leads trifft',
  statsCaption:
    'Aktuelle Leads ({total}) nach der Regel, die sie zuweisen würde, wenn jeder jetzt zurückgewiesen und neu zugewiesen würde.',
  colRule: 'Regel',
  colMatched: 'Leads',
  colShare: 'Anteil',
  unassignedOwnerRow: 'Keine Regel (Verantwortlicher für nicht zugewiesene Leads)',
  pluginsTitle: 'Plugins',
  colPluginId: 'Plugin',
  colVersion: 'Version',
  noPlugins: 'Es sind keine Plugins installiert.',
  pluginSettings: 'Einstellungen von {plugin}',
  installTitle: 'Plugin installieren',
  install: 'Installieren',
  'ownership.user': 'Benutzer',
  'ownership.mixed': 'Gemischt',
  'ownership.book': 'Buch',
  'status.Qualifying': 'In Qualifizierung',
  'status.Qualified': 'Qualifiziert',
  'status.Converted': 'Konvertiert',
  'status.Rejected': 'Zurückgewiesen',
  'status.Archived': 'Archiviert',
  'role.Administrator': 'Administratorin',
  'role.Sales Manager': 'Vertriebsleiterin',
  'role.Sales Rep': 'Vertriebsmitarbeiter',
  'role.Marketing': 'Marketing',
  'privilege.leads.read': 'Leads lesen',
  'privilege.leads.reject': 'Leads zurückweisen',
  'privilege.leads.qualify': 'Leads qualifizieren',
  'privilege.leads.convert': 'Leads konvertieren',
  'privilege.leads.archive': 'Leads archivieren',
  'privilege.assignment.manage': 'Zuweisungsregeln verwalten',
  'privilege.plugins.manage': 'Plugins und Einstellungen verwalten',
};

export const PAGE_STRINGS: Readonly<Record<PageLanguage, Readonly<Record<PageStringKey, string>>>> =
  {en, de};

/** A translator for one language: `t('signedInAs', {name, role})` fills `{name}` and `{role}`. */
export type Translate = (key: PageStringKey, values?: Record<string, string | number>) => string;

export function translator(lang: PageLanguage): Translate {
  const table = PAGE_STRINGS[lang];
  return (key, values) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}

export function statusLabel(t: Translate, status: LeadStatus): string {
  return t(`status.${status}`);
}

export function ownershipLabel(t: Translate, mode: OwnershipMode): string {
  return t(`ownership.${mode}`);
}

export function privilegeLabel(t: Translate, privilege: Privilege): string {
  return t(`privilege.${privilege}`);
}

/** A demo role's label, or the role itself when the table has none. */
export function roleLabel(t: Translate, role: string): string {
  const key = `role.${role}`;
  return key in en ? t(key as PageStringKey) : role;
}
