import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM: a consumer that imports `localize` alone gets `localize` alone. The budget is what
// the whole public API costs a page once bundled (the manifest validator is ajv's standalone output,
// not ajv).
export default [packageModules({dir: import.meta.dirname, maxGzipBytes: 24 * 1024})];
