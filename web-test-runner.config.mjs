// @web/test-runner: every `*.browser.test.ts` in the repo, in headless Debian Chromium, with TypeScript
// through esbuild (reading tsconfig.base.json, which holds the legacy-decorator settings FAST 3 needs),
// workspace packages resolved from their TypeScript sources, and msw's worker served at the root.
import {writeFileSync} from 'node:fs';
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

/**
 * semver is CommonJS whose modules require each other in a cycle, which the per-file commonjs
 * conversion cannot serve: each `semver/…` module the sources import is served as one ES module that
 * esbuild bundled (as a consumer's bundler does with the sdk's dist).
 */
function semverAsEsm() {
  const built = new Map();
  return {
    name: 'semver-as-esm',
    resolveImport({source}) {
      if (/^semver\/[\w/-]+\.js$/.test(source)) return `/__semver/${source.slice(7)}`;
    },
    async serve(context) {
      const path = /^\/__semver\/([\w/-]+\.js)$/.exec(context.path)?.[1];
      if (!path) return undefined;
      if (!built.has(path)) {
        built.set(
          path,
          build({
            stdin: {contents: `export {default} from 'semver/${path}';`, resolveDir: rootDir},
            bundle: true,
            format: 'esm',
            platform: 'browser',
            write: false,
            logLevel: 'silent',
          }).then((r) => r.outputFiles[0].text),
        );
      }
      return {body: await built.get(path), type: 'js'};
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
    semverAsEsm(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
    // axe-core ships UMD: convert it so tests can import it as a module.
    commonjs({include: ['**/node_modules/axe-core/**']}),
  ],
  middleware: [
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
