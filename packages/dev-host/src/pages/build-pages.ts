import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Metafile} from 'esbuild';

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
export async function buildPages(options: BuildPagesOptions = {}): Promise<PagesBuild> {
  const started = performance.now();
  const finalDir = resolve(options.outDir ?? DEFAULT_PAGES_OUT_DIR);
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
  options.log?.(
    `built the page bundles in ${milliseconds} ms (${info.inputs.length} source files) → ${relative(process.cwd(), finalDir) || '.'}`,
  );
  return {outDir: finalDir, importMap, built: true, milliseconds};
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
