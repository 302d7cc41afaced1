import {packageBundle} from '../../scripts/rollup-package.mjs';

// `dist/index.js`: the API with all the code. `dist/define.js`: the side-effect entry that defines both
// elements; it keeps its import of `./index.js` instead of bundling a second copy of the elements.
// @crmkit/sdk and @microsoft/fast-element stay bare imports for the page's import map.
const dir = import.meta.dirname;
const index = packageBundle({dir, maxGzipBytes: 10 * 1024});
const define = packageBundle({dir, input: 'src/define.ts', output: 'dist/define.js'});

export default [
  index,
  {
    ...define,
    external: (id, importer) =>
      define.external(id) || (id === './index.js' && Boolean(importer?.endsWith('define.ts'))),
  },
];
