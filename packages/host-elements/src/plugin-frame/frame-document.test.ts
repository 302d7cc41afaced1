import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultScriptSources,
  frameDocument,
  frameImportMapText,
  framePolicy,
  sourceExpression,
} from './frame-document.js';

const options = {
  runtimeUrl: 'https://crm.example/assets/vendor/crmkit/host-elements/frame-runtime.js',
  importMap: {
    lit: 'https://crm.example/assets/vendor/lit.js',
    '@crmkit/sdk': 'https://crm.example/assets/vendor/crmkit/sdk.js',
  },
  scriptSources: ['https://crm.example/assets/'],
  pluginFolder: 'https://crm.example/plugins/dev.crmkit.reject-lead/0.1.0/',
  locale: 'de',
};

test('the policy: nothing by default, scripts from the assets and blobs, fetch only the plugin folder', () => {
  assert.equal(
    framePolicy(options, 'sha256-abc'),
    [
      "default-src 'none'",
      "script-src https://crm.example/assets/ blob: 'sha256-abc'",
      'connect-src https://crm.example/plugins/dev.crmkit.reject-lead/0.1.0/',
      'img-src https://crm.example/plugins/dev.crmkit.reject-lead/0.1.0/ data: blob:',
      'font-src https://crm.example/plugins/dev.crmkit.reject-lead/0.1.0/',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
  );
});

test('source expressions: http(s) only, no query, separators encoded', () => {
  assert.equal(sourceExpression('https://a.example/x/?q=1#f'), 'https://a.example/x/');
  assert.equal(sourceExpression('https://a.example/a;b,c/'), 'https://a.example/a%3Bb%2Cc/');
  assert.equal(sourceExpression('blob:https://a.example/1'), undefined);
  assert.equal(sourceExpression('data:text/javascript,1'), undefined);
  assert.equal(sourceExpression('not a url'), undefined);
  const policy = framePolicy(
    {scriptSources: ["https://x.example/ 'unsafe-eval'", 'javascript:1'], pluginFolder: 'data:,'},
    'sha256-x',
  );
  assert.ok(!policy.includes("'unsafe"), policy);
  assert.ok(!policy.includes('javascript:'), policy);
  assert.ok(policy.includes("connect-src 'none'"), policy);
});

test('default script sources: the deepest folder per origin holding the runtime and the map', () => {
  assert.deepEqual(
    defaultScriptSources([
      options.runtimeUrl,
      'https://crm.example/assets/vendor/lit.js',
      'https://crm.example/assets/chunks/x.js',
      'https://cdn.example/lit/3/index.js',
      'blob:https://crm.example/1',
    ]),
    ['https://crm.example/assets/', 'https://cdn.example/lit/3/'],
  );
});

test('the document: the policy first, then the import map (no way out of its script), then the runtime', () => {
  const doc = frameDocument(
    {...options, importMap: {x: 'https://crm.example/assets/</script><script>alert(1)</script>'}},
    'sha256-abc',
  );
  const csp = doc.indexOf('Content-Security-Policy');
  const map = doc.indexOf('<script type="importmap">');
  const runtime = doc.indexOf(`<script type="module" src="${options.runtimeUrl}">`);
  assert.ok(csp > 0 && csp < map && map < runtime, doc);
  assert.equal(doc.match(/<\/script>/g)?.length, 2);
  assert.ok(doc.startsWith('<!doctype html><html lang="de">'));
  assert.equal(frameImportMapText({a: '<'}), '{"imports":{"a":"\\u003c"}}');
  assert.ok(frameDocument({...options, locale: '"><x'}, 'h').includes('<html lang="en">'));
});
