import {EXIT, type CliIo} from './cli-io.js';
import {UsageError} from './cli-options.js';
import type {Lang} from './cli-text.js';
import {
  languageOf,
  parseCommandArgs,
  type CommandOptions,
  type CommandValues,
} from './parse-command-args.js';

/** What a command needs to say about its own command line. */
export interface CommandSpec<O extends CommandOptions> {
  /** The command's name, as its messages begin: `crmkit <name>: …`. */
  name: string;
  options: O;
  /** The command's usage, in one language. */
  usage: (lang: Lang) => string;
}

/** What `--help` adds to a command's options (listed, so that `--hlp` gets "did you mean --help"). */
const HELP = {help: {type: 'boolean', short: 'h'}} as const satisfies CommandOptions;

/** The parsed command line, and how the command reports a usage error of its own. */
export interface CommandLine<O extends CommandOptions> {
  values: CommandValues<O & typeof HELP>;
  positionals: string[];
  lang: Lang;
  /** Prints `crmkit <name>: <message>` and the usage to stderr; answers the exit code 2. */
  usageError: (message: string) => number;
}

/** Whether the arguments ask for help (`--help` or `-h` before any `--`). */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * The start of every command but `rules` (whose subcommands share one usage and one error line):
 * `--help`/`-h` prints the usage in the language of `--lang` (else LC_ALL/LANG) and answers exit 0,
 * before the other options are checked, as `crmkit rules … --help` does; an option mistake prints the
 * CLI's own message and the usage and answers exit 2. Either way the command returns that number;
 * otherwise it gets its options.
 */
export function parseCommandLine<O extends CommandOptions>(
  argv: string[],
  io: CliIo,
  spec: CommandSpec<O>,
): CommandLine<O> | number {
  const lang = languageOf(argv);
  const usageError = (message: string) => {
    io.stderr(`crmkit ${spec.name}: ${message}\n\n${spec.usage(lang)}`);
    return EXIT.usage;
  };
  if (asksForHelp(argv)) {
    io.stdout(spec.usage(lang));
    return EXIT.ok;
  }
  try {
    const {values, positionals} = parseCommandArgs(argv, {...spec.options, ...HELP});
    return {values, positionals, lang, usageError};
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
}
