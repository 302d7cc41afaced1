import {hostRequestText, type Lang} from '../cli-text.js';

/** The output languages of `crmkit rules …` (those of the whole CLI). */
export type {Lang};

const count = (n: number) => n.toLocaleString('en');
const anzahl = (n: number) => n.toLocaleString('de');
const q = (v: string) => JSON.stringify(v);

/** An example value of `--now`, in every message that asks for one. */
export const NOW_EXAMPLE = '2026-03-02T09:30:00Z';

/** Why a JSON value is not a lead (see lead-shape.ts); each language words it. */
export type NotALeadReason =
  | {kind: 'not-an-object'; type: 'array' | 'string' | 'number' | 'boolean' | 'null'}
  | {kind: 'missing'; field: string}
  | {kind: 'empty'; field: string}
  | {kind: 'wrong-type'; field: string; expected: 'string' | 'string-or-null'};

/** Which command or file kind a message names. */
type What = 'ruleset' | 'users' | 'lead' | 'case' | 'leads';

const en = {
  ...hostRequestText('en', 'assignment.manage'),
  // ── Usage ────────────────────────────────────────────────────────────────────────────────────
  usage: {
    rules:
      'Usage: crmkit rules <lint|test|explain|simulate|deploy|pull> …   (crmkit rules <subcommand> --help)\n',
    lint: 'Usage: crmkit rules lint <ruleset> [--users <file>] [--json] [--lang en|de]\n',
    test:
      'Usage: crmkit rules test <ruleset> [case files or folders…] [--users <file>] [--json] [--lang en|de]\n' +
      '  Without case files, runs every tests/*.json beside the ruleset.\n',
    explain:
      'Usage: crmkit rules explain <ruleset> --lead <file> [--users <file>] [--mode user|mixed|book] [--now <ISO 8601 time>] [--json] [--lang en|de]\n',
    simulate:
      'Usage: crmkit rules simulate <ruleset> (--leads <file.ndjson> | --generate <N> [--seed <n>]) [--users <file>] [--mode user|mixed|book] [--now <ISO 8601 time>] [--json] [--lang en|de]\n' +
      '       crmkit rules simulate --generate <N> [--seed <n>] --write <file.ndjson>   (write a leads file)\n',
    deploy:
      'Usage: crmkit rules deploy <ruleset> --host <url> [--token <token>] [--users <file>] [--json] [--lang en|de]\n' +
      '  Lints the ruleset, then activates it on the host (PUT /api/admin/assignment-rules, needs assignment.manage).\n',
    pull:
      'Usage: crmkit rules pull --host <url> [--token <token>] [--version <n>] [--output <file>] [--lang en|de]\n' +
      '  Writes the active ruleset of the host (or version n) to stdout or --output <file>.\n',
    exitCodes:
      'Exit codes: 0 success, 1 findings (lint errors, failed cases, skipped lines, refused by the host), 2 usage error.\n',
    tokenNote:
      'The token: --token, else the environment variable CRMKIT_TOKEN (prefer it: a --token value shows in the shell history).\n',
  },
  unknownSubcommand: (name: string) => `unknown subcommand "${name}"`,

  // ── Options ──────────────────────────────────────────────────────────────────────────────────
  // unknown option, missing value, … and --lang: the whole CLI's, in ../cli-text.ts.
  badMode: (value: string) =>
    `--mode must be user, mixed or book (got "${value}"), e.g. --mode user`,
  badNow: (value: string) =>
    `--now must be an ISO 8601 time, a date with a time and a time zone such as ${NOW_EXAMPLE} (UTC) or 2026-03-02T10:30:00+01:00, or a date such as 2026-03-02 (midnight UTC) (got ${q(value)})`,
  nowWithoutZone: (value: string) =>
    `--now ${value} has no time zone, so it would mean another instant on each machine: add Z for UTC or an offset, e.g. --now ${value}Z or --now ${value}+01:00`,
  nowNoSuchTime: (value: string) =>
    `--now ${value} names a date or time that does not exist (month 01–12, day within the month, hour 00–23, minutes and seconds 00–59), e.g. --now ${NOW_EXAMPLE}`,
  badGenerate: (value: string) =>
    `--generate needs a whole number of leads (got "${value}"), e.g. --generate 100000`,
  badSeed: (value: string) => `--seed must be an integer (got "${value}"), e.g. --seed 7`,
  badVersion: (value: string) =>
    `--version must be a version number of the host's ruleset, a whole number from 1 (got "${value}"), e.g. --version 3`,
  writeNeedsGenerate: '--write needs --generate <N>.',

  // ── Files ────────────────────────────────────────────────────────────────────────────────────
  what: {
    ruleset: 'the ruleset',
    users: 'the users file',
    lead: 'the lead file',
    case: 'the case file',
    leads: 'the leads file',
  } satisfies Record<What, string>,
  fileMissing: (what: string, file: string) => `${what} ${file} does not exist`,
  fileIsFolder: (what: string, file: string) => `${what} ${file} is a folder, not a file`,
  cannotRead: (what: string, file: string, reason: string) =>
    `cannot read ${what} ${file}: ${reason}`,
  notJson: (file: string, reason: string) => `${file} is not valid JSON: ${reason}`,
  usersNotArray: (file: string) =>
    `${file} must be a JSON array of users ({id, managerId, active}).`,
  userShape: (file: string, i: number) =>
    `${file}: user [${i}] needs a string "id", a boolean "active" and "managerId" (a user id or null).`,
  noUsers: 'no users: pass --users <file>, or put users.json beside the ruleset.',
  hasErrors: (name: string) => `${name} has errors; fix them first (crmkit rules lint ${name}).`,
  cannotWrite: (file: string, reason: string) => `cannot write ${file}: ${reason}`,

  // ── lint ─────────────────────────────────────────────────────────────────────────────────────
  severity: {error: 'error', warning: 'warning'},
  lintOneFile: 'give exactly one ruleset file.',
  lintSummary: (name: string, errors: number, warnings: number) =>
    `${name}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  usersNote: (file: string) => ` (users: ${file})`,

  // ── test ─────────────────────────────────────────────────────────────────────────────────────
  testNoRuleset: 'give a ruleset file.',
  noSuchCase: (p: string) => `no such case file or folder: ${p}`,
  noCases: 'no case files found.',
  caseShape: (name: string, problems: string) => `${name}: ${problems}.`,
  casesSummary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
  caseMismatch: (key: string, expected: string, actual: string) =>
    `${key}: expected ${expected}, got ${actual}`,
  caseUnexpectedDecision: (owner: string, rule: string) =>
    `decision: expected no assignment, got ${owner} by ${rule}`,

  // ── explain ──────────────────────────────────────────────────────────────────────────────────
  explainArgs: 'give one ruleset and --lead <file>.',
  leadNotObject: (file: string) => `${file} must hold one lead as a JSON object.`,
  leadNeedsStatus: (file: string) =>
    `${file} must hold one lead with at least "status" (e.g. "Rejected"), "ownerId" and "originalOwnerId".`,
  leadLine: (id: string, fields: string) => `Lead ${id}: ${fields}`,
  nowLine: (iso: string) => `Now: ${iso}`,
  decisionAssigned: (owner: string, rule: string) =>
    `Decision: assigned to ${owner} by rule "${rule}"`,
  decisionUnassigned: (owner: string) =>
    `Decision: no rule assigned it; the unassigned owner ${owner} gets it`,
  notRejected: (status: string) =>
    `Note: the rules normally see the lead after rejection (status "Rejected"); this one is "${status}".`,
  didNotMatch: 'did not match',
  matchedAssigned: (owner: string) => `matched → assigned to ${owner}`,
  matchedUnresolved: (reason: string) =>
    `matched, but its target does not resolve (${reason}); evaluation continues`,
  afterWinnerMatched:
    'not evaluated: an earlier rule had already assigned the lead (on its own this rule would match)',
  afterWinnerNotMatched:
    'not evaluated: an earlier rule had already assigned the lead (on its own this rule would not match)',
  afterWinnerFailed: (message: string) =>
    `not evaluated: an earlier rule had already assigned the lead, and on its own this rule cannot be evaluated for this lead: ${message}`,
  noActiveUser: 'no active user',
  user: 'user',
  of: ' of',
  empty: ' (empty: true)',
  condition: 'condition',
  notEvaluated: 'not evaluated',
  saw: 'saw',
  nothing: 'nothing',
  legend: '✓ true  ✗ false  – not evaluated',
  noId: '(no id)',

  // ── simulate ─────────────────────────────────────────────────────────────────────────────────
  simulateArgs: 'give one ruleset and either --leads <file> or --generate <N>.',
  simulated: (n: number, compiled: boolean, mode: string) =>
    `Simulated ${count(n)} leads (${compiled ? 'compiled rules' : 'json-rules-engine'}, ownership mode ${mode})`,
  simulatedAt: (iso: string) => `The rules saw "now" as ${iso}.`,
  byRule: 'Assigned by rule:',
  unassignedOwner: '(unassigned owner)',
  outcomes: 'Outcomes:',
  newOwners: 'New owners:',
  skipped: (n: number, lines: number) =>
    `Skipped ${count(n)} of ${count(lines)} line(s): not leads (they are not counted above).`,
  skippedListed: (listed: number) => `Only the first ${listed} are listed above.`,
  rate: (rate: number, seconds: number) =>
    `${count(Math.round(rate))} leads/s (${seconds.toFixed(2)} s)`,
  percent: (share: number) => `${share.toFixed(1)}%`,
  notALead: (where: string, why: string) => `${where}: not a lead (${why}); skipped`,
  notJsonLine: (reason: string) => `not valid JSON: ${reason}`,
  lineTooLong: (length: number, max: number) =>
    `the line is ${count(length)} characters long, over the limit of ${count(max)} (1 MiB)`,
  notALeadReason: (r: NotALeadReason): string => {
    switch (r.kind) {
      case 'not-an-object':
        return `not an object but ${
          {
            array: 'an array',
            string: 'a string',
            number: 'a number',
            boolean: 'true/false',
            null: 'null',
          }[r.type]
        }; a lead is an object such as {"id": "L-1", "status": "Rejected", …}`;
      case 'missing':
        return `missing "${r.field}"`;
      case 'empty':
        return `"${r.field}" is empty`;
      case 'wrong-type':
        return `"${r.field}" must be ${r.expected === 'string' ? 'a string' : 'a string or null'}`;
    }
  },
  progress: (done: number, rate: number) =>
    `${count(done)} leads, ${count(Math.round(rate))} leads/s`,
  wrote: (n: number, file: string, seed: number) =>
    `wrote ${count(n)} leads to ${file} (seed ${seed})`,

  // ── deploy and pull: the host ────────────────────────────────────────────────────────────────
  deployOneFile: 'give exactly one ruleset file to deploy.',
  pullNoFile: (given: string) =>
    `pull takes no file (got "${given}"); write the ruleset to a file with --output ${given}`,
  notDeployed: (name: string, errors: number) =>
    `${name}: not deployed, ${errors} error${errors === 1 ? '' : 's'}; nothing was sent to the host.`,
  deployed: (name: string, host: string, version: number | undefined) =>
    version === undefined
      ? `Deployed ${name} to ${host}; it is the active ruleset.`
      : `Deployed ${name} to ${host}: version ${version} is active.`,
  versionUnknown: (reason: string) =>
    `The host activated the ruleset, but its version number could not be read: ${reason}`,
  noActiveVersion: 'the host lists no active version',
  hostWarnings: (n: number) => `The host's linter found ${n} warning${n === 1 ? '' : 's'}:`,
  pulledTo: (what: string, host: string, file: string) => `Wrote ${what} of ${host} to ${file}.`,
  theActive: (version: number | undefined) =>
    version === undefined ? 'the active ruleset' : `the active ruleset (version ${version})`,
  theVersion: (version: number, active: boolean) =>
    `version ${version} of the ruleset${active ? ' (the active one)' : ''}`,
  refusedDeploy: (url: string) => `the host refused the ruleset (${url})`,
  refusedPull: (url: string) => `the host refused to send the ruleset (${url})`,
  wholeRuleset: '(ruleset)',
  hint: 'hint',
  hintUnauthorized:
    'the host does not know the token (or its user is deactivated): check --token or CRMKIT_TOKEN; it must be an API token of a user of this host',
  hintForbidden: (privilege: string) =>
    `the token's user lacks the privilege ${privilege}: use the token of an admin, or let an admin grant ${privilege} to that user's role (admin page, Roles)`,
  hintInvalidRuleset: (name: string) =>
    `fix the errors above (the host lints with its own users: crmkit rules lint ${name} --users <the host's users> shows the same findings with line numbers); the host keeps its active ruleset`,
  hintNoActive:
    'the host has no active ruleset yet (deploy one with crmkit rules deploy <file>), or --host is not the crmkit host\u2019s base URL (it is given without /api)',
  hintNoVersion:
    'the host has no such version: leave out --version for the active ruleset, or ask GET /api/admin/assignment-rules/versions for the list',
  hintNotFound:
    'no such route on that host: --host must be the crmkit host\u2019s base URL (without /api), and the host must support assignment rules',
  hintTooLarge: 'the ruleset is larger than the host accepts',
  hintOther: 'see the host\u2019s log for details',
  unreachable: (url: string, reason: string) => `cannot reach ${url}: ${reason}`,
  hintUnreachable:
    'check --host (scheme, name and port) and that the host CRM is running (npm start in a crmkit checkout)',
  hostNotJson: (status: number, type: string) =>
    `the host answered ${status} with ${type || 'no content type'}, not the crmkit REST API's JSON`,
  hintNotJson: 'check that --host names a crmkit host CRM, not another server or a proxy page',
};

/** The texts of one language. */
export type RulesText = typeof en;

const de: RulesText = {
  ...hostRequestText('de', 'assignment.manage'),
  // ── Aufruf ───────────────────────────────────────────────────────────────────────────────────
  usage: {
    rules:
      'Aufruf: crmkit rules <lint|test|explain|simulate|deploy|pull> …   (crmkit rules <Unterbefehl> --help)\n',
    lint: 'Aufruf: crmkit rules lint <Regelsatz> [--users <Datei>] [--json] [--lang en|de]\n',
    test:
      'Aufruf: crmkit rules test <Regelsatz> [Testfall-Dateien oder -Ordner…] [--users <Datei>] [--json] [--lang en|de]\n' +
      '  Ohne Testfall-Dateien laufen alle tests/*.json neben dem Regelsatz.\n',
    explain:
      'Aufruf: crmkit rules explain <Regelsatz> --lead <Datei> [--users <Datei>] [--mode user|mixed|book] [--now <ISO-8601-Zeit>] [--json] [--lang en|de]\n',
    simulate:
      'Aufruf: crmkit rules simulate <Regelsatz> (--leads <Datei.ndjson> | --generate <N> [--seed <n>]) [--users <Datei>] [--mode user|mixed|book] [--now <ISO-8601-Zeit>] [--json] [--lang en|de]\n' +
      '        crmkit rules simulate --generate <N> [--seed <n>] --write <Datei.ndjson>   (schreibt eine Lead-Datei)\n',
    deploy:
      'Aufruf: crmkit rules deploy <Regelsatz> --host <URL> [--token <Token>] [--users <Datei>] [--json] [--lang en|de]\n' +
      '  Prüft den Regelsatz und aktiviert ihn dann auf dem Host (PUT /api/admin/assignment-rules, braucht assignment.manage).\n',
    pull:
      'Aufruf: crmkit rules pull --host <URL> [--token <Token>] [--version <n>] [--output <Datei>] [--lang en|de]\n' +
      '  Schreibt den aktiven Regelsatz des Hosts (oder Version n) auf stdout oder in --output <Datei>.\n',
    exitCodes:
      'Exit-Codes: 0 Erfolg, 1 Befunde (Lint-Fehler, fehlgeschlagene Testfälle, übersprungene Zeilen, vom Host abgelehnt), 2 Aufruffehler.\n',
    tokenNote:
      'Das Token: --token, sonst die Umgebungsvariable CRMKIT_TOKEN (besser: ein --token-Wert steht in der Shell-History).\n',
  },
  unknownSubcommand: (name: string) => `unbekannter Unterbefehl „${name}“`,

  // ── Optionen ─────────────────────────────────────────────────────────────────────────────────
  // Unbekannte Option, fehlender Wert, … und --lang: die der ganzen CLI, in ../cli-text.ts.
  badMode: (value: string) =>
    `--mode muss user, mixed oder book sein (angegeben: „${value}“), z. B. --mode user`,
  badNow: (value: string) =>
    `--now muss eine ISO-8601-Zeit sein, ein Datum mit Uhrzeit und Zeitzone wie ${NOW_EXAMPLE} (UTC) oder 2026-03-02T10:30:00+01:00, oder ein Datum wie 2026-03-02 (Mitternacht UTC) (angegeben: ${q(value)})`,
  nowWithoutZone: (value: string) =>
    `--now ${value} hat keine Zeitzone und wäre so auf jedem Rechner ein anderer Zeitpunkt: ergänzen Sie Z für UTC oder einen Versatz, z. B. --now ${value}Z oder --now ${value}+01:00`,
  nowNoSuchTime: (value: string) =>
    `--now ${value} nennt ein Datum oder eine Uhrzeit, die es nicht gibt (Monat 01–12, Tag innerhalb des Monats, Stunde 00–23, Minuten und Sekunden 00–59), z. B. --now ${NOW_EXAMPLE}`,
  badGenerate: (value: string) =>
    `--generate braucht eine ganze Zahl von Leads (angegeben: „${value}“), z. B. --generate 100000`,
  badSeed: (value: string) =>
    `--seed muss eine ganze Zahl sein (angegeben: „${value}“), z. B. --seed 7`,
  badVersion: (value: string) =>
    `--version muss eine Versionsnummer des Regelsatzes auf dem Host sein, eine ganze Zahl ab 1 (angegeben: „${value}“), z. B. --version 3`,
  writeNeedsGenerate: '--write braucht --generate <N>.',

  // ── Dateien ──────────────────────────────────────────────────────────────────────────────────
  what: {
    ruleset: 'der Regelsatz',
    users: 'die Benutzerdatei',
    lead: 'die Lead-Datei',
    case: 'die Testfall-Datei',
    leads: 'die Lead-Datei',
  },
  fileMissing: (what: string, file: string) => `${capital(what)} ${file} existiert nicht`,
  fileIsFolder: (what: string, file: string) =>
    `${capital(what)} ${file} ist ein Ordner, keine Datei`,
  cannotRead: (what: string, file: string, reason: string) =>
    `${capital(what)} ${file} kann nicht gelesen werden: ${reason}`,
  notJson: (file: string, reason: string) => `${file} ist kein gültiges JSON: ${reason}`,
  usersNotArray: (file: string) =>
    `${file} muss ein JSON-Array von Benutzern sein ({id, managerId, active}).`,
  userShape: (file: string, i: number) =>
    `${file}: Benutzer [${i}] braucht eine Zeichenkette "id", einen Wahrheitswert "active" und "managerId" (eine Benutzer-ID oder null).`,
  noUsers:
    'keine Benutzer: übergeben Sie --users <Datei>, oder legen Sie users.json neben den Regelsatz.',
  hasErrors: (name: string) =>
    `${name} hat Fehler; beheben Sie sie zuerst (crmkit rules lint ${name}).`,
  cannotWrite: (file: string, reason: string) => `${file} kann nicht geschrieben werden: ${reason}`,

  // ── lint ─────────────────────────────────────────────────────────────────────────────────────
  severity: {error: 'Fehler', warning: 'Warnung'},
  lintOneFile: 'geben Sie genau eine Regelsatz-Datei an.',
  lintSummary: (name: string, errors: number, warnings: number) =>
    `${name}: ${errors} Fehler, ${warnings} Warnung${warnings === 1 ? '' : 'en'}`,
  usersNote: (file: string) => ` (Benutzer: ${file})`,

  // ── test ─────────────────────────────────────────────────────────────────────────────────────
  testNoRuleset: 'geben Sie eine Regelsatz-Datei an.',
  noSuchCase: (p: string) => `keine solche Testfall-Datei und kein solcher Ordner: ${p}`,
  noCases: 'keine Testfall-Dateien gefunden.',
  caseShape: (name: string, problems: string) => `${name}: ${problems}.`,
  casesSummary: (passed: number, failed: number) => `${passed} bestanden, ${failed} fehlgeschlagen`,
  caseMismatch: (key: string, expected: string, actual: string) =>
    `${key}: erwartet ${expected}, erhalten ${actual}`,
  caseUnexpectedDecision: (owner: string, rule: string) =>
    `Entscheidung: keine Zuweisung erwartet, erhalten ${owner} durch ${rule}`,

  // ── explain ──────────────────────────────────────────────────────────────────────────────────
  explainArgs: 'geben Sie einen Regelsatz und --lead <Datei> an.',
  leadNotObject: (file: string) => `${file} muss genau einen Lead als JSON-Objekt enthalten.`,
  leadNeedsStatus: (file: string) =>
    `${file} muss einen Lead mit mindestens "status" (z. B. "Rejected"), "ownerId" und "originalOwnerId" enthalten.`,
  leadLine: (id: string, fields: string) => `Lead ${id}: ${fields}`,
  nowLine: (iso: string) => `Jetzt: ${iso}`,
  decisionAssigned: (owner: string, rule: string) =>
    `Entscheidung: ${owner} zugewiesen durch Regel „${rule}“`,
  decisionUnassigned: (owner: string) =>
    `Entscheidung: keine Regel hat zugewiesen; der Verantwortliche für nicht zugewiesene Leads, ${owner}, erhält den Lead`,
  notRejected: (status: string) =>
    `Hinweis: Die Regeln sehen den Lead normalerweise nach der Zurückweisung (Status „Rejected“); dieser hat „${status}“.`,
  didNotMatch: 'trifft nicht zu',
  matchedAssigned: (owner: string) => `trifft zu → ${owner} zugewiesen`,
  matchedUnresolved: (reason: string) =>
    `trifft zu, aber ihr Ziel ergibt keinen Benutzer (${reason}); die Auswertung geht weiter`,
  afterWinnerMatched:
    'nicht ausgewertet: eine frühere Regel hat den Lead schon zugewiesen (für sich allein träfe diese Regel zu)',
  afterWinnerNotMatched:
    'nicht ausgewertet: eine frühere Regel hat den Lead schon zugewiesen (für sich allein träfe diese Regel nicht zu)',
  afterWinnerFailed: (message: string) =>
    `nicht ausgewertet: eine frühere Regel hat den Lead schon zugewiesen, und für sich allein lässt sich diese Regel für diesen Lead nicht auswerten: ${message}`,
  noActiveUser: 'kein aktiver Benutzer',
  user: 'Benutzer',
  of: ' von',
  empty: ' (leer: wahr)',
  condition: 'Bedingung',
  notEvaluated: 'nicht ausgewertet',
  saw: 'gesehen',
  nothing: 'nichts',
  legend: '✓ wahr  ✗ falsch  – nicht ausgewertet',
  noId: '(keine ID)',

  // ── simulate ─────────────────────────────────────────────────────────────────────────────────
  simulateArgs: 'geben Sie einen Regelsatz und entweder --leads <Datei> oder --generate <N> an.',
  simulated: (n: number, compiled: boolean, mode: string) =>
    `${anzahl(n)} Leads simuliert (${compiled ? 'kompilierte Regeln' : 'json-rules-engine'}, Verantwortlichkeitsmodus ${mode})`,
  simulatedAt: (iso: string) => `Die Regeln sahen „now“ als ${iso}.`,
  byRule: 'Zugewiesen durch Regel:',
  unassignedOwner: '(Verantwortlicher für nicht zugewiesene Leads)',
  outcomes: 'Ergebnisse:',
  newOwners: 'Neue Verantwortliche:',
  skipped: (n: number, lines: number) =>
    `${anzahl(n)} von ${anzahl(lines)} Zeile(n) übersprungen: keine Leads (oben nicht mitgezählt).`,
  skippedListed: (listed: number) => `Oben sind nur die ersten ${listed} aufgeführt.`,
  rate: (rate: number, seconds: number) =>
    `${anzahl(Math.round(rate))} Leads/s (${seconds.toFixed(2).replace('.', ',')} s)`,
  percent: (share: number) => `${share.toFixed(1).replace('.', ',')}%`,
  notALead: (where: string, why: string) => `${where}: kein Lead (${why}); übersprungen`,
  notJsonLine: (reason: string) => `kein gültiges JSON: ${reason}`,
  lineTooLong: (length: number, max: number) =>
    `die Zeile ist ${anzahl(length)} Zeichen lang, über der Grenze von ${anzahl(max)} (1 MiB)`,
  notALeadReason: (r: NotALeadReason): string => {
    switch (r.kind) {
      case 'not-an-object':
        return `kein Objekt, sondern ${
          {
            array: 'ein Array',
            string: 'eine Zeichenkette',
            number: 'eine Zahl',
            boolean: 'true/false',
            null: 'null',
          }[r.type]
        }; ein Lead ist ein Objekt wie {"id": "L-1", "status": "Rejected", …}`;
      case 'missing':
        return `"${r.field}" fehlt`;
      case 'empty':
        return `"${r.field}" ist leer`;
      case 'wrong-type':
        return `"${r.field}" muss ${r.expected === 'string' ? 'eine Zeichenkette' : 'eine Zeichenkette oder null'} sein`;
    }
  },
  progress: (done: number, rate: number) =>
    `${anzahl(done)} Leads, ${anzahl(Math.round(rate))} Leads/s`,
  wrote: (n: number, file: string, seed: number) =>
    `${anzahl(n)} Leads nach ${file} geschrieben (Seed ${seed})`,

  // ── deploy und pull: der Host ────────────────────────────────────────────────────────────────
  deployOneFile: 'geben Sie genau eine Regelsatz-Datei zum Aktivieren an.',
  pullNoFile: (given: string) =>
    `pull nimmt keine Datei (angegeben: „${given}“); schreiben Sie den Regelsatz mit --output ${given} in eine Datei`,
  notDeployed: (name: string, errors: number) =>
    `${name}: nicht aktiviert, ${errors} Fehler; nichts wurde an den Host gesendet.`,
  deployed: (name: string, host: string, version: number | undefined) =>
    version === undefined
      ? `${name} auf ${host} aktiviert; es ist der aktive Regelsatz.`
      : `${name} auf ${host} aktiviert: Version ${version} ist aktiv.`,
  versionUnknown: (reason: string) =>
    `Der Host hat den Regelsatz aktiviert, aber seine Versionsnummer ließ sich nicht lesen: ${reason}`,
  noActiveVersion: 'der Host listet keine aktive Version',
  hostWarnings: (n: number) => `Die Prüfung des Hosts fand ${n} Warnung${n === 1 ? '' : 'en'}:`,
  pulledTo: (what: string, host: string, file: string) =>
    `${capital(what)} von ${host} nach ${file} geschrieben.`,
  theActive: (version: number | undefined) =>
    version === undefined ? 'der aktive Regelsatz' : `der aktive Regelsatz (Version ${version})`,
  theVersion: (version: number, active: boolean) =>
    `Version ${version} des Regelsatzes${active ? ' (die aktive)' : ''}`,
  refusedDeploy: (url: string) => `der Host hat den Regelsatz abgelehnt (${url})`,
  refusedPull: (url: string) => `der Host hat die Herausgabe des Regelsatzes abgelehnt (${url})`,
  wholeRuleset: '(Regelsatz)',
  hint: 'Hinweis',
  hintUnauthorized:
    'der Host kennt das Token nicht (oder sein Benutzer ist deaktiviert): prüfen Sie --token oder CRMKIT_TOKEN; es muss das API-Token eines Benutzers dieses Hosts sein',
  hintForbidden: (privilege: string) =>
    `dem Benutzer des Tokens fehlt die Berechtigung ${privilege}: verwenden Sie das Token eines Administrators, oder lassen Sie einen Administrator der Rolle des Benutzers ${privilege} geben (Admin-Seite, Rollen)`,
  hintInvalidRuleset: (name: string) =>
    `beheben Sie die Fehler oben (der Host prüft mit seinen eigenen Benutzern: crmkit rules lint ${name} --users <die Benutzer des Hosts> zeigt dieselben Befunde mit Zeilennummern); der Host behält seinen aktiven Regelsatz`,
  hintNoActive:
    'der Host hat noch keinen aktiven Regelsatz (aktivieren Sie einen mit crmkit rules deploy <Datei>), oder --host ist nicht die Basis-URL des crmkit-Hosts (sie steht ohne /api)',
  hintNoVersion:
    'diese Version gibt es auf dem Host nicht: lassen Sie --version für den aktiven Regelsatz weg, oder fragen Sie GET /api/admin/assignment-rules/versions nach der Liste',
  hintNotFound:
    'diesen Pfad gibt es auf dem Host nicht: --host muss die Basis-URL des crmkit-Hosts sein (ohne /api), und der Host muss Zuweisungsregeln unterstützen',
  hintTooLarge: 'der Regelsatz ist größer, als der Host annimmt',
  hintOther: 'Einzelheiten stehen im Log des Hosts',
  unreachable: (url: string, reason: string) => `${url} ist nicht erreichbar: ${reason}`,
  hintUnreachable:
    'prüfen Sie --host (Schema, Name und Port) und ob das Host-CRM läuft (npm start in einem crmkit-Checkout)',
  hostNotJson: (status: number, type: string) =>
    `der Host antwortete ${status} mit ${type || 'keinem Content-Type'}, nicht mit dem JSON der crmkit-REST-API`,
  hintNotJson:
    'prüfen Sie, ob --host ein crmkit-Host-CRM nennt und nicht einen anderen Server oder eine Proxy-Seite',
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Everything `crmkit rules …` prints for people, in English and German (`--lang`, else a German
 * `LC_ALL`/`LANG`), in one table: usage, option and file errors, the reports of lint, test, explain and
 * simulate, and deploy/pull's messages. Codes (lint codes, error codes, outcomes), option names, JSON
 * names and values are never translated. The linter's findings carry their own texts in both
 * languages (`messages`/`hints`, from @crmkit/assignment).
 */
export const RULES_TEXT: Record<Lang, RulesText> = {en, de};
