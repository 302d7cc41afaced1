import {packageBundle} from '../../scripts/rollup-package.mjs';

export default [
  // lit external: what a host with the shared lit vendor bundle loads.
  packageBundle({dir: import.meta.dirname, maxGzipBytes: 5 * 1024}),
  // self-contained: lit bundled in, for hosts without an import map.
  packageBundle({
    dir: import.meta.dirname,
    output: 'dist/reject-lead.bundle.js',
    selfContained: true,
    maxGzipBytes: 12 * 1024,
  }),
];
