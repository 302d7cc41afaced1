import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM with one entry per subpath export: `.`, `./msw`, `./contract`, `./demo-data`.
export default [
  packageModules({
    dir: import.meta.dirname,
    inputs: ['src/index.ts', 'src/msw/index.ts', 'src/contract/index.ts', 'src/demo-data.ts'],
  }),
];
