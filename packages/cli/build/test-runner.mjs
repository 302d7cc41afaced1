// `@crmkit/cli/test-runner`: the @web/test-runner config of a crmkit plugin in one call: its browser
// tests (`src/**/*.browser.test.ts`) in headless Chromium with Lit's production build, TypeScript
// through esbuild, CommonJS dependencies bundled by esbuild, and msw's service worker served at
// /mockServiceWorker.js for renderPlugin's mock host. Plain JavaScript, like ./rollup.mjs;
// @web/test-runner-chrome, @web/dev-server-esbuild and esbuild are the plugin project's
// devDependencies (optional peers of @crmkit/cli).
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, normalize, relative, resolve, sep} from 'node:path';
import {build} from 'esbuild';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';

/** Where a Chromium or Chrome usually is; CHROME_PATH first. */
const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for a headless Chromium in containers and CI (no sandbox, no GPU, no background traffic). */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** The Chromium to test in: CHROME_PATH, else the first of the usual places that exists. */
export function findChromium() {
  const found = [process.env.CHROME_PATH, ...CHROMIUM_PATHS].find((p) => p && existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: apt-get install chromium) ' +
      'or point CHROME_PATH at a Chromium or Chrome binary.',
  );
}

/** The file a dev-server URL path stands for (`/__wds-outside-root__/<n>/…` is <n> folders up). */
function fileOf(rootDir, urlPath) {
  const outside = /^\/__wds-outside-root__\/(\d+)\/(.*)$/.exec(urlPath);
  if (!outside) return join(rootDir, decodeURIComponent(urlPath));
  const up = Array.from({length: Number(outside[1])}, () => '..');
  return join(rootDir, ...up, decodeURIComponent(outside[2]));
}

/** A package of CommonJS only (no `type: module`, no `exports`, no `module`): semver, ajv, axe-core. */
function isCommonJsOnly(specifier, fromDir) {
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  try {
    const file = createRequire(join(fromDir, 'x.js')).resolve(`${name}/package.json`);
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    return pkg.type !== 'module' && !pkg.exports && !pkg.module;
  } catch {
    return false; // its exports hide package.json: an ES module package
  }
}

/**
 * Serves as ONE ES module, bundled by esbuild as a page's bundler would: every CommonJS-only import
 * (the dev server cannot serve CommonJS), and the mock host of @crmkit/rest-client/msw with what it
 * runs (host-core, the Assignment Manager and its ajv, which must be one copy), the sdk and msw left
 * shared with the test page.
 */
function bundledForBrowser(rootDir) {
  const built = new Map();
  const MOCK_HOST = '@crmkit/rest-client/msw';
  return {
    name: 'crmkit-bundled-for-browser',
    resolveImport({source, context}) {
      if (!/^(@[\w.-]+\/)?[\w.-]/.test(source) || source.startsWith('.')) return undefined;
      const fromDir = dirname(fileOf(rootDir, context.path));
      if (source !== MOCK_HOST && !isCommonJsOnly(source, fromDir)) return undefined;
      return `/__crmkit/bundled/${encodeURIComponent(source)}?from=${encodeURIComponent(fromDir)}`;
    },
    async serve(context) {
      if (!context.path.startsWith('/__crmkit/bundled/')) return undefined;
      const specifier = decodeURIComponent(context.path.slice('/__crmkit/bundled/'.length));
      const fromDir = context.URL.searchParams.get('from') ?? rootDir;
      const key = `${fromDir} ${specifier}`;
      if (!built.has(key)) {
        let contents = `export * from '${specifier}';`;
        if (specifier !== MOCK_HOST) {
          // A CommonJS module's names are only known by loading it.
          const exported = createRequire(join(fromDir, 'x.js'))(specifier);
          const names = Object.keys(exported).filter(
            (n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default',
          );
          contents = [
            `import cjs from '${specifier}';`,
            'export default cjs;',
            names.length ? `export const {${names.join(', ')}} = cjs;` : '',
          ].join('\n');
        }
        built.set(
          key,
          build({
            stdin: {contents, resolveDir: fromDir},
            bundle: true,
            format: 'esm',
            platform: 'browser',
            target: 'es2022',
            conditions: ['browser', 'production'],
            external: specifier === MOCK_HOST ? ['@crmkit/sdk', 'msw', 'msw/*'] : [],
            write: false,
            logLevel: 'silent',
          }).then((result) => result.outputFiles[0].text),
        );
      }
      return {body: await built.get(key), type: 'js'};
    },
  };
}

/** The dev server's URL path of a file (outside the root: `/__wds-outside-root__/<n>/…`). */
function urlOf(rootDir, file) {
  const parts = relative(rootDir, file).split(sep);
  const up = parts.findIndex((part) => part !== '..');
  const path = parts.slice(up).map(encodeURIComponent).join('/');
  return up === 0 ? `/${path}` : `/__wds-outside-root__/${up}/${path}`;
}

/**
 * What renderPlugin's sandboxed frames need from this server (`isolation: 'frame'`): the frame
 * runtime and the modules a host shares with its plugins (lit, the sdk), served like every module
 * here, and the plugin's own files raw at `/__crmkit/raw/`, as a host serves a stored package (the
 * frame imports the entry's bytes as they are, its bare imports through the import map). A frame has
 * an opaque origin, so every answer allows any origin (CORS): this server is a test's, on loopback.
 */
function sandboxedFrames(rootDir) {
  const require = createRequire(join(rootDir, 'package.json'));
  const url = (specifier) => {
    try {
      return urlOf(rootDir, require.resolve(specifier));
    } catch {
      return undefined; // not installed: a plugin without lit, say
    }
  };
  const shared = ['lit', 'lit/decorators.js', '@crmkit/sdk'];
  const frame = () => ({
    runtimeUrl: url('@crmkit/host-elements/frame-runtime'),
    importMap: Object.fromEntries(shared.map((s) => [s, url(s)]).filter(([, u]) => u)),
    rawBaseUrl: '/__crmkit/raw/',
  });
  return [
    async function allowAnyOrigin(context, next) {
      await next();
      context.set('Access-Control-Allow-Origin', '*');
    },
    function frameOptions(context, next) {
      if (context.path !== '/__crmkit/frame.json') return next();
      context.type = 'application/json';
      context.body = JSON.stringify(frame());
    },
    function rawFiles(context, next) {
      if (!context.path.startsWith('/__crmkit/raw/')) return next();
      const path = normalize(decodeURIComponent(context.path.slice('/__crmkit/raw/'.length)));
      const file = join(rootDir, path);
      if (path.startsWith('..') || !file.startsWith(rootDir + sep) || !existsSync(file)) {
        return next();
      }
      context.type = file.endsWith('.json') ? 'application/json' : 'text/javascript';
      context.body = readFileSync(file);
    },
  ];
}

/**
 * The config for the plugin in `dir` (pass `import.meta.dirname`). Further @web/test-runner options
 * (`files`, `concurrency`, `testFramework`, …) are laid over it.
 */
export function crmkitTestRunner(options = {}) {
  const {dir: given, ...rest} = options;
  const dir = resolve(given ?? process.cwd());
  const require = createRequire(join(dir, 'package.json'));
  const worker = require.resolve('msw/mockServiceWorker.js');
  const tsconfig = join(dir, 'tsconfig.json');
  return {
    rootDir: dir,
    files: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
    // Lit's production build: what a host loads.
    nodeResolve: {exportConditions: ['browser', 'production']},
    testFramework: {config: {timeout: 10000}},
    plugins: [
      bundledForBrowser(dir),
      esbuildPlugin({ts: true, target: 'es2022', ...(existsSync(tsconfig) ? {tsconfig} : {})}),
    ],
    middleware: [
      ...sandboxedFrames(dir),
      // renderPlugin's mock host answers in msw's service worker, which must be served from the root
      // so that its scope covers the test pages.
      function mockServiceWorker(context, next) {
        if (context.path !== '/mockServiceWorker.js') return next();
        context.type = 'text/javascript';
        context.body = readFileSync(worker);
      },
    ],
    browsers: [
      chromeLauncher({
        launchOptions: {executablePath: findChromium(), args: [...CHROMIUM_ARGS]},
        // Each test file in a browser context of its own: msw's worker controls every page of its
        // origin and context, so files sharing one would see each other's mock hosts.
        async createPage({browser}) {
          return (await browser.createBrowserContext()).newPage();
        },
      }),
    ],
    ...rest,
  };
}
