// `@crmkit/cli/rollup`: the rollup config of a crmkit plugin in one call. It is plain JavaScript (not
// compiled from src/) so that a rollup.config.mjs can import it before anything is built, in a plugin
// project and in this repository's own `npm run build` alike. Its tools (rollup, the node-resolve and
// esbuild plugins) are the plugin project's devDependencies: optional peers of @crmkit/cli, so that an
// admin who installs the CLI for `crmkit install` does not get a bundler.
import {existsSync, readFileSync} from 'node:fs';
import {join, relative, resolve} from 'node:path';
import {gzipSync} from 'node:zlib';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The bare imports a crmkit host page maps to its own shared modules (its import map; a sandboxed
 * frame gets the same map): a plugin built against them shares the page's one lit and one sdk.
 */
export const HOST_SHARED_MODULES = Object.freeze(['lit', 'lit/decorators.js', '@crmkit/sdk']);

/** The first of the usual entry sources that exists. */
function defaultInput(dir) {
  const found = ['src/index.ts', 'src/index.js'].find((file) => existsSync(join(dir, file)));
  return found ?? 'src/index.ts';
}

/**
 * The rollup config of the plugin in `dir` (pass `import.meta.dirname`): one minified ES module at
 * plugin.json's `entry` (with a source map), TypeScript through esbuild, and the host's shared modules
 * (HOST_SHARED_MODULES) left as bare imports; everything else the plugin imports is bundled in.
 *
 * - `input`: the entry source, relative to `dir` (default `src/index.ts`, else `src/index.js`).
 * - `selfContained`: bundle lit and the sdk too, for a host page without an import map.
 * - `external`: the bare imports to leave to the host instead (default HOST_SHARED_MODULES).
 * - `minify`: default true (the size a host loads is the size printed).
 * - `maxGzipBytes`: fail the build when the entry is larger, min+gzip.
 */
export function crmkitPlugin(options = {}) {
  const dir = resolve(options.dir ?? process.cwd());
  const manifestFile = join(dir, 'plugin.json');
  if (!existsSync(manifestFile)) {
    throw new Error(
      `crmkitPlugin: there is no plugin.json in ${dir}; pass dir: import.meta.dirname`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (typeof manifest.entry !== 'string') {
    throw new Error(`crmkitPlugin: ${manifestFile} names no "entry" (e.g. "dist/index.js")`);
  }
  const shared = options.selfContained ? [] : [...(options.external ?? HOST_SHARED_MODULES)];
  const tsconfig = join(dir, 'tsconfig.json');
  const output = join(dir, manifest.entry);
  return {
    input: join(dir, options.input ?? defaultInput(dir)),
    external: (id) => shared.includes(id),
    plugins: [
      sharedModulesOnly(shared),
      watchFile(manifestFile),
      nodeResolve({browser: true, exportConditions: ['browser', 'production']}),
      esbuild({
        target: 'es2022',
        minify: options.minify ?? true,
        sourceMap: true,
        legalComments: 'none',
        ...(existsSync(tsconfig) ? {tsconfig} : {}),
      }),
      entrySize({dir, maxGzipBytes: options.maxGzipBytes}),
    ],
    output: {file: output, format: 'es', sourcemap: true},
    watch: {clearScreen: false},
  };
}

/**
 * A lit subpath the host does not map would be bundled as a second copy of lit's internals, which
 * breaks its templates in subtle ways: refuse it with what to do instead.
 */
function sharedModulesOnly(shared) {
  return {
    name: 'crmkit-shared-modules-only',
    resolveId(source) {
      if (shared.length === 0 || !/^lit(\/|$)/.test(source) || shared.includes(source)) return null;
      this.error(
        `"${source}" is not one of the modules a crmkit host shares with its plugins ` +
          `(${shared.join(', ')}): import it from "lit" where lit offers it, or build with ` +
          `crmkitPlugin({selfContained: true}) to bundle lit into the plugin.`,
      );
    },
  };
}

/** Rebuilds (crmkit dev, rollup -w) follow plugin.json too: its entry names the output. */
function watchFile(file) {
  return {
    name: 'crmkit-watch-manifest',
    buildStart() {
      this.addWatchFile(file);
    },
  };
}

/** Prints the entry's size as a host loads it, and fails over `maxGzipBytes`. */
function entrySize({dir, maxGzipBytes}) {
  return {
    name: 'crmkit-entry-size',
    generateBundle(outputOptions, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gz = gzipSync(chunk.code, {level: 9}).length;
        const file = relative(dir, outputOptions.file ?? chunk.fileName);
        console.log(
          `  ${file}: ${(chunk.code.length / 1024).toFixed(1)} KB min, ${(gz / 1024).toFixed(2)} KB min+gzip`,
        );
        if (maxGzipBytes && gz > maxGzipBytes) {
          this.error(`${file} is ${gz} B min+gzip, over its budget of ${maxGzipBytes} B`);
        }
      }
    },
  };
}
