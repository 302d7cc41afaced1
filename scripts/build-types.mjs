// Emits `.d.ts` files for the public packages into each one's dist/types/, in dependency order. The
// build tsconfig drops the `source` condition so that a package's types refer to its dependencies'
// emitted declarations rather than to their sources.
import {spawnSync} from 'node:child_process';
import {existsSync, writeFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PUBLIC_PACKAGES} from './public-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

for (const dir of PUBLIC_PACKAGES) {
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
        rootDir: 'src',
        outDir: 'dist/types',
      },
      include: ['src'],
      exclude: ['src/**/*.test.ts', 'src/**/*.browser.test.ts'],
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
  console.log(
    `  types: ${dir}/dist/types${existsSync(join(root, dir, 'dist/types/index.d.ts')) ? '' : ' (no index.d.ts!)'}`,
  );
}
