// @web/test-runner: every `*.browser.test.ts` in the repo, in headless Debian Chromium, with TypeScript
// through esbuild (reading tsconfig.base.json, which holds the legacy-decorator settings FAST 3 needs),
// workspace packages resolved from their TypeScript sources (the plugin's tests load its built bundle), Lit's
// production build, CommonJS dependencies bundled by esbuild, and msw's worker served at the root. For
// sandboxed plugin frames (an opaque origin): CORS-open answers, `/__raw/` built plugin files byte for
// byte, and test commands that look inside the frames.
import {writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {dirname, join, normalize} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {fromRollup} from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import {chromeLauncher} from '@web/test-runner-chrome';
import {defaultReporter, summaryReporter} from '@web/test-runner';
import {findChromium, chromiumArgs} from './scripts/find-chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);
const countsFile = process.env.CRMKIT_WTR_COUNTS;

/** Adds up passed and failed tests over all sessions, for scripts/test.mjs's summary line. */
function countingReporter() {
  return {
    onTestRunFinished({sessions}) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite.tests ?? []) {
          if (t.skipped) continue;
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites ?? []) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed++;
      }
      if (countsFile) writeFileSync(countsFile, JSON.stringify({passed, failed}));
    },
  };
}

const rootDir = fileURLToPath(new URL('.', import.meta.url));

/** The folders `/__raw/` serves from: built plugins and test plugins. */
const RAW_FOLDERS = [
  'plugins/reject-lead/dist/',
  'plugins/rejection-history/dist/',
  'test/fixtures/plugins/',
  'packages/host-elements/test/fixtures/',
];

/**
 * CommonJS packages the sources import (semver, ajv, json-rules-engine): the per-file commonjs
 * conversion cannot serve them (semver's modules require each other in a cycle; ajv and ajv-formats
 * must share one copy), so each is served as ONE ES module that esbuild bundled, as a consumer's
 * bundler would. `@crmkit/assignment` is bundled whole with its dependencies for the same reason
 * (its linter hands an ajv instance to ajv-formats).
 */
const BUNDLED = [
  /^semver\/[\w/-]+\.js$/,
  /^ajv(\/[\w/.-]+)?$/,
  /^ajv-formats$/,
  /^json-rules-engine$/,
  /^@crmkit\/assignment$/,
];

/**
 * The module text esbuild bundles for `specifier`: an ES module is re-exported as it is; a CommonJS
 * one by the names its exports object has in Node (esbuild cannot see them statically).
 */
function entryFor(specifier, from) {
  if (specifier.startsWith('@crmkit/')) return `export * from '${specifier}';`;
  const exported = createRequire(join(from, 'x.js'))(specifier);
  const names = Object.keys(exported).filter(
    (n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default',
  );
  return [
    `import cjs from '${specifier}';`,
    'export default cjs;',
    names.length ? `export const {${names.join(', ')}} = cjs;` : '',
  ].join('\n');
}

function bundledForBrowser() {
  const built = new Map();
  return {
    name: 'bundled-for-browser',
    resolveImport({source, context}) {
      // Resolved from the importing file's folder: packages may have their own versions.
      const from = encodeURIComponent(dirname(context.path));
      if (BUNDLED.some((pattern) => pattern.test(source)))
        return `/__bundled/${source}?from=${from}`;
    },
    async serve(context) {
      if (!context.path.startsWith('/__bundled/')) return undefined;
      const specifier = decodeURIComponent(context.path.slice('/__bundled/'.length));
      const from = join(rootDir, context.URL.searchParams.get('from') ?? '/');
      const key = `${from} ${specifier}`;
      if (!built.has(key)) {
        built.set(
          key,
          build({
            stdin: {contents: entryFor(specifier, from), resolveDir: from},
            bundle: true,
            format: 'esm',
            platform: 'browser',
            conditions: ['@crmkit/source', 'browser'],
            tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
            write: false,
            logLevel: 'silent',
          }).then((r) => r.outputFiles[0].text),
        );
      }
      return {body: await built.get(key), type: 'js'};
    },
  };
}

/**
 * Test commands that reach into sandboxed plugin frames (`about:srcdoc` children of the test page),
 * which a test's own script cannot (their origin is opaque): `plugin-frame-eval` runs
 * `(fn)(element, ...args)` in each frame holding `tag` and returns `{found, value}` per frame;
 * `plugin-frame-axe` runs axe-core there on that element and returns its violations.
 */
function pluginFrameCommands() {
  let axeSource;
  return {
    name: 'plugin-frame-commands',
    async executeCommand({command, payload, session}) {
      if (command !== 'plugin-frame-eval' && command !== 'plugin-frame-axe') return undefined;
      const page = session.browser.getPage(session.id);
      const tag = JSON.stringify(payload.tag);
      const results = [];
      for (const frame of page.frames()) {
        if (frame === page.mainFrame() || frame.url() !== 'about:srcdoc') continue;
        try {
          if (!(await frame.evaluate(`!!document.querySelector(${tag})`))) continue;
          if (command === 'plugin-frame-axe') {
            axeSource ??= await readFile(
              createRequire(import.meta.url).resolve('axe-core'),
              'utf8',
            );
            await frame.evaluate(axeSource);
            results.push(
              await frame.evaluate(
                `axe.run(document.querySelector(${tag})).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.length + ')'))`,
              ),
            );
          } else {
            const args = JSON.stringify(payload.args ?? []);
            results.push({
              found: true,
              value: await frame.evaluate(
                `(async () => (${payload.fn})(document.querySelector(${tag}), ...${args}))()`,
              ),
            });
          }
        } catch (error) {
          // A frame that went away meanwhile.
          results.push({found: false, error: String(error)});
        }
      }
      return results;
    },
  };
}

export default {
  rootDir,
  files: [
    'packages/**/*.browser.test.ts',
    'plugins/**/*.browser.test.ts',
    'test/**/*.browser.test.ts',
    '!**/node_modules/**',
  ],
  // Lit's production build: what ships. Workspace packages other than the one under test resolve to
  // their sources; plugin tests load the built bundle itself (see plugins/reject-lead/test).
  nodeResolve: {exportConditions: ['@crmkit/source', 'browser', 'production']},
  concurrency: 2,
  testFramework: {config: {timeout: 10000}},
  browserStartTimeout: 60000,
  testsFinishTimeout: 180000,
  mimeTypes: {'**/*.cjs': 'js'},
  plugins: [
    pluginFrameCommands(),
    bundledForBrowser(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
    // axe-core ships UMD: convert it so tests can import it as a module.
    commonjs({include: ['**/node_modules/axe-core/**']}),
  ],
  middleware: [
    // Sandboxed plugin frames (an opaque origin) load the frame runtime, shared modules and plugin
    // entries from this server in CORS mode, as they do from a host's /assets/ and /plugins/.
    async function corsForSandboxedFrames(context, next) {
      await next();
      context.set('Access-Control-Allow-Origin', '*');
    },
    // `/__raw/<file>`: a built plugin file exactly as it is on disk (the dev server would otherwise
    // transform it), so that tests check the shipped bytes against their integrity, as a host does.
    async function rawPluginFiles(context, next) {
      if (!context.path.startsWith('/__raw/')) return next();
      const path = normalize(decodeURIComponent(context.path.slice('/__raw/'.length)));
      if (!RAW_FOLDERS.some((folder) => path.startsWith(folder)) || path.includes('..')) {
        return next();
      }
      try {
        context.body = await readFile(join(rootDir, path));
      } catch {
        return next();
      }
      context.type = path.endsWith('.json') ? 'application/json' : 'text/javascript';
    },
    function mswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js')
        context.url = '/test/.generated/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {executablePath: findChromium(), args: chromiumArgs},
      // Each test file in its own browser context: msw's service worker controls every page of its
      // origin and context, so files sharing one context would see each other's mocks.
      async createPage({browser}) {
        return (await browser.createBrowserContext()).newPage();
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({flatten: false}), countingReporter()],
};
