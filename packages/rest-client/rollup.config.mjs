import {packageModules} from '../../scripts/rollup-package.mjs';

// Per-module ESM with one entry per subpath export: `.` (the REST client) and `./msw` (the mock host).
export default [
  packageModules({dir: import.meta.dirname, inputs: ['src/index.ts', 'src/msw/index.ts']}),
];
