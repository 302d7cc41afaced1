import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  FIXTURE_ENTRY,
  fixtureManifest,
  gzip,
  paxPath,
  pluginPackage,
  sri,
  tarArchive,
  tarEntry,
} from '../../test/plugin-package-fixture.js';
import {PackageRefusal} from './package-refusal.js';
import {
  MAX_PACKAGE_BYTES,
  PackageManifestInvalid,
  readPluginPackage,
} from './read-plugin-package.js';

const manifestText = (overrides: Record<string, unknown> = {}) =>
  `${JSON.stringify({...fixtureManifest(overrides), integrity: sri(FIXTURE_ENTRY)})}\n`;

async function refusal(bytes: Uint8Array): Promise<{code: string; path: string}> {
  try {
    await readPluginPackage(bytes);
  } catch (error) {
    assert.ok(error instanceof PackageRefusal, String(error));
    return {code: error.code, path: error.path};
  }
  assert.fail('the package was not refused');
}

test('a package as crmkit pack writes it is read whole: manifest, files, integrity, digest', async () => {
  const bytes = pluginPackage({extra: [{name: 'README.md', body: '# Fixture\n'}]});
  const pkg = await readPluginPackage(bytes);
  assert.equal(pkg.manifest.id, 'dev.crmkit.fixture');
  assert.deepEqual([...pkg.files.keys()], ['plugin.json', 'dist/index.js', 'README.md']);
  assert.equal(new TextDecoder().decode(pkg.files.get('dist/index.js')), FIXTURE_ENTRY);
  assert.equal(pkg.integrity, sri(FIXTURE_ENTRY));
  assert.equal(pkg.size, bytes.length);
  assert.match(pkg.digest, /^[A-Za-z0-9+/]{43}=$/);
});

test('directories, ./ names, ustar prefixes and pax long names are read like any packer writes them', async () => {
  const long = `dist/${'deep/'.repeat(30)}chunk.js`;
  const bytes = gzip(
    tarArchive([
      {name: './', type: '5'},
      {name: './plugin.json', body: manifestText()},
      {name: 'dist/', type: '5'},
      {name: 'index.js', prefix: 'dist', body: FIXTURE_ENTRY},
      paxPath(long),
      {name: 'ignored-short-name', body: 'x'},
    ]),
  );
  const pkg = await readPluginPackage(bytes);
  assert.deepEqual([...pkg.files.keys()], ['plugin.json', 'dist/index.js', long]);
});

test('each bad package is refused with its own code, naming the file', async () => {
  const ok = {name: 'plugin.json', body: manifestText()};
  const entry = {name: 'dist/index.js', body: FIXTURE_ENTRY};
  const cases: Array<[string, Uint8Array, {code: string; path: string}]> = [
    [
      'not gzip',
      new TextEncoder().encode('PK\u0003\u0004 a zip, not a tgz'),
      {code: 'not-gzip', path: ''},
    ],
    ['gzip cut short', pluginPackage().subarray(0, 60), {code: 'not-gzip', path: ''}],
    [
      'gzip of text, not tar',
      gzip(new TextEncoder().encode('hello '.repeat(200))),
      {code: 'not-tar', path: ''},
    ],
    [
      'a symbolic link (to /etc/passwd)',
      gzip(tarArchive([ok, {name: 'dist/index.js', type: '2', linkName: '/etc/passwd'}])),
      {code: 'link', path: 'dist/index.js'},
    ],
    [
      'a hard link',
      gzip(tarArchive([ok, entry, {name: 'dist/copy.js', type: '1', linkName: 'dist/index.js'}])),
      {code: 'link', path: 'dist/copy.js'},
    ],
    [
      'a character device',
      gzip(tarArchive([ok, entry, {name: 'dist/tty', type: '3'}])),
      {code: 'special-file', path: 'dist/tty'},
    ],
    [
      'a block device',
      gzip(tarArchive([ok, entry, {name: 'dist/disk', type: '4'}])),
      {code: 'special-file', path: 'dist/disk'},
    ],
    [
      'a FIFO',
      gzip(tarArchive([ok, entry, {name: 'dist/pipe', type: '6'}])),
      {code: 'special-file', path: 'dist/pipe'},
    ],
    [
      'a path with ..',
      gzip(tarArchive([ok, entry, {name: '../outside.js', body: 'x'}])),
      {code: 'path-outside', path: '../outside.js'},
    ],
    [
      '.. inside a path',
      gzip(tarArchive([ok, entry, {name: 'dist/../../x.js', body: 'x'}])),
      {code: 'path-outside', path: 'dist/../../x.js'},
    ],
    [
      'an absolute path',
      gzip(tarArchive([ok, entry, {name: '/etc/cron.d/x', body: 'x'}])),
      {code: 'path-outside', path: '/etc/cron.d/x'},
    ],
    [
      'a backslash',
      gzip(tarArchive([ok, entry, {name: 'dist\\..\\x.js', body: 'x'}])),
      {code: 'path-outside', path: 'dist\\..\\x.js'},
    ],
    [
      'a drive letter',
      gzip(tarArchive([ok, entry, {name: 'C:/x.js', body: 'x'}])),
      {code: 'path-outside', path: 'C:/x.js'},
    ],
    [
      '.. through a pax name',
      gzip(tarArchive([ok, entry, paxPath('dist/../../pax.js'), {name: 'harmless.js', body: 'x'}])),
      {code: 'path-outside', path: 'dist/../../pax.js'},
    ],
    [
      'a file twice',
      gzip(tarArchive([ok, entry, {name: './dist/index.js', body: 'other'}])),
      {code: 'duplicate-file', path: 'dist/index.js'},
    ],
    ['no plugin.json', gzip(tarArchive([entry])), {code: 'manifest-missing', path: 'plugin.json'}],
    [
      'plugin.json not at the root',
      gzip(tarArchive([{name: 'package/plugin.json', body: manifestText()}, entry])),
      {code: 'manifest-missing', path: 'plugin.json'},
    ],
    ['the entry missing', gzip(tarArchive([ok])), {code: 'entry-missing', path: 'dist/index.js'}],
    [
      'no integrity',
      pluginPackage({integrity: null}),
      {code: 'integrity-missing', path: 'plugin.json'},
    ],
    [
      'an entry changed after packing',
      gzip(tarArchive([ok, {name: 'dist/index.js', body: `${FIXTURE_ENTRY}alert(1);\n`}])),
      {code: 'integrity-mismatch', path: 'dist/index.js'},
    ],
  ];
  for (const [what, bytes, expected] of cases) {
    assert.deepEqual(await refusal(bytes), expected, what);
  }
});

test('a header with a wrong checksum is not a tar, whatever it says', async () => {
  const archive = tarArchive([{name: 'plugin.json', body: manifestText()}]);
  archive[0] = 'q'.charCodeAt(0); // the name changes, the checksum stays
  assert.deepEqual(await refusal(gzip(archive)), {code: 'not-tar', path: ''});
});

test('too large: over 5 MiB as uploaded, or unpacking to over 20 MiB (a gzip bomb)', async () => {
  assert.deepEqual(await refusal(new Uint8Array(MAX_PACKAGE_BYTES + 1)), {
    code: 'too-large',
    path: '',
  });
  const bomb = gzip(
    tarArchive([
      {name: 'plugin.json', body: manifestText()},
      {name: 'dist/zeros.bin', body: new Uint8Array(21 * 1024 * 1024)},
    ]),
  );
  assert.ok(bomb.length < MAX_PACKAGE_BYTES);
  assert.deepEqual(await refusal(bomb), {code: 'too-large', path: ''});
});

test('an invalid plugin.json is refused with the manifest issues, by JSON pointer', async () => {
  const bytes = gzip(
    tarArchive([
      {name: 'plugin.json', body: manifestText({id: 'Not An Id', permissions: ['leads.delete']})},
      {name: 'dist/index.js', body: FIXTURE_ENTRY},
    ]),
  );
  await assert.rejects(readPluginPackage(bytes), (error) => {
    assert.ok(error instanceof PackageManifestInvalid);
    const pointers = error.issues.map((i) => i.pointer);
    assert.ok(pointers.includes('/id'), pointers.join());
    assert.ok(
      pointers.some((p) => p.startsWith('/permissions')),
      pointers.join(),
    );
    return true;
  });
});

test('tarEntry writes what readTar checks (the fixture itself is right)', () => {
  const entry = tarEntry({name: 'a.txt', body: 'abc'});
  assert.equal(entry.length, 1024);
  assert.equal(new TextDecoder().decode(entry.subarray(257, 262)), 'ustar');
});
