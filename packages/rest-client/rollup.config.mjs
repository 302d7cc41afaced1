import {packageBundle} from '../../scripts/rollup-package.mjs';

const dir = import.meta.dirname;

export default [
  packageBundle({dir}),
  packageBundle({dir, input: 'src/contract/index.ts', output: 'dist/contract.js'}),
  packageBundle({dir, input: 'src/msw/index.ts', output: 'dist/msw.js'}),
  packageBundle({dir, input: 'src/demo-data.ts', output: 'dist/demo-data.js'}),
];
