import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {gzipSync} from 'node:zlib';
import {createJsonLocator, validateManifest, type ManifestIssue} from '@crmkit/sdk';
import {create as createTar} from 'tar';
import {EXIT, type CliIo, type Command} from './cli-io.js';
import type {Lang} from './cli-text.js';
import {formatSize} from './format-size.js';
import {parseCommandLine} from './parse-command-line.js';
import {insidePath, lexists, readPluginFile, type PluginFileProblem} from './plugin-files.js';
import {sriHash} from './sri-hash.js';
import {displayPath, fileIssues, formatIssue} from './validate-command.js';

/** npm's timestamp for packed files: the same inputs give the same package, byte for byte. */
const PACKED_MTIME = new Date('1985-10-26T08:15:00.000Z');

export {sriHash} from './sri-hash.js';

/** One file in the package: its path inside the package and its size in bytes. */
export interface PackedFile {
  path: string;
  bytes: number;
}

/** What `crmkit pack --json` prints when it packed. */
export interface PackSummary {
  ok: true;
  id: string;
  name: string;
  version: string;
  /** Absolute path of the written .tgz. */
  file: string;
  /** Size of the .tgz in bytes. */
  bytes: number;
  integrity: string;
  entry: {path: string; bytes: number; gzipBytes: number};
  files: PackedFile[];
  /** Warnings found while validating (errors refuse the pack). */
  issues: ManifestIssue[];
}

/** What `crmkit pack --json` prints when it refused. */
export interface PackRefusal {
  ok: false;
  issues: ManifestIssue[];
}

/** What `crmkit pack --json` prints when the package could not be written. */
export interface PackFailure extends PackRefusal {
  /** Why writing failed (the system's message). */
  error: string;
}

const kb = formatSize;

const en = {
  usage: `Usage: crmkit pack <plugin dir | plugin.json> [--out <dir>] [--json] [--lang en|de]

Validates the plugin's manifest (as crmkit validate does), requires its built entry, and writes
<name>-<version>.tgz: what a CRM admin installs. The package holds plugin.json (with "integrity", the
SHA-384 of the entry), the entry, its source map, custom-elements.json and README.md when present;
files keep their paths relative to plugin.json.

  --out, -o <dir>  where to write the package (default: the working folder; created if missing)
  --json           print a JSON summary instead of the file list
  --lang en|de     language of the messages (default: German when LC_ALL/LANG says so, else English)
Every packed file must be a regular file inside the plugin folder: a symbolic link, a FIFO, a device
or a file whose real path is outside the folder is refused, never followed.
Exit codes: 0 packed, 1 refused (manifest errors, entry missing, integrity mismatch, a link, special
file or file outside the plugin folder), 2 usage error.
`,
  noPlugin: 'give the plugin folder (or its plugin.json), e.g. crmkit pack plugins/reject-lead',
  tooManyPlugins: (n: number) => `give one plugin folder, not ${n}`,
  emptyOut: '--out needs a folder, e.g. --out dist',
  pluginMissing: (given: string) => `${given} does not exist`,
  noManifest: (given: string) => `there is no plugin.json in ${given}`,
  outIsFile: (out: string) =>
    `--out ${out}: is a file, not a folder; give a folder (it is created if missing)`,
  entryMissing: (entry: string) => `the entry ${entry} does not exist: the plugin is not built`,
  buildHint: (dir: string) =>
    `build the plugin first: npm run build (at the repository root)${existsSync(join(dir, 'rollup.config.mjs')) ? `, or npx rollup -c ${join(dir, 'rollup.config.mjs')}` : ', or the plugin’s own build'}; then pack again`,
  refused: (file: string, errors: number) =>
    `${file}: not packed, ${errors} error${errors === 1 ? '' : 's'}`,
  outsideSkipped: (what: string, path: string) =>
    `note: ${what} ${path} lies outside the plugin folder; not packed`,
  sourceMap: 'source map',
  packed: (id: string, version: string, file: string, size: string) =>
    `Packed ${id} ${version} → ${file} (${size})`,
  minGzip: (size: string) => `${size} min+gzip`,
  integrity: 'integrity',
  entryOutside: (entry: string) =>
    `the entry ${entry} lies outside the plugin folder; move it inside and point "entry" at it`,
  writeFailed: (file: string, reason: string) =>
    `cannot write ${file}: ${reason}; check that --out names a folder you can write to`,
  files: {
    manifest: 'the manifest',
    entry: 'the entry',
    map: 'the source map',
    customElements: 'the custom elements manifest',
    readme: 'the README',
  },
  kinds: {
    directory: 'a folder',
    fifo: 'a FIFO (named pipe)',
    socket: 'a socket',
    'character-device': 'a character device',
    'block-device': 'a block device',
  },
  fileIsLink: (what: string, path: string, target: string) =>
    `${what} ${path} is a symbolic link (to ${target}); a package holds only regular files from inside the plugin folder`,
  linkHint: (path: string) =>
    `replace the link with the file itself (e.g. cp --remove-destination "$(readlink -f ${path})" ${path}), or let the build write the file there; then pack again`,
  fileNotRegular: (what: string, path: string, kind: string) =>
    `${what} ${path} is ${kind}, not a regular file`,
  notRegularHint:
    'put the built file there instead (a package holds regular files only); then pack again',
  fileOutside: (what: string, path: string, realPath: string) =>
    `${what} ${path} resolves to ${realPath}, outside the plugin folder`,
  outsideHint:
    'a folder on its path links out of the plugin folder: put the file itself inside the plugin folder; then pack again',
  fileChanged: (what: string, path: string) =>
    `${what} ${path} changed while crmkit pack was reading it`,
  changedHint:
    'pack again once nothing writes to the plugin folder (e.g. a build running in watch mode)',
};

/** The texts of one language. */
type PackText = typeof en;

const de: PackText = {
  usage: `Aufruf: crmkit pack <Plugin-Ordner | plugin.json> [--out <Ordner>] [--json] [--lang en|de]

Prüft das Manifest des Plugins (wie crmkit validate), verlangt seinen gebauten Einstiegspunkt und
schreibt <Name>-<Version>.tgz: das, was ein CRM-Administrator installiert. Das Paket enthält
plugin.json (mit "integrity", dem SHA-384 des Einstiegspunkts), den Einstiegspunkt, seine Source Map,
custom-elements.json und README.md, wenn vorhanden; die Dateien behalten ihre Pfade relativ zu
plugin.json.

  --out, -o <Ordner>  wohin das Paket geschrieben wird (Standard: der Arbeitsordner; fehlt er, wird
                      er angelegt)
  --json              eine JSON-Zusammenfassung statt der Dateiliste ausgeben
  --lang en|de        Sprache der Meldungen (Standard: Deutsch, wenn LC_ALL/LANG es sagt, sonst Englisch)
Jede gepackte Datei muss eine reguläre Datei im Plugin-Ordner sein: ein symbolischer Link, ein FIFO,
ein Gerät oder eine Datei, deren echter Pfad außerhalb des Ordners liegt, wird abgelehnt, nie verfolgt.
Exit-Codes: 0 gepackt, 1 abgelehnt (Fehler im Manifest, Einstiegspunkt fehlt, Integrität passt nicht,
ein Link, eine Spezialdatei oder eine Datei außerhalb des Plugin-Ordners), 2 Aufruffehler.
`,
  noPlugin:
    'geben Sie den Plugin-Ordner (oder seine plugin.json) an, z. B. crmkit pack plugins/reject-lead',
  tooManyPlugins: (n: number) => `geben Sie einen Plugin-Ordner an, nicht ${n}`,
  emptyOut: '--out braucht einen Ordner, z. B. --out dist',
  pluginMissing: (given: string) => `${given} existiert nicht`,
  noManifest: (given: string) => `in ${given} gibt es keine plugin.json`,
  outIsFile: (out: string) =>
    `--out ${out}: ist eine Datei, kein Ordner; geben Sie einen Ordner an (fehlt er, wird er angelegt)`,
  entryMissing: (entry: string) =>
    `der Einstiegspunkt ${entry} existiert nicht: das Plugin ist nicht gebaut`,
  buildHint: (dir: string) =>
    `bauen Sie das Plugin zuerst: npm run build (im Wurzelordner des Repositorys)${existsSync(join(dir, 'rollup.config.mjs')) ? `, oder npx rollup -c ${join(dir, 'rollup.config.mjs')}` : ', oder den eigenen Build des Plugins'}; dann erneut packen`,
  refused: (file: string, errors: number) => `${file}: nicht gepackt, ${errors} Fehler`,
  outsideSkipped: (what: string, path: string) =>
    `Hinweis: ${what} ${path} liegt außerhalb des Plugin-Ordners; nicht gepackt`,
  sourceMap: 'Source Map',
  packed: (id: string, version: string, file: string, size: string) =>
    `${id} ${version} gepackt → ${file} (${size})`,
  minGzip: (size: string) => `${size} min+gzip`,
  integrity: 'Integrität',
  entryOutside: (entry: string) =>
    `der Einstiegspunkt ${entry} liegt außerhalb des Plugin-Ordners; verschieben Sie ihn hinein und setzen Sie "entry" darauf`,
  writeFailed: (file: string, reason: string) =>
    `${file} kann nicht geschrieben werden: ${reason}; prüfen Sie, ob --out einen beschreibbaren Ordner nennt`,
  files: {
    manifest: 'das Manifest',
    entry: 'der Einstiegspunkt',
    map: 'die Source Map',
    customElements: 'das Custom-Elements-Manifest',
    readme: 'die README',
  },
  kinds: {
    directory: 'ein Ordner',
    fifo: 'ein FIFO (benannte Pipe)',
    socket: 'ein Socket',
    'character-device': 'ein zeichenorientiertes Gerät',
    'block-device': 'ein blockorientiertes Gerät',
  },
  fileIsLink: (what: string, path: string, target: string) =>
    `${what} ${path} ist ein symbolischer Link (auf ${target}); ein Paket enthält nur reguläre Dateien aus dem Plugin-Ordner`,
  linkHint: (path: string) =>
    `ersetzen Sie den Link durch die Datei selbst (z. B. cp --remove-destination "$(readlink -f ${path})" ${path}) oder lassen Sie den Build die Datei dorthin schreiben; dann erneut packen`,
  fileNotRegular: (what: string, path: string, kind: string) =>
    `${what} ${path} ist ${kind}, keine reguläre Datei`,
  notRegularHint:
    'legen Sie stattdessen die gebaute Datei dorthin (ein Paket enthält nur reguläre Dateien); dann erneut packen',
  fileOutside: (what: string, path: string, realPath: string) =>
    `${what} ${path} verweist auf ${realPath}, außerhalb des Plugin-Ordners`,
  outsideHint:
    'ein Ordner auf dem Pfad ist ein Link aus dem Plugin-Ordner hinaus: legen Sie die Datei selbst in den Plugin-Ordner; dann erneut packen',
  fileChanged: (what: string, path: string) =>
    `${what} ${path} hat sich geändert, während crmkit pack ihn las`,
  changedHint:
    'packen Sie erneut, wenn nichts mehr in den Plugin-Ordner schreibt (z. B. ein Build im Watch-Modus)',
};

/**
 * Everything `crmkit pack` prints for people, in English and German: usage, usage errors, findings
 * of its own and the result. Codes are never translated.
 */
export const PACK_TEXT: Record<Lang, PackText> = {en, de};

/** Which of the packed files a problem is about (names it in the message). */
type PackedFileRole = keyof PackText['files'];

/**
 * The finding for a file that may not be packed. `at` places it: the entry's at "entry" in plugin.json
 * (where the author names it), any other file's at the file itself.
 */
function fileProblemIssue(
  text$: PackText,
  role: PackedFileRole,
  shownPath: string,
  problem: PluginFileProblem,
  at: Pick<ManifestIssue, 'file' | 'line' | 'column' | 'pointer'>,
): ManifestIssue {
  const what = text$.files[role];
  const described = (): {message: string; hint: string} => {
    switch (problem.code) {
      case 'file-is-link':
        return {
          message: text$.fileIsLink(what, shownPath, problem.target),
          hint: text$.linkHint(shownPath),
        };
      case 'file-not-regular':
        return {
          message: text$.fileNotRegular(what, shownPath, text$.kinds[problem.kind]),
          hint: text$.notRegularHint,
        };
      case 'file-outside-plugin':
        return {
          message: text$.fileOutside(what, shownPath, problem.realPath),
          hint: text$.outsideHint,
        };
      case 'file-changed':
        return {message: text$.fileChanged(what, shownPath), hint: text$.changedHint};
    }
  };
  return {...at, code: problem.code, severity: 'error', ...described()};
}

/**
 * The source map the entry names in its `sourceMappingURL` comment, else `<entry>.map` when something
 * is there (a link or special file is found here so that packing refuses it, instead of skipping it).
 */
function sourceMapOf(entryPath: string, entryBytes: Buffer): string | undefined {
  const tail = entryBytes.subarray(-1024).toString('utf8');
  const url = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(tail)?.[1];
  if (url !== undefined) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return undefined; // data: or absolute URL: nothing to pack
    const path = resolve(dirname(entryPath), decodeURIComponent(url));
    return lexists(path) ? path : undefined;
  }
  return lexists(`${entryPath}.map`) ? `${entryPath}.map` : undefined;
}

/**
 * What `crmkit dev` changes when it packs a working folder (never options of the command line): the
 * version the package gets (a new prerelease per build, so the host stores each build as a version
 * of its own), and that a hand-written `integrity` in plugin.json is ignored, since every build
 * changes the entry and the package's manifest gets the integrity of the bytes packed anyway.
 */
export interface PackOverrides {
  version?: string;
  ignoreIntegrity?: boolean;
}

/** `crmkit pack <plugin dir | plugin.json> [--out <dir>] [--json] [--lang en|de]`. */
export const packCommand: Command = (argv, io) => runPack(argv, io);

/** The pack command, with what `crmkit dev` overrides. */
export async function runPack(
  argv: string[],
  io: CliIo,
  overrides: PackOverrides = {},
): Promise<number> {
  const line = parseCommandLine(argv, io, {
    name: 'pack',
    options: {
      out: {type: 'string', short: 'o', value: '<dir>', example: 'dist'},
      json: {type: 'boolean'},
    },
    usage: (lang) => PACK_TEXT[lang].usage,
  });
  if (typeof line === 'number') return line;
  const {values, positionals, lang, usageError} = line;
  const text$ = PACK_TEXT[lang];
  const locale = lang;
  if (positionals.length !== 1)
    return usageError(
      positionals.length === 0 ? text$.noPlugin : text$.tooManyPlugins(positionals.length),
    );
  if (values.out === '') return usageError(text$.emptyOut);

  const target = resolve(io.cwd, positionals[0] as string);
  if (!lexists(target)) return usageError(text$.pluginMissing(positionals[0] as string));
  const file =
    existsSync(target) && statSync(target).isDirectory() ? join(target, 'plugin.json') : target;
  if (!lexists(file)) return usageError(text$.noManifest(positionals[0] as string));
  const outDir = resolve(io.cwd, values.out ?? '.');
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    return usageError(text$.outIsFile(values.out as string));
  const pluginDir = dirname(file);
  // Real paths on both sides: the plugin folder itself may be reached through a link (a workspace
  // link, macOS's /tmp), a file in it may not lead out of it.
  const realPluginDir = realpathSync(pluginDir);
  const displayFile = displayPath(io.cwd, file);
  const shown = (path: string) => displayPath(io.cwd, path);

  const refuse = (issues: ManifestIssue[]) => {
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (values.json)
      io.stdout(`${JSON.stringify({ok: false, issues} satisfies PackRefusal, null, 2)}\n`);
    else io.stderr(`${text$.refused(displayFile, errors)}\n`);
    return EXIT.findings;
  };

  const manifestRead = readPluginFile(file, realPluginDir);
  if (!manifestRead.ok) {
    const issue = fileProblemIssue(text$, 'manifest', displayFile, manifestRead.problem, {
      file: displayFile,
      line: 1,
      column: 1,
      pointer: '',
    });
    if (!values.json) io.stdout(`${formatIssue(issue)}\n`);
    return refuse([issue]);
  }

  // Validate as `crmkit validate` does; a missing entry is an error here, with how to build it.
  const text = manifestRead.bytes.toString('utf8');
  const result = validateManifest(text, {file: displayFile});
  const locator = createJsonLocator(text);
  const declaredEntry = (locator.value as {entry?: unknown} | undefined)?.entry;
  const entryUsable =
    typeof declaredEntry === 'string' && !result.issues.some((i) => i.pointer === '/entry');
  const entryPath = entryUsable ? resolve(pluginDir, declaredEntry) : undefined;
  const entryRead =
    entryPath !== undefined && lexists(entryPath)
      ? readPluginFile(entryPath, realPluginDir)
      : undefined;
  const fileProblems: ManifestIssue[] = [];
  if (entryRead && !entryRead.ok && entryPath !== undefined) {
    fileProblems.push(
      fileProblemIssue(text$, 'entry', shown(entryPath), entryRead.problem, {
        file: displayFile,
        pointer: '/entry',
        ...locator.positionOf('/entry'),
      }),
    );
  }
  const issues = [
    ...result.issues,
    ...fileIssues(text, file, displayFile, result.issues, {
      checkEntry: entryRead?.ok !== false,
      lang,
    }).filter((i) => !(overrides.ignoreIntegrity && i.code === 'integrity-mismatch')),
    ...fileProblems,
  ]
    .map((i): ManifestIssue => {
      if (i.code !== 'entry-missing') return i;
      const entry = result.manifest?.entry ?? '';
      return {
        ...i,
        severity: 'error',
        message: text$.entryMissing(entry),
        hint: text$.buildHint(pluginDir),
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);

  // What goes in besides plugin.json: the entry, its source map, custom-elements.json, README.md.
  // Each is read once, here, and those bytes are what is hashed and packed.
  const sources: Array<{path: string; bytes: Buffer}> = [];
  const notes: string[] = [];
  const entryInPackage = entryPath === undefined ? undefined : insidePath(pluginDir, entryPath);
  if (entryRead?.ok && entryPath !== undefined && entryInPackage !== undefined) {
    sources.push({path: entryInPackage, bytes: entryRead.bytes});
    const add = (role: PackedFileRole, path: string | undefined) => {
      if (path === undefined) return;
      const inside = insidePath(pluginDir, path);
      if (inside === undefined) {
        // Named by a sourceMappingURL outside the folder: the author's layout, not a trick; leave it out.
        notes.push(text$.outsideSkipped(text$.sourceMap, shown(path)));
        return;
      }
      if (sources.some((s) => s.path === inside)) return;
      const read = readPluginFile(path, realPluginDir);
      if (read.ok) sources.push({path: inside, bytes: read.bytes});
      else
        issues.push(
          fileProblemIssue(text$, role, shown(path), read.problem, {
            file: shown(path),
            line: 1,
            column: 1,
            pointer: '',
          }),
        );
    };
    add('map', sourceMapOf(entryPath, entryRead.bytes));
    add(
      'customElements',
      [
        join(pluginDir, 'custom-elements.json'),
        join(dirname(entryPath), 'custom-elements.json'),
      ].find(lexists),
    );
    add('readme', lexists(join(pluginDir, 'README.md')) ? join(pluginDir, 'README.md') : undefined);
  }

  const errors = issues.filter((i) => i.severity === 'error').length;
  if (!values.json) for (const i of issues) io.stdout(`${formatIssue(i)}\n`);
  if (errors > 0 || !result.manifest) return refuse(issues);
  const manifest = result.manifest;
  const entry = sources[0];
  if (entry === undefined || entryInPackage === undefined) {
    // validateManifest already refuses an entry outside the folder; this keeps the package honest anyway.
    io.stderr(`${text$.refused(displayFile, 1)}: ${text$.entryOutside(manifest.entry)}\n`);
    return EXIT.findings;
  }
  const entryBytes = entry.bytes;
  const integrity = sriHash(entryBytes);

  // The packed manifest: the author's JSON (field order kept) with the integrity; the entry stays
  // relative to plugin.json; a relative $schema would point nowhere once installed, so it goes.
  const packed: Record<string, unknown> = {
    ...(JSON.parse(text) as Record<string, unknown>),
    ...(overrides.version === undefined ? {} : {version: overrides.version}),
    entry: entryInPackage,
    integrity,
  };
  const version = overrides.version ?? manifest.version;
  if (typeof packed.$schema === 'string' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(packed.$schema))
    delete packed.$schema;
  const manifestText = `${JSON.stringify(packed, null, 2)}\n`;

  const tgzName = `${manifest.name}-${version}.tgz`;
  const tgzPath = join(outDir, tgzName);
  const stage = mkdtempSync(join(tmpdir(), 'crmkit-pack-'));
  const partial = join(outDir, `.${tgzName}.${process.pid}.partial`);
  try {
    writeFileSync(join(stage, 'plugin.json'), manifestText);
    for (const s of sources) {
      mkdirSync(dirname(join(stage, s.path)), {recursive: true});
      writeFileSync(join(stage, s.path), s.bytes);
    }
    mkdirSync(outDir, {recursive: true});
    await createTar(
      {gzip: {level: 9}, file: partial, cwd: stage, portable: true, mtime: PACKED_MTIME},
      ['plugin.json', ...sources.map((s) => s.path)],
    );
    renameSync(partial, tgzPath); // never a half-written package under the real name
  } catch (error) {
    const reason = (error as Error).message;
    if (values.json) {
      const failure: PackFailure = {ok: false, issues: [], error: reason};
      io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
    } else io.stderr(`${text$.writeFailed(displayPath(io.cwd, tgzPath), reason)}\n`);
    return EXIT.findings;
  } finally {
    rmSync(stage, {recursive: true, force: true});
    if (existsSync(partial)) rmSync(partial, {force: true});
  }

  const files: PackedFile[] = [
    {path: 'plugin.json', bytes: Buffer.byteLength(manifestText)},
    ...sources.map((s) => ({path: s.path, bytes: s.bytes.length})),
  ];
  const tgzBytes = statSync(tgzPath).size;
  const gzipBytes = gzipSync(entryBytes, {level: 9}).length;
  if (values.json) {
    const summary: PackSummary = {
      ok: true,
      id: manifest.id,
      name: manifest.name,
      version,
      file: tgzPath,
      bytes: tgzBytes,
      integrity,
      entry: {path: entryInPackage, bytes: entryBytes.length, gzipBytes},
      files,
      issues,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const note of notes) io.stdout(`${note}\n`);
  io.stdout(
    `${text$.packed(manifest.id, version, displayPath(io.cwd, tgzPath), kb(tgzBytes, locale))}\n`,
  );
  const width = Math.max(...files.map((f) => f.path.length));
  for (const f of files) {
    const extra = f.path === entryInPackage ? `  (${text$.minGzip(kb(gzipBytes, locale))})` : '';
    io.stdout(`  ${f.path.padEnd(width)}  ${kb(f.bytes, locale).padStart(9)}${extra}\n`);
  }
  io.stdout(`${text$.integrity}: ${integrity}\n`);
  return EXIT.ok;
}
