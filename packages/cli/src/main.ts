import {readFileSync} from 'node:fs';
import {EXIT, processIo, type CliIo, type Command} from './cli-io.js';
import type {Lang} from './cli-text.js';
import {languageOf, nearestName} from './parse-command-args.js';

const en = {
  usage: `Usage: crmkit <command> [options]
       crmkit --version | -v                       print the version of crmkit

Commands:
  create <dir> [--template lit|vanilla] [--id <id>]
                                                   make a new plugin that builds, tests and packs
  dev [plugin dir] [--port <n>] [--trusted]        a local CRM with the plugin, rebuilt on change
  validate <plugin dir | plugin.json> [--json]     check a plugin manifest
  rules lint <ruleset> [--users <file>] [--json]   check an assignment ruleset
  rules test <ruleset> [cases…]                    run rule test cases
  rules explain <ruleset> --lead <file> [--users <file>] [--json]
  rules simulate <ruleset> --leads <file.ndjson> | --generate <N> [--users <file>] [--now <ISO time>]
  rules deploy <ruleset> --host <url> [--token <t>]
                                                   lint, then activate a ruleset on a host CRM
  rules pull --host <url> [--token <t>] [--version <n>] [--output <file>]
                                                   get a host's active ruleset (or version n)
  pack <plugin dir> [--out <dir>] [--json]         write <name>-<version>.tgz for admins to install
  install <package.tgz> --host <url> [--token <t>] [--enable] [--json]
                                                   upload a package to a host CRM (plugins.manage)

Every command takes --lang en|de (else LC_ALL/LANG) and --help.
Exit codes: 0 success, 1 findings (or refused by the host), 2 usage error.
`,
  unknownCommand: (name: string, nearest: string | undefined) =>
    `crmkit: unknown command "${name}"${nearest ? ` (did you mean "${nearest}"?)` : ''}`,
};

const de: typeof en = {
  usage: `Aufruf: crmkit <Befehl> [Optionen]
        crmkit --version | -v                      die Version von crmkit ausgeben

Befehle:
  create <Ordner> [--template lit|vanilla] [--id <id>]
                                                   ein neues Plugin anlegen, das baut, testet und packt
  dev [Plugin-Ordner] [--port <n>] [--trusted]     ein lokales CRM mit dem Plugin, bei Änderung neu gebaut
  validate <Plugin-Ordner | plugin.json> [--json]  ein Plugin-Manifest prüfen
  rules lint <Regelsatz> [--users <Datei>] [--json]
                                                   einen Zuweisungsregelsatz prüfen
  rules test <Regelsatz> [Fälle…]                  Testfälle der Regeln ausführen
  rules explain <Regelsatz> --lead <Datei> [--users <Datei>] [--json]
  rules simulate <Regelsatz> --leads <Datei.ndjson> | --generate <N> [--users <Datei>] [--now <ISO-Zeit>]
  rules deploy <Regelsatz> --host <URL> [--token <t>]
                                                   prüfen, dann einen Regelsatz im Host-CRM aktivieren
  rules pull --host <URL> [--token <t>] [--version <n>] [--output <Datei>]
                                                   den aktiven Regelsatz eines Hosts holen (oder Version n)
  pack <Plugin-Ordner> [--out <Ordner>] [--json]   <name>-<version>.tgz für Administratoren schreiben
  install <Paket.tgz> --host <URL> [--token <t>] [--enable] [--json]
                                                   ein Paket in ein Host-CRM hochladen (plugins.manage)

Jeder Befehl nimmt --lang en|de (sonst LC_ALL/LANG) und --help.
Exit-Codes: 0 Erfolg, 1 Befunde (oder vom Host abgelehnt), 2 Aufruffehler.
`,
  unknownCommand: (name: string, nearest: string | undefined) =>
    `crmkit: unbekannter Befehl „${name}“${nearest ? ` (meinten Sie „${nearest}“?)` : ''}`,
};

/** What `crmkit` itself prints (the usage, an unknown command), in English and German. */
export const MAIN_TEXT: Record<Lang, typeof en> = {en, de};

/** Each command module is loaded only when it runs, so `crmkit validate` does not load the rule engine. */
const commands: Record<string, () => Promise<Command>> = {
  create: async () => (await import('./create-command.js')).createCommand,
  dev: async () => (await import('./dev-command.js')).devCommand,
  validate: async () => (await import('./validate-command.js')).validateCommand,
  rules: async () => (await import('./rules/rules-command.js')).rulesCommand,
  pack: async () => (await import('./pack-command.js')).packCommand,
  install: async () => (await import('./install-command.js')).installCommand,
};

/**
 * The CLI's version, from its own package.json: `../package.json` from both `src/main.ts` (the
 * checkout) and `dist/main.js` (the installed package), read only when asked.
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const quieted = new WeakSet<NodeJS.WriteStream>();

/**
 * Makes a closed pipe on stdout or stderr (`crmkit pack … | head`) end the output quietly instead of
 * crashing with an EPIPE stack trace: the reader has gone, so what is left to print is dropped, and
 * the command still finishes its work (a package half written would be worse) and exits with its code.
 */
export function quietOnBrokenPipe(
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams) {
    if (quieted.has(stream)) continue; // a second main() in the same process
    quieted.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE, then ERR_STREAM_DESTROYED for each write after it.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}

/** Runs the crmkit command line; returns the exit code. */
export async function main(argv: string[], given?: CliIo): Promise<number> {
  let io = given;
  if (!io) {
    quietOnBrokenPipe();
    io = processIo();
  }
  // `crmkit --lang de <command> …`: the --lang before the command goes on to it (before any `--`).
  let at = 0;
  while (argv[at] === '--lang' || argv[at]?.startsWith('--lang=')) {
    at += argv[at] === '--lang' ? 2 : 1;
  }
  const [name, ...after] = argv.slice(at);
  const end = after.includes('--') ? after.indexOf('--') : after.length;
  const rest = [...after.slice(0, end), ...argv.slice(0, at), ...after.slice(end)];
  const text = MAIN_TEXT[languageOf(argv)];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(text.usage);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${cliVersion()}\n`);
    return EXIT.ok;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(
      `${text.unknownCommand(name, nearestName(name, Object.keys(commands)))}\n\n${text.usage}`,
    );
    return EXIT.usage;
  }
  return (await load())(rest, io);
}
