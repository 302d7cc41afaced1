import {LEAD_STATUSES} from '@crmkit/sdk';
import type {LeadStatus} from '@crmkit/sdk';
import {LEAD_STATUS_DE} from '../contract/problem-details.js';
import {fillText, withParams} from './bilingual.js';
import type {Bilingual, ParamsOf, ParamText, PlainText, TextEntry} from './bilingual.js';

/** A lead status in German, as the UI glossary says it (the contract's one table). */
const statusDe = (status: LeadStatus): string => LEAD_STATUS_DE[status] ?? status;

/** A reject code's labels in the two languages of the texts. */
interface Labels {
  en: string;
  de: string;
}

/**
 * Every text host-core answers with in English and German, keyed by a stable name: the `detail` of
 * each refusal (`HostProblem`) and the message of each field error, for every environment the host
 * runs in (the msw mock, the dev host). Keys are `<area>.<case>`; a field error's message is the
 * problem's key with `.field`. Look one up with `hostText(key, params)`: a wrong key or a missing param
 * does not compile.
 */
export const HOST_TEXTS = {
  // The request pipeline (http/): route match, auth, privilege, body reading and checking.
  'request.no-route': withParams<{pathname: string}>({
    en: (p) =>
      `There is no API route ${p.pathname}. See the OpenAPI document @crmkit/host-core/openapi.json.`,
    de: (p) =>
      `Es gibt keine API-Route ${p.pathname}. Siehe das OpenAPI-Dokument @crmkit/host-core/openapi.json.`,
  }),
  'request.method-not-allowed': withParams<{method: string; path: string; allow: string}>({
    en: (p) => `${p.method} is not allowed on ${p.path}; use ${p.allow}.`,
    de: (p) => `${p.method} ist auf ${p.path} nicht erlaubt; verwenden Sie ${p.allow}.`,
  }),
  'request.token-unknown': {
    en: 'The bearer token is unknown or malformed. Sign in again (demo tokens: anna, sofia, max, lena).',
    de: 'Das Bearer-Token ist unbekannt oder fehlerhaft. Melden Sie sich erneut an (Demo-Tokens: anna, sofia, max, lena).',
  },
  'request.token-missing': {
    en: 'Send Authorization: Bearer <token> (demo tokens: anna, sofia, max, lena).',
    de: 'Senden Sie Authorization: Bearer <token> (Demo-Tokens: anna, sofia, max, lena).',
  },
  'request.missing-privilege': withParams<{
    userName: string;
    role: {en: string; de: string};
    privilege: string;
    method: string;
    path: string;
  }>({
    en: (p) =>
      `${p.userName} (${p.role.en}) lacks the privilege ${p.privilege} that ${p.method} ${p.path} needs. Ask an administrator to grant it to the role.`,
    de: (p) =>
      `${p.userName} (${p.role.de}) fehlt das Recht ${p.privilege}, das ${p.method} ${p.path} erfordert. Bitten Sie einen Administrator, es der Rolle zu geben.`,
  }),
  'request.plugin-token-expired': {
    en: 'The plugin credential has expired. The host element mints a new one (POST /api/plugin-sessions).',
    de: 'Die Plugin-Berechtigung ist abgelaufen. Das Host-Element holt eine neue (POST /api/plugin-sessions).',
  },
  'request.session-expired': {
    en: 'The page session has expired or is unknown. Sign in again (demo: ?as=<user> on any page).',
    de: 'Die Sitzung ist abgelaufen oder unbekannt. Melden Sie sich erneut an (Demo: ?as=<Benutzer> auf jeder Seite).',
  },
  'request.csrf': {
    en: "A call signed in by the session cookie must come from this host's own pages and send the header X-Crmkit-Csrf: 1. Other clients use Authorization: Bearer <token>.",
    de: 'Ein über das Sitzungs-Cookie angemeldeter Aufruf muss von den Seiten dieses Hosts kommen und den Header X-Crmkit-Csrf: 1 senden. Andere Clients verwenden Authorization: Bearer <Token>.',
  },
  'request.outside-plugin-scope': withParams<{
    pluginId: string;
    privilege: string;
    method: string;
    path: string;
    scopes: string;
  }>({
    en: (p) =>
      `The credential of plugin ${p.pluginId} may not call ${p.method} ${p.path} (${p.privilege}): its scopes are ${p.scopes}, its declared permissions that the user holds. Admin and session routes are never open to plugins.`,
    de: (p) =>
      `Die Berechtigung des Plugins ${p.pluginId} darf ${p.method} ${p.path} (${p.privilege}) nicht aufrufen: ihre Bereiche sind ${p.scopes}, die erklärten Berechtigungen, die der Benutzer hat. Admin- und Sitzungsrouten sind für Plugins nie offen.`,
  }),
  'sessions.plugin-not-enabled': withParams<{pluginId: string}>({
    en: (p) =>
      `No enabled plugin has the id "${p.pluginId}": only enabled plugins get credentials (GET /api/plugins lists them).`,
    de: (p) =>
      `Kein aktives Plugin hat die ID „${p.pluginId}“: nur aktive Plugins erhalten Berechtigungen (GET /api/plugins listet sie).`,
  }),
  'request.path-not-encoded': withParams<{pathname: string}>({
    en: (p) => `The path ${p.pathname} is not correctly percent-encoded.`,
    de: (p) => `Der Pfad ${p.pathname} ist nicht korrekt prozentkodiert.`,
  }),
  'request.path-nul': withParams<{pathname: string}>({
    en: (p) => `The path ${p.pathname} holds a NUL character (%00); no id contains one.`,
    de: (p) => `Der Pfad ${p.pathname} enthält ein NUL-Zeichen (%00); keine Kennung enthält eines.`,
  }),
  'request.body-missing': {
    en: 'The request needs a JSON body.',
    de: 'Die Anfrage benötigt einen JSON-Inhalt.',
  },
  'request.body-missing.field': {
    en: 'Send the JSON body this route documents.',
    de: 'Senden Sie den JSON-Inhalt, den diese Route dokumentiert.',
  },
  'request.body-invalid': withParams<{count: number}>({
    en: (p) =>
      `The request body does not match the contract (${p.count} problem${p.count > 1 ? 's' : ''}); see errors.`,
    de: (p) =>
      `Der Anfrageinhalt entspricht nicht dem Vertrag (${p.count} Problem${p.count > 1 ? 'e' : ''}); siehe errors.`,
  }),
  'request.payload-too-large': withParams<{limit: number}>({
    en: (p) => `The request body is larger than ${p.limit} bytes. Send a smaller document.`,
    de: (p) =>
      `Der Anfrageinhalt ist größer als ${p.limit} Bytes. Senden Sie ein kleineres Dokument.`,
  }),
  /** `type` is the media type sent, `''` for none. */
  'request.unsupported-media-type': withParams<{type: string}>({
    en: (p) =>
      `Send the body as JSON with Content-Type: application/json (got "${p.type || 'none'}").`,
    de: (p) =>
      `Senden Sie den Inhalt als JSON mit Content-Type: application/json (erhalten: "${p.type || 'keiner'}").`,
  }),
  'request.invalid-json': withParams<{line: number; column: number; reason: string}>({
    en: (p) =>
      `The request body is not valid JSON (line ${p.line}, column ${p.column}): ${p.reason}`,
    de: (p) =>
      `Der Anfrageinhalt ist kein gültiges JSON (Zeile ${p.line}, Spalte ${p.column}): ${p.reason}`,
  }),
  'request.invalid-json.field': withParams<{line: number; column: number}>({
    en: (p) =>
      `Not valid JSON at line ${p.line}, column ${p.column}. Check for a missing quote, comma or bracket there.`,
    de: (p) =>
      `Kein gültiges JSON in Zeile ${p.line}, Spalte ${p.column}. Prüfen Sie dort auf ein fehlendes Anführungszeichen, Komma oder eine Klammer.`,
  }),
  'request.json-too-deep': withParams<{limit: number; line: number; column: number}>({
    en: (p) =>
      `The request body nests deeper than ${p.limit} levels of arrays and objects (line ${p.line}, column ${p.column}); the host reads at most ${p.limit}.`,
    de: (p) =>
      `Der Anfrageinhalt ist tiefer als ${p.limit} Ebenen aus Arrays und Objekten verschachtelt (Zeile ${p.line}, Spalte ${p.column}); der Host liest höchstens ${p.limit}.`,
  }),
  'request.json-too-deep.field': withParams<{limit: number}>({
    en: (p) => `Nested deeper than ${p.limit} levels. Send a flatter document.`,
    de: (p) => `Tiefer als ${p.limit} Ebenen verschachtelt. Senden Sie ein flacheres Dokument.`,
  }),
  /** `offset` is the 0-based offset of the first byte that is not UTF-8. */
  'request.invalid-utf8': withParams<{offset: number}>({
    en: (p) =>
      `The request body is not UTF-8: byte ${p.offset} starts no valid UTF-8 sequence. Send JSON encoded as UTF-8.`,
    de: (p) =>
      `Der Anfrageinhalt ist kein UTF-8: Byte ${p.offset} beginnt keine gültige UTF-8-Folge. Senden Sie JSON in UTF-8.`,
  }),
  'request.invalid-utf8.field': withParams<{offset: number}>({
    en: (p) => `Byte ${p.offset} is not UTF-8. Encode the body as UTF-8.`,
    de: (p) => `Byte ${p.offset} ist kein UTF-8. Kodieren Sie den Inhalt als UTF-8.`,
  }),
  /** `field` is the JSON pointer of the string (`''`: the body itself). */
  'request.lone-surrogate': withParams<{field: string}>({
    en: (p) =>
      `The string at "${p.field}" holds a lone UTF-16 surrogate (e.g. \\ud800 without its pair), which is no Unicode text and cannot be stored unchanged.`,
    de: (p) =>
      `Die Zeichenkette bei „${p.field}“ enthält ein einzelnes UTF-16-Surrogat (z. B. \\ud800 ohne sein Gegenstück); das ist kein Unicode-Text und lässt sich nicht unverändert speichern.`,
  }),
  'request.lone-surrogate.field': {
    en: 'Contains a lone surrogate (an unpaired \\uD800–\\uDFFF escape). Send well-formed Unicode text.',
    de: 'Enthält ein einzelnes Surrogat (ein \\uD800–\\uDFFF-Escape ohne Gegenstück). Senden Sie wohlgeformten Unicode-Text.',
  },

  // The server itself.
  /** `errors` lists what the answer broke, joined with `; `. */
  'server.answer-broke-contract': withParams<{errors: string}>({
    en: (p) => `The server's answer broke the contract: ${p.errors}`,
    de: (p) => `Die Antwort des Servers verletzt den Vertrag: ${p.errors}`,
  }),
  /** The store itself failed (disk full, I/O, a damaged file): the host answers 503, logs, and lives. */
  'server.store-unavailable': {
    en: "The host's database cannot be used right now (full disk, I/O error or a damaged file); nothing was changed. Try again later; the server log names the cause.",
    de: 'Die Datenbank des Hosts ist gerade nicht nutzbar (volle Platte, E/A-Fehler oder beschädigte Datei); nichts wurde geändert. Versuchen Sie es später erneut; das Server-Protokoll nennt die Ursache.',
  },
  'server.failed': {
    en: 'The server failed on this request; nothing was changed. The server log has the details.',
    de: 'Der Server ist bei dieser Anfrage gescheitert; nichts wurde geändert. Das Server-Protokoll enthält die Details.',
  },
  /** A path outside `/api/` that an adapter (the dev host) serves nothing at. */
  'server.nothing-served': withParams<{pathname: string}>({
    en: (p) => `Nothing is served at ${p.pathname}.`,
    de: (p) => `Unter ${p.pathname} wird nichts bereitgestellt.`,
  }),

  // Leads.
  'leads.status-invalid': withParams<{status: string}>({
    en: (p) => `status must be one of ${LEAD_STATUSES.join(', ')} (got "${p.status}").`,
    de: (p) =>
      `status muss einer der Werte ${LEAD_STATUSES.join(', ')} sein (erhalten: "${p.status}").`,
  }),
  'leads.status-invalid.field': {
    en: `One of ${LEAD_STATUSES.join(', ')}.`,
    de: `Einer der Werte ${LEAD_STATUSES.join(', ')}.`,
  },
  'leads.page-invalid': {
    en: 'The lead list was not read: see errors for the paging parameter to fix (limit, after).',
    de: 'Die Lead-Liste wurde nicht gelesen: errors nennt den zu korrigierenden Parameter (limit, after).',
  },
  'leads.limit-invalid.field': withParams<{limit: string; max: number}>({
    en: (p) => `limit must be a whole number from 1 to ${p.max} (got "${p.limit}").`,
    de: (p) => `limit muss eine ganze Zahl von 1 bis ${p.max} sein (erhalten: "${p.limit}").`,
  }),
  'leads.after-invalid.field': withParams<{max: number}>({
    en: (p) =>
      `after must be a lead id of 1 to ${p.max} characters: the next page's Link header gives it.`,
    de: (p) =>
      `after muss eine Lead-ID mit 1 bis ${p.max} Zeichen sein: der Link-Header der nächsten Seite nennt sie.`,
  }),
  'leads.not-found': withParams<{leadId: string}>({
    en: (p) => `There is no lead with the id "${p.leadId}".`,
    de: (p) => `Es gibt keinen Lead mit der ID "${p.leadId}".`,
  }),

  // The reject of a lead, in the order it checks.
  /** `raw` is the header as sent. */
  'reject.if-match-invalid': withParams<{raw: string}>({
    en: (p) =>
      `If-Match must be the lead version you saw, a positive integer like 3 or "3" (got ${JSON.stringify(p.raw)}).`,
    de: (p) =>
      `If-Match muss die Lead-Version sein, die Sie gesehen haben, eine positive ganze Zahl wie 3 oder "3" (erhalten: ${JSON.stringify(p.raw)}).`,
  }),
  'reject.if-match-invalid.field': {
    en: 'Send the lead version, e.g. 3.',
    de: 'Senden Sie die Lead-Version, z. B. 3.',
  },
  'reject.idempotency-key-invalid': {
    en: 'Idempotency-Key must be 1 to 255 characters, made once per user intent (e.g. a UUID).',
    de: 'Idempotency-Key muss 1 bis 255 Zeichen lang sein und einmal pro Benutzerabsicht erzeugt werden (z. B. eine UUID).',
  },
  'reject.idempotency-key-invalid.field': {
    en: '1 to 255 characters.',
    de: '1 bis 255 Zeichen.',
  },
  'reject.idempotency-key-reused': withParams<{key: string}>({
    en: (p) =>
      `The Idempotency-Key "${p.key}" was already used for a different reject request. Use a new key for a new request.`,
    de: (p) =>
      `Der Idempotency-Key "${p.key}" wurde bereits für eine andere Zurückweisung verwendet. Verwenden Sie für eine neue Anfrage einen neuen Schlüssel.`,
  }),
  'reject.lead-not-qualified': withParams<{leadId: string; status: LeadStatus}>({
    en: (p) =>
      `Lead ${p.leadId} has the status ${p.status}; only a Qualified lead can be rejected.`,
    de: (p) =>
      `Lead ${p.leadId} hat den Status ${statusDe(p.status)}; nur ein qualifizierter Lead kann zurückgewiesen werden.`,
  }),
  'reject.lead-not-qualified.field': withParams<{status: LeadStatus}>({
    en: (p) => `Status is ${p.status}, not Qualified.`,
    de: (p) => `Status ist ${statusDe(p.status)}, nicht Qualifiziert.`,
  }),
  /** `seenVersion` is the version the caller sent in If-Match. */
  'reject.version-conflict': withParams<{
    leadId: string;
    currentVersion: number;
    seenVersion: number;
  }>({
    en: (p) =>
      `Lead ${p.leadId} was changed by someone else meanwhile (now version ${p.currentVersion}, you saw ${p.seenVersion}). Reload it and try again.`,
    de: (p) =>
      `Lead ${p.leadId} wurde inzwischen von jemand anderem geändert (jetzt Version ${p.currentVersion}, Sie sahen ${p.seenVersion}). Laden Sie ihn neu und versuchen Sie es erneut.`,
  }),
  'reject.version-conflict.field': withParams<{currentVersion: number}>({
    en: (p) => `Current version is ${p.currentVersion}.`,
    de: (p) => `Aktuelle Version ist ${p.currentVersion}.`,
  }),
  'reject.unknown-reject-code': withParams<{rejectCode: string}>({
    en: (p) =>
      `"${p.rejectCode}" is not a reject code. Pick one from GET /api/picklists/reject-codes.`,
    de: (p) =>
      `"${p.rejectCode}" ist kein Zurückweisungscode. Wählen Sie einen aus GET /api/picklists/reject-codes.`,
  }),
  'reject.unknown-reject-code.field': {
    en: 'Unknown reject code.',
    de: 'Unbekannter Zurückweisungscode.',
  },
  'reject.inactive-reject-code': withParams<{key: string; labels: Labels}>({
    en: (p) =>
      `The reject code "${p.labels.en}" (${p.key}) is no longer active. Pick an active one.`,
    de: (p) =>
      `Der Zurückweisungscode "${p.labels.de}" (${p.key}) ist nicht mehr aktiv. Wählen Sie einen aktiven.`,
  }),
  'reject.inactive-reject-code.field': {
    en: 'Inactive reject code.',
    de: 'Inaktiver Zurückweisungscode.',
  },
  'reject.reason-required': withParams<{labels: Labels}>({
    en: (p) => `The reject code "${p.labels.en}" needs a reject reason. Enter one.`,
    de: (p) =>
      `Der Zurückweisungscode "${p.labels.de}" erfordert einen Zurückweisungsgrund. Geben Sie einen ein.`,
  }),
  'reject.reason-required.field': {
    en: 'Enter a reject reason.',
    de: 'Geben Sie einen Zurückweisungsgrund ein.',
  },
  'reject.reason-too-long': withParams<{length: number; max: number}>({
    en: (p) =>
      `The reject reason has ${p.length} characters; at most ${p.max} are allowed. Shorten it.`,
    de: (p) =>
      `Der Zurückweisungsgrund hat ${p.length} Zeichen; höchstens ${p.max} sind erlaubt. Kürzen Sie ihn.`,
  }),
  'reject.reason-too-long.field': withParams<{max: number}>({
    en: (p) => `At most ${p.max} characters.`,
    de: (p) => `Höchstens ${p.max} Zeichen.`,
  }),
  'reject.reassign-in-book-mode': {
    en: 'Leads use the ownership mode Book, so the Assignment Manager cannot assign an owner. Reject without Reassign Owner.',
    de: 'Leads verwenden den Verantwortlichkeitsmodus Buch, daher kann der Zuweisungsmanager keinen Verantwortlichen zuweisen. Weisen Sie ohne Verantwortlichen neu zuweisen zurück.',
  },
  'reject.reassign-in-book-mode.field': {
    en: 'Not allowed in Book mode.',
    de: 'Im Buchmodus nicht erlaubt.',
  },
  /** `why` is the Assignment Manager's error message (English). */
  'reject.assignment-failed': withParams<{leadId: string; why: string}>({
    en: (p) =>
      `The Assignment Manager could not reassign lead ${p.leadId} (${p.why}); nothing was changed. Reject without Reassign Owner, or ask an administrator to fix the assignment rules.`,
    de: (p) =>
      `Der Zuweisungsmanager konnte Lead ${p.leadId} nicht neu zuweisen (${p.why}); nichts wurde geändert. Weisen Sie ohne Verantwortlichen neu zuweisen zurück, oder bitten Sie einen Administrator, die Zuweisungsregeln zu korrigieren.`,
  }),

  // Admin: reject codes.
  /** `first` is the index of the entry that already has the key. */
  'reject-codes.duplicate-key.field': withParams<{key: string; first: number}>({
    en: (p) => `The key ${p.key} is already used by entry ${p.first}; each key appears once.`,
    de: (p) =>
      `Der Schlüssel ${p.key} wird bereits von Eintrag ${p.first} verwendet; jeder Schlüssel darf nur einmal vorkommen.`,
  }),
  'reject-codes.code-removed.field': withParams<{key: string; labels: Labels}>({
    en: (p) =>
      `The reject code ${p.key} ("${p.labels.en}") is missing. Codes are never deleted because rejected leads keep them: send it with "active": false instead.`,
    de: (p) =>
      `Der Zurückweisungscode ${p.key} ("${p.labels.de}") fehlt. Codes werden nie gelöscht, weil zurückgewiesene Leads sie behalten: senden Sie ihn stattdessen mit "active": false.`,
  }),
  'reject-codes.not-saved': withParams<{count: number}>({
    en: (p) =>
      `The reject codes were not saved (${p.count} problem${p.count > 1 ? 's' : ''}); the stored list stays. See errors.`,
    de: (p) =>
      `Die Zurückweisungscodes wurden nicht gespeichert (${p.count} Problem${p.count > 1 ? 'e' : ''}); die gespeicherte Liste bleibt. Siehe errors.`,
  }),

  // Admin: the audit trail.
  /** `limit` is the query parameter as sent (`null` when absent). */
  'audit.limit-invalid.field': withParams<{limit: string | null}>({
    en: (p) => `limit must be an integer from 1 to 500 (got "${p.limit}").`,
    de: (p) => `limit muss eine ganze Zahl von 1 bis 500 sein (erhalten: "${p.limit}").`,
  }),
  'audit.filter-empty.field': withParams<{field: string}>({
    en: (p) => `${p.field} must not be empty: leave it out to list every entry.`,
    de: (p) => `${p.field} darf nicht leer sein: lassen Sie es weg, um alle Einträge zu listen.`,
  }),
  'audit.query-invalid': {
    en: 'The audit query is invalid; see errors.',
    de: 'Die Audit-Abfrage ist ungültig; siehe errors.',
  },

  // Admin: the lead assignment rules.
  'assignment-rules.none-active': {
    en: 'No assignment ruleset is active yet. PUT one to /api/admin/assignment-rules.',
    de: 'Es sind noch keine Zuweisungsregeln aktiv. Speichern Sie welche mit PUT /api/admin/assignment-rules.',
  },
  'assignment-rules.not-activated': withParams<{count: number}>({
    en: (p) =>
      `The ruleset was not activated: ${p.count} error${p.count === 1 ? '' : 's'} (see errors); the active ruleset stays.`,
    de: (p) =>
      `Die Regeln wurden nicht aktiviert: ${p.count} Fehler (siehe errors); die aktiven Regeln bleiben.`,
  }),

  'assignment-rules.version-not-found': withParams<{version: string}>({
    en: (p) =>
      `There is no ruleset version "${p.version}". GET /api/admin/assignment-rules/versions lists them.`,
    de: (p) =>
      `Es gibt keine Regelsatz-Version „${p.version}“. GET /api/admin/assignment-rules/versions listet sie.`,
  }),
  'assignment-rules.preview-query': {
    en: 'The preview was not run: see errors for the query parameter to fix.',
    de: 'Die Vorschau wurde nicht berechnet: errors nennt den zu korrigierenden Parameter.',
  },
  'assignment-rules.preview-code.field': withParams<{rejectCode: string; known: string}>({
    en: (p) => `"${p.rejectCode}" is no reject code. Use one of: ${p.known}.`,
    de: (p) =>
      `„${p.rejectCode}“ ist kein Zurückweisungscode. Verwenden Sie einen von: ${p.known}.`,
  }),
  'assignment-rules.preview-replay.field': withParams<{replay: string; max: number}>({
    en: (p) => `replay must be a whole number from 0 to ${p.max}, not "${p.replay}".`,
    de: (p) => `replay muss eine ganze Zahl von 0 bis ${p.max} sein, nicht „${p.replay}“.`,
  }),

  // Admin: plugins.
  'plugins.manifest-invalid': withParams<{count: number}>({
    en: (p) =>
      `The manifest was not installed: ${p.count} problem${p.count === 1 ? '' : 's'}; see errors.`,
    de: (p) =>
      `Das Manifest wurde nicht installiert: ${p.count} Problem${p.count === 1 ? '' : 'e'}; siehe errors.`,
  }),
  'plugins.config-invalid': withParams<{pluginId: string}>({
    en: (p) => `The config does not match the config schema of ${p.pluginId}; see errors.`,
    de: (p) =>
      `Die Konfiguration passt nicht zum Konfigurationsschema von ${p.pluginId}; siehe errors.`,
  }),
  'plugins.not-found': withParams<{pluginId: string}>({
    en: (p) => `No plugin with the id "${p.pluginId}" is installed.`,
    de: (p) => `Es ist kein Plugin mit der ID "${p.pluginId}" installiert.`,
  }),
  'plugins.package-refused': {
    en: 'The plugin package was refused; nothing was stored. See errors for the file and why.',
    de: 'Das Plugin-Paket wurde abgelehnt; nichts wurde gespeichert. Datei und Grund stehen in errors.',
  },
  'plugins.file-not-found': withParams<{pathname: string}>({
    en: (p) =>
      `${p.pathname} is no file of a stored plugin version. Plugin files are served at /plugins/{id}/{version}/{path} as uploaded; GET /api/plugins gives each enabled plugin's baseUrl.`,
    de: (p) =>
      `${p.pathname} ist keine Datei einer gespeicherten Plugin-Version. Plugin-Dateien liegen unter /plugins/{id}/{version}/{path}, wie hochgeladen; GET /api/plugins nennt die baseUrl jedes aktiven Plugins.`,
  }),
  'plugins.package-type': withParams<{type: string}>({
    en: (p) =>
      `A plugin package is sent as Content-Type: application/gzip (the .tgz of crmkit pack), not "${p.type}".`,
    de: (p) =>
      `Ein Plugin-Paket wird als Content-Type: application/gzip gesendet (die .tgz von crmkit pack), nicht „${p.type}“.`,
  }),
  'package.too-large.field': withParams<{limit: number}>({
    en: (p) =>
      `The package (or what it unpacks to) is larger than ${p.limit / 1024 / 1024} MiB. Leave out what the plugin does not need at run time.`,
    de: (p) =>
      `Das Paket (oder sein entpackter Inhalt) ist größer als ${p.limit / 1024 / 1024} MiB. Lassen Sie weg, was das Plugin zur Laufzeit nicht braucht.`,
  }),
  'package.not-gzip.field': {
    en: 'The upload is not gzip data. Upload the .tgz that crmkit pack wrote, unchanged.',
    de: 'Der Upload sind keine gzip-Daten. Laden Sie die .tgz hoch, die crmkit pack geschrieben hat, unverändert.',
  },
  'package.not-tar.field': {
    en: 'The gzip data is not a valid tar archive (a header or its checksum is broken). Pack the plugin again with crmkit pack.',
    de: 'Die gzip-Daten sind kein gültiges tar-Archiv (ein Header oder seine Prüfsumme ist defekt). Packen Sie das Plugin erneut mit crmkit pack.',
  },
  'package.link.field': withParams<{path: string}>({
    en: (p) =>
      `${p.path} is a link. A package holds regular files only; replace the link by the file itself and pack again.`,
    de: (p) =>
      `${p.path} ist ein Link. Ein Paket enthält nur reguläre Dateien; ersetzen Sie den Link durch die Datei selbst und packen Sie erneut.`,
  }),
  'package.special-file.field': withParams<{path: string}>({
    en: (p) =>
      `${p.path} is not a regular file (a device, FIFO or other special entry). A package holds regular files only.`,
    de: (p) =>
      `${p.path} ist keine reguläre Datei (ein Gerät, eine FIFO oder ein anderer Sondereintrag). Ein Paket enthält nur reguläre Dateien.`,
  }),
  'package.path-outside.field': withParams<{path: string}>({
    en: (p) =>
      `The path "${p.path}" leaves the package (absolute, "..", a backslash or a drive letter). Every file must lie inside the plugin folder.`,
    de: (p) =>
      `Der Pfad „${p.path}“ verlässt das Paket (absolut, „..“, ein Backslash oder ein Laufwerksbuchstabe). Jede Datei muss im Plugin-Ordner liegen.`,
  }),
  'package.duplicate-file.field': withParams<{path: string}>({
    en: (p) => `${p.path} is in the package twice. Pack the plugin again with crmkit pack.`,
    de: (p) => `${p.path} ist zweimal im Paket. Packen Sie das Plugin erneut mit crmkit pack.`,
  }),
  'package.manifest-missing.field': {
    en: 'The package has no plugin.json at its root. Pack the plugin folder (the one with plugin.json) with crmkit pack.',
    de: 'Das Paket hat keine plugin.json im Wurzelordner. Packen Sie den Plugin-Ordner (den mit plugin.json) mit crmkit pack.',
  },
  'package.entry-missing.field': withParams<{path: string}>({
    en: (p) =>
      `The entry ${p.path} that plugin.json names is not in the package. Build the plugin, then pack it again.`,
    de: (p) =>
      `Der Einstiegspunkt ${p.path}, den plugin.json nennt, ist nicht im Paket. Bauen Sie das Plugin und packen Sie es erneut.`,
  }),
  'package.integrity-missing.field': {
    en: 'plugin.json has no "integrity". crmkit pack writes it (the SHA-384 of the entry); pack the plugin with it.',
    de: 'plugin.json hat kein „integrity“. crmkit pack schreibt es (den SHA-384 des Einstiegspunkts); packen Sie das Plugin damit.',
  },
  'package.integrity-mismatch.field': withParams<{path: string}>({
    en: (p) =>
      `The bytes of ${p.path} do not match the "integrity" in plugin.json: the file changed after packing. Pack the plugin again.`,
    de: (p) =>
      `Die Bytes von ${p.path} passen nicht zum „integrity“ in plugin.json: die Datei wurde nach dem Packen geändert. Packen Sie das Plugin erneut.`,
  }),
  'plugins.version-exists': withParams<{pluginId: string; version: string}>({
    en: (p) =>
      `${p.pluginId} ${p.version} is already stored with other bytes. A version is never replaced: raise "version" in plugin.json and pack again.`,
    de: (p) =>
      `${p.pluginId} ${p.version} ist bereits mit anderen Bytes gespeichert. Eine Version wird nie ersetzt: erhöhen Sie „version“ in plugin.json und packen Sie erneut.`,
  }),
  'plugins.version-unknown': withParams<{pluginId: string; version: string; stored: string}>({
    en: (p) =>
      `${p.pluginId} has no stored version ${p.version} (stored: ${p.stored}). Upload that version first.`,
    de: (p) =>
      `${p.pluginId} hat keine gespeicherte Version ${p.version} (gespeichert: ${p.stored}). Laden Sie diese Version zuerst hoch.`,
  }),
  'plugins.version-unknown.field': withParams<{version: string}>({
    en: (p) => `Version ${p.version} is not stored.`,
    de: (p) => `Version ${p.version} ist nicht gespeichert.`,
  }),
  'plugins.permissions-not-accepted': withParams<{
    pluginId: string;
    version: string;
    added: string;
    all: string;
  }>({
    en: (p) =>
      `${p.pluginId} ${p.version} asks for permissions the admin has not accepted: ${p.added}. Send acceptPermissions with its whole list (${p.all}) to accept them; the running version stays until then.`,
    de: (p) =>
      `${p.pluginId} ${p.version} verlangt Berechtigungen, denen kein Administrator zugestimmt hat: ${p.added}. Senden Sie acceptPermissions mit der ganzen Liste (${p.all}), um zuzustimmen; bis dahin läuft die bisherige Version.`,
  }),

  // Admin: roles and users.
  'roles.not-found': withParams<{roleId: string; known: string}>({
    en: (p) => `There is no role "${p.roleId}" (roles: ${p.known}).`,
    de: (p) => `Es gibt keine Rolle „${p.roleId}“ (Rollen: ${p.known}).`,
  }),
  'roles.unknown-privilege': withParams<{count: number}>({
    en: (p) =>
      `The role was not changed: ${p.count} unknown privilege${p.count === 1 ? '' : 's'}; see errors.`,
    de: (p) =>
      `Die Rolle wurde nicht geändert: ${p.count} unbekannte${p.count === 1 ? 's Recht' : ' Rechte'}; siehe errors.`,
  }),
  'roles.unknown-privilege.field': withParams<{privilege: string; known: string}>({
    en: (p) => `"${p.privilege}" is not a privilege. Use one of: ${p.known}.`,
    de: (p) => `„${p.privilege}“ ist kein Recht. Verwenden Sie eines von: ${p.known}.`,
  }),
  'roles.last-admin': {
    en: 'Refused: afterwards no active user could sign in with plugins.manage, and nobody could change roles again. Give another active user that privilege first.',
    de: 'Abgelehnt: danach könnte sich kein aktiver Benutzer mit plugins.manage anmelden, und niemand könnte die Rollen wieder ändern. Geben Sie dieses Recht zuerst einem anderen aktiven Benutzer.',
  },
  'users.not-found': withParams<{userId: string}>({
    en: (p) => `There is no user "${p.userId}".`,
    de: (p) => `Es gibt keinen Benutzer „${p.userId}“.`,
  }),
  'users.unknown-role': withParams<{roleId: string; known: string}>({
    en: (p) => `The user was not changed: there is no role "${p.roleId}" (roles: ${p.known}).`,
    de: (p) =>
      `Der Benutzer wurde nicht geändert: es gibt keine Rolle „${p.roleId}“ (Rollen: ${p.known}).`,
  }),
  'users.unknown-role.field': withParams<{roleId: string; known: string}>({
    en: (p) => `"${p.roleId}" is not a role. Use one of: ${p.known}.`,
    de: (p) => `„${p.roleId}“ ist keine Rolle. Verwenden Sie eine von: ${p.known}.`,
  }),
} satisfies Record<string, TextEntry>;

/** The name of a text of the host. */
export type HostTextKey = keyof typeof HOST_TEXTS;

/** The params text `K` needs: `[params]`, or `[]` when it has none. */
export type HostTextParams<K extends HostTextKey> = ParamsOf<(typeof HOST_TEXTS)[K]>;

/**
 * Text `key` of the host in both languages, its params filled in:
 * `hostText('leads.not-found', {leadId})`, `hostText('server.failed')`.
 */
export function hostText<K extends HostTextKey>(key: K, ...params: HostTextParams<K>): Bilingual {
  const entry = HOST_TEXTS[key] as PlainText | ParamText<unknown>;
  return fillText(entry, params[0]);
}
