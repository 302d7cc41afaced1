import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  FIXTURE_ENTRY,
  fixtureManifest,
  gzip,
  pluginPackage,
  sri,
  tarArchive,
} from '../../test/plugin-package-fixture.js';
import {PackageManifestInvalid, readPluginPackage} from './read-plugin-package.js';

/** The issues a refused package's plugin.json got. */
async function manifestIssues(bytes: Uint8Array) {
  const error = await readPluginPackage(bytes).then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PackageManifestInvalid, String(error));
  return error.issues.map((i) => [i.code, i.pointer, i.message]);
}

test('a plugin.json that is not UTF-8 is refused, not stored with U+FFFD in its place', async () => {
  const manifest = new TextEncoder().encode(
    JSON.stringify({...fixtureManifest(), integrity: sri(FIXTURE_ENTRY)}),
  );
  const at = manifest.indexOf('T'.charCodeAt(0)); // in "Testobjekt"
  manifest[at] = 0xff;
  const bytes = gzip(
    tarArchive([
      {name: 'plugin.json', body: manifest},
      {name: 'dist/index.js', body: FIXTURE_ENTRY},
    ]),
  );
  const issues = await manifestIssues(bytes);
  assert.deepEqual(issues, [['invalid-json', '', 'plugin.json is not UTF-8']]);
});

test('a manifest string with a lone surrogate is refused at its pointer', async () => {
  const bytes = pluginPackage({manifest: {displayName: {en: 'x\ud800y', de: 'Test'}}});
  const [[code, pointer]] = (await manifestIssues(bytes)) as [[string, string, string]];
  assert.deepEqual([code, pointer], ['invalid-json', '/displayName/en']);
  // A surrogate pair is well-formed text and stays.
  const ok = await readPluginPackage(pluginPackage({manifest: {displayName: {en: '😀', de: 'x'}}}));
  assert.equal(ok.manifest.displayName.en, '😀');
});
