import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, isAbsolute, join, relative, resolve, sep} from 'node:path';
import {parseArgs} from 'node:util';
import {gzipSync} from 'node:zlib';
import {validateManifest, type ManifestIssue} from '@crmkit/sdk';
import {create as createTar} from 'tar';
import {EXIT, type Command} from './cli-io.js';
import {outputLanguage, UsageError} from './rules/rules-files.js';
import {sriHash} from './sri-hash.js';
import {displayPath, fileIssues, formatIssue} from './validate-command.js';

const usage = `Usage: crmkit pack <plugin dir | plugin.json> [--out <dir>] [--json] [--lang en|de]

Validates the plugin's manifest (as crmkit validate does), requires its built entry, and writes
<name>-<version>.tgz: what a CRM admin installs. The package holds plugin.json (with "integrity", the
SHA-384 of the entry), the entry, its source map, custom-elements.json and README.md when present;
files keep their paths relative to plugin.json.

  --out, -o <dir>  where to write the package (default: the working folder; created if missing)
  --json           print a JSON summary instead of the file list
  --lang en|de     language of the messages (default: German when LC_ALL/LANG says so, else English)
Exit codes: 0 packed, 1 refused (manifest errors, entry missing, integrity mismatch), 2 usage error.
`;

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

const kb = (n: number, locale: string) =>
  n < 1024
    ? `${n} B`
    : `${(n / 1024).toLocaleString(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1})} KB`;

/** Everything `crmkit pack` prints for people, in English and German. Codes are never translated. */
export const PACK_TEXT = {
  en: {
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
  },
  de: {
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
  },
} as const;

/** A path inside the plugin folder as the package names it (forward slashes), or undefined outside it. */
function insidePath(pluginDir: string, path: string): string | undefined {
  const rel = relative(pluginDir, path);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The source map the entry names in its `sourceMappingURL` comment, else `<entry>.map` when it exists. */
function sourceMapOf(entryPath: string): string | undefined {
  const tail = readFileSync(entryPath, 'utf8').slice(-1024);
  const url = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(tail)?.[1];
  if (url !== undefined) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return undefined; // data: or absolute URL: nothing to pack
    const path = resolve(dirname(entryPath), decodeURIComponent(url));
    return isFile(path) ? path : undefined;
  }
  return isFile(`${entryPath}.map`) ? `${entryPath}.map` : undefined;
}

/** `crmkit pack <plugin dir | plugin.json> [--out <dir>] [--json] [--lang en|de]`. */
export const packCommand: Command = async (argv, io) => {
  const usageError = (message: string) => {
    io.stderr(`crmkit pack: ${message}\n\n${usage}`);
    return EXIT.usage;
  };
  let values: {json?: boolean; help?: boolean; out?: string; lang?: string};
  let positionals: string[];
  let lang: 'en' | 'de';
  try {
    ({values, positionals} = parseArgs({
      args: argv,
      options: {
        json: {type: 'boolean'},
        out: {type: 'string', short: 'o'},
        lang: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
      allowPositionals: true,
      strict: true,
    }));
    lang = outputLanguage(values.lang);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')
    )
      return usageError((error as Error).message);
    throw error;
  }
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    return usageError(
      positionals.length === 0
        ? 'give the plugin folder (or its plugin.json)'
        : `give one plugin folder, not ${positionals.length}`,
    );
  }
  if (values.out === '') return usageError('--out needs a folder');
  const text$ = PACK_TEXT[lang];
  const locale = lang;

  const target = resolve(io.cwd, positionals[0] as string);
  if (!existsSync(target)) return usageError(`${positionals[0]} does not exist`);
  const file = statSync(target).isDirectory() ? join(target, 'plugin.json') : target;
  if (!isFile(file)) return usageError(`there is no plugin.json in ${positionals[0]}`);
  const outDir = resolve(io.cwd, values.out ?? '.');
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    return usageError(`--out ${values.out}: is a file, not a folder`);
  const pluginDir = dirname(file);

  // Validate as `crmkit validate` does; a missing entry is an error here, with how to build it.
  const text = readFileSync(file, 'utf8');
  const displayFile = displayPath(io.cwd, file);
  const result = validateManifest(text, {file: displayFile});
  const issues = [...result.issues, ...fileIssues(text, file, displayFile, result.issues)]
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
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (!values.json) for (const i of issues) io.stdout(`${formatIssue(i)}\n`);
  if (errors > 0 || !result.manifest) {
    if (values.json)
      io.stdout(`${JSON.stringify({ok: false, issues} satisfies PackRefusal, null, 2)}\n`);
    else io.stderr(`${text$.refused(displayFile, errors)}\n`);
    return EXIT.findings;
  }
  const manifest = result.manifest;

  // What goes in: plugin.json, the entry, its source map, custom-elements.json, README.md.
  const entryPath = resolve(pluginDir, manifest.entry);
  const entryInPackage = insidePath(pluginDir, entryPath);
  if (entryInPackage === undefined) {
    // validateManifest already refuses an entry outside the folder; this keeps the package honest anyway.
    io.stderr(`${text$.refused(displayFile, 1)}: ${text$.entryOutside(manifest.entry)}\n`);
    return EXIT.findings;
  }
  const entryBytes = readFileSync(entryPath);
  const integrity = sriHash(entryBytes);
  const sources: Array<{path: string; from: string}> = [{path: entryInPackage, from: entryPath}];
  const notes: string[] = [];
  const addIfInside = (what: string, path: string | undefined) => {
    if (path === undefined) return;
    const inside = insidePath(pluginDir, path);
    if (inside === undefined) notes.push(text$.outsideSkipped(what, displayPath(io.cwd, path)));
    else if (!sources.some((s) => s.path === inside)) sources.push({path: inside, from: path});
  };
  addIfInside(text$.sourceMap, sourceMapOf(entryPath));
  addIfInside(
    'custom-elements.json',
    [
      join(pluginDir, 'custom-elements.json'),
      join(dirname(entryPath), 'custom-elements.json'),
    ].find(isFile),
  );
  addIfInside(
    'README.md',
    isFile(join(pluginDir, 'README.md')) ? join(pluginDir, 'README.md') : undefined,
  );

  // The packed manifest: the author's JSON (field order kept) with the integrity; the entry stays
  // relative to plugin.json; a relative $schema would point nowhere once installed, so it goes.
  const packed: Record<string, unknown> = {
    ...(JSON.parse(text) as Record<string, unknown>),
    entry: entryInPackage,
    integrity,
  };
  if (typeof packed.$schema === 'string' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(packed.$schema))
    delete packed.$schema;
  const manifestText = `${JSON.stringify(packed, null, 2)}\n`;

  const tgzName = `${manifest.name}-${manifest.version}.tgz`;
  const tgzPath = join(outDir, tgzName);
  const stage = mkdtempSync(join(tmpdir(), 'crmkit-pack-'));
  const partial = join(outDir, `.${tgzName}.${process.pid}.partial`);
  try {
    writeFileSync(join(stage, 'plugin.json'), manifestText);
    for (const s of sources) {
      mkdirSync(dirname(join(stage, s.path)), {recursive: true});
      copyFileSync(s.from, join(stage, s.path));
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
    ...sources.map((s) => ({path: s.path, bytes: statSync(s.from).size})),
  ];
  const tgzBytes = statSync(tgzPath).size;
  const gzipBytes = gzipSync(entryBytes, {level: 9}).length;
  if (values.json) {
    const summary: PackSummary = {
      ok: true,
      id: manifest.id,
      name: manifest.name,
      version: manifest.version,
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
    `${text$.packed(manifest.id, manifest.version, displayPath(io.cwd, tgzPath), kb(tgzBytes, locale))}\n`,
  );
  const width = Math.max(...files.map((f) => f.path.length));
  for (const f of files) {
    const extra = f.path === entryInPackage ? `  (${text$.minGzip(kb(gzipBytes, locale))})` : '';
    io.stdout(`  ${f.path.padEnd(width)}  ${kb(f.bytes, locale).padStart(9)}${extra}\n`);
  }
  io.stdout(`${text$.integrity}: ${integrity}\n`);
  return EXIT.ok;
};
