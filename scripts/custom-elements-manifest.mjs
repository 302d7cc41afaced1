// Rollup plugin: generates custom-elements.json for a Lit or FAST package with
// @custom-elements-manifest/analyzer (`cem analyze --litelement` or `--fast`), once per build, then drops the
// nameless event entries the analyzer adds for `dispatchEvent(new SomeEventClass())` (the named ones
// come from the element's JSDoc `@fires` tags).
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative} from 'node:path';

const require = createRequire(import.meta.url);

/**
 * - `dir`: the package folder; `outdir`: relative to it (default `dist`).
 * - `library`: `litelement` or `fast`, the analyzer's plugin for the package's base class.
 */
export function customElementsManifest({dir, outdir = 'dist', library = 'litelement'}) {
  return {
    name: 'crmkit-custom-elements-manifest',
    writeBundle() {
      const cem = join(
        dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')),
        'cem.js',
      );
      const result = spawnSync(
        process.execPath,
        [
          cem,
          'analyze',
          `--${library}`,
          '--globs',
          'src/**/*.ts',
          '--exclude',
          'src/**/*.test.ts',
          '--exclude',
          'src/**/*.browser.test.ts',
          '--outdir',
          outdir,
        ],
        {cwd: dir, encoding: 'utf8'},
      );
      if (result.status !== 0) {
        this.error(`cem analyze failed:\n${result.stderr || result.stdout}`);
      }
      const file = join(dir, outdir, 'custom-elements.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      for (const module of manifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (Array.isArray(declaration.events)) {
            declaration.events = declaration.events.filter((e) => typeof e.name === 'string');
          }
        }
      }
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`  ${relative(join(dir, '..', '..'), file)} written`);
    },
  };
}
