import {parseArgs} from 'node:util';
import {OWNERSHIP_MODES, type OwnershipMode} from '@crmkit/assignment';
import {outputLanguage, UsageError} from '../cli-options.js';
import {RULES_TEXT, type Lang, type RulesText} from './rules-text.js';

/** One option of a `crmkit rules` subcommand. */
export interface RulesOption {
  type: 'string' | 'boolean';
  /** For a string option: how its value is written in the list of options, e.g. `<file>`. */
  value?: string;
  /** For a string option: an example value, shown when the value is missing. */
  example?: string;
}

export type RulesOptions = Record<string, RulesOption>;

/** The parsed options: a string option's value, or whether a boolean option was given. */
export type RulesValues<O extends RulesOptions> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
} & {lang?: string};

/** What every subcommand takes besides its own options. */
const COMMON: RulesOptions = {lang: {type: 'string', value: 'en|de', example: 'de'}};

/** Edit distance, for "did you mean" on an unknown option (option names are short). */
function distance(a: string, b: string): number {
  let row = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] as number;
}

/**
 * The language of the messages before the options are checked: the last valid `--lang` among the
 * arguments (before `--`), else LC_ALL/LANG. So that a mistake in another option is already reported
 * in the language asked for.
 */
export function languageOf(argv: readonly string[]): Lang {
  let lang: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : null;
    if (value === 'en' || value === 'de') lang = value; // the last one, as parseArgs would take it
  }
  return lang ?? outputLanguage(undefined);
}

/**
 * Parses the arguments of a `crmkit rules` subcommand like `parseArgs` in strict mode (plus `--lang`),
 * but every mistake is a UsageError in the CLI's own words and language, never Node's text: an
 * unknown option names the known ones (and the nearest), a string option without its value shows an
 * example, a boolean option given a value, an option given twice, a `--lang` other than en or de.
 */
export function parseRulesArgs<O extends RulesOptions>(
  argv: string[],
  own: O,
): {values: RulesValues<O>; positionals: string[]; lang: Lang; t: RulesText} {
  const lang = languageOf(argv);
  const t = RULES_TEXT[lang];
  const options: RulesOptions = {...own, ...COMMON};
  const {tokens} = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, {type: o.type}])),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const names = Object.keys(options);
  const known = names
    .map((n) => `--${n}${options[n]!.type === 'string' ? ` ${options[n]!.value ?? '<…>'}` : ''}`)
    .join(', ');
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    // `-abc` comes as three tokens; show what was typed for a short option.
    const raw = token.rawName;
    if (!spec) {
      const nearest = names
        .map((n) => ({n, d: distance(token.name, n)}))
        .filter(({d}) => d <= Math.max(1, Math.floor(token.name.length / 3)))
        .sort((a, b) => a.d - b.d)[0];
      throw new UsageError(t.unknownOption(raw, nearest && `--${nearest.n}`, known));
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(t.takesNoValue(raw, token.value));
      values[token.name] = true;
      continue;
    }
    const example = spec.example ?? '…';
    if (token.value === undefined) throw new UsageError(t.missingValue(raw, example));
    // `--lead --json`: the value was forgotten (parseArgs would take "--json" as the file).
    if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')
      throw new UsageError(t.valueLooksLikeOption(raw, token.value, example));
    const before = values[token.name];
    if (typeof before === 'string' && before !== token.value)
      throw new UsageError(t.givenTwice(raw, before, token.value));
    values[token.name] = token.value;
  }
  const given = values.lang;
  if (typeof given === 'string' && given !== 'en' && given !== 'de')
    throw new UsageError(t.badLang(given));
  return {values: values as RulesValues<O>, positionals, lang, t};
}

/** `--mode`: the ownership mode (default mixed). */
export function parseMode(value: string | undefined, t: RulesText): OwnershipMode {
  const mode = value ?? 'mixed';
  if (!OWNERSHIP_MODES.includes(mode as OwnershipMode)) throw new UsageError(t.badMode(mode));
  return mode as OwnershipMode;
}

/** YYYY-MM-DD, optionally THH:MM[:SS[.fraction]] and then Z or ±HH:MM (or ±HHMM). */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * `--now`: the instant the rules see as "now" (their `now` fact), strictly ISO 8601. A date alone is
 * midnight UTC; a date with a time needs a time zone (`Z` or an offset), else the same command would
 * decide differently on machines in other zones. Dates and times that do not exist (2026-02-30,
 * 25:00) are refused rather than rolled over.
 */
export function parseNow(value: string | undefined, t: RulesText): Date | undefined {
  if (value === undefined) return undefined;
  const m = ISO_8601.exec(value.trim());
  if (!m) throw new UsageError(t.badNow(value));
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (h !== undefined && zone === undefined) throw new UsageError(t.nowWithoutZone(value.trim()));
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) throw new UsageError(t.nowNoSuchTime(value.trim()));
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw new UsageError(t.nowNoSuchTime(value.trim()));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  const date = new Date(utc);
  if (year < 100) date.setUTCFullYear(year);
  return new Date(date.getTime() - offset * 60_000);
}
