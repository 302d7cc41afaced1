// `npm run demo -w @crmkit/reject-lead`: serves demo/index.html with @web/dev-server. The demo script
// is bundled by esbuild (TypeScript with the repo's legacy-decorator settings from tsconfig.base.json,
// workspace packages from their sources through the `source` export condition), and msw's service
// worker is served at /mockServiceWorker.js so its scope covers the page.
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Serves `/plugins/reject-lead/demo/demo.ts` as one browser bundle. */
function bundleDemo() {
  return {
    name: 'reject-lead-demo-bundle',
    async serve(context) {
      if (context.path !== '/plugins/reject-lead/demo/demo.ts') return undefined;
      const result = await build({
        entryPoints: [fileURLToPath(new URL('./demo/demo.ts', import.meta.url))],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        conditions: ['@crmkit/source', 'browser'],
        tsconfig: `${root}tsconfig.base.json`,
        sourcemap: 'inline',
        logLevel: 'warning',
      });
      return {body: result.outputFiles[0].text, type: 'js'};
    },
  };
}

export default {
  rootDir: root,
  open: '/plugins/reject-lead/demo/',
  port: Number(process.env.PORT ?? 8010),
  nodeResolve: {exportConditions: ['@crmkit/source', 'browser']},
  plugins: [bundleDemo()],
  middleware: [
    function mswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') {
        context.url = '/node_modules/msw/lib/mockServiceWorker.js';
      }
      return next();
    },
  ],
};
