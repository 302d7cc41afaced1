import {packageBundle} from '../../scripts/rollup-package.mjs';

// Budget: the core a page loads to validate and load plugins (jsonc-parser and compare-versions stay
// bare imports, mapped by the host). The manifest validator is ajv's standalone output, not ajv.
export default [packageBundle({dir: import.meta.dirname, maxGzipBytes: 24 * 1024})];
