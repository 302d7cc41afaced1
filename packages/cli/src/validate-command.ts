import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {parseArgs} from 'node:util';
import {createJsonLocator, validateManifest, type ManifestIssue} from '@crmkit/sdk';
import {EXIT, type Command, type CliIo} from './cli-io.js';
import {lexists, readPluginFile, type PluginFileProblem} from './plugin-files.js';
import {sriHash} from './sri-hash.js';

const usage = `Usage: crmkit validate <plugin dir | plugin.json> [--json]

Checks a plugin manifest against the crmkit schema and rules, and that its entry file exists (a
warning: the entry is produced by the plugin's build) and matches its integrity.

Prints each finding as  file:line:col: error|warning CODE: message (hint)
  --json   print the findings as a JSON array instead
Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.
`;

function usageError(io: CliIo, message: string): number {
  io.stderr(`crmkit validate: ${message}\n\n${usage}`);
  return EXIT.usage;
}

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
  options: {checkEntry?: boolean} = {},
): ManifestIssue[] {
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
        message: `$schema ${schema} does not exist, so editors cannot complete or check the file`,
        hint: 'point it at packages/sdk/schema/plugin-manifest.schema.json relative to this file, or at node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json',
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
        message: `the entry ${manifest.entry} does not exist (yet)`,
        hint: 'build the plugin (e.g. npm run build) before loading it; the loader will fail without it',
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
      message: `integrity does not match ${manifest.entry}, whose SHA-384 is ${actual}`,
      hint: 'rebuild the plugin (its build writes "integrity"), or set integrity to the value above if the file is right',
      severity: 'error',
      ...at('/integrity'),
    },
  ];
}

const KINDS = {
  directory: 'a folder',
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device',
} as const;

/** The finding for a plugin.json that is no regular file (its code is the one `crmkit pack` uses). */
function notAFileIssue(file: string, problem: PluginFileProblem): ManifestIssue {
  const at = {file, line: 1, column: 1, pointer: '', severity: 'error' as const};
  switch (problem.code) {
    case 'file-is-link':
      return {
        ...at,
        code: problem.code,
        message: `${file} is a symbolic link (to ${problem.target}), not the manifest itself`,
        hint: 'validate the file it points to, or replace the link with the file (crmkit pack refuses links too)',
      };
    case 'file-not-regular':
      return {
        ...at,
        code: problem.code,
        message: `${file} is ${KINDS[problem.kind]}, not a regular file, so it was not read`,
        hint: 'give the plugin folder or its plugin.json file',
      };
    default:
      return {
        ...at,
        code: problem.code,
        message: `${file} changed while crmkit validate was reading it`,
        hint: 'validate again once nothing writes to it',
      };
  }
}

/** `crmkit validate <plugin dir | plugin.json> [--json]`. */
export const validateCommand: Command = async (argv, io) => {
  let values: {json?: boolean; help?: boolean};
  let positionals: string[];
  try {
    ({values, positionals} = parseArgs({
      args: argv,
      options: {json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}},
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    return usageError(
      io,
      positionals.length === 0
        ? 'give the plugin folder or its plugin.json'
        : `give one plugin folder or plugin.json, not ${positionals.length}`,
    );
  }
  const target = resolve(io.cwd, positionals[0] as string);
  if (!existsSync(target)) return usageError(io, `${positionals[0]} does not exist`);
  const file = statSync(target).isDirectory() ? join(target, 'plugin.json') : target;
  if (!lexists(file)) return usageError(io, `there is no plugin.json in ${positionals[0]}`);
  const displayFile = displayPath(io.cwd, file);

  // Read as `crmkit pack` reads it: only a regular file, checked by lstat and read from the checked
  // descriptor (opened non-blocking), so a FIFO is a finding instead of a read that waits forever.
  let text: string;
  try {
    const read = readPluginFile(file, realpathSync(dirname(file)));
    if (!read.ok) {
      const issue = notAFileIssue(displayFile, read.problem);
      io.stdout(values.json ? `${JSON.stringify([issue], null, 2)}\n` : `${formatIssue(issue)}\n`);
      if (!values.json) io.stdout(`${displayFile}: 1 error, 0 warnings\n`);
      return EXIT.findings;
    }
    text = read.bytes.toString('utf8');
  } catch (error) {
    return usageError(io, `cannot read ${file}: ${(error as Error).message}`);
  }
  const result = validateManifest(text, {file: displayFile});
  const issues = [...result.issues, ...fileIssues(text, file, displayFile, result.issues)].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;

  if (values.json) {
    io.stdout(`${JSON.stringify(issues, null, 2)}\n`);
  } else {
    for (const i of issues) io.stdout(`${formatIssue(i)}\n`);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (errors === 0) {
      const {id, version} = result.manifest ?? {id: '?', version: '?'};
      io.stdout(
        `${displayFile}: OK, ${id} ${version}${warnings ? ` (${plural(warnings, 'warning')})` : ''}\n`,
      );
    } else {
      io.stdout(`${displayFile}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
    }
  }
  return errors === 0 ? EXIT.ok : EXIT.findings;
};
