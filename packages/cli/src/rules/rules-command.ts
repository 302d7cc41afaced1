import {AssignmentError} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {asksForHelp} from '../parse-command-line.js';
import {languageOf} from './rules-args.js';
import {UsageError} from './rules-files.js';
import {RULES_TEXT, type Lang} from './rules-text.js';

/** The subcommands, in the order the usage lists them. */
const SUBCOMMANDS = ['lint', 'test', 'explain', 'simulate', 'deploy', 'pull'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Each subcommand's module is loaded only when it runs (deploy and pull do not load the engine). */
const subcommands: Record<Subcommand, () => Promise<Command>> = {
  lint: async () => (await import('./rules-lint.js')).rulesLint,
  test: async () => (await import('./rules-test.js')).rulesTest,
  explain: async () => (await import('./rules-explain.js')).rulesExplain,
  simulate: async () => (await import('./rules-simulate.js')).rulesSimulate,
  deploy: async () => (await import('./rules-deploy.js')).rulesDeploy,
  pull: async () => (await import('./rules-pull.js')).rulesPull,
};

/** The usage of `crmkit rules` with all subcommands, in one language. */
export function rulesUsage(lang: Lang): string {
  const u = RULES_TEXT[lang].usage;
  return `${u.rules}\n${SUBCOMMANDS.map((s) => u[s]).join('')}\n${u.tokenNote}${u.exitCodes}`;
}

/** One subcommand's usage (for `crmkit rules <subcommand> --help`). */
function subcommandUsage(name: Subcommand, lang: Lang): string {
  const u = RULES_TEXT[lang].usage;
  const token = name === 'deploy' || name === 'pull' ? u.tokenNote : '';
  return `${u[name]}${token}${u.exitCodes}`;
}

/**
 * `crmkit rules …`: the rule author's tools. A usage error of any subcommand (a wrong or unknown
 * option, a file that cannot be read) is printed as `crmkit rules <subcommand>: <message>` in the
 * language of `--lang` (else LC_ALL/LANG) and exits 2; an error of the Assignment Manager (Book mode,
 * a rule that cannot be evaluated) prints its code and message and exits 1.
 */
export const rulesCommand: Command = async (argv, io) => {
  const [name, ...rest] = argv;
  const lang = languageOf(argv);
  const t = RULES_TEXT[lang];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(rulesUsage(lang));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(subcommands, name)) {
    io.stderr(`crmkit rules: ${t.unknownSubcommand(name)}\n\n${rulesUsage(lang)}`);
    return EXIT.usage;
  }
  const sub = name as Subcommand;
  if (asksForHelp(rest)) {
    io.stdout(subcommandUsage(sub, lang));
    return EXIT.ok;
  }
  try {
    return await (
      await subcommands[sub]()
    )(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`crmkit rules ${sub}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof AssignmentError) {
      io.stderr(`crmkit rules ${sub}: ${error.code}: ${error.messages?.[lang] ?? error.message}\n`);
      return EXIT.findings;
    }
    throw error;
  }
};
