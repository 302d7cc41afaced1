import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {validateManifest} from '@crmkit/sdk';
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

test('the served plugin is one module whose bare imports the import map resolves', () => {
  const code = readFileSync(join(first.outDir, 'plugins/reject-lead/index.js'), 'utf8');
  assert.doesNotMatch(
    code,
    /from\s*["']\.\.?\//,
    'no relative imports: it is imported from a Blob URL',
  );
  const imports = bareImports(code);
  assert.ok(imports.includes('lit'), 'lit stays external, shared with the page');
  for (const specifier of imports) assert.ok(first.importMap[specifier], `${specifier} is mapped`);
});

test('the served plugin is the built package, byte for byte: what crmkit pack ships', () => {
  const require = createRequire(import.meta.url);
  const builtManifest = require.resolve('@crmkit/reject-lead/plugin.json');
  for (const name of ['plugin.json', 'index.js']) {
    assert.deepEqual(
      readFileSync(join(first.outDir, 'plugins/reject-lead', name)),
      readFileSync(join(dirname(builtManifest), name)),
      name,
    );
  }
});

test('the served manifest is valid, points at the entry and carries its SRI hash', () => {
  const text = readFileSync(join(first.outDir, 'plugins/reject-lead/plugin.json'), 'utf8');
  const result = validateManifest(text, {file: 'plugin.json'});
  assert.deepEqual(
    result.issues.filter((i) => i.severity === 'error'),
    [],
  );
  const manifest = JSON.parse(text);
  assert.equal(manifest.entry, 'index.js');
  const entry = readFileSync(join(first.outDir, 'plugins/reject-lead/index.js'));
  assert.equal(manifest.integrity, `sha384-${createHash('sha384').update(entry).digest('base64')}`);
});

test('a second build with nothing changed is skipped; force builds again; no temp folders stay', async () => {
  const again = await buildPages({outDir: join(dir, 'pages')});
  assert.equal(again.built, false);
  assert.deepEqual(again.importMap, first.importMap);
  const forced = await buildPages({outDir: join(dir, 'pages'), force: true});
  assert.equal(forced.built, true);
  assert.deepEqual(readdirSync(dir), ['pages']);
});
