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
    role: string;
    privilege: string;
    method: string;
    path: string;
  }>({
    en: (p) =>
      `${p.userName} (${p.role}) lacks the privilege ${p.privilege} that ${p.method} ${p.path} needs. Ask an administrator to grant it to the role.`,
    de: (p) =>
      `${p.userName} (${p.role}) fehlt das Recht ${p.privilege}, das ${p.method} ${p.path} erfordert. Bitten Sie einen Administrator, es der Rolle zu geben.`,
  }),
  'request.path-not-encoded': withParams<{pathname: string}>({
    en: (p) => `The path ${p.pathname} is not correctly percent-encoded.`,
    de: (p) => `Der Pfad ${p.pathname} ist nicht korrekt prozentkodiert.`,
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

  // The server itself.
  /** `errors` lists what the answer broke, joined with `; `. */
  'server.answer-broke-contract': withParams<{errors: string}>({
    en: (p) => `The server's answer broke the contract: ${p.errors}`,
    de: (p) => `Die Antwort des Servers verletzt den Vertrag: ${p.errors}`,
  }),
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
  'audit.lead-id-empty.field': {
    en: 'leadId must not be empty.',
    de: 'leadId darf nicht leer sein.',
  },
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
