// `npm run build`: every published package's own rollup.config.mjs, plus the shared lit vendor
// bundle at dist/vendor/lit/ that a host maps with an import map ({"lit": ".../index.js", "lit/": ".../"}),
// plus the plugins of this repository that do not ship (made with `crmkit create`): their tests load
// what they build, as every plugin's do.
import {existsSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {PUBLIC_PACKAGES} from './scripts/public-packages.mjs';
import {litVendorBundle} from './scripts/rollup-package.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const unpublishedPlugins = readdirSync(`${root}plugins`)
  .map((name) => `plugins/${name}`)
  .filter((dir) => !PUBLIC_PACKAGES.includes(dir) && existsSync(`${root}${dir}/rollup.config.mjs`));

const configs = await Promise.all(
  [...PUBLIC_PACKAGES, ...unpublishedPlugins].map(
    async (dir) => (await import(`./${dir}/rollup.config.mjs`)).default,
  ),
);

export default [
  litVendorBundle({outDir: fileURLToPath(new URL('./dist/vendor/lit', import.meta.url))}),
  ...configs.flat(),
];
