import {customElementsManifest} from '../../scripts/custom-elements-manifest.mjs';
import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM: `dist/index.js` (the API) and `dist/define.js`, the side-effect entry that defines
// both elements by importing the same modules (package.json lists it under `sideEffects`).
// @crmkit/sdk and @microsoft/fast-element stay bare imports, one shared copy in the page.
const config = packageModules({
  dir: import.meta.dirname,
  inputs: ['src/index.ts', 'src/define.ts'],
  maxGzipBytes: 10 * 1024,
});
config.plugins.push(customElementsManifest({dir: import.meta.dirname, library: 'fast'}));

export default [config];
