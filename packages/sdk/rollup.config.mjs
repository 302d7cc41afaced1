import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM: a consumer that imports `localize` alone gets `localize` alone. The budget is what
// the whole public API costs a page once bundled (the manifest validator is ajv's standalone output,
// not ajv). `src/testing/index.ts` is the `./testing` entry (renderPlugin): it imports the host
// elements, the rest client and msw, which are peer dependencies and so stay bare imports here (they
// depend on the sdk; bundling them in would copy the sdk into itself).
export default [
  packageModules({
    dir: import.meta.dirname,
    inputs: ['src/index.ts', 'src/testing/index.ts'],
    maxGzipBytes: 24 * 1024,
  }),
];
