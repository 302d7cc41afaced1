/** The output languages of `crmkit rules …`. */
export type Lang = 'en' | 'de';

const count = (n: number) => n.toLocaleString('en');
const anzahl = (n: number) => n.toLocaleString('de');

/**
 * Everything `crmkit rules test|explain|simulate` prints for people, in English and German (`--lang`,
 * else a German `LC_ALL`/`LANG`). Codes (lint codes, error codes, outcomes) are never translated.
 */
export const RULES_TEXT = {
  en: {
    casesSummary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
    caseMismatch: (key: string, expected: string, actual: string) =>
      `${key}: expected ${expected}, got ${actual}`,
    caseUnexpectedDecision: (owner: string, rule: string) =>
      `decision: expected no assignment, got ${owner} by ${rule}`,
    decisionAssigned: (owner: string, rule: string) =>
      `Decision: assigned to ${owner} by rule "${rule}"`,
    decisionUnassigned: (owner: string) =>
      `Decision: no rule assigned it; the unassigned owner ${owner} gets it`,
    notRejected: (status: string) =>
      `Note: the rules normally see the lead after rejection (status "Rejected"); this one is "${status}".`,
    didNotMatch: 'did not match',
    matchedAssigned: (owner: string) => `matched → assigned to ${owner}`,
    matchedAfterWinner: 'matched, but an earlier rule had already assigned the lead',
    matchedUnresolved: (reason: string) =>
      `matched, but its target does not resolve (${reason}); evaluation continues`,
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
    simulated: (n: number, compiled: boolean, mode: string) =>
      `Simulated ${count(n)} leads (${compiled ? 'compiled rules' : 'json-rules-engine'}, ownership mode ${mode})`,
    byRule: 'Assigned by rule:',
    unassignedOwner: '(unassigned owner)',
    outcomes: 'Outcomes:',
    newOwners: 'New owners:',
    skipped: (n: number) => `Skipped ${n} line(s) that were not leads.`,
    rate: (rate: number, seconds: number) =>
      `${count(Math.round(rate))} leads/s (${seconds.toFixed(2)} s)`,
    notALead: (where: string, why: string) => `${where}: not a lead (${why}); skipped`,
    lineTooLong: (length: number, max: number) =>
      `the line is ${count(length)} characters long, over the limit of ${count(max)} (1 MiB)`,
    progress: (done: number, rate: number) =>
      `${count(done)} leads, ${count(Math.round(rate))} leads/s`,
    wrote: (n: number, file: string, seed: number) =>
      `wrote ${count(n)} leads to ${file} (seed ${seed})`,
  },
  de: {
    casesSummary: (passed: number, failed: number) =>
      `${passed} bestanden, ${failed} fehlgeschlagen`,
    caseMismatch: (key: string, expected: string, actual: string) =>
      `${key}: erwartet ${expected}, erhalten ${actual}`,
    caseUnexpectedDecision: (owner: string, rule: string) =>
      `Entscheidung: keine Zuweisung erwartet, erhalten ${owner} durch ${rule}`,
    decisionAssigned: (owner: string, rule: string) =>
      `Entscheidung: ${owner} zugewiesen durch Regel „${rule}“`,
    decisionUnassigned: (owner: string) =>
      `Entscheidung: keine Regel hat zugewiesen; der Standardbesitzer ${owner} erhält den Lead`,
    notRejected: (status: string) =>
      `Hinweis: Die Regeln sehen den Lead normalerweise nach der Zurückweisung (Status „Rejected“); dieser hat „${status}“.`,
    didNotMatch: 'trifft nicht zu',
    matchedAssigned: (owner: string) => `trifft zu → ${owner} zugewiesen`,
    matchedAfterWinner: 'trifft zu, aber eine frühere Regel hat den Lead schon zugewiesen',
    matchedUnresolved: (reason: string) =>
      `trifft zu, aber ihr Ziel ergibt keinen Benutzer (${reason}); die Auswertung geht weiter`,
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
    simulated: (n: number, compiled: boolean, mode: string) =>
      `${anzahl(n)} Leads simuliert (${compiled ? 'kompilierte Regeln' : 'json-rules-engine'}, Besitzmodus ${mode})`,
    byRule: 'Zugewiesen durch Regel:',
    unassignedOwner: '(Standardbesitzer)',
    outcomes: 'Ergebnisse:',
    newOwners: 'Neue Besitzer:',
    skipped: (n: number) => `${n} Zeile(n) übersprungen, die keine Leads waren.`,
    rate: (rate: number, seconds: number) =>
      `${anzahl(Math.round(rate))} Leads/s (${seconds.toFixed(2)} s)`,
    notALead: (where: string, why: string) => `${where}: kein Lead (${why}); übersprungen`,
    lineTooLong: (length: number, max: number) =>
      `die Zeile ist ${anzahl(length)} Zeichen lang, über der Grenze von ${anzahl(max)} (1 MiB)`,
    progress: (done: number, rate: number) =>
      `${anzahl(done)} Leads, ${anzahl(Math.round(rate))} Leads/s`,
    wrote: (n: number, file: string, seed: number) =>
      `${anzahl(n)} Leads nach ${file} geschrieben (Seed ${seed})`,
  },
} as const;

/** The texts of one language. */
export type RulesText = (typeof RULES_TEXT)[Lang];
