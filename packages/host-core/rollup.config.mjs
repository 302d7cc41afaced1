import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM: a browser mock that imports the request pipeline does not pull in ajv (only the
// node-side contract validator uses it; the mock uses the precompiled request validators).
export default [packageModules({dir: import.meta.dirname})];
