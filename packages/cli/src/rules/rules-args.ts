import {OWNERSHIP_MODES, type OwnershipMode} from '@crmkit/assignment';
import {UsageError} from '../cli-options.js';
import {parseCommandArgs, type CommandOptions, type CommandValues} from '../parse-command-args.js';
import {RULES_TEXT, type Lang, type RulesText} from './rules-text.js';

export {languageOf} from '../parse-command-args.js';

/**
 * Parses the arguments of a `crmkit rules` subcommand as every command's are parsed (see
 * parseCommandArgs: option mistakes in the CLI's own words and language), and hands the subcommand
 * its texts in that language too.
 */
export function parseRulesArgs<O extends CommandOptions>(
  argv: string[],
  own: O,
): {values: CommandValues<O>; positionals: string[]; lang: Lang; t: RulesText} {
  const parsed = parseCommandArgs(argv, own);
  return {...parsed, t: RULES_TEXT[parsed.lang]};
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
