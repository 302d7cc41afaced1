import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {createJsonLocator, validateManifest, type ManifestIssue} from '@crmkit/sdk';
import {EXIT, type Command} from './cli-io.js';
import type {Lang} from './cli-text.js';
import {parseCommandLine} from './parse-command-line.js';
import {lexists, readPluginFile, type PluginFileProblem} from './plugin-files.js';
import {sriHash} from './sri-hash.js';

const en = {
  usage: `Usage: crmkit validate <plugin dir | plugin.json> [--json] [--lang en|de]

Checks a plugin manifest against the crmkit schema and rules, and that its entry file exists (a
warning: the entry is produced by the plugin's build) and matches its integrity.

Prints each finding as  file:line:col: error|warning CODE: message (hint)
  --json        print the findings as a JSON array instead
  --lang en|de  language of the messages (default: German when LC_ALL/LANG says so, else English)
Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.
`,
  noTarget: 'give the plugin folder or its plugin.json',
  tooManyTargets: (n: number) => `give one plugin folder or plugin.json, not ${n}`,
  targetMissing: (given: string) => `${given} does not exist`,
  noManifest: (given: string) => `there is no plugin.json in ${given}`,
  cannotRead: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  valid: (file: string, id: string, version: string, warnings: number) =>
    `${file}: OK, ${id} ${version}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
  invalid: (file: string, errors: number, warnings: number) =>
    `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,

  // The findings this command adds to those of validateManifest (@crmkit/sdk).
  schemaNotFound: (schema: string) =>
    `$schema ${schema} does not exist, so editors cannot complete or check the file`,
  schemaNotFoundHint:
    'point it at packages/sdk/schema/plugin-manifest.schema.json relative to this file, or at node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json',
  entryMissing: (entry: string) => `the entry ${entry} does not exist (yet)`,
  entryMissingHint:
    'build the plugin (e.g. npm run build) before loading it; the loader will fail without it',
  integrityMismatch: (entry: string, actual: string) =>
    `integrity does not match ${entry}, whose SHA-384 is ${actual}`,
  integrityMismatchHint:
    'rebuild the plugin (its build writes "integrity"), or set integrity to the value above if the file is right',
  manifestIsLink: (file: string, target: string) =>
    `${file} is a symbolic link (to ${target}), not the manifest itself`,
  manifestIsLinkHint:
    'validate the file it points to, or replace the link with the file (crmkit pack refuses links too)',
  manifestNotRegular: (file: string, kind: string) =>
    `${file} is ${kind}, not a regular file, so it was not read`,
  manifestNotRegularHint: 'give the plugin folder or its plugin.json file',
  manifestChanged: (file: string) => `${file} changed while crmkit validate was reading it`,
  manifestChangedHint: 'validate again once nothing writes to it',
  kinds: {
    directory: 'a folder',
    fifo: 'a FIFO (named pipe)',
    socket: 'a socket',
    'character-device': 'a character device',
    'block-device': 'a block device',
  } satisfies Record<Extract<PluginFileProblem, {code: 'file-not-regular'}>['kind'], string>,
};

/** The texts of one language. */
export type ValidateText = typeof en;

const de: ValidateText = {
  usage: `Aufruf: crmkit validate <Plugin-Ordner | plugin.json> [--json] [--lang en|de]

Prüft ein Plugin-Manifest gegen das crmkit-Schema und seine Regeln, und ob seine Einstiegsdatei
existiert (eine Warnung: der Build des Plugins erzeugt sie) und zu ihrer Integrität passt.

Gibt jeden Befund aus als  Datei:Zeile:Spalte: error|warning CODE: Meldung (Hinweis)
  --json        die Befunde stattdessen als JSON-Array ausgeben
  --lang en|de  Sprache der Meldungen (Standard: Deutsch, wenn LC_ALL/LANG es sagt, sonst Englisch)
Exit-Codes: 0 gültig (Warnungen erlaubt), 1 Fehler gefunden, 2 Aufruffehler.
`,
  noTarget: 'geben Sie den Plugin-Ordner oder seine plugin.json an',
  tooManyTargets: (n: number) =>
    `geben Sie einen Plugin-Ordner oder eine plugin.json an, nicht ${n}`,
  targetMissing: (given: string) => `${given} existiert nicht`,
  noManifest: (given: string) => `in ${given} gibt es keine plugin.json`,
  cannotRead: (file: string, reason: string) => `${file} kann nicht gelesen werden: ${reason}`,
  valid: (file: string, id: string, version: string, warnings: number) =>
    `${file}: gültig, ${id} ${version}${warnings ? ` (${warnings} Warnung${warnings === 1 ? '' : 'en'})` : ''}`,
  invalid: (file: string, errors: number, warnings: number) =>
    `${file}: ${errors} Fehler, ${warnings} Warnung${warnings === 1 ? '' : 'en'}`,

  schemaNotFound: (schema: string) =>
    `$schema ${schema} existiert nicht, daher können Editoren die Datei weder vervollständigen noch prüfen`,
  schemaNotFoundHint:
    'lassen Sie es auf packages/sdk/schema/plugin-manifest.schema.json relativ zu dieser Datei zeigen, oder auf node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json',
  entryMissing: (entry: string) => `der Einstiegspunkt ${entry} existiert (noch) nicht`,
  entryMissingHint:
    'bauen Sie das Plugin (z. B. npm run build), bevor Sie es laden; ohne ihn schlägt das Laden fehl',
  integrityMismatch: (entry: string, actual: string) =>
    `integrity passt nicht zu ${entry}, dessen SHA-384 ${actual} ist`,
  integrityMismatchHint:
    'bauen Sie das Plugin neu (sein Build schreibt "integrity"), oder setzen Sie integrity auf den Wert oben, wenn die Datei stimmt',
  manifestIsLink: (file: string, target: string) =>
    `${file} ist ein symbolischer Link (auf ${target}), nicht das Manifest selbst`,
  manifestIsLinkHint:
    'prüfen Sie die Datei, auf die er zeigt, oder ersetzen Sie den Link durch die Datei (auch crmkit pack lehnt Links ab)',
  manifestNotRegular: (file: string, kind: string) =>
    `${file} ist ${kind}, keine reguläre Datei, und wurde daher nicht gelesen`,
  manifestNotRegularHint: 'geben Sie den Plugin-Ordner oder seine plugin.json-Datei an',
  manifestChanged: (file: string) => `${file} hat sich geändert, während crmkit validate sie las`,
  manifestChangedHint: 'prüfen Sie erneut, wenn nichts mehr in die Datei schreibt',
  kinds: {
    directory: 'ein Ordner',
    fifo: 'ein FIFO (benannte Pipe)',
    socket: 'ein Socket',
    'character-device': 'ein zeichenorientiertes Gerät',
    'block-device': 'ein blockorientiertes Gerät',
  },
};

/**
 * Everything `crmkit validate` prints for people, in English and German: usage, usage errors, the
 * summary line and the findings it adds about the files beside the manifest (also those of `crmkit
 * pack`). Codes and the severity words of a finding line (`error`, `warning`: the form editors and
 * CI annotate) are never translated; the findings of validateManifest come in @crmkit/sdk's English.
 */
export const VALIDATE_TEXT: Record<Lang, ValidateText> = {en, de};

/** One finding as `file:line:col: severity CODE: message (hint)`, without the newline. */
export function formatIssue(i: ManifestIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.severity} ${i.code}: ${i.message} (${i.hint})`;
}

/** `file` relative to `cwd` when it lies below it, else absolute: how findings name files. */
export function displayPath(cwd: string, file: string): string {
  const shown = relative(cwd, file);
  return shown && !shown.startsWith(`..${sep}`) ? shown : file;
}

/**
 * Findings about the files next to the manifest: $schema and the entry exist, the entry matches
 * `integrity`. `checkEntry: false` leaves the entry alone (crmkit pack, once it found the entry is a
 * link or a special file, must not read it).
 */
export function fileIssues(
  text: string,
  file: string,
  displayFile: string,
  issues: ManifestIssue[],
  options: {checkEntry?: boolean; lang?: Lang} = {},
): ManifestIssue[] {
  const t = VALIDATE_TEXT[options.lang ?? 'en'];
  const locator = createJsonLocator(text);
  const manifest = locator.value as
    {entry?: unknown; integrity?: unknown; $schema?: unknown} | undefined;
  const at = (pointer: string) => ({pointer, file: displayFile, ...locator.positionOf(pointer)});
  const found: ManifestIssue[] = [];
  const schema = manifest?.$schema;
  if (typeof schema === 'string' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(schema)) {
    if (!existsSync(resolve(dirname(file), schema))) {
      found.push({
        code: 'schema-not-found',
        message: t.schemaNotFound(schema),
        hint: t.schemaNotFoundHint,
        severity: 'warning',
        ...at('/$schema'),
      });
    }
  }
  const entryOk = options.checkEntry !== false && !issues.some((i) => i.pointer === '/entry');
  if (!manifest || typeof manifest.entry !== 'string' || !entryOk) return found;
  const entryPath = resolve(dirname(file), manifest.entry);
  if (!existsSync(entryPath) || !statSync(entryPath).isFile()) {
    return [
      ...found,
      {
        code: 'entry-missing',
        message: t.entryMissing(manifest.entry),
        hint: t.entryMissingHint,
        severity: 'warning',
        ...at('/entry'),
      },
    ];
  }
  const integrityOk = !issues.some((i) => i.pointer === '/integrity');
  if (typeof manifest.integrity !== 'string' || !integrityOk) return found;
  const actual = sriHash(readFileSync(entryPath));
  if (actual === manifest.integrity) return found;
  return [
    ...found,
    {
      code: 'integrity-mismatch',
      message: t.integrityMismatch(manifest.entry, actual),
      hint: t.integrityMismatchHint,
      severity: 'error',
      ...at('/integrity'),
    },
  ];
}

/** The finding for a plugin.json that is no regular file (its code is the one `crmkit pack` uses). */
function notAFileIssue(file: string, problem: PluginFileProblem, t: ValidateText): ManifestIssue {
  const at = {file, line: 1, column: 1, pointer: '', severity: 'error' as const};
  switch (problem.code) {
    case 'file-is-link':
      return {
        ...at,
        code: problem.code,
        message: t.manifestIsLink(file, problem.target),
        hint: t.manifestIsLinkHint,
      };
    case 'file-not-regular':
      return {
        ...at,
        code: problem.code,
        message: t.manifestNotRegular(file, t.kinds[problem.kind]),
        hint: t.manifestNotRegularHint,
      };
    default:
      return {
        ...at,
        code: problem.code,
        message: t.manifestChanged(file),
        hint: t.manifestChangedHint,
      };
  }
}

/** `crmkit validate <plugin dir | plugin.json> [--json] [--lang en|de]`. */
export const validateCommand: Command = async (argv, io) => {
  const line = parseCommandLine(argv, io, {
    name: 'validate',
    options: {json: {type: 'boolean'}},
    usage: (lang) => VALIDATE_TEXT[lang].usage,
  });
  if (typeof line === 'number') return line;
  const {values, positionals, lang, usageError} = line;
  const t = VALIDATE_TEXT[lang];
  if (positionals.length !== 1)
    return usageError(positionals.length === 0 ? t.noTarget : t.tooManyTargets(positionals.length));
  const given = positionals[0] as string;
  const target = resolve(io.cwd, given);
  if (!existsSync(target)) return usageError(t.targetMissing(given));
  const file = statSync(target).isDirectory() ? join(target, 'plugin.json') : target;
  if (!lexists(file)) return usageError(t.noManifest(given));
  const displayFile = displayPath(io.cwd, file);

  // Read as `crmkit pack` reads it: only a regular file, checked by lstat and read from the checked
  // descriptor (opened non-blocking), so a FIFO is a finding instead of a read that waits forever.
  let text: string;
  try {
    const read = readPluginFile(file, realpathSync(dirname(file)));
    if (!read.ok) {
      const issue = notAFileIssue(displayFile, read.problem, t);
      io.stdout(values.json ? `${JSON.stringify([issue], null, 2)}\n` : `${formatIssue(issue)}\n`);
      if (!values.json) io.stdout(`${t.invalid(displayFile, 1, 0)}\n`);
      return EXIT.findings;
    }
    text = read.bytes.toString('utf8');
  } catch (error) {
    return usageError(t.cannotRead(file, (error as Error).message));
  }
  const result = validateManifest(text, {file: displayFile});
  const issues = [
    ...result.issues,
    ...fileIssues(text, file, displayFile, result.issues, {lang}),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;

  if (values.json) {
    io.stdout(`${JSON.stringify(issues, null, 2)}\n`);
  } else {
    for (const i of issues) io.stdout(`${formatIssue(i)}\n`);
    if (errors === 0) {
      const {id, version} = result.manifest ?? {id: '?', version: '?'};
      io.stdout(`${t.valid(displayFile, id, version, warnings)}\n`);
    } else {
      io.stdout(`${t.invalid(displayFile, errors, warnings)}\n`);
    }
  }
  return errors === 0 ? EXIT.ok : EXIT.findings;
};
