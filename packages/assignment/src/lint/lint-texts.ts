import type {Severity} from '@crmkit/json-kit';
import type {LintCode} from './lint-codes.js';

/**
 * Every message and hint the ruleset linter writes, in English and German, in one table. A check
 * names an entry and its params (see `lintDraft`); each finding then carries both languages
 * (`messages`, `hints`) and its `message`/`hint` in the language the caller asked for. Codes, JSON
 * names and values (`"operator"`, `"EMEA"`) are the same in both languages: they are what the author
 * types. The German terms are the product's (Verantwortlicher, zurückgewiesen, Regel, Bedingung).
 */

/** The languages the linter writes. */
export const LINT_LANGUAGES = ['en', 'de'] as const;
export type LintLanguage = (typeof LINT_LANGUAGES)[number];

/** The language for a tag: `de`, `de-AT`, `de_CH` → German; anything else (or nothing) English. */
export function lintLanguage(tag: string | undefined): LintLanguage {
  return typeof tag === 'string' && /^de(?:$|[-_])/i.test(tag) ? 'de' : 'en';
}

/** A finding's text in one language. */
export interface LintText {
  /** What is wrong, naming the rule, field or value. */
  message: string;
  /** How to fix it. */
  hint: string;
}

/** One entry: the code it reports, its severity when not the code's own, and both languages. */
export interface LintTextEntry<P> {
  readonly code: LintCode;
  readonly severity?: Severity;
  readonly en: (p: P) => LintText;
  readonly de: (p: P) => LintText;
}

const entry = <P = Record<string, never>>(
  code: LintCode,
  en: (p: P) => LintText,
  de: (p: P) => LintText,
  severity?: Severity,
): LintTextEntry<P> => (severity ? {code, severity, en, de} : {code, en, de});

/** A value as messages quote it (JSON in both languages: it is what the author writes). */
export const quote = (v: unknown): string => {
  // A value nested beyond what JSON.stringify can walk is refused before any check quotes it; this
  // keeps a message from ever throwing anyway.
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Array.isArray(v) ? '[…]' : '{…}';
  }
};

/** "Did you mean" before a hint, or nothing. */
const mean = {
  en: (s: string | undefined) => (s ? `Did you mean "${s}"? ` : ''),
  de: (s: string | undefined) => (s ? `Meinten Sie "${s}"? ` : ''),
};

/** A place in the ruleset: its path (`rules[2].conditions`), the root named in words. */
const at = {
  en: (path: string) => path || 'The ruleset',
  de: (path: string) => path || 'Der Regelsatz',
};

const list = (xs: readonly unknown[]) => xs.map((x) => String(x)).join(', ');

const EXAMPLE_CONDITION =
  '{"fact": "lead", "path": "$.region", "operator": "equal", "value": "EMEA"}';
const EXAMPLE_FIRST_RULE =
  '{"name": "rejected-to-original-owner", "conditions": {"all": [{"fact": "lead", "path": "$.status", "operator": "equal", "value": "Rejected"}]}, "event": {"type": "assign", "params": {"to": "originalOwner"}}}';
const ORACLE = {
  en: 'Oracle: "for correct behaviour of the Reject button the first rule in the group must assign rejected leads".',
  de: 'Oracle: „Damit die Schaltfläche Zurückweisen richtig funktioniert, muss die erste Regel der Gruppe zurückgewiesene Leads zuweisen.“',
};

/** A "name" → "a name" for a JSON type in a hint. */
const article = (type: string) => `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`;
const TYPE_DE: Record<string, string> = {
  string: 'eine Zeichenkette',
  object: 'ein Objekt',
  array: 'ein Array',
  integer: 'eine ganze Zahl',
  number: 'eine Zahl',
  boolean: 'einen Wahrheitswert (true/false)',
};

/** The hint for a missing property, by the property. */
function requiredHint(lang: LintLanguage, path: string, missing: string): string {
  if (missing === 'fact' || missing === 'operator' || missing === 'value')
    return lang === 'en'
      ? `A fact condition needs "fact", "operator" and "value", e.g. ${EXAMPLE_CONDITION}.`
      : `Eine Fakt-Bedingung braucht "fact", "operator" und "value", z. B. ${EXAMPLE_CONDITION}.`;
  if (missing === 'event')
    return lang === 'en'
      ? 'Add "event": {"type": "assign", "params": {"to": "originalOwner"}}.'
      : 'Ergänzen Sie "event": {"type": "assign", "params": {"to": "originalOwner"}}.';
  if (missing === 'unassignedOwner')
    return lang === 'en'
      ? 'Add "unassignedOwner": "<user id>", the user who receives leads no rule assigns.'
      : 'Ergänzen Sie "unassignedOwner": "<Benutzer-ID>", den Benutzer, der Leads erhält, die keine Regel zuweist.';
  if (missing === 'recordType')
    return lang === 'en' ? 'Add "recordType": "lead".' : 'Ergänzen Sie "recordType": "lead".';
  return lang === 'en'
    ? `Add "${missing}" to ${at.en(path)}.`
    : `Ergänzen Sie "${missing}" (${at.de(path)}).`;
}

const SCHEMA_FILE = 'packages/assignment/schema/lead-assignment-ruleset.schema.json';

export const LINT_TEXTS = {
  // ── The text ──────────────────────────────────────────────────────────────────────────────────
  'invalid-json': entry<{kind: string}>(
    'invalid-json',
    (p) => ({
      message: `Invalid JSON: ${p.kind}.`,
      hint: 'Fix the JSON syntax (no comments, no trailing commas, double-quoted names).',
    }),
    (p) => ({
      message: `Ungültiges JSON: ${p.kind}.`,
      hint: 'Korrigieren Sie die JSON-Syntax (keine Kommentare, keine nachgestellten Kommas, Namen in doppelten Anführungszeichen).',
    }),
  ),
  'invalid-json.empty': entry(
    'invalid-json',
    () => ({
      message: 'The file is empty.',
      hint: 'Fix the JSON syntax (no comments, no trailing commas, double-quoted names).',
    }),
    () => ({
      message: 'Die Datei ist leer.',
      hint: 'Schreiben Sie den Regelsatz als JSON-Objekt, z. B. beginnend mit rules/lead-assignment.json.',
    }),
  ),
  'nesting-too-deep.text': entry<{limit: number}>(
    'nesting-too-deep',
    (p) => ({
      message: `The JSON nests deeper than ${p.limit} levels of arrays and objects; nothing else was checked.`,
      hint: `Keep the nesting under ${p.limit} levels: a ruleset needs a few levels of all/any, not thousands.`,
    }),
    (p) => ({
      message: `Das JSON ist tiefer als ${p.limit} Ebenen aus Arrays und Objekten verschachtelt; sonst wurde nichts geprüft.`,
      hint: `Bleiben Sie unter ${p.limit} Ebenen: Ein Regelsatz braucht wenige Ebenen all/any, nicht Tausende.`,
    }),
  ),
  'nesting-too-deep.value': entry<{limit: number; path: string}>(
    'nesting-too-deep',
    (p) => ({
      message: `${at.en(p.path)} nests deeper than ${p.limit} levels of arrays and objects; nothing else was checked.`,
      hint: `Keep the nesting under ${p.limit} levels.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} ist tiefer als ${p.limit} Ebenen aus Arrays und Objekten verschachtelt; sonst wurde nichts geprüft.`,
      hint: `Bleiben Sie unter ${p.limit} Ebenen.`,
    }),
  ),
  'nesting-too-deep.conditions': entry<{limit: number; path: string; via: string[]}>(
    'nesting-too-deep',
    (p) => ({
      message: `The conditions at ${p.path} nest deeper than ${p.limit} levels of all/any/not${p.via.length ? ` (through the shared conditions ${p.via.map((n) => `"${n}"`).join(' → ')})` : ''}; nothing else was checked.`,
      hint: `Flatten them: all/any take lists, so "all of (all of A, B)" is "all of A, B"; a shared condition counts with its own depth where it is referenced. The limit (${p.limit}) keeps json-rules-engine, the compiler and the linter within their stack.`,
    }),
    (p) => ({
      message: `Die Bedingungen bei ${p.path} sind tiefer als ${p.limit} Ebenen all/any/not verschachtelt${p.via.length ? ` (über die gemeinsamen Bedingungen ${p.via.map((n) => `„${n}“`).join(' → ')})` : ''}; sonst wurde nichts geprüft.`,
      hint: `Machen Sie sie flacher: all/any nehmen Listen, „all aus (all aus A, B)“ ist „all aus A, B“; eine gemeinsame Bedingung zählt dort, wo auf sie verwiesen wird, mit ihrer eigenen Tiefe. Die Grenze (${p.limit}) hält json-rules-engine, den Compiler und den Linter innerhalb ihres Stacks.`,
    }),
  ),

  // ── The schema ────────────────────────────────────────────────────────────────────────────────
  'schema-type.root': entry(
    'schema-type',
    () => ({
      message: 'The ruleset must be a JSON object.',
      hint: 'Start from rules/lead-assignment.json.',
    }),
    () => ({
      message: 'Der Regelsatz muss ein JSON-Objekt sein.',
      hint: 'Beginnen Sie mit rules/lead-assignment.json.',
    }),
  ),
  'schema-required': entry<{path: string; missing: string}>(
    'schema-required',
    (p) => ({
      message: `${at.en(p.path)} is missing "${p.missing}".`,
      hint: requiredHint('en', p.path, p.missing),
    }),
    (p) => ({
      message: `${at.de(p.path)}: "${p.missing}" fehlt.`,
      hint: requiredHint('de', p.path, p.missing),
    }),
  ),
  'schema-unknown-property': entry<{
    path: string;
    name: string;
    allowed: string[];
    suggestion?: string;
    rulePriority: boolean;
  }>(
    'schema-unknown-property',
    (p) => ({
      message: `${at.en(p.path)} does not take "${p.name}".`,
      hint: p.rulePriority
        ? 'Rule order is the priority: the first matching rule wins. Move the rule instead of giving it a priority.'
        : `${mean.en(p.suggestion)}Allowed here: ${list(p.allowed)}.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} kennt "${p.name}" nicht.`,
      hint: p.rulePriority
        ? 'Die Reihenfolge der Regeln ist ihre Priorität: Die erste zutreffende Regel gewinnt. Verschieben Sie die Regel, statt ihr eine Priorität zu geben.'
        : `${mean.de(p.suggestion)}Erlaubt sind hier: ${list(p.allowed)}.`,
    }),
  ),
  'schema-condition-root': entry<{path: string}>(
    'schema-condition-root',
    (p) => ({
      message: `${at.en(p.path)} must be a boolean condition ("all", "any" or "not") or a reference ("condition").`,
      hint: 'Wrap the condition: {"all": [ … ]}.',
    }),
    (p) => ({
      message: `${at.de(p.path)} muss eine boolesche Bedingung ("all", "any" oder "not") oder ein Verweis ("condition") sein.`,
      hint: 'Umschließen Sie die Bedingung: {"all": [ … ]}.',
    }),
  ),
  'schema-enum': entry<{path: string; data: unknown; allowed: unknown[]; suggestion?: string}>(
    'schema-enum',
    (p) => ({
      message: `${at.en(p.path)} is ${quote(p.data)}; it must be ${p.allowed.map(quote).join(' or ')}.`,
      hint: `${mean.en(p.suggestion)}Use one of ${p.allowed.map(quote).join(', ')}.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} ist ${quote(p.data)}; erlaubt ist ${p.allowed.map(quote).join(' oder ')}.`,
      hint: `${mean.de(p.suggestion)}Verwenden Sie einen der Werte ${p.allowed.map(quote).join(', ')}.`,
    }),
  ),
  'schema-type': entry<{path: string; type: string}>(
    'schema-type',
    (p) => ({
      message: `${at.en(p.path)} must be ${p.type}.`,
      hint: `Write ${article(p.type)} here.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} muss ${TYPE_DE[p.type] ?? p.type} sein.`,
      hint: `Schreiben Sie hier ${TYPE_DE[p.type] ?? p.type}.`,
    }),
  ),
  'schema-min-length': entry<{path: string; limit: number}>(
    'schema-min-length',
    (p) => ({
      message: `${at.en(p.path)} must NOT have fewer than ${p.limit} characters.`,
      hint: 'Write a non-empty string.',
    }),
    (p) => ({
      message: `${at.de(p.path)} darf nicht kürzer als ${p.limit} Zeichen sein.`,
      hint: 'Schreiben Sie eine nicht leere Zeichenkette.',
    }),
  ),
  'schema-pattern': entry<{path: string; pattern: string; isPath: boolean}>(
    'schema-pattern',
    (p) => ({
      message: `${at.en(p.path)} must match pattern "${p.pattern}".`,
      hint: p.isPath
        ? 'A path is JSONPath from the fact\'s root, e.g. "$.region".'
        : `See ${SCHEMA_FILE}.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} muss dem Muster "${p.pattern}" entsprechen.`,
      hint: p.isPath
        ? 'Ein Pfad ist JSONPath ab der Wurzel des Fakts, z. B. "$.region".'
        : `Siehe ${SCHEMA_FILE}.`,
    }),
  ),
  'schema-minimum': entry<{path: string; limit: number}>(
    'schema-minimum',
    (p) => ({
      message: `${at.en(p.path)} must be >= ${p.limit}.`,
      hint: `Use a number of at least ${p.limit}.`,
    }),
    (p) => ({
      message: `${at.de(p.path)} muss mindestens ${p.limit} sein.`,
      hint: `Verwenden Sie eine Zahl ab ${p.limit}.`,
    }),
  ),
  /** A schema keyword without its own entry (none today): ajv's text, named in both languages. */
  'schema-other': entry<{path: string; text: string}>(
    'schema-type',
    (p) => ({message: `${at.en(p.path)} ${p.text}.`, hint: `See ${SCHEMA_FILE}.`}),
    (p) => ({
      message: `${at.de(p.path)} verletzt das Schema (${p.text}).`,
      hint: `Siehe ${SCHEMA_FILE}.`,
    }),
  ),

  // ── Rules and shared conditions ───────────────────────────────────────────────────────────────
  'duplicate-rule-name': entry<{name: string; first: number; index: number}>(
    'duplicate-rule-name',
    (p) => ({
      message: `Rule name "${p.name}" is used by rules[${p.first}] and rules[${p.index}].`,
      hint: 'Give every rule a unique name: assignments and traces report the rule by name.',
    }),
    (p) => ({
      message: `Der Regelname „${p.name}“ wird von rules[${p.first}] und rules[${p.index}] verwendet.`,
      hint: 'Geben Sie jeder Regel einen eigenen Namen: Zuweisungen und Ablaufprotokolle nennen die Regel beim Namen.',
    }),
  ),
  'unknown-condition': entry<{name: string; known: string[]; suggestion?: string}>(
    'unknown-condition',
    (p) => ({
      message: `No shared condition is named "${p.name}".`,
      hint: p.known.length
        ? `${mean.en(p.suggestion)}Shared conditions: ${list(p.known)}.`
        : 'Define it under "sharedConditions" at the top of the ruleset.',
    }),
    (p) => ({
      message: `Es gibt keine gemeinsame Bedingung namens „${p.name}“.`,
      hint: p.known.length
        ? `${mean.de(p.suggestion)}Gemeinsame Bedingungen: ${list(p.known)}.`
        : 'Definieren Sie sie oben im Regelsatz unter "sharedConditions".',
    }),
  ),
  'circular-condition': entry<{start: string; cycle: string[]}>(
    'circular-condition',
    (p) => ({
      message: `Shared condition "${p.start}" refers to itself: ${p.cycle.join(' → ')}.`,
      hint: 'Break the cycle: a shared condition may only reference conditions that do not lead back to it.',
    }),
    (p) => ({
      message: `Die gemeinsame Bedingung „${p.start}“ verweist auf sich selbst: ${p.cycle.join(' → ')}.`,
      hint: 'Unterbrechen Sie den Kreis: Eine gemeinsame Bedingung darf nur auf Bedingungen verweisen, die nicht zu ihr zurückführen.',
    }),
  ),
  'unused-shared-condition': entry<{name: string}>(
    'unused-shared-condition',
    (p) => ({
      message: `Shared condition "${p.name}" is not referenced by any rule.`,
      hint: `Reference it with {"condition": "${p.name}"} or remove it.`,
    }),
    (p) => ({
      message: `Auf die gemeinsame Bedingung „${p.name}“ verweist keine Regel.`,
      hint: `Verweisen Sie mit {"condition": "${p.name}"} auf sie, oder entfernen Sie sie.`,
    }),
  ),

  // ── Facts, paths and values ───────────────────────────────────────────────────────────────────
  'unknown-fact': entry<{fact: unknown; facts: readonly string[]; suggestion?: string}>(
    'unknown-fact',
    (p) => ({
      message: `Unknown fact ${quote(p.fact)}.`,
      hint: `${mean.en(p.suggestion)}Rules can read the facts ${list(p.facts)}.`,
    }),
    (p) => ({
      message: `Unbekannter Fakt ${quote(p.fact)}.`,
      hint: `${mean.de(p.suggestion)}Regeln können die Fakten ${list(p.facts)} lesen.`,
    }),
  ),
  'unknown-field': entry<{
    fact: string;
    field: string;
    path: string;
    fields: readonly string[];
    suggestion?: string;
  }>(
    'unknown-field',
    (p) => ({
      message: `The ${p.fact} fact has no field "${p.field}" (path ${quote(p.path)}).`,
      hint: `${mean.en(p.suggestion)}Fields of ${p.fact}: ${list(p.fields)}.`,
    }),
    (p) => ({
      message: `Der Fakt ${p.fact} hat kein Feld „${p.field}“ (Pfad ${quote(p.path)}).`,
      hint: `${mean.de(p.suggestion)}Felder von ${p.fact}: ${list(p.fields)}.`,
    }),
  ),
  'path-not-compiled': entry<{path: string}>(
    'path-not-compiled',
    (p) => ({
      message: `Path ${quote(p.path)} is more than simple steps, so the whole ruleset runs on json-rules-engine (about 100× slower, and asynchronous).`,
      hint: 'Use simple paths like "$.region" or "$.address[\'zip\']".',
    }),
    (p) => ({
      message: `Der Pfad ${quote(p.path)} ist mehr als einfache Schritte, daher läuft der ganze Regelsatz auf json-rules-engine (etwa 100-mal langsamer und asynchron).`,
      hint: 'Verwenden Sie einfache Pfade wie "$.region" oder "$.address[\'zip\']".',
    }),
  ),
  'invalid-json-path': entry<{path: string; reason: string; every: boolean}>(
    'invalid-json-path',
    (p) => ({
      message: `Path ${quote(p.path)} cannot be read: JSONPath fails with "${p.reason}". json-rules-engine then stops with rule-evaluation-failed for ${p.every ? 'every lead' : 'the leads'} that reach this condition, and they get no new owner.`,
      hint: 'Fix the JSONPath (a filter needs a complete expression, e.g. "$[?(@.level > 2)]"), or better use a simple path like "$.region".',
    }),
    (p) => ({
      message: `Der Pfad ${quote(p.path)} kann nicht gelesen werden: JSONPath scheitert mit „${p.reason}“. json-rules-engine bricht dann für ${p.every ? 'jeden Lead' : 'die Leads'}, der diese Bedingung erreicht, mit rule-evaluation-failed ab, und sie bekommen keinen neuen Verantwortlichen.`,
      hint: 'Korrigieren Sie den JSONPath (ein Filter braucht einen vollständigen Ausdruck, z. B. "$[?(@.level > 2)]"), oder verwenden Sie besser einen einfachen Pfad wie "$.region".',
    }),
  ),
  'invalid-reference-path': entry<{path: unknown}>(
    'invalid-reference-path',
    (p) => ({
      message: `The fact reference's path ${quote(p.path)} is not a JSONPath: ${typeof p.path === 'string' ? 'it does not start with "$"' : 'it is not a string'}. json-rules-engine reads it in its own way, the compiler cannot, and the whole ruleset would run on json-rules-engine (assignOwnerSync refuses it: ruleset-not-compilable).`,
      hint: `Write the path as text from the fact's root, e.g. {"fact": "lead", "path": "$.ownerId"}${typeof p.path === 'string' && p.path !== '' ? ` ("$.${p.path.replace(/^\.+/, '')}")` : ''}, or leave "path" out to compare with the whole fact.`,
    }),
    (p) => ({
      message: `Der Pfad ${quote(p.path)} des Faktverweises ist kein JSONPath: ${typeof p.path === 'string' ? 'er beginnt nicht mit "$"' : 'er ist keine Zeichenkette'}. json-rules-engine liest ihn auf eigene Weise, der Compiler kann es nicht, und der ganze Regelsatz liefe auf json-rules-engine (assignOwnerSync lehnt ihn ab: ruleset-not-compilable).`,
      hint: `Schreiben Sie den Pfad als Text ab der Wurzel des Fakts, z. B. {"fact": "lead", "path": "$.ownerId"}${typeof p.path === 'string' && p.path !== '' ? ` ("$.${p.path.replace(/^\.+/, '')}")` : ''}, oder lassen Sie "path" weg, um mit dem ganzen Fakt zu vergleichen.`,
    }),
  ),
  'reserved-value-key': entry<{key: string; path: string}>(
    'reserved-value-key',
    (p) => ({
      message: `The value at ${p.path} has its own key "${p.key}": json-rules-engine copies every condition before it evaluates it, and its copy ${p.key === '__proto__' ? 'turns "__proto__" into the object\'s prototype' : `drops "${p.key}" (a name objects already have)`}, so the condition would compare with another value than the one written.`,
      hint: `Rename or remove "${p.key}" (built-in names of objects such as toString, valueOf, constructor and __proto__ cannot be keys of a value); to compare a field with text, write the text itself, e.g. "value": "EMEA".`,
    }),
    (p) => ({
      message: `Der Wert bei ${p.path} hat einen eigenen Schlüssel "${p.key}": json-rules-engine kopiert jede Bedingung, bevor es sie auswertet, und seine Kopie ${p.key === '__proto__' ? 'macht "__proto__" zum Prototyp des Objekts' : `lässt "${p.key}" weg (einen Namen, den Objekte schon haben)`}; die Bedingung verglich also mit einem anderen Wert als dem geschriebenen.`,
      hint: `Benennen Sie "${p.key}" um oder entfernen Sie ihn (eingebaute Namen von Objekten wie toString, valueOf, constructor und __proto__ können keine Schlüssel eines Werts sein); um ein Feld mit einem Text zu vergleichen, schreiben Sie den Text selbst, z. B. "value": "EMEA".`,
    }),
  ),
  'priority-too-large': entry<{priority: number; read: number}>(
    'priority-too-large',
    (p) => ({
      message: `Priority ${p.priority} is beyond ${Number.MAX_SAFE_INTEGER}: json-rules-engine reads the priority of an all/any/not with parseInt (so ${p.priority} counts as ${p.read} there) but a fact condition's or a reference's as written, so the order of siblings would not be the one written.`,
      hint: `Use whole numbers from 1 to ${Number.MAX_SAFE_INTEGER}; only their order among siblings matters (e.g. 1, 2, 3).`,
    }),
    (p) => ({
      message: `Die Priorität ${p.priority} liegt über ${Number.MAX_SAFE_INTEGER}: json-rules-engine liest die Priorität von all/any/not mit parseInt (${p.priority} zählt dort als ${p.read}), die einer Fakt-Bedingung oder eines Verweises aber wie geschrieben; die Reihenfolge der Geschwister wäre also nicht die geschriebene.`,
      hint: `Verwenden Sie ganze Zahlen von 1 bis ${Number.MAX_SAFE_INTEGER}; es zählt nur ihre Reihenfolge unter Geschwistern (z. B. 1, 2, 3).`,
    }),
  ),

  // ── Operators ─────────────────────────────────────────────────────────────────────────────────
  'unknown-operator': entry<{
    operator: unknown;
    operators: readonly string[];
    decorators: readonly string[];
    suggestion?: string;
  }>(
    'unknown-operator',
    (p) => ({
      message: `Unknown operator ${quote(p.operator)}.`,
      hint: `${mean.en(p.suggestion)}Operators: ${list(p.operators)}; decorators (prefix with "name:"): ${list(p.decorators)}.`,
    }),
    (p) => ({
      message: `Unbekannter Operator ${quote(p.operator)}.`,
      hint: `${mean.de(p.suggestion)}Operatoren: ${list(p.operators)}; Dekoratoren (vorangestellt als "name:"): ${list(p.decorators)}.`,
    }),
  ),
  'in-needs-array': entry<{operator: string; value: unknown}>(
    'in-needs-array',
    (p) => ({
      message: `Operator "${p.operator}" needs an array value, got ${quote(p.value)}.`,
      hint: `Write the value as a list, e.g. [${quote(p.value)}].`,
    }),
    (p) => ({
      message: `Der Operator "${p.operator}" braucht ein Array als Wert, erhielt ${quote(p.value)}.`,
      hint: `Schreiben Sie den Wert als Liste, z. B. [${quote(p.value)}].`,
    }),
  ),
  'element-needs-array': entry<{
    operator: string;
    element: unknown;
    path: string;
    inner: 'in' | 'list';
    suggestIn: boolean;
  }>(
    'element-needs-array',
    (p) => ({
      message: `Operator "${p.operator}" hands each element of its value to ${p.inner === 'in' ? '"in"/"notIn" as the list to search' : 'the next "someValue"/"everyValue" as its list'}, but the element ${p.path} is ${quote(p.element)}, ${p.inner === 'in' ? 'neither an array nor a string' : 'not an array'}: json-rules-engine fails on it (rule-evaluation-failed) for every lead that reaches it.`,
      hint: p.suggestIn
        ? `To test whether the field is one of these values, write "operator": "in" with the list itself (e.g. "value": [1, 2]); "someValue:in" needs a list of lists.`
        : 'Write each element as a list, e.g. [["EMEA", "NA"], ["APAC"]].',
    }),
    (p) => ({
      message: `Der Operator "${p.operator}" gibt jedes Element seines Werts ${p.inner === 'in' ? 'an "in"/"notIn" als zu durchsuchende Liste' : 'an das nächste "someValue"/"everyValue" als dessen Liste'} weiter, aber das Element ${p.path} ist ${quote(p.element)}, ${p.inner === 'in' ? 'weder ein Array noch eine Zeichenkette' : 'kein Array'}: json-rules-engine scheitert daran (rule-evaluation-failed), für jeden Lead, der es erreicht.`,
      hint: p.suggestIn
        ? 'Um zu prüfen, ob das Feld einer dieser Werte ist, schreiben Sie "operator": "in" mit der Liste selbst (z. B. "value": [1, 2]); "someValue:in" braucht eine Liste von Listen.'
        : 'Schreiben Sie jedes Element als Liste, z. B. [["EMEA", "NA"], ["APAC"]].',
    }),
  ),
  'operator-may-fail': entry<{operator: string; reference: boolean}>(
    'operator-may-fail',
    (p) => ({
      message: `Operator "${p.operator}" fails for leads where ${p.reference ? 'the referenced value' : 'the fact value'} is not an array (or string), and then no rule assigns the lead: the evaluation stops with rule-evaluation-failed.`,
      hint: p.reference
        ? 'Compare with a literal array value, or make sure the referenced field is always an array.'
        : p.operator.includes('swap')
          ? 'Use "contains" / "doesNotContain" on an array fact instead of "swap:in" / "swap:notIn".'
          : 'Give "someValue:" / "everyValue:" an array whose elements fit the inner operator (arrays for "in" / "notIn").',
    }),
    (p) => ({
      message: `Der Operator "${p.operator}" scheitert bei Leads, bei denen ${p.reference ? 'der referenzierte Wert' : 'der Wert des Fakts'} kein Array (und keine Zeichenkette) ist, und dann weist keine Regel den Lead zu: Die Auswertung bricht mit rule-evaluation-failed ab.`,
      hint: p.reference
        ? 'Vergleichen Sie mit einem festen Array als Wert, oder stellen Sie sicher, dass das referenzierte Feld immer ein Array ist.'
        : p.operator.includes('swap')
          ? 'Verwenden Sie "contains" / "doesNotContain" auf einem Array-Fakt statt "swap:in" / "swap:notIn".'
          : 'Geben Sie "someValue:" / "everyValue:" ein Array, dessen Elemente zum inneren Operator passen (Arrays für "in" / "notIn").',
    }),
  ),
  'contains-needs-array': entry<{operator: string; fact: string; path?: string; result: boolean}>(
    'contains-needs-array',
    (p) => ({
      message: `Operator "${p.operator}" looks into an array, but ${p.path && p.path !== '$' ? `${p.fact} ${p.path}` : `the ${p.fact} fact itself`} is never an array (every field a rule reads is a single value, e.g. a text): the condition is always ${p.result}, for every lead.`,
      hint: `To find a text inside the field, write "operator": "${p.operator.includes('doesNotContain') ? 'not:swap:in' : 'swap:in'}" (the field's text ${p.operator.includes('doesNotContain') ? 'does not contain' : 'contains'} the value). It fails for a lead without the field (rejectReason is absent when no reason was given), so put a sibling before it with a higher "priority" that is false for those leads, e.g. {"fact": "lead", "path": "$.rejectCode", "operator": "equal", "value": "OTHER", "priority": 2} (OTHER always has a reason). For one of several exact values, use "in" with a list.`,
    }),
    (p) => ({
      message: `Der Operator "${p.operator}" sucht in einem Array, aber ${p.path && p.path !== '$' ? `${p.fact} ${p.path}` : `der Fakt ${p.fact} selbst`} ist nie ein Array (jedes Feld, das eine Regel liest, ist ein einzelner Wert, z. B. ein Text): Die Bedingung ist für jeden Lead immer ${p.result ? 'wahr' : 'falsch'}.`,
      hint: `Um einen Text im Feld zu finden, schreiben Sie "operator": "${p.operator.includes('doesNotContain') ? 'not:swap:in' : 'swap:in'}" (der Text des Felds ${p.operator.includes('doesNotContain') ? 'enthält den Wert nicht' : 'enthält den Wert'}). Er scheitert bei einem Lead ohne das Feld (rejectReason fehlt, wenn kein Grund angegeben wurde); stellen Sie ihm daher ein Geschwister mit höherer "priority" voran, das für diese Leads falsch ist, z. B. {"fact": "lead", "path": "$.rejectCode", "operator": "equal", "value": "OTHER", "priority": 2} (OTHER hat immer einen Grund). Für einen von mehreren genauen Werten verwenden Sie "in" mit einer Liste.`,
    }),
  ),

  // ── Targets and the unassigned owner ──────────────────────────────────────────────────────────
  'unresolvable-target.no-user-id': entry<{rule: string}>(
    'unresolvable-target',
    (p) => ({
      message: `Rule "${p.rule}" assigns to a user but names none.`,
      hint: 'Add "userId": "<user id>" to the event params, or pick another target.',
    }),
    (p) => ({
      message: `Die Regel „${p.rule}“ weist einem Benutzer zu, nennt aber keinen.`,
      hint: 'Ergänzen Sie "userId": "<Benutzer-ID>" in den Event-Parametern, oder wählen Sie ein anderes Ziel.',
    }),
  ),
  'unresolvable-target.unknown': entry<{rule: string; id: string}>(
    'unresolvable-target',
    (p) => ({
      message: `Rule "${p.rule}" assigns to "${p.id}", who is not a known user.`,
      hint: 'Use the id of a user in the users file (leads go to users only, never a queue, territory or book).',
    }),
    (p) => ({
      message: `Die Regel „${p.rule}“ weist „${p.id}“ zu, der kein bekannter Benutzer ist.`,
      hint: 'Verwenden Sie die ID eines Benutzers aus der Benutzerdatei (Leads gehen nur an Benutzer, nie an eine Warteschlange, ein Gebiet oder ein Buch).',
    }),
  ),
  'unresolvable-target.inactive': entry<{rule: string; id: string}>(
    'unresolvable-target',
    (p) => ({
      message: `Rule "${p.rule}" assigns to "${p.id}", who is inactive: the rule never applies.`,
      hint: 'Assign to an active user, or remove the rule.',
    }),
    (p) => ({
      message: `Die Regel „${p.rule}“ weist „${p.id}“ zu, der inaktiv ist: Die Regel greift nie.`,
      hint: 'Weisen Sie einem aktiven Benutzer zu, oder entfernen Sie die Regel.',
    }),
    'warning',
  ),
  'ignored-user-id': entry<{rule: string; to: string}>(
    'ignored-user-id',
    (p) => ({
      message: `Rule "${p.rule}" has a userId, but its target is "${p.to}", which ignores it.`,
      hint: 'Remove "userId", or set "to": "user".',
    }),
    (p) => ({
      message: `Die Regel „${p.rule}“ hat eine userId, aber ihr Ziel ist "${p.to}", das sie nicht verwendet.`,
      hint: 'Entfernen Sie "userId", oder setzen Sie "to": "user".',
    }),
  ),
  'unknown-unassigned-owner': entry<{id: string}>(
    'unknown-unassigned-owner',
    (p) => ({
      message: `The unassigned owner "${p.id}" is not a known user.`,
      hint: 'Set "unassignedOwner" to the id of an active user: it receives every lead no rule assigns.',
    }),
    (p) => ({
      message: `Der Verantwortliche für nicht zugewiesene Leads (unassignedOwner) „${p.id}“ ist kein bekannter Benutzer.`,
      hint: 'Setzen Sie "unassignedOwner" auf die ID eines aktiven Benutzers: Er erhält jeden Lead, den keine Regel zuweist.',
    }),
  ),
  'inactive-unassigned-owner': entry<{id: string}>(
    'inactive-unassigned-owner',
    (p) => ({
      message: `The unassigned owner "${p.id}" is inactive but would still receive every lead no rule assigns.`,
      hint: 'Set "unassignedOwner" to an active user.',
    }),
    (p) => ({
      message: `Der Verantwortliche für nicht zugewiesene Leads (unassignedOwner) „${p.id}“ ist inaktiv, erhielte aber weiterhin jeden Lead, den keine Regel zuweist.`,
      hint: 'Setzen Sie "unassignedOwner" auf einen aktiven Benutzer.',
    }),
  ),

  // ── The order of the rules ────────────────────────────────────────────────────────────────────
  'first-rule-misses-rejected.empty': entry(
    'first-rule-misses-rejected',
    () => ({
      message: 'The ruleset has no rules, so every reassigned lead goes to the unassigned owner.',
      hint: `${ORACLE.en} Start with ${EXAMPLE_FIRST_RULE}.`,
    }),
    () => ({
      message:
        'Der Regelsatz hat keine Regeln, daher geht jeder neu zugewiesene Lead an den Verantwortlichen für nicht zugewiesene Leads.',
      hint: `${ORACLE.de} Beginnen Sie mit ${EXAMPLE_FIRST_RULE}.`,
    }),
  ),
  'first-rule-misses-rejected.never': entry<{rule: string}>(
    'first-rule-misses-rejected',
    (p) => ({
      message: `The first rule "${p.rule}" never matches a rejected lead, and the rules always see the lead after rejection (status Rejected).`,
      hint: `${ORACLE.en} Make the first rule match every rejected lead, e.g. ${EXAMPLE_FIRST_RULE}.`,
    }),
    (p) => ({
      message: `Die erste Regel „${p.rule}“ trifft nie auf einen zurückgewiesenen Lead zu, und die Regeln sehen den Lead immer nach der Zurückweisung (Status Rejected).`,
      hint: `${ORACLE.de} Lassen Sie die erste Regel auf jeden zurückgewiesenen Lead zutreffen, z. B. ${EXAMPLE_FIRST_RULE}.`,
    }),
  ),
  'first-rule-misses-rejected.some': entry<{rule: string}>(
    'first-rule-misses-rejected',
    (p) => ({
      message: `The first rule "${p.rule}" matches only some rejected leads (it depends on more than the status).`,
      hint: `${ORACLE.en} Make the first rule match every rejected lead, e.g. ${EXAMPLE_FIRST_RULE}.`,
    }),
    (p) => ({
      message: `Die erste Regel „${p.rule}“ trifft nur auf manche zurückgewiesenen Leads zu (sie hängt von mehr als dem Status ab).`,
      hint: `${ORACLE.de} Lassen Sie die erste Regel auf jeden zurückgewiesenen Lead zutreffen, z. B. ${EXAMPLE_FIRST_RULE}.`,
    }),
  ),
  'unreachable-rule': entry<{rule: string; catchAll: string; userId: string}>(
    'unreachable-rule',
    (p) => ({
      message: `Rule "${p.rule}" is never reached: rule "${p.catchAll}" before it matches every rejected lead and always assigns to user "${p.userId}".`,
      hint: "Move this rule above the catch-all rule, narrow the catch-all's conditions, or remove this rule.",
    }),
    (p) => ({
      message: `Die Regel „${p.rule}“ wird nie erreicht: Die Regel „${p.catchAll}“ davor trifft auf jeden zurückgewiesenen Lead zu und weist immer dem Benutzer „${p.userId}“ zu.`,
      hint: 'Verschieben Sie diese Regel vor die Auffangregel, schränken Sie deren Bedingungen ein, oder entfernen Sie diese Regel.',
    }),
  ),
} as const;

export type LintTextKey = keyof typeof LINT_TEXTS;
/** The params an entry takes. */
export type LintTextParams<K extends LintTextKey> = Parameters<(typeof LINT_TEXTS)[K]['en']>[0];
