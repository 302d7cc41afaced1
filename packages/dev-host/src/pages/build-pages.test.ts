import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {buildPages, PAGE_SCRIPTS, type PagesBuild} from './build-pages.js';

let dir: string;
let first: PagesBuild;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-build-'));
  first = await buildPages({outDir: join(dir, 'pages')});
});
after(() => rmSync(dir, {recursive: true, force: true}));

/** The bare specifiers a built module imports (`from"lit"`, `import"x"`), minified or not. */
const bareImports = (code: string) =>
  [...code.matchAll(/(?:from|import)\s*["']([^"'./][^"']*)["']/g)].map((m) => m[1] as string);

test('every page script and every shared module of the import map is built', () => {
  assert.equal(first.built, true);
  for (const name of Object.keys(PAGE_SCRIPTS)) {
    assert.ok(existsSync(join(first.outDir, 'assets', `${name}.js`)), `${name}.js`);
  }
  assert.ok(first.importMap.lit && first.importMap['@crmkit/sdk']);
  for (const [specifier, url] of Object.entries(first.importMap)) {
    assert.match(url, /^\/assets\/vendor\/.+\.js$/, specifier);
    assert.ok(existsSync(join(first.outDir, url)), `${specifier} → ${url} exists`);
  }
});

test('the bundled plugin is one module whose bare imports the import map resolves', () => {
  // The page imports the plugin's built entry as the host stored it (from the build, see the seed).
  const require = createRequire(import.meta.url);
  const builtDir = dirname(require.resolve('@crmkit/reject-lead/plugin.json'));
  const code = readFileSync(join(builtDir, 'index.js'), 'utf8');
  assert.doesNotMatch(
    code,
    /from\s*["']\.\.?\//,
    'no relative imports: it is imported from a Blob URL',
  );
  const imports = bareImports(code);
  assert.ok(imports.includes('lit'), 'lit stays external, shared with the page');
  for (const specifier of imports) assert.ok(first.importMap[specifier], `${specifier} is mapped`);
});

test('the pages serve no plugin files of their own: those are the stored packages the host serves', () => {
  assert.equal(existsSync(join(first.outDir, 'plugins')), false);
});

test('a second build with nothing changed is skipped; force builds again; no temp folders stay', async () => {
  const again = await buildPages({outDir: join(dir, 'pages')});
  assert.equal(again.built, false);
  assert.deepEqual(again.importMap, first.importMap);
  const forced = await buildPages({outDir: join(dir, 'pages'), force: true});
  assert.equal(forced.built, true);
  assert.deepEqual(readdirSync(dir), ['pages']);
});
