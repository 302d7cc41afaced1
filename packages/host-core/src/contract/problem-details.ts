import type {ProblemCode} from './problem-codes.js';

/** Values a problem's default detail sentence may mention. */
export interface ProblemDetailParams {
  leadId?: string;
  pluginId?: string;
  privilege?: string;
  status?: string;
  rejectCode?: string;
  currentVersion?: number;
  header?: string;
  method?: string;
  path?: string;
  length?: number;
  max?: number;
  allowed?: string;
}

type Text = (p: ProblemDetailParams) => string;

/** Lead Status values in German (the seed's terms), for German details. */
export const LEAD_STATUS_DE: Record<string, string> = {
  Qualifying: 'In Qualifizierung',
  Qualified: 'Qualifiziert',
  Converted: 'Konvertiert',
  Rejected: 'Zurückgewiesen',
  Archived: 'Archiviert',
};
const statusDe = (status: string | undefined) => (status && LEAD_STATUS_DE[status]) ?? status;

/**
 * The default `detail` of each problem code in English and German: what happened and what to do.
 * Hosts may pass a more specific detail; clients switch on `code`, never on this text.
 */
export const PROBLEM_DETAILS: Record<ProblemCode, {en: Text; de: Text}> = {
  unauthorized: {
    en: () => 'Sign in first: send "Authorization: Bearer <token>" with a valid token.',
    de: () =>
      'Bitte zuerst anmelden: "Authorization: Bearer <Token>" mit einem gültigen Token senden.',
  },
  'missing-privilege': {
    en: (p) =>
      `Your role lacks the privilege "${p.privilege}" this needs. Ask an administrator to grant it.`,
    de: (p) =>
      `Ihrer Rolle fehlt die dafür nötige Berechtigung "${p.privilege}". Bitten Sie einen Administrator, sie zu erteilen.`,
  },
  'not-found': {
    en: (p) => `There is no API route ${p.path}. Check the path against the REST contract.`,
    de: (p) =>
      `Die API-Route ${p.path} gibt es nicht. Prüfen Sie den Pfad anhand des REST-Vertrags.`,
  },
  'method-not-allowed': {
    en: (p) => `${p.path} does not accept ${p.method}; it accepts ${p.allowed}.`,
    de: (p) => `${p.path} akzeptiert ${p.method} nicht, nur ${p.allowed}.`,
  },
  'unsupported-media-type': {
    en: () => 'Send the body as JSON with "Content-Type: application/json".',
    de: () => 'Senden Sie den Inhalt als JSON mit "Content-Type: application/json".',
  },
  'payload-too-large': {
    en: (p) =>
      `The request body is larger than the ${p.max} bytes the host reads. Send a smaller document.`,
    de: (p) =>
      `Der Anfrageinhalt ist größer als die ${p.max} Bytes, die der Host liest. Senden Sie ein kleineres Dokument.`,
  },
  'invalid-json': {
    en: () => 'The body is not valid JSON; fix the syntax at the position given in errors.',
    de: () =>
      'Der Inhalt ist kein gültiges JSON; korrigieren Sie die Syntax an der in errors genannten Stelle.',
  },
  'invalid-body': {
    en: () => 'The body does not match the contract; errors lists each field to fix.',
    de: () => 'Der Inhalt entspricht nicht dem Vertrag; errors nennt jedes zu korrigierende Feld.',
  },
  'invalid-query': {
    en: () => 'A query parameter has a value the contract does not allow; errors names it.',
    de: () => 'Ein Abfrageparameter hat einen unzulässigen Wert; errors nennt ihn.',
  },
  'invalid-header': {
    en: (p) =>
      `The header ${p.header} has a value the contract does not allow; errors says what it must be.`,
    de: (p) => `Der Header ${p.header} hat einen unzulässigen Wert; errors sagt, was er sein muss.`,
  },
  'lead-not-found': {
    en: (p) => `There is no lead with the id "${p.leadId}".`,
    de: (p) => `Es gibt keinen Lead mit der ID "${p.leadId}".`,
  },
  'plugin-not-found': {
    en: (p) => `No plugin with the id "${p.pluginId}" is installed.`,
    de: (p) => `Es ist kein Plugin mit der ID "${p.pluginId}" installiert.`,
  },
  'lead-not-qualified': {
    en: (p) =>
      `Only a Qualified lead can be rejected; lead ${p.leadId} has the status ${p.status}. Reload the lead to see its current state.`,
    de: (p) =>
      `Nur ein qualifizierter Lead kann zurückgewiesen werden; Lead ${p.leadId} hat den Status ${statusDe(p.status)}. Laden Sie den Lead neu, um den aktuellen Stand zu sehen.`,
  },
  'version-conflict': {
    en: (p) =>
      `Someone else changed lead ${p.leadId} in the meantime (it is now at version ${p.currentVersion}). Reload it and try again.`,
    de: (p) =>
      `Jemand anderes hat Lead ${p.leadId} inzwischen geändert (jetzt Version ${p.currentVersion}). Laden Sie ihn neu und versuchen Sie es erneut.`,
  },
  'unknown-reject-code': {
    en: (p) => `"${p.rejectCode}" is not a reject code. Pick one from the reject-code picklist.`,
    de: (p) =>
      `"${p.rejectCode}" ist kein Zurückweisungscode. Wählen Sie einen aus der Auswahlliste.`,
  },
  'inactive-reject-code': {
    en: (p) => `The reject code "${p.rejectCode}" has been deactivated. Pick an active one.`,
    de: (p) =>
      `Der Zurückweisungscode "${p.rejectCode}" wurde deaktiviert. Wählen Sie einen aktiven.`,
  },
  'reason-required': {
    en: () => 'This reject code requires a reject reason. Enter one.',
    de: () =>
      'Dieser Zurückweisungscode erfordert einen Zurückweisungsgrund. Bitte geben Sie einen ein.',
  },
  'reason-too-long': {
    en: (p) =>
      `The reject reason has ${p.length} characters; at most ${p.max} are allowed. Shorten it.`,
    de: (p) =>
      `Der Zurückweisungsgrund hat ${p.length} Zeichen; erlaubt sind höchstens ${p.max}. Bitte kürzen.`,
  },
  'reassign-not-allowed-in-book-mode': {
    en: () =>
      'Leads are in Book ownership mode, so the owner cannot be reassigned. Reject without Reassign Owner.',
    de: () =>
      'Leads sind im Verantwortlichkeitsmodus Buch, daher kann der Verantwortliche nicht neu zugewiesen werden. Weisen Sie ohne "Verantwortlichen neu zuweisen" zurück.',
  },
  'idempotency-key-reused': {
    en: () =>
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    de: () =>
      'Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet. Verwenden Sie für eine neue Anfrage einen neuen Schlüssel.',
  },
  'invalid-reject-codes': {
    en: () => 'The reject-code list cannot be stored; errors lists each problem.',
    de: () =>
      'Die Liste der Zurückweisungscodes kann nicht gespeichert werden; errors nennt jedes Problem.',
  },
  'invalid-ruleset': {
    en: () =>
      'The ruleset has errors and was not activated; the active ruleset stays. errors lists each finding.',
    de: () =>
      'Das Regelwerk enthält Fehler und wurde nicht aktiviert; das aktive Regelwerk bleibt. errors nennt jeden Befund.',
  },
  'invalid-manifest': {
    en: () => 'The plugin manifest is invalid and was not installed; errors lists each issue.',
    de: () =>
      'Das Plugin-Manifest ist ungültig und wurde nicht installiert; errors nennt jedes Problem.',
  },
  'invalid-plugin-config': {
    en: () => "The config does not match the plugin's config schema; errors lists each field.",
    de: () =>
      'Die Konfiguration passt nicht zum Konfigurationsschema des Plugins; errors nennt jedes Feld.',
  },
  'outside-plugin-scope': {
    en: (p) =>
      `The plugin credential of ${p.pluginId ?? 'this plugin'} does not cover this call; plugins call only what they declare and the user holds.`,
    de: (p) =>
      `Die Plugin-Berechtigung von ${p.pluginId ?? 'diesem Plugin'} deckt diesen Aufruf nicht; Plugins rufen nur auf, was sie erklären und der Benutzer hat.`,
  },
  csrf: {
    en: () => "A cookie-signed-in call must come from the host's own pages with X-Crmkit-Csrf: 1.",
    de: () =>
      'Ein per Cookie angemeldeter Aufruf muss von den Seiten des Hosts mit X-Crmkit-Csrf: 1 kommen.',
  },
  'invalid-plugin-package': {
    en: () =>
      'The plugin package was refused and nothing was stored; errors names the file and why.',
    de: () =>
      'Das Plugin-Paket wurde abgelehnt, nichts wurde gespeichert; errors nennt Datei und Grund.',
  },
  'plugin-version-exists': {
    en: (p) =>
      `This version of ${p.pluginId ?? 'the plugin'} is already stored with other bytes; raise the version and pack again.`,
    de: (p) =>
      `Diese Version von ${p.pluginId ?? 'dem Plugin'} ist bereits mit anderen Bytes gespeichert; erhöhen Sie die Version und packen Sie erneut.`,
  },
  'unknown-plugin-version': {
    en: () => 'That version of the plugin is not stored; upload it first.',
    de: () => 'Diese Version des Plugins ist nicht gespeichert; laden Sie sie zuerst hoch.',
  },
  'permissions-not-accepted': {
    en: () =>
      'The version asks for permissions not accepted yet; send acceptPermissions with its whole list.',
    de: () =>
      'Die Version verlangt noch nicht akzeptierte Berechtigungen; senden Sie acceptPermissions mit der ganzen Liste.',
  },
  'role-not-found': {
    en: () => 'There is no such role; GET /api/admin/roles lists them.',
    de: () => 'Diese Rolle gibt es nicht; GET /api/admin/roles listet sie.',
  },
  'user-not-found': {
    en: () => 'There is no such user; GET /api/admin/users lists them.',
    de: () => 'Diesen Benutzer gibt es nicht; GET /api/admin/users listet sie.',
  },
  'unknown-privilege': {
    en: () => 'A privilege in the list is not one of the host; errors names it.',
    de: () => 'Ein Recht in der Liste ist keines des Hosts; errors nennt es.',
  },
  'unknown-role': {
    en: () => 'That role does not exist; GET /api/admin/roles lists them.',
    de: () => 'Diese Rolle gibt es nicht; GET /api/admin/roles listet sie.',
  },
  'last-admin': {
    en: () =>
      'Refused: no active user would keep plugins.manage. Give another active user that privilege first.',
    de: () =>
      'Abgelehnt: kein aktiver Benutzer behielte plugins.manage. Geben Sie dieses Recht zuerst einem anderen aktiven Benutzer.',
  },
  'assignment-failed': {
    en: () =>
      'The Assignment Manager failed, so nothing was changed. Try again or reject without reassigning.',
    de: () =>
      'Der Zuweisungsmanager ist fehlgeschlagen, daher wurde nichts geändert. Versuchen Sie es erneut oder weisen Sie ohne Neuzuweisung zurück.',
  },
  'internal-error': {
    en: () => 'The host failed unexpectedly; nothing was changed. Try again later.',
    de: () =>
      'Beim Host ist ein unerwarteter Fehler aufgetreten; nichts wurde geändert. Versuchen Sie es später erneut.',
  },
  'store-unavailable': {
    en: () =>
      "The host's database failed (full disk, I/O error, damaged file); nothing was changed. Try again later.",
    de: () =>
      'Die Datenbank des Hosts ist ausgefallen (volle Platte, E/A-Fehler, beschädigte Datei); nichts wurde geändert. Versuchen Sie es später erneut.',
  },
};
