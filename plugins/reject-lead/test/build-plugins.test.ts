import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {rollup} from 'rollup';
import {validateManifest} from '@crmkit/sdk';
import {manifestWithIntegrity, sriHash} from '../build/manifest-with-integrity.mjs';
import {minifyTemplateLiterals} from '../build/minify-templates.mjs';

const pluginDir = new URL('..', import.meta.url).pathname;

test('html templates lose their indentation, expressions and other strings stay as written', () => {
  const code = [
    'const a = html`',
    '  <div class="x">',
    '    ${cond ? html`<p>  nested  </p>` : "keep   this"}',
    '  </div>',
    '  <span>a  b</span>`;',
    "const s = 'html`  not a template  `';",
    'const u = `  untagged  `; // html`  in a comment',
  ].join('\n');
  const out = minifyTemplateLiterals(code);
  assert.ok(
    out.startsWith(
      'const a = html` <div class="x"> ${cond ? html`<p> nested </p>` : "keep   this"}',
    ),
  );
  assert.ok(out.includes('</div> <span>a b</span>`'));
  assert.ok(out.includes("'html`  not a template  `'"));
  assert.ok(out.includes('`  untagged  `'));
  assert.ok(out.includes('// html`  in a comment'));
});

test('css templates lose comments and spaces around punctuation, values keep theirs', () => {
  const out = minifyTemplateLiterals(
    'css`\n  /* note */\n  :host {\n    --a: var(--b, 1px);\n    padding: calc(var(--s) * 1.5);\n  }\n  a:focus-visible { outline: 1px solid; }\n`',
  );
  assert.equal(
    out,
    'css` :host{--a:var(--b,1px);padding:calc(var(--s) * 1.5)}a:focus-visible{outline:1px solid}`',
  );
});

test('a template with <pre> is left alone', () => {
  const code = 'html`<pre>\n  keep\n    this\n</pre>`';
  assert.equal(minifyTemplateLiterals(code), code);
});

/** Builds a tiny plugin folder with rollup and the integrity plugin; returns the written manifest. */
async function buildTinyPlugin(entry: string, schemaOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'reject-lead-build-'));
  try {
    const source = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8'));
    writeFileSync(join(dir, 'plugin.json'), JSON.stringify({...source, entry}));
    writeFileSync(
      join(dir, 'index.js'),
      'export class _Thing { _secretValue = 1; get x() { return this._secretValue; } }\n',
    );
    const bundle = await rollup({
      input: join(dir, 'index.js'),
      plugins: [manifestWithIntegrity({manifest: join(dir, 'plugin.json'), ...schemaOptions})],
      onwarn: () => {},
    });
    await bundle.write({file: join(dir, 'dist/index.js'), format: 'es', sourcemap: true});
    return {
      manifest: readFileSync(join(dir, 'dist/plugin.json'), 'utf8'),
      code: readFileSync(join(dir, 'dist/index.js')),
    };
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

test('the build writes dist/plugin.json: entry relative to it, sha384 of the written bundle', async () => {
  const {manifest, code} = await buildTinyPlugin('dist/index.js');
  const written = JSON.parse(manifest);
  assert.equal(written.entry, 'index.js');
  assert.equal(written.integrity, `sha384-${createHash('sha384').update(code).digest('base64')}`);
  assert.equal(written.integrity, sriHash(code));
  assert.match(code.toString(), /sourceMappingURL=index\.js\.map/); // hashed as served
  assert.equal(written.$schema, '../../../packages/sdk/schema/plugin-manifest.schema.json');
  assert.equal(written.id, 'dev.crmkit.reject-lead');
  const result = validateManifest(manifest, {file: 'dist/plugin.json'});
  assert.deepEqual(
    result.issues.filter((i) => i.severity === 'error'),
    [],
  );
});

test('$schema can point where the sdk is once both packages are installed in node_modules', async () => {
  const {manifest} = await buildTinyPlugin('dist/index.js', {
    schema: '@crmkit/sdk/schema/plugin-manifest.schema.json',
    packageName: '@crmkit/reject-lead',
  });
  // node_modules/@crmkit/reject-lead/dist/plugin.json → node_modules/@crmkit/sdk/schema/…
  assert.equal(JSON.parse(manifest).$schema, '../../sdk/schema/plugin-manifest.schema.json');
});

test('the template minifier keeps one space between tags: it is visible between inline elements', () => {
  assert.equal(
    minifyTemplateLiterals('html`<input type="checkbox" />\n    <label>x</label>`'),
    'html`<input type="checkbox" /> <label>x</label>`',
  );
});

test('css with strings or url() is left as written', () => {
  const code = 'css`a::before { content: "a , b"; }`';
  assert.equal(minifyTemplateLiterals(code), code);
});

test('an entry the bundle does not write fails the build with the reason', async () => {
  await assert.rejects(
    buildTinyPlugin('dist/other.js'),
    /entry "dist\/other\.js".*not a file this bundle writes/s,
  );
});
