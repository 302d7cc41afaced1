// `npm run build`: every published package's own rollup.config.mjs, plus the shared lit vendor
// bundle at dist/vendor/lit/ that a host maps with an import map ({"lit": ".../index.js", "lit/": ".../"}).
import {fileURLToPath} from 'node:url';
import {PUBLIC_PACKAGES} from './scripts/public-packages.mjs';
import {litVendorBundle} from './scripts/rollup-package.mjs';

const configs = await Promise.all(
  PUBLIC_PACKAGES.map(async (dir) => (await import(`./${dir}/rollup.config.mjs`)).default),
);

export default [
  litVendorBundle({outDir: fileURLToPath(new URL('./dist/vendor/lit', import.meta.url))}),
  ...configs.flat(),
];
