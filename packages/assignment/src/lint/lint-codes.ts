import {lintLanguage} from './lint-texts.js';

/**
 * Every code the ruleset linter reports, with its severity and a one-line summary in English and
 * German (rule authors may work in either; the codes themselves never change). The package README's
 * table lists exactly these, checked by a test. `unresolvable-target` is an error for a missing or
 * unknown user and a warning for an inactive one.
 */
export const LINT_CODES = {
  'invalid-json': {
    severity: 'error',
    en: 'The file is not valid JSON.',
    de: 'Die Datei ist kein gültiges JSON.',
  },
  'nesting-too-deep': {
    severity: 'error',
    en: 'Conditions (through shared conditions too) or JSON nested deeper than the limit; nothing else is checked.',
    de: 'Bedingungen (auch über gemeinsame Bedingungen) oder JSON tiefer verschachtelt als erlaubt; sonst wird nichts geprüft.',
  },
  'schema-required': {
    severity: 'error',
    en: 'A required property is missing.',
    de: 'Eine Pflichteigenschaft fehlt.',
  },
  'schema-unknown-property': {
    severity: 'error',
    en: 'A property that is not part of the format (often a typo).',
    de: 'Eine Eigenschaft, die das Format nicht kennt (oft ein Tippfehler).',
  },
  'schema-condition-root': {
    severity: 'error',
    en: 'A rule’s conditions must start with all, any, not or a condition reference.',
    de: 'Die Bedingungen einer Regel müssen mit all, any, not oder einem Bedingungsverweis beginnen.',
  },
  'schema-enum': {
    severity: 'error',
    en: 'A value outside its allowed set (recordType, event type, target).',
    de: 'Ein Wert außerhalb der erlaubten Werte (recordType, Ereignistyp, Ziel).',
  },
  'schema-type': {
    severity: 'error',
    en: 'A value of the wrong type.',
    de: 'Ein Wert mit falschem Typ.',
  },
  'schema-min-length': {
    severity: 'error',
    en: 'An empty string where a name or id is needed.',
    de: 'Eine leere Zeichenkette, wo ein Name oder eine ID nötig ist.',
  },
  'schema-pattern': {
    severity: 'error',
    en: 'A string in the wrong form (e.g. a path that does not start with $).',
    de: 'Eine Zeichenkette in falscher Form (z. B. ein Pfad, der nicht mit $ beginnt).',
  },
  'schema-minimum': {
    severity: 'error',
    en: 'A number below its minimum (e.g. a condition priority below 1).',
    de: 'Eine Zahl unter ihrem Minimum (z. B. eine Bedingungspriorität unter 1).',
  },
  'duplicate-rule-name': {
    severity: 'error',
    en: 'Two rules share a name.',
    de: 'Zwei Regeln haben denselben Namen.',
  },
  'unused-shared-condition': {
    severity: 'warning',
    en: 'A shared condition no rule references.',
    de: 'Eine gemeinsame Bedingung, auf die keine Regel verweist.',
  },
  'unknown-condition': {
    severity: 'error',
    en: 'A reference to a shared condition that does not exist.',
    de: 'Ein Verweis auf eine gemeinsame Bedingung, die es nicht gibt.',
  },
  'circular-condition': {
    severity: 'error',
    en: 'Shared conditions that refer to each other in a cycle.',
    de: 'Gemeinsame Bedingungen, die im Kreis aufeinander verweisen.',
  },
  'unknown-fact': {
    severity: 'error',
    en: 'A fact other than lead, owner, originalOwner or now.',
    de: 'Ein anderer Fakt als lead, owner, originalOwner oder now.',
  },
  'unknown-field': {
    severity: 'error',
    en: 'A path to a field the fact does not have.',
    de: 'Ein Pfad zu einem Feld, das der Fakt nicht hat.',
  },
  'invalid-json-path': {
    severity: 'error',
    en: 'A JSONPath that fails when json-rules-engine reads it (e.g. a filter with a syntax error): every lead reaching it fails.',
    de: 'Ein JSONPath, an dem json-rules-engine beim Lesen scheitert (z. B. ein Filter mit Syntaxfehler): Jeder Lead, der ihn erreicht, scheitert.',
  },
  'invalid-reference-path': {
    severity: 'error',
    en: 'A fact reference whose path is not a string starting with $.',
    de: 'Ein Faktverweis, dessen Pfad keine mit $ beginnende Zeichenkette ist.',
  },
  'reserved-value-key': {
    severity: 'error',
    en: 'A literal value with a key json-rules-engine does not copy (toString, valueOf, constructor, __proto__, …).',
    de: 'Ein fester Wert mit einem Schlüssel, den json-rules-engine nicht kopiert (toString, valueOf, constructor, __proto__, …).',
  },
  'priority-too-large': {
    severity: 'error',
    en: 'A condition priority above 9007199254740991 (json-rules-engine reads 1e21 as 1).',
    de: 'Eine Bedingungspriorität über 9007199254740991 (json-rules-engine liest 1e21 als 1).',
  },
  'path-not-compiled': {
    severity: 'warning',
    en: 'A JSONPath beyond simple steps: the ruleset runs on json-rules-engine (slower, asynchronous).',
    de: 'Ein JSONPath über einfache Schritte hinaus: der Regelsatz läuft auf json-rules-engine (langsamer, asynchron).',
  },
  'unknown-operator': {
    severity: 'error',
    en: 'An operator or decorator json-rules-engine does not have.',
    de: 'Ein Operator oder Dekorator, den json-rules-engine nicht kennt.',
  },
  'in-needs-array': {
    severity: 'error',
    en: 'in / notIn (or someValue / everyValue) with a value that is not an array.',
    de: 'in / notIn (oder someValue / everyValue) mit einem Wert, der kein Array ist.',
  },
  'element-needs-array': {
    severity: 'error',
    en: 'An element of a someValue / everyValue list that its inner operator cannot search (e.g. someValue:in over numbers).',
    de: 'Ein Element einer someValue- / everyValue-Liste, das der innere Operator nicht durchsuchen kann (z. B. someValue:in über Zahlen).',
  },
  'contains-needs-array': {
    severity: 'error',
    en: 'contains / doesNotContain on a field that is never an array: the condition never depends on the lead.',
    de: 'contains / doesNotContain auf einem Feld, das nie ein Array ist: Die Bedingung hängt nie vom Lead ab.',
  },
  'operator-may-fail': {
    severity: 'warning',
    en: 'An operator that fails on some values (e.g. swap:in on a missing field): those leads get no new owner.',
    de: 'Ein Operator, der bei manchen Werten scheitert (z. B. swap:in bei fehlendem Feld): Solche Leads bekommen keinen neuen Verantwortlichen.',
  },
  'unresolvable-target': {
    severity: 'error',
    en: 'A target that cannot resolve to an active user (no userId, unknown or inactive user).',
    de: 'Ein Ziel, das keinen aktiven Benutzer ergeben kann (keine userId, unbekannter oder inaktiver Benutzer).',
  },
  'ignored-user-id': {
    severity: 'warning',
    en: 'A userId on a target that ignores it.',
    de: 'Eine userId bei einem Ziel, das sie nicht verwendet.',
  },
  'unknown-unassigned-owner': {
    severity: 'error',
    en: 'The unassigned owner is not a known user.',
    de: 'Der Verantwortliche für nicht zugewiesene Leads (unassignedOwner) ist kein bekannter Benutzer.',
  },
  'inactive-unassigned-owner': {
    severity: 'warning',
    en: 'The unassigned owner is inactive.',
    de: 'Der Verantwortliche für nicht zugewiesene Leads (unassignedOwner) ist inaktiv.',
  },
  'first-rule-misses-rejected': {
    severity: 'warning',
    en: 'The first rule would not match every rejected lead (Oracle: the first rule in the group must assign rejected leads).',
    de: 'Die erste Regel träfe nicht auf jeden zurückgewiesenen Lead zu (Oracle: Die erste Regel der Gruppe muss zurückgewiesene Leads zuweisen).',
  },
  'unreachable-rule': {
    severity: 'warning',
    en: 'A rule after one that always matches and always assigns: it is never reached.',
    de: 'Eine Regel nach einer, die immer zutrifft und immer zuweist: sie wird nie erreicht.',
  },
} as const satisfies Record<string, {severity: 'error' | 'warning'; en: string; de: string}>;

export type LintCode = keyof typeof LINT_CODES;

/** The one-line summary of a lint code in a language (`de`, `de-AT` → German; anything else English). */
export function lintCodeSummary(code: string, lang = 'en'): string | undefined {
  const entry = (LINT_CODES as Record<string, {en: string; de: string}>)[code];
  if (!entry) return undefined;
  return lintLanguage(lang) === 'de' ? entry.de : entry.en;
}
