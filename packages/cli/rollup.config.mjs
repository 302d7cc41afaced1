// The `crmkit` command compiled for plain Node 20: ESM, one output module per source module under dist/
// (so the command modules stay lazy `import()`s and `crmkit validate` never loads the rule engine),
// not minified, with source maps. Every dependency and every node builtin stays an import, so the
// installed @crmkit/sdk, @crmkit/assignment and tar are the ones that run (relative .js imports of the
// .ts sources are resolved by rollup-plugin-esbuild; a bare import must be a declared dependency).
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {join} from 'node:path';
import esbuild from 'rollup-plugin-esbuild';

const dir = import.meta.dirname;
const dist = join(dir, 'dist');
const tsconfig = join(dir, '../../tsconfig.base.json'); // holds the decorator options, read verbatim
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const deps = Object.keys({...pkg.dependencies, ...pkg.peerDependencies});
const builtins = new Set(builtinModules);

const isExternal = (id) =>
  id.startsWith('node:') ||
  builtins.has(id.split('/')[0]) ||
  builtins.has(id) ||
  deps.some((d) => id === d || id.startsWith(`${d}/`));

/** Empties dist/ (except the declarations `npm run build` writes into dist/types afterwards). */
const cleanDist = {
  name: 'crmkit-cli-clean-dist',
  buildStart() {
    let entries = [];
    try {
      entries = readdirSync(dist);
    } catch {
      return; // no dist yet
    }
    for (const entry of entries) {
      if (entry !== 'types') rmSync(join(dist, entry), {recursive: true, force: true});
    }
  },
};

/** A bare import that is not a declared dependency would be bundled (a second copy): refuse it. */
const declaredImportsOnly = {
  name: 'crmkit-cli-declared-imports-only',
  resolveId(source, importer) {
    if (!importer || source.startsWith('.') || source.startsWith('/') || source.startsWith('\0')) {
      return null;
    }
    this.error(
      `"${source}" (imported by ${importer}) is not a dependency of @crmkit/cli: add it to ` +
        `packages/cli/package.json "dependencies" so it stays an import of the installed package`,
    );
  },
};

export default [
  {
    input: {main: join(dir, 'src/main.ts'), index: join(dir, 'src/index.ts')},
    external: isExternal,
    plugins: [
      cleanDist,
      declaredImportsOnly,
      esbuild({
        tsconfig,
        platform: 'node',
        target: 'node20',
        charset: 'utf8',
        minify: false,
        sourceMap: true,
      }),
    ],
    output: {
      dir: dist,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      entryFileNames: '[name].js',
    },
  },
];
