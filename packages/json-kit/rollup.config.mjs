import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM; jsonc-parser stays a bare import.
export default [packageModules({dir: import.meta.dirname})];
