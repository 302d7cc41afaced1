// The one rollup helper every package's build uses: TypeScript through esbuild (legacy decorators from
// tsconfig.base.json), minified ESM with source maps under the package's dist/, and a printed min+gzip
// size checked against an optional budget.
import {readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {gzipSync} from 'node:zlib';
import {fileURLToPath} from 'node:url';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild from 'rollup-plugin-esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsconfig = join(root, 'tsconfig.base.json');

/** Prints the chunk's min+gzip size and fails the build when it exceeds `maxGzipBytes`. */
export function sizeReport({label, maxGzipBytes} = {}) {
  return {
    name: 'crmkit-size-report',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gz = gzipSync(chunk.code, {level: 9}).length;
        const name = label ?? chunk.fileName;
        const budget = maxGzipBytes ? ` (budget ${(maxGzipBytes / 1024).toFixed(1)} KB)` : '';
        console.log(
          `  ${name}: ${(chunk.code.length / 1024).toFixed(1)} KB min, ${(gz / 1024).toFixed(2)} KB min+gzip${budget}`,
        );
        if (maxGzipBytes && gz > maxGzipBytes) {
          this.error(
            `${name} is ${(gz / 1024).toFixed(2)} KB min+gzip, over its budget of ${(maxGzipBytes / 1024).toFixed(1)} KB`,
          );
        }
      }
    },
  };
}

/**
 * One browser bundle of a workspace package.
 * - `dir`: the package folder (pass `import.meta.dirname`).
 * - `input`/`output`: relative to `dir` (defaults `src/index.ts` → `dist/index.js`).
 * - `selfContained`: bundle every dependency; otherwise the package's dependencies and peer
 *   dependencies stay bare imports (a host maps them, e.g. lit through the shared vendor bundle).
 * - `maxGzipBytes`: fail the build over this min+gzip size.
 */
export function packageBundle({
  dir,
  input = 'src/index.ts',
  output = 'dist/index.js',
  selfContained = false,
  maxGzipBytes,
  label,
}) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = Object.keys({...pkg.dependencies, ...pkg.peerDependencies});
  const isExternal = (id) => !selfContained && deps.some((d) => id === d || id.startsWith(`${d}/`));
  return {
    input: join(dir, input),
    external: isExternal,
    plugins: [
      nodeResolve({exportConditions: ['@crmkit/source', 'browser', 'production'], browser: true}),
      commonjs(),
      esbuild({tsconfig, target: 'es2022', minify: true, sourceMap: true, legalComments: 'none'}),
      sizeReport({label: label ?? `${pkg.name} ${relative(dir, join(dir, output))}`, maxGzipBytes}),
    ],
    output: {file: join(dir, output), format: 'es', sourcemap: true},
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

/** The shared lit vendor bundle: `lit` and its common entry points, for a host's import map. */
export function litVendorBundle({outDir}) {
  const entries = {
    index: 'lit',
    decorators: 'lit/decorators.js',
    'directives/class-map': 'lit/directives/class-map.js',
    'directives/if-defined': 'lit/directives/if-defined.js',
    'directives/live': 'lit/directives/live.js',
    'directives/repeat': 'lit/directives/repeat.js',
    'directives/ref': 'lit/directives/ref.js',
    'directives/style-map': 'lit/directives/style-map.js',
  };
  return {
    input: entries,
    plugins: [
      nodeResolve({exportConditions: ['browser', 'production'], browser: true}),
      esbuild({target: 'es2022', minify: true, sourceMap: true, legalComments: 'none'}),
      sizeReport(),
    ],
    output: {
      dir: outDir,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  };
}
