// Emits `.d.ts` files for the public packages into each one's dist/types/, in dependency order. The
// build tsconfig drops the `source` condition so that a package's types refer to its dependencies'
// emitted declarations rather than to their sources. A package's `src/testing/` (@crmkit/sdk/testing)
// imports packages that depend on it (its optional peers), so its declarations are emitted in a second
// pass, once theirs exist.
import {spawnSync} from 'node:child_process';
import {existsSync, writeFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PUBLIC_PACKAGES} from './public-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Emits the declarations of `include` (folders under the package) into `<dir>/dist/types`. */
function emitTypes(dir, include, exclude, {rootDir = 'src', outDir = 'dist/types'} = {}) {
  const tsconfig = join(root, dir, '.tsconfig.types.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        customConditions: [],
        rootDir,
        outDir,
      },
      include,
      exclude: ['src/**/*.test.ts', 'src/**/*.browser.test.ts', ...exclude],
    }),
  );
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig],
    {stdio: 'inherit'},
  );
  rmSync(tsconfig);
  if (result.status !== 0) {
    console.error(`types: ${dir} failed`);
    process.exit(1);
  }
}

const late = PUBLIC_PACKAGES.filter((dir) => existsSync(join(root, dir, 'src/testing')));
for (const dir of PUBLIC_PACKAGES) {
  emitTypes(dir, ['src'], late.includes(dir) ? ['src/testing'] : []);
  console.log(
    `  types: ${dir}/dist/types${existsSync(join(root, dir, 'dist/types/index.d.ts')) ? '' : ' (no index.d.ts!)'}`,
  );
}
// Its own root and output folder: what it imports of its own package (by name, as its dependents
// do) resolves to the declarations the first pass wrote, which must stay inputs, not outputs.
for (const dir of late) {
  emitTypes(dir, ['src/testing'], [], {rootDir: 'src/testing', outDir: 'dist/types/testing'});
  console.log(`  types: ${dir}/dist/types/testing`);
}
