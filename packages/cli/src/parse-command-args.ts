import {parseArgs} from 'node:util';
import {UsageError} from './cli-options.js';
import {CLI_TEXT, type Lang} from './cli-text.js';

/** One option of a command. */
export interface CommandOption {
  type: 'string' | 'boolean';
  /** A one-letter alias, e.g. `o` for `-o`. */
  short?: string;
  /** For a string option: how its value is written in the list of options, e.g. `<file>`. */
  value?: string;
  /** For a string option: an example value, shown when the value is missing. */
  example?: string;
}

export type CommandOptions = Record<string, CommandOption>;

/** The parsed options: a string option's value, or whether a boolean option was given. */
export type CommandValues<O extends CommandOptions> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
} & {lang?: string};

/** What every command takes besides its own options. */
const COMMON: CommandOptions = {lang: {type: 'string', value: 'en|de', example: 'de'}};

/** Edit distance, for "did you mean" on an unknown option or command (their names are short). */
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
 * The name among `names` nearest to a mistyped `name`, for "did you mean": at most one edit per three
 * letters (one for a short name) away; undefined when none is that near.
 */
export function nearestName(name: string, names: readonly string[]): string | undefined {
  return names
    .map((n) => ({n, d: distance(name, n)}))
    .filter(({d}) => d <= Math.max(1, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0]?.n;
}

/** German when `LC_ALL`/`LANG` says so (`de`, `de_DE.UTF-8`, `de-AT`), else English. */
function environmentLanguage(): Lang {
  return /^de(?:[_.-]|$)/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'de' : 'en';
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
  return lang ?? environmentLanguage();
}

/**
 * Parses a command's arguments like `parseArgs` in strict mode (plus `--lang`, common to every
 * command), but every mistake is a UsageError in the CLI's own words and language, never Node's
 * text: an unknown option names the known ones (and the nearest), a string option without its value
 * shows an example, a boolean option given a value, an option given twice, a `--lang` other than en
 * or de. Positionals are allowed (each command checks how many it takes); after `--` everything is one.
 */
export function parseCommandArgs<O extends CommandOptions>(
  argv: string[],
  own: O,
): {values: CommandValues<O>; positionals: string[]; lang: Lang} {
  const lang = languageOf(argv);
  const t = CLI_TEXT[lang];
  const options: CommandOptions = {...own, ...COMMON};
  // Not strict: its tokens let every mistake be worded here instead of thrown in Node's words.
  const {tokens} = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.entries(options).map(([k, o]) => [
        k,
        o.short === undefined ? {type: o.type} : {type: o.type, short: o.short},
      ]),
    ),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const names = Object.keys(options);
  const known = names
    .map((n) => {
      const o = options[n]!;
      return `--${n}${o.short ? `/-${o.short}` : ''}${o.type === 'string' ? ` ${o.value ?? '<…>'}` : ''}`;
    })
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
      const nearest = nearestName(token.name, names);
      throw new UsageError(t.unknownOption(raw, nearest && `--${nearest}`, known));
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
  return {values: values as CommandValues<O>, positionals, lang};
}
