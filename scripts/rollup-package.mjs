// The one rollup helper every package's build uses: TypeScript through esbuild (legacy decorators from
// tsconfig.base.json), minified ESM with source maps under the package's dist/, and a printed min+gzip
// size checked against an optional budget.
import {readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {build} from 'esbuild';
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

/**
 * A library package as the ecosystem ships one: ES modules one per source module under `dist/` (the
 * `src/` layout kept), not minified (a consumer's bundler minifies, and class names such as
 * `HostApiError` stay readable in logs), with source maps. Every dependency and peer dependency stays a
 * bare import. With `sideEffects: false` in package.json a bundler keeps only the modules a consumer
 * imports.
 * - `inputs`: the public entry modules, relative to `dir` (default `['src/index.ts']`).
 * - `maxGzipBytes`: fail the build when the first entry, bundled and minified the way a consumer's
 *   bundler would (dependencies external), exceeds this min+gzip size.
 */
export function packageModules({dir, inputs = ['src/index.ts'], maxGzipBytes}) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = Object.keys({...pkg.dependencies, ...pkg.peerDependencies});
  const isExternal = (id) =>
    id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`));
  return {
    input: inputs.map((input) => join(dir, input)),
    external: isExternal,
    plugins: [
      nodeResolve({exportConditions: ['@crmkit/source', 'browser', 'production'], browser: true}),
      esbuild({tsconfig, target: 'es2022', minify: false, sourceMap: true, legalComments: 'none'}),
      consumerSizeReport({dir, pkg, input: inputs[0], external: deps, maxGzipBytes}),
    ],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      entryFileNames: '[name].js',
    },
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

/**
 * After a per-module build: bundles the written entry the way a consumer's bundler would (minified,
 * dependencies external), prints its min+gzip size and fails over `maxGzipBytes`.
 */
function consumerSizeReport({dir, pkg, input, external, maxGzipBytes}) {
  return {
    name: 'crmkit-consumer-size-report',
    async writeBundle(options) {
      const entry = join(
        options.dir,
        relative(join(dir, 'src'), join(dir, input)).replace(/\.ts$/, '.js'),
      );
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        platform: 'browser',
        external: external.flatMap((d) => [d, `${d}/*`]),
        legalComments: 'none',
        logLevel: 'silent',
      });
      const code = result.outputFiles[0].contents;
      const gz = gzipSync(code, {level: 9}).length;
      const name = `${pkg.name} ${relative(dir, entry)} (bundled by a consumer)`;
      const budget = maxGzipBytes ? ` (budget ${(maxGzipBytes / 1024).toFixed(1)} KB)` : '';
      console.log(
        `  ${name}: ${(code.length / 1024).toFixed(1)} KB min, ${(gz / 1024).toFixed(2)} KB min+gzip${budget}`,
      );
      if (maxGzipBytes && gz > maxGzipBytes) {
        this.error(`${name} is ${(gz / 1024).toFixed(2)} KB min+gzip, over its budget`);
      }
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
