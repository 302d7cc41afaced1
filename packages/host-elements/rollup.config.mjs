import {customElementsManifest} from '../../scripts/custom-elements-manifest.mjs';
import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM: `dist/index.js` (the API), `dist/define.js`, the side-effect entry that defines
// the elements by importing the same modules (package.json lists it under `sideEffects`), and
// `dist/frame-runtime.js`, the script a sandboxed plugin's frame runs (export `./frame-runtime`).
// @crmkit/sdk and @microsoft/fast-element stay bare imports, one shared copy in the page (and, for
// the runtime, the same @crmkit/sdk module the plugin imports in its frame, through its import map).
const config = packageModules({
  dir: import.meta.dirname,
  inputs: ['src/index.ts', 'src/define.ts', 'src/frame-runtime.ts'],
  // Sandboxed frames (crm-plugin-frame, its bridge and document) took it from 6.8 to 11.4 KB.
  maxGzipBytes: 12 * 1024,
});
config.plugins.push(customElementsManifest({dir: import.meta.dirname, library: 'fast'}));

export default [config];
