import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {build} from 'esbuild';
import rulesetSchema from '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json';
import {
  buildPages,
  editorStubSource,
  editorUnusedModules,
  EDITOR_UNUSED_MODULES,
  PAGE_SCRIPTS,
  pageBundleSizes,
  type PagesBuild,
} from './build-pages.js';
import {RULESET_SCHEMA_DESCRIPTIONS_DE} from './admin-page-strings.js';
import {schemaDescriptions} from './client/rules-schema.js';

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

test('builds of one folder take turns: two at once in this process, and one while a process holds the lock', async () => {
  const out = join(dir, 'pages');
  // Forced builds started together: both succeed, one after the other, and leave one output.
  const [x, y] = await Promise.all([
    buildPages({outDir: out, force: true}),
    buildPages({outDir: out, force: true}),
  ]);
  assert.equal(x.built && y.built, true);
  assert.deepEqual(readdirSync(dir), ['pages']);
  // A lock left by a process that is gone (killed mid-build) is taken over, not waited for.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  mkdirSync(`${out}.lock`);
  writeFileSync(join(`${out}.lock`, 'pid'), dead.stdout.toString());
  const taken = await buildPages({outDir: out});
  assert.equal(taken.built, false);
  assert.deepEqual(readdirSync(dir), ['pages']);
  // While a live process holds it, a build waits until it is released.
  mkdirSync(`${out}.lock`);
  writeFileSync(join(`${out}.lock`, 'pid'), String(process.pid));
  let done = false;
  const waiting = buildPages({outDir: out}).then((b) => ((done = true), b));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(done, false, 'waits for the holder');
  rmSync(`${out}.lock`, {recursive: true});
  assert.equal((await waiting).built, false);
});

/**
 * The rule editor's chunk (CodeMirror 6, codemirror-json-schema, crmkit's linter), min+gzip.
 * Measured: 380.4 KB with every module codemirror-json-schema imports (and 22.8 KB more of shiki
 * themes and grammar fetched when it loads), 305.1 KB with the stubs of EDITOR_UNUSED_MODULES.
 */
const EDITOR_CHUNK_BUDGET = 310 * 1024;

test('the rule editor is a chunk of its own that only the admin page loads, within its budget', () => {
  const sizes = pageBundleSizes(first.outDir);
  const editor = sizes.filter((b) => b.name === 'rules-editor');
  assert.equal(editor.length, 1, JSON.stringify(sizes));
  const {file, gzip} = editor[0]!;
  assert.ok(
    gzip <= EDITOR_CHUNK_BUDGET,
    `the rule editor chunk is ${(gzip / 1024).toFixed(1)} KB min+gzip, over its budget of ${EDITOR_CHUNK_BUDGET / 1024} KB`,
  );
  const chunkName = file.slice('chunks/'.length);
  const assets = join(first.outDir, 'assets');
  const referencing = [
    ...readdirSync(assets).filter((f) => f.endsWith('.js')),
    ...readdirSync(join(assets, 'chunks'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `chunks/${f}`),
  ].filter((f) => f !== file && readFileSync(join(assets, f), 'utf8').includes(chunkName));
  assert.deepEqual(referencing, ['admin.js']);
  // Imported dynamically: the admin page's own script does not wait for it.
  assert.match(
    readFileSync(join(assets, 'admin.js'), 'utf8'),
    new RegExp(`import\\(["'][^"']*${chunkName}`),
  );
});

test('the modules the editor never runs are left out of its chunk; markdown-it, which completion runs, stays', () => {
  const editor = pageBundleSizes(first.outDir).find((b) => b.name === 'rules-editor')!;
  const code = readFileSync(join(first.outDir, 'assets', editor.file), 'utf8');
  // A text of each left-out module: yaml's and json5's error messages, shiki's wasm check.
  assert.doesNotMatch(code, /Implicit keys need to be on a single line/);
  assert.doesNotMatch(code, /JSON5: invalid/);
  assert.doesNotMatch(code, /Must invoke loadWasm first/);
  assert.match(code, /left out of the admin page's rule editor bundle/);
  // markdown-it renders the descriptions of suggested properties.
  assert.match(code, /typographer/);
  const chunks = readdirSync(join(first.outDir, 'assets', 'chunks')).filter((f) =>
    f.endsWith('.js'),
  );
  for (const f of chunks.filter((c) => /^(javascript|vitesse)-/.test(c))) {
    const size = readFileSync(join(first.outDir, 'assets', 'chunks', f)).length;
    assert.ok(size < 1024, `${f} is the stub of a shiki theme or grammar (${size} bytes)`);
  }
});

/** A stub module, imported as the browser would. */
const importStub = (specifier: string) =>
  import(
    `data:text/javascript;base64,${Buffer.from(editorStubSource(specifier)).toString('base64')}`
  ) as Promise<Record<string, unknown>>;

const clearError = (specifier: string) =>
  new RegExp(
    `crmkit dev host: ${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is left out of the admin page's rule editor bundle \\(.+\\), but .+ was called\\. See EDITOR_UNUSED_MODULES in packages/dev-host/src/pages/build-pages\\.ts`,
  );

test('every stub throws a clear error naming itself when anything of it is called', async () => {
  for (const [specifier, {exports}] of Object.entries(EDITOR_UNUSED_MODULES)) {
    const stub = await importStub(specifier);
    assert.deepEqual(Object.keys(stub).sort(), [...exports].sort(), specifier);
    if (specifier === 'shiki/core') {
      // Created when codemirror-json-schema's markdown module loads: that must not throw.
      const highlighter = (await (stub.createHighlighterCore as () => Promise<unknown>)()) as {
        codeToHtml(code: string): string;
      };
      assert.throws(() => highlighter.codeToHtml('let a'), clearError(specifier));
    } else if (specifier === '@shikijs/markdown-it/core') {
      const md = {options: {} as {highlight?: (code: string) => string}};
      (stub.fromHighlighter as () => (m: typeof md) => void)()(md);
      assert.throws(() => md.options.highlight!('let a'), clearError(specifier));
    } else if (exports.includes('default')) {
      const module = stub.default as {parse(text: string): unknown};
      assert.throws(() => module.parse('a: 1'), clearError(specifier));
    } else {
      for (const name of exports) {
        assert.throws(() => (stub[name] as () => unknown)(), clearError(specifier), name);
      }
    }
  }
});

test('codemirror-json-schema renders every description of the ruleset schema the same with the stubs', async () => {
  // Its markdown module as the editor's chunk has it, once with the real modules and once with the
  // stubs; completion renders a suggested property's description inline with it.
  const markdown = async (stubbed: boolean) => {
    const result = await build({
      stdin: {
        contents: "export {renderMarkdown} from './dist/utils/markdown.js';",
        // The package folder (its `require` entry is cjs/index.js).
        resolveDir: dirname(
          dirname(createRequire(import.meta.url).resolve('codemirror-json-schema')),
        ),
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['browser', 'production'],
      logLevel: 'silent',
      plugins: stubbed ? [editorUnusedModules()] : [],
    });
    const code = result.outputFiles[0]!.text;
    return (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    )) as {
      renderMarkdown(text: string, inline?: boolean): string;
    };
  };
  const [real, stubbed] = [await markdown(false), await markdown(true)];
  // Let the real one's highlighter load, as it would while the editor is in use.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const descriptions = [
    ...schemaDescriptions(rulesetSchema),
    ...Object.values(RULESET_SCHEMA_DESCRIPTIONS_DE),
    'A "quoted" `code` -- see https://example.com (c)',
  ];
  assert.ok(descriptions.length > 20);
  for (const text of descriptions)
    assert.equal(stubbed.renderMarkdown(text), real.renderMarkdown(text));
  // A fenced code block, rendered as a block (only the default hover, which the editor replaces,
  // does that): the real highlighter cannot run either (shiki/core has no wasm loaded), the stub
  // says why.
  const fence = '```js\nlet a = 1;\n```';
  assert.throws(() => real.renderMarkdown(fence, false), /Must invoke loadWasm first/);
  assert.throws(
    () => stubbed.renderMarkdown(fence, false),
    clearError('@shikijs/markdown-it/core'),
  );
});
