import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build, type Metafile, type Plugin} from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
/** packages/dev-host */
export const DEV_HOST_DIR = resolve(here, '../..');
/** Where `npm start` and the end-to-end tests put the browser bundles (gitignored: `dist/`). */
export const DEFAULT_PAGES_OUT_DIR = join(DEV_HOST_DIR, 'dist', 'pages');
const TSCONFIG = resolve(DEV_HOST_DIR, '../../tsconfig.base.json');

/** The page scripts, by bundle name (served at `/assets/<name>.js`). */
export const PAGE_SCRIPTS = {
  'lead-list': 'client/lead-list-page.ts',
  'lead-detail': 'client/lead-detail-page.ts',
  admin: 'client/admin-page.ts',
} as const;
export type PageScript = keyof typeof PAGE_SCRIPTS;

/**
 * The plugins whose bare imports (lit, …) the pages' import map resolves to the same shared modules
 * the page uses. Their files are not the pages' to serve: the host serves each installed plugin's
 * stored package at `/plugins/{id}/{version}/` (the bundled one seeded from its build).
 */
export const SHARED_IMPORT_PLUGINS = [
  {name: 'reject-lead', packageName: '@crmkit/reject-lead'},
] as const;

/**
 * Bare specifiers every page maps even when no plugin imports them. The frame runtime is the script
 * a sandboxed plugin's frame starts with; <crm-plugin-frame> finds it in the page's import map, and
 * built here beside the others it shares their @crmkit/sdk with the plugins in the frame.
 */
const ALWAYS_SHARED = ['lit', '@crmkit/sdk', '@crmkit/host-elements/frame-runtime'];

/**
 * Modules that codemirror-json-schema (the rule editor's completion and hover, admin page only)
 * imports but never runs the way the editor uses it. Each is replaced in the bundle by a stub that
 * throws a clear error when anything of it is called, so a change that starts to need one fails
 * loudly instead of silently working differently. The import graph (codemirror-json-schema 0.8.1):
 *
 * - `yaml` ← dist/parsers/yaml-parser.js `parseYAMLDocumentState`, and `json5` + `codemirror-json5`
 *   (with lezer-json5) ← dist/parsers/json5-parser.js: both reached only through
 *   `getDefaultParser(mode)` for the YAML and JSON5 modes and the package's `./yaml`, `./json5`
 *   entries. The editor imports neither entry, and `jsonCompletion()` without a `mode` is JSON
 *   (`parseJSONDocumentState`); hover parses with `JSON.parse`.
 * - `shiki/core`, `@shikijs/markdown-it/core` and the shiki theme and language modules ←
 *   dist/utils/markdown.js only, which at import starts a highlighter and then installs it as
 *   markdown-it's `options.highlight`. markdown-it calls `highlight` only to render a fenced code
 *   block, i.e. in `renderMarkdown(text, false)` (block rendering), which only the package's default
 *   hover formatter calls; the editor passes its own `formatHover` and `getHoverTexts`
 *   (rules-editor.ts), and completion (`renderMarkdown(description)`) and the schema linter (which the
 *   editor does not use) render inline. So the stub highlighter is created as before, and the
 *   `highlight` it installs throws if a fenced block is ever rendered. (The real one throws there too:
 *   `shiki/core` is never given its wasm engine, "Must invoke loadWasm first".)
 *
 * markdown-it itself is NOT stubbed: completion shows each suggested property's description through
 * `renderMarkdown(description)` (markdown-it's `renderInline` with linkify and typographer), a path
 * the editor runs on every property suggestion.
 */
export const EDITOR_UNUSED_MODULES: Readonly<Record<string, {exports: string[]; why: string}>> = {
  yaml: {exports: ['default'], why: 'only codemirror-json-schema’s YAML mode parses with it'},
  json5: {exports: ['default'], why: 'only codemirror-json-schema’s JSON5 mode parses with it'},
  'codemirror-json5': {exports: ['json5'], why: 'only codemirror-json-schema’s JSON5 mode uses it'},
  'shiki/core': {
    exports: ['createHighlighterCore'],
    why: 'it highlights fenced code blocks in block-rendered markdown, which the editor never renders',
  },
  '@shikijs/markdown-it/core': {
    exports: ['fromHighlighter'],
    why: 'it highlights fenced code blocks in block-rendered markdown, which the editor never renders',
  },
  'shiki/themes/vitesse-light.mjs': {
    exports: ['default'],
    why: 'a theme of the unused highlighter',
  },
  'shiki/themes/vitesse-dark.mjs': {exports: ['default'], why: 'a theme of the unused highlighter'},
  'shiki/langs/javascript.mjs': {exports: ['default'], why: 'a grammar of the unused highlighter'},
};

/** Only imports from inside this package are replaced: anything else importing them gets the real one. */
const EDITOR_STUB_IMPORTER = /[\\/]node_modules[\\/]codemirror-json-schema[\\/]/;

/** The source of the stub module of `specifier`; every member of it throws when used. */
export function editorStubSource(specifier: string): string {
  const stub = EDITOR_UNUSED_MODULES[specifier];
  if (!stub) throw new Error(`${specifier} is not one of EDITOR_UNUSED_MODULES`);
  const name = JSON.stringify(specifier);
  const why = JSON.stringify(stub.why);
  const lines = [
    `const fail = (member) => { throw new Error("crmkit dev host: " + ${name} + " is left out of the admin page's rule editor bundle (" + ${why} + "), but " + member + " was called. See EDITOR_UNUSED_MODULES in packages/dev-host/src/pages/build-pages.ts: if the editor needs it now, remove its stub."); };`,
    // Any member is a function that throws; `then` stays undefined so that awaiting it is no call.
    `const unused = (what) => new Proxy({}, {get: (_, key) => typeof key !== 'string' || key === 'then' ? undefined : () => fail(what + '.' + key)});`,
  ];
  for (const exported of stub.exports) {
    if (specifier === 'shiki/core') {
      // Called when codemirror-json-schema's markdown module loads: answers a highlighter that
      // throws when used (it never is: see fromHighlighter).
      lines.push(`export const ${exported} = async () => unused('the highlighter');`);
    } else if (specifier === '@shikijs/markdown-it/core') {
      // markdown-it's `highlight` is consulted only for fenced code blocks: it throws there.
      lines.push(
        `export const ${exported} = () => (md) => { md.options.highlight = () => fail('highlight (a fenced code block)'); };`,
      );
    } else if (exported === 'default') {
      lines.push(`export default unused(${name});`);
    } else {
      lines.push(`export const ${exported} = () => fail(${JSON.stringify(exported)});`);
    }
  }
  return lines.join('\n');
}

/** The esbuild plugin that puts the stubs of `EDITOR_UNUSED_MODULES` in place. */
export function editorUnusedModules(): Plugin {
  const specifiers = Object.keys(EDITOR_UNUSED_MODULES);
  return {
    name: 'editor-unused-modules',
    setup(b) {
      b.onResolve({filter: /^(yaml|json5|codemirror-json5|shiki|@shikijs)(\/|$)/}, (args) => {
        if (!EDITOR_STUB_IMPORTER.test(args.importer)) return undefined;
        if (!specifiers.includes(args.path)) {
          throw new Error(
            `codemirror-json-schema imports ${args.path}, which build-pages.ts does not know: check whether the rule editor runs it and add it to EDITOR_UNUSED_MODULES or let it through`,
          );
        }
        return {path: args.path, namespace: 'editor-unused'};
      });
      b.onLoad({filter: /.*/, namespace: 'editor-unused'}, (args) => ({
        contents: editorStubSource(args.path),
        loader: 'js',
      }));
    },
  };
}

export interface PagesBuild {
  outDir: string;
  /** The page's import map: bare specifier → URL of the shared module. */
  importMap: Record<string, string>;
  /** Whether this call built (false: the output was up to date). */
  built: boolean;
  milliseconds: number;
}

interface BuildInfo {
  version: number;
  importMap: Record<string, string>;
  inputs: string[];
  builtAt: number;
}
const BUILD_INFO_VERSION = 1;

export interface BuildPagesOptions {
  outDir?: string;
  /** Build even when the output is up to date. */
  force?: boolean;
  log?: (line: string) => void;
}

/**
 * Builds what the pages need, unless the output is newer than every input it was built from: the page
 * scripts and the shared modules (lit, @crmkit/sdk, …) with esbuild into `<outDir>/assets/` (one module
 * graph with code splitting, so a page and the plugins it mounts share one lit and one sdk).
 */
export function buildPages(options: BuildPagesOptions = {}): Promise<PagesBuild> {
  const finalDir = resolve(options.outDir ?? DEFAULT_PAGES_OUT_DIR);
  // One build of a folder at a time: in this process (a queue) and across processes (a lock folder),
  // and each one looks again whether the output is up to date once it is its turn. Two builds that
  // swapped their output in at once failed ("ENOTEMPTY, rmdir …/assets"), seen when test files
  // started dev hosts in parallel on a fresh checkout.
  const run = (inProcess.get(finalDir) ?? Promise.resolve())
    .catch(() => {})
    .then(() => withFolderLock(`${finalDir}.lock`, () => buildPagesNow(options, finalDir)));
  inProcess.set(finalDir, run);
  void run
    .finally(() => {
      if (inProcess.get(finalDir) === run) inProcess.delete(finalDir);
    })
    .catch(() => {});
  return run;
}

/** The builds of this process in flight, by output folder (the last one queued). */
const inProcess = new Map<string, Promise<PagesBuild>>();

/** How long a build waits for another process's build of the same folder before it gives up. */
const LOCK_WAIT_MS = 180_000;

/**
 * Runs `work` holding the lock folder `lock` (mkdir is atomic): another process that holds it is
 * waited for; a lock whose process is gone (killed mid-build) is taken over.
 */
async function withFolderLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(dirname(lock), {recursive: true});
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as {code?: string}).code !== 'EEXIST') throw error;
      if (!lockHolderAlive(lock)) {
        rmSync(lock, {recursive: true, force: true});
        continue;
      }
      if (Date.now() > until) {
        throw new Error(
          `another process has been building the pages for ${LOCK_WAIT_MS / 1000} s (lock ${lock}); stop it, or remove the lock folder if no build runs`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/** Whether the process that took `lock` still runs (a lock just made, its pid not written yet, counts). */
function lockHolderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // Not written yet (alive, if only just made), or the lock went meanwhile: look again soon.
    try {
      return Date.now() - statSync(lock).mtimeMs < 5000;
    } catch {
      return false;
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as {code?: string}).code === 'EPERM';
  }
}

async function buildPagesNow(options: BuildPagesOptions, finalDir: string): Promise<PagesBuild> {
  const started = performance.now();
  const previous = readBuildInfo(join(finalDir, 'build-info.json'));
  if (!options.force && previous && isUpToDate(previous)) {
    return {outDir: finalDir, importMap: previous.importMap, built: false, milliseconds: 0};
  }
  // Build next to the output and swap it in at the end, so a server reading the old output (another
  // `npm start`, a test) never sees a half-written folder.
  const workDir = `${finalDir}.building-${process.pid}-${Date.now()}`;
  mkdirSync(workDir, {recursive: true});
  try {
    return await buildInto(workDir, finalDir, started, options);
  } finally {
    rmSync(workDir, {recursive: true, force: true});
  }
}

async function buildInto(
  outDir: string,
  finalDir: string,
  started: number,
  options: BuildPagesOptions,
): Promise<PagesBuild> {
  const inputs = new Set<string>();
  const shared = new Set(ALWAYS_SHARED);
  for (const plugin of SHARED_IMPORT_PLUGINS) {
    const result = await pluginImports(plugin.packageName);
    result.inputs.forEach((file) => inputs.add(file));
    result.externals.forEach((specifier) => shared.add(specifier));
  }

  const vendorEntries = [...shared].sort().map((specifier) => ({
    in: specifier,
    out: `vendor/${specifier.replace(/^@/, '').replace(/\.js$/, '')}`,
  }));
  const pageEntries = Object.entries(PAGE_SCRIPTS).map(([name, file]) => ({
    in: join(here, file),
    out: name,
  }));
  const pages = await build({
    absWorkingDir: DEV_HOST_DIR,
    entryPoints: [...pageEntries, ...vendorEntries],
    outdir: join(outDir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The workspace packages' built dist/ (what ships) and Lit's production build, not the sources.
    conditions: ['browser', 'production'],
    tsconfig: TSCONFIG,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
    plugins: [editorUnusedModules()],
  });
  collectInputs(pages.metafile, inputs);
  const importMap = Object.fromEntries(
    vendorEntries.map(({in: specifier, out}) => [specifier, `/assets/${out}.js`]),
  );
  const info: BuildInfo = {
    version: BUILD_INFO_VERSION,
    importMap,
    inputs: [...inputs].sort(),
    builtAt: Date.now(),
  };
  writeFileSync(join(outDir, 'build-info.json'), JSON.stringify(info, null, 2));
  rmSync(finalDir, {recursive: true, force: true});
  try {
    renameSync(outDir, finalDir);
  } catch (error) {
    // Another build swapped its (equal) output in first: use that one.
    if (!readBuildInfo(join(finalDir, 'build-info.json'))) throw error;
  }
  const milliseconds = Math.round(performance.now() - started);
  const sizes = pageBundleSizes(finalDir)
    .map((b) => `${b.name} ${(b.gzip / 1024).toFixed(1)} KB`)
    .join(', ');
  options.log?.(
    `built the page bundles in ${milliseconds} ms (${info.inputs.length} source files) → ${relative(process.cwd(), finalDir) || '.'}; min+gzip: ${sizes}`,
  );
  return {outDir: finalDir, importMap, built: true, milliseconds};
}

export interface BundleSize {
  /** `admin.js`, …, or `rules-editor` (the editor's chunk, which only the admin page loads). */
  name: string;
  /** The file, relative to the build's `assets/`. */
  file: string;
  bytes: number;
  /** Its size gzipped (level 9): about what a browser downloads. */
  gzip: number;
}

/** The sizes of the built page scripts and of the rule editor's chunk in a pages build's `outDir`. */
export function pageBundleSizes(outDir: string): BundleSize[] {
  const assets = join(outDir, 'assets');
  const editor = readdirSync(join(assets, 'chunks')).filter((f) => /^rules-editor-.*\.js$/.test(f));
  return [
    ...Object.keys(PAGE_SCRIPTS).map((name) => ({name: `${name}.js`, file: `${name}.js`})),
    ...editor.map((f) => ({name: 'rules-editor', file: `chunks/${f}`})),
  ].map(({name, file}) => {
    const code = readFileSync(join(assets, file));
    return {name, file, bytes: code.length, gzip: gzipSync(code, {level: 9}).length};
  });
}

/** The bare imports of a plugin package's BUILT entry (what the host stores and pages import). */
async function pluginImports(
  packageName: string,
): Promise<{inputs: string[]; externals: string[]}> {
  const require = createRequire(join(DEV_HOST_DIR, 'package.json'));
  // dist/plugin.json names the built entry; it is read as it is, never re-bundled from the sources.
  const manifestFile = require.resolve(`${packageName}/plugin.json`);
  const builtDir = dirname(manifestFile);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {entry?: unknown};
  if (typeof manifest.entry !== 'string') {
    throw new Error(`${manifestFile} names no entry: build the plugin (npm run build)`);
  }
  const entryFile = resolve(builtDir, manifest.entry);
  const files = [manifestFile, entryFile];
  // Which bare imports the page's import map must resolve (lit, lit/decorators.js, …).
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bare-imports-external',
        setup(b) {
          b.onResolve({filter: /^[^./]/}, (args) => ({path: args.path, external: true}));
        },
      },
    ],
  });
  const externals = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) externals.add(imported.path);
  }
  return {inputs: files, externals: [...externals]};
}

function collectInputs(metafile: Metafile, into: Set<string>, base = DEV_HOST_DIR): void {
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes('node_modules/')) continue; // installed packages change only with npm install
    if (/^[a-z][\w-]+:/.test(input)) continue; // a plugin's module (`editor-unused:yaml`), not a file
    into.add(resolve(base, input));
  }
}

function readBuildInfo(file: string): BuildInfo | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as BuildInfo;
    return info.version === BUILD_INFO_VERSION ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Up to date when every input still exists and none changed since the build. */
function isUpToDate(info: BuildInfo): boolean {
  return info.inputs.every((file) => {
    try {
      return statSync(file).mtimeMs <= info.builtAt;
    } catch {
      return false;
    }
  });
}
