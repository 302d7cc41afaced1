import type {PageLanguage} from './page-strings.js';

/**
 * The strings of the admin page's plugin-package, roles, users and audit sections, in English and
 * German. The strings the pages share (Save, Saved., Plugins, privilege and status names, …) stay in
 * page-strings.ts; this table holds only what these sections add. Pure data, like page-strings.ts.
 */
const en = {
  // rule studio: the editor
  editorLoading: 'Loading the editor…',
  editorFailed:
    'The editor could not be loaded ({message}). Edit the ruleset as plain text below; the host still checks it.',
  editorHelp:
    'Line numbers on the left. Ctrl+Space suggests what fits at the cursor (from the ruleset format); arrow keys choose, Enter accepts. Tab leaves the editor. The findings below follow as you type; choose one to select its place.',
  findingsTitle: 'Findings',
  findingsNone: 'No findings: the ruleset is clean.',
  findingsSummary: 'Errors: {errors}, warnings: {warnings}',
  findingsUnavailable:
    'The ruleset cannot be checked in this browser; the host checks it on preview and activation.',
  severityError: 'Error',
  severityWarning: 'Warning',
  hoverType: 'Type: {type}',
  hoverValues: 'Allowed: {values}',
  hoverPattern: 'Form: {pattern}',
  listOr: 'or',
  // rule studio: the preview
  previewTitle: 'Preview before activation',
  previewHelp:
    'Which leads the ruleset in the editor would give another owner than the active ruleset: every current lead as if rejected now with the chosen reject code, and the last recorded rejections replayed with their own codes. Nothing is activated.',
  previewRejectCode: 'Reject code for the current leads',
  previewReplay: 'Replay the last N rejections',
  previewButton: 'Preview',
  previewing: 'Computing the preview…',
  previewRefused:
    'The ruleset in the editor has errors; a preview needs a ruleset without errors. Findings:',
  previewDone: 'Preview ready: leads that would get another owner: {count}.',
  previewStale: 'The editor has changed since this preview: preview again to see the effect.',
  previewLeadsTitle: 'Current leads, as if rejected now as “{code}” ({evaluated} evaluated)',
  previewReplayedTitle: 'The last recorded rejections, replayed ({evaluated} evaluated)',
  previewNoChange: 'No lead would get another owner.',
  previewMoveOne: '1 lead would go to {to} instead of {from}',
  previewMove: '{count} leads would go to {to} instead of {from}',
  previewStayOne: '1 lead would stay with {owner}, by another rule',
  previewStay: '{count} leads would stay with {owner}, by another rule',
  previewLeadsStay: 'The leads that would stay with {owner}',
  previewNobody: 'nobody',
  previewLeadsOf: 'The leads that would go to {to} instead of {from}',
  previewByRule: 'by the rule “{rule}”',
  previewByFallback: 'as the unassigned owner',
  previewMore: '… and {count} more.',
  colNow: 'Now',
  colCandidate: 'With the editor’s ruleset',
  chartTitle: 'Leads per rule: active ruleset and the editor’s, side by side',
  chartCaption:
    'Leads per rule over {total} evaluated leads (current leads as if rejected as “{code}”, and the replayed rejections): the active ruleset (version {version}) and the one in the editor.',
  chartCaptionNoActive:
    'Leads per rule over {total} evaluated leads (current leads as if rejected as “{code}”, and the replayed rejections): no ruleset is active; the one in the editor.',
  chartActive: 'Active',
  chartCandidate: 'Editor',
  chartNotInRuleset: 'not in this ruleset',
  // rule studio: versions
  versionsTitle: 'Versions',
  versionsHelp:
    'Every activation is kept, newest first. Rolling back makes an earlier version’s ruleset active again as a new version; the history stays.',
  noVersions: 'No ruleset has been activated yet.',
  versionActive: 'active',
  versionNoActor: 'initial data',
  colActivatedAt: 'Activated',
  colView: 'View',
  viewVersion: 'View version {version}',
  versionTitle: 'Version {version}',
  versionRuleset: 'Ruleset of version {version}',
  openInEditor: 'Put into the editor',
  openedInEditor:
    'The editor now holds the ruleset of version {version} (not active until you activate it).',
  diffFrom: 'Compare version',
  diffTo: 'with version',
  diffButton: 'Show the differences',
  diffSummary: 'Version {from} → version {to}: lines added: {added}, removed: {removed}.',
  diffSame: 'Versions {from} and {to} have the same ruleset.',
  diffUnchanged: '… {count} unchanged lines …',
  diffAdded: 'added:',
  diffRemoved: 'removed:',
  rollBackVersion: 'Roll back to this version',
  rollBackQuestion:
    'Make the ruleset of version {version} active again? It becomes a new version; the current one stays in the list.',
  confirmRollBack: 'Yes, roll back to version {version}',
  rolledBackRules: 'The ruleset of version {from} is active again, as version {version}.',
  // plugin packages
  uploadHelp:
    'Upload the package (.tgz) that crmkit pack wrote. A new plugin is installed disabled: review its permissions, then enable it. Another version of an installed plugin is only stored and offered as an upgrade.',
  packageFile: 'Plugin package (.tgz)',
  dropZone: 'Or drop the package file here.',
  chosenFile: 'Chosen: {name} ({size})',
  noFileChosen: 'Choose a plugin package (.tgz) first, or drop one on the field.',
  uploading: 'Uploading…',
  uploadInstalled:
    'The plugin {id} {version} is installed, disabled. Review its permissions below, then enable it.',
  uploadStored:
    'Version {version} of {id} is stored. It runs only once you upgrade to it below; version {running} keeps running.',
  uploadUnchanged: 'This package ({id} {version}) was stored already; nothing changed.',
  pluginId: 'Id',
  pluginSize: 'Package size',
  pluginStatus: 'Status',
  pluginEnabled: 'Enabled',
  pluginDisabled: 'Disabled',
  pluginPermissions: 'Permissions',
  pluginExtensionPoints: 'Extension points',
  noneDeclared: 'None declared.',
  enable: 'Enable',
  disable: 'Disable',
  enableConsent: 'Enabling {plugin} grants it the permissions listed above: {permissions}.',
  enableConsentNone: 'Enabling {plugin} grants it no permissions.',
  pluginWasEnabled: '{plugin} is enabled with the permissions: {permissions}.',
  pluginWasEnabledNone: '{plugin} is enabled; it has no permissions.',
  pluginWasDisabled: '{plugin} is disabled: pages no longer load it.',
  uninstall: 'Uninstall',
  uninstallQuestion: 'Uninstall {plugin}? The installation and every stored version are removed.',
  confirmUninstall: 'Yes, uninstall {plugin}',
  cancel: 'Cancel',
  pluginUninstalled: 'The plugin {plugin} is uninstalled.',
  rollBack: 'Roll back to {version}',
  rolledBack: '{plugin} runs version {version} again.',
  upgradeTo: 'Upgrade to {version}',
  upgradeAdds: 'Version {version} adds the permissions: {permissions}. Upgrading grants them.',
  upgradeAddsNone: 'Version {version} adds no permissions.',
  upgraded: '{plugin} now runs version {version}.',
  // roles
  rolesTitle: 'Roles and privileges',
  rolesHelp:
    'Tick the privileges each role grants, then save that role. Its users get the change with their next request. At least one active user must keep Manage Plugins and Settings.',
  colRole: 'Role',
  colSaveRole: 'Save',
  rolePrivilege: '{privilege}: {role}',
  roleSaved: 'The role {role} is saved.',
  // users
  usersTitle: 'Users',
  usersHelp: 'Give each user a role. It applies from their next request.',
  colUser: 'User',
  colUserId: 'Id',
  colUserActive: 'Status',
  userActive: 'Active',
  userInactive: 'Inactive',
  userRole: 'Role of {user}',
  userSaved: '{user} now has the role {role}.',
  // audit
  auditTitle: 'Audit trail',
  auditHelp: 'Who changed what, newest first. Filter by lead, user or plugin.',
  auditLead: 'Lead id',
  auditUser: 'User',
  auditAllUsers: 'All users',
  auditPlugin: 'Plugin id',
  auditLimit: 'At most (entries)',
  auditCount: '{count} entries',
  auditCountOne: '1 entry',
  noAudit: 'No entries match these filters.',
  colTime: 'Time',
  colActor: 'By',
  colAction: 'Action',
  colLead: 'Lead',
  colData: 'Data',
};

export type AdminPageStringKey = keyof typeof en;

const de: Record<AdminPageStringKey, string> = {
  editorLoading: 'Der Editor wird geladen…',
  editorFailed:
    'Der Editor konnte nicht geladen werden ({message}). Bearbeiten Sie den Regelsatz unten als Text; der Host prüft ihn trotzdem.',
  editorHelp:
    'Zeilennummern stehen links. Strg+Leertaste schlägt vor, was an der Cursorposition passt (aus dem Regelsatzformat); mit den Pfeiltasten wählen, mit der Eingabetaste übernehmen. Die Tabulatortaste verlässt den Editor. Die Befunde darunter folgen beim Tippen; ein Befund markiert seine Stelle.',
  findingsTitle: 'Befunde',
  findingsNone: 'Keine Befunde: Der Regelsatz ist in Ordnung.',
  findingsSummary: 'Fehler: {errors}, Warnungen: {warnings}',
  findingsUnavailable:
    'Der Regelsatz kann in diesem Browser nicht geprüft werden; der Host prüft ihn bei Vorschau und Aktivierung.',
  severityError: 'Fehler',
  severityWarning: 'Warnung',
  hoverType: 'Typ: {type}',
  hoverValues: 'Erlaubt: {values}',
  hoverPattern: 'Form: {pattern}',
  listOr: 'oder',
  previewTitle: 'Vorschau vor der Aktivierung',
  previewHelp:
    'Welche Leads der Regelsatz im Editor einem anderen Verantwortlichen gäbe als der aktive Regelsatz: jeder aktuelle Lead, als würde er jetzt mit dem gewählten Zurückweisungscode zurückgewiesen, und die letzten aufgezeichneten Zurückweisungen, mit ihren eigenen Codes nachgespielt. Nichts wird aktiviert.',
  previewRejectCode: 'Zurückweisungscode für die aktuellen Leads',
  previewReplay: 'Die letzten N Zurückweisungen nachspielen',
  previewButton: 'Vorschau',
  previewing: 'Die Vorschau wird berechnet…',
  previewRefused:
    'Der Regelsatz im Editor hat Fehler; eine Vorschau braucht einen Regelsatz ohne Fehler. Befunde:',
  previewDone: 'Vorschau fertig: Leads, die einen anderen Verantwortlichen bekämen: {count}.',
  previewStale:
    'Der Editor wurde seit dieser Vorschau geändert: Zeigen Sie die Vorschau erneut an, um die Wirkung zu sehen.',
  previewLeadsTitle:
    'Aktuelle Leads, als würden sie jetzt mit „{code}“ zurückgewiesen ({evaluated} ausgewertet)',
  previewReplayedTitle:
    'Die letzten aufgezeichneten Zurückweisungen, nachgespielt ({evaluated} ausgewertet)',
  previewNoChange: 'Kein Lead bekäme einen anderen Verantwortlichen.',
  previewMoveOne: '1 Lead ginge an {to} statt an {from}',
  previewMove: '{count} Leads gingen an {to} statt an {from}',
  previewStayOne: '1 Lead bliebe bei {owner}, durch eine andere Regel',
  previewStay: '{count} Leads blieben bei {owner}, durch eine andere Regel',
  previewLeadsStay: 'Die Leads, die bei {owner} blieben',
  previewNobody: 'niemanden',
  previewLeadsOf: 'Die Leads, die an {to} statt an {from} gingen',
  previewByRule: 'durch die Regel „{rule}“',
  previewByFallback: 'als Standardbesitzer',
  previewMore: '… und {count} weitere.',
  colNow: 'Bisher',
  colCandidate: 'Mit dem Regelsatz im Editor',
  chartTitle: 'Leads je Regel: aktiver Regelsatz und der im Editor, nebeneinander',
  chartCaption:
    'Leads je Regel über {total} ausgewertete Leads (aktuelle Leads, als würden sie mit „{code}“ zurückgewiesen, und die nachgespielten Zurückweisungen): der aktive Regelsatz (Version {version}) und der im Editor.',
  chartCaptionNoActive:
    'Leads je Regel über {total} ausgewertete Leads (aktuelle Leads, als würden sie mit „{code}“ zurückgewiesen, und die nachgespielten Zurückweisungen): Kein Regelsatz ist aktiv; der im Editor.',
  chartActive: 'Aktiv',
  chartCandidate: 'Editor',
  chartNotInRuleset: 'nicht in diesem Regelsatz',
  versionsTitle: 'Versionen',
  versionsHelp:
    'Jede Aktivierung bleibt erhalten, die neueste zuerst. Zurücksetzen macht den Regelsatz einer früheren Version als neue Version wieder aktiv; der Verlauf bleibt.',
  noVersions: 'Es wurde noch kein Regelsatz aktiviert.',
  versionActive: 'aktiv',
  versionNoActor: 'Anfangsdaten',
  colActivatedAt: 'Aktiviert am',
  colView: 'Ansehen',
  viewVersion: 'Version {version} ansehen',
  versionTitle: 'Version {version}',
  versionRuleset: 'Regelsatz von Version {version}',
  openInEditor: 'In den Editor übernehmen',
  openedInEditor:
    'Der Editor enthält jetzt den Regelsatz von Version {version} (erst aktiv, wenn Sie ihn aktivieren).',
  diffFrom: 'Version vergleichen',
  diffTo: 'mit Version',
  diffButton: 'Unterschiede zeigen',
  diffSummary: 'Version {from} → Version {to}: Zeilen hinzugefügt: {added}, entfernt: {removed}.',
  diffSame: 'Die Versionen {from} und {to} haben denselben Regelsatz.',
  diffUnchanged: '… {count} unveränderte Zeilen …',
  diffAdded: 'hinzugefügt:',
  diffRemoved: 'entfernt:',
  rollBackVersion: 'Auf diese Version zurücksetzen',
  rollBackQuestion:
    'Den Regelsatz von Version {version} wieder aktivieren? Er wird eine neue Version; die aktuelle bleibt in der Liste.',
  confirmRollBack: 'Ja, auf Version {version} zurücksetzen',
  rolledBackRules: 'Der Regelsatz von Version {from} ist wieder aktiv, als Version {version}.',
  uploadHelp:
    'Laden Sie das Paket (.tgz) hoch, das crmkit pack geschrieben hat. Ein neues Plugin wird deaktiviert installiert: Prüfen Sie seine Berechtigungen und aktivieren Sie es dann. Eine weitere Version eines installierten Plugins wird nur gespeichert und als Aktualisierung angeboten.',
  packageFile: 'Plugin-Paket (.tgz)',
  dropZone: 'Oder ziehen Sie die Paketdatei hierher.',
  chosenFile: 'Ausgewählt: {name} ({size})',
  noFileChosen: 'Wählen Sie zuerst ein Plugin-Paket (.tgz) oder ziehen Sie eines auf das Feld.',
  uploading: 'Wird hochgeladen…',
  uploadInstalled:
    'Das Plugin {id} {version} ist installiert und deaktiviert. Prüfen Sie unten seine Berechtigungen und aktivieren Sie es dann.',
  uploadStored:
    'Version {version} von {id} ist gespeichert. Sie läuft erst, wenn Sie unten darauf aktualisieren; bis dahin läuft Version {running} weiter.',
  uploadUnchanged: 'Dieses Paket ({id} {version}) war schon gespeichert; nichts wurde geändert.',
  pluginId: 'ID',
  pluginSize: 'Paketgröße',
  pluginStatus: 'Status',
  pluginEnabled: 'Aktiviert',
  pluginDisabled: 'Deaktiviert',
  pluginPermissions: 'Berechtigungen',
  pluginExtensionPoints: 'Erweiterungspunkte',
  noneDeclared: 'Keine angegeben.',
  enable: 'Aktivieren',
  disable: 'Deaktivieren',
  enableConsent:
    'Wenn Sie {plugin} aktivieren, erhält es die oben aufgeführten Berechtigungen: {permissions}.',
  enableConsentNone: 'Wenn Sie {plugin} aktivieren, erhält es keine Berechtigungen.',
  pluginWasEnabled: '{plugin} ist aktiviert, mit den Berechtigungen: {permissions}.',
  pluginWasEnabledNone: '{plugin} ist aktiviert; es hat keine Berechtigungen.',
  pluginWasDisabled: '{plugin} ist deaktiviert: Die Seiten laden es nicht mehr.',
  uninstall: 'Deinstallieren',
  uninstallQuestion:
    '{plugin} deinstallieren? Die Installation und alle gespeicherten Versionen werden entfernt.',
  confirmUninstall: 'Ja, {plugin} deinstallieren',
  cancel: 'Abbrechen',
  pluginUninstalled: 'Das Plugin {plugin} ist deinstalliert.',
  rollBack: 'Zurück zu Version {version}',
  rolledBack: '{plugin} läuft wieder in Version {version}.',
  upgradeTo: 'Auf Version {version} aktualisieren',
  upgradeAdds:
    'Version {version} fügt die Berechtigungen hinzu: {permissions}. Mit der Aktualisierung erteilen Sie sie.',
  upgradeAddsNone: 'Version {version} fügt keine Berechtigungen hinzu.',
  upgraded: '{plugin} läuft jetzt in Version {version}.',
  rolesTitle: 'Rollen und Berechtigungen',
  rolesHelp:
    'Haken Sie die Berechtigungen an, die eine Rolle gewährt, und speichern Sie die Rolle. Ihre Benutzer erhalten die Änderung mit ihrer nächsten Anfrage. Mindestens ein aktiver Benutzer muss Plugins und Einstellungen verwalten behalten.',
  colRole: 'Rolle',
  colSaveRole: 'Speichern',
  rolePrivilege: '{privilege}: {role}',
  roleSaved: 'Die Rolle {role} ist gespeichert.',
  usersTitle: 'Benutzer',
  usersHelp: 'Geben Sie jedem Benutzer eine Rolle. Sie gilt ab seiner nächsten Anfrage.',
  colUser: 'Benutzer',
  colUserId: 'ID',
  colUserActive: 'Status',
  userActive: 'Aktiv',
  userInactive: 'Inaktiv',
  userRole: 'Rolle von {user}',
  userSaved: '{user} hat jetzt die Rolle {role}.',
  auditTitle: 'Änderungsprotokoll',
  auditHelp: 'Wer was geändert hat, das Neueste zuerst. Nach Lead, Benutzer oder Plugin filtern.',
  auditLead: 'Lead-ID',
  auditUser: 'Benutzer',
  auditAllUsers: 'Alle Benutzer',
  auditPlugin: 'Plugin-ID',
  auditLimit: 'Höchstens (Einträge)',
  auditCount: '{count} Einträge',
  auditCountOne: '1 Eintrag',
  noAudit: 'Keine Einträge passen zu diesen Filtern.',
  colTime: 'Zeitpunkt',
  colActor: 'Von',
  colAction: 'Aktion',
  colLead: 'Lead',
  colData: 'Daten',
};

export const ADMIN_PAGE_STRINGS: Readonly<
  Record<PageLanguage, Readonly<Record<AdminPageStringKey, string>>>
> = {en, de};

/** A translator for these sections: `a('upgradeTo', {version})` fills `{version}`. */
export type AdminTranslate = (
  key: AdminPageStringKey,
  values?: Record<string, string | number>,
) => string;

export function adminTranslator(lang: PageLanguage): AdminTranslate {
  const table = ADMIN_PAGE_STRINGS[lang];
  return (key, values) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}

/**
 * German for the descriptions of the ruleset's JSON Schema, by their English text: the editor's
 * completion and hover show them (see rules-schema.ts). A description missing here stays English; a
 * test lists every description of the schema that has no German yet.
 */
export const RULESET_SCHEMA_DESCRIPTIONS_DE: Readonly<Record<string, string>> = {
  'Ordered json-rules-engine rules for the Assignment Manager: the first matching rule whose target resolves to an active user wins; the unassigned owner receives every other lead.':
    'Geordnete json-rules-engine-Regeln für den Zuweisungsmanager: Die erste zutreffende Regel, deren Ziel einen aktiven Benutzer ergibt, gewinnt; jeden anderen Lead erhält der Standardbesitzer.',
  'The record type these rules assign.': 'Der Datensatztyp, den diese Regeln zuweisen.',
  'Id of the user who receives a lead that no rule assigns.':
    'ID des Benutzers, der einen Lead erhält, den keine Regel zuweist (Standardbesitzer).',
  'Named conditions; a rule refers to one with {"condition": "<name>"}.':
    'Benannte Bedingungen; eine Regel verweist mit {"condition": "<Name>"} auf eine.',
  'Evaluated in array order; the first match wins.':
    'In der Reihenfolge des Arrays ausgewertet; der erste Treffer gewinnt.',
  'Unique name of the rule.': 'Eindeutiger Name der Regel.',
  "originalOwner, originalOwnerManager (the original owner's manager), ownerManager (the current owner's manager) or user (userId).":
    'originalOwner, originalOwnerManager (der Vorgesetzte des ursprünglichen Verantwortlichen), ownerManager (der Vorgesetzte des aktuellen Verantwortlichen) oder user (userId).',
  'The user, when `to` is `user`.': 'Der Benutzer, wenn `to` gleich `user` ist.',
  'A rule’s root: all, any, not, or a reference to a shared condition.':
    'Die Wurzel einer Regel: all, any, not oder ein Verweis auf eine gemeinsame Bedingung.',
  'Name of a shared condition.': 'Name einer gemeinsamen Bedingung.',
  'lead, owner, originalOwner or now.': 'lead, owner, originalOwner oder now.',
  'A json-rules-engine operator, optionally decorated (e.g. not:in).':
    'Ein json-rules-engine-Operator, auf Wunsch mit Dekorator (z. B. not:in).',
  'The value to compare with, or a fact reference {"fact", "path"}.':
    'Der Vergleichswert oder ein Faktverweis {"fact", "path"}.',
  'JSONPath into the fact, e.g. $.region.': 'JSONPath in den Fakt, z. B. $.region.',
  'Evaluation priority among sibling conditions (higher first); it changes the order, never the result.':
    'Auswertungspriorität unter Geschwisterbedingungen (höhere zuerst); sie ändert die Reihenfolge, nie das Ergebnis.',
  'A label for this condition, shown in traces.':
    'Eine Bezeichnung dieser Bedingung, in Ablaufprotokollen angezeigt.',
};

/**
 * CodeMirror's own texts (search panel, lint panel, completion list, folding) in German, as its
 * `EditorState.phrases` facet takes them: by their English text.
 */
export const CODEMIRROR_PHRASES_DE: Readonly<Record<string, string>> = {
  'Control character': 'Steuerzeichen',
  'Folded lines': 'Eingeklappte Zeilen',
  'Unfolded lines': 'Ausgeklappte Zeilen',
  to: 'bis',
  'folded code': 'eingeklappter Code',
  unfold: 'ausklappen',
  'Fold line': 'Zeile einklappen',
  'Unfold line': 'Zeile ausklappen',
  'Go to line': 'Gehe zu Zeile',
  go: 'los',
  Find: 'Suchen',
  Replace: 'Ersetzen',
  next: 'weiter',
  previous: 'zurück',
  all: 'alle',
  'match case': 'Groß-/Kleinschreibung',
  'by word': 'ganzes Wort',
  regexp: 'regulärer Ausdruck',
  replace: 'ersetzen',
  'replace all': 'alle ersetzen',
  close: 'schließen',
  'current match': 'aktueller Treffer',
  'replaced $ matches': '$ Treffer ersetzt',
  'replaced match on line $': 'Treffer in Zeile $ ersetzt',
  'on line': 'in Zeile',
  Completions: 'Vorschläge',
  Diagnostics: 'Befunde',
  'No diagnostics': 'Keine Befunde',
  'Selection deleted': 'Auswahl gelöscht',
};
