import type {PageLanguage} from './page-strings.js';

/**
 * The strings of the admin page's plugin-package, roles, users and audit sections, in English and
 * German. The strings the pages share (Save, Saved., Plugins, privilege and status names, …) stay in
 * page-strings.ts; this table holds only what these sections add. Pure data, like page-strings.ts.
 */
const en = {
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
