import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM for Node and bundlers; json-rules-engine, ajv and jsonc-parser stay bare imports.
export default [packageModules({dir: import.meta.dirname})];
