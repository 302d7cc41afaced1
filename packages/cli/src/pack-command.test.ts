import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {list, extract} from 'tar';
import {validateManifest} from '@crmkit/sdk';
import {captureIo, REPO_ROOT} from './rules/capture-io.js';
import {main} from './main.js';
import {packCommand, type PackFailure, type PackRefusal, type PackSummary} from './pack-command.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/pack/', import.meta.url));
const sha384 = (bytes: Uint8Array) =>
  `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

let scratch: string;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-pack-test-'));
});
after(() => rmSync(scratch, {recursive: true, force: true}));

/** A fresh folder under the test's scratch folder. */
const freshDir = () => mkdtempSync(join(scratch, 'out-'));

/** A copy of the hello-plugin fixture in a fresh folder, with some files replaced or added. */
function helloCopy(files: Record<string, string> = {}): string {
  const dir = join(freshDir(), 'plugin');
  cpSync(join(fixtures, 'hello-plugin'), dir, {recursive: true});
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The entries of a .tgz, in order. */
async function entriesOf(tgz: string): Promise<string[]> {
  const names: string[] = [];
  await list({file: tgz, onReadEntry: (e) => void names.push(e.path)});
  return names;
}

/** Unpacks a .tgz into a fresh folder and returns it. */
async function unpack(tgz: string): Promise<string> {
  const dir = freshDir();
  await extract({file: tgz, cwd: dir});
  return dir;
}

describe('crmkit pack of a built plugin', () => {
  test('writes <name>-<version>.tgz with plugin.json, the entry, its map, custom-elements.json and README.md', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '--out', out], io), 0, io.err);
    const tgz = join(out, 'hello-plugin-1.2.3.tgz');
    assert.deepEqual(await entriesOf(tgz), [
      'plugin.json',
      'build/index.js',
      'build/index.js.map',
      'custom-elements.json',
      'README.md',
    ]);
    assert.deepEqual(readdirSync(out), ['hello-plugin-1.2.3.tgz'], 'no partial file is left');
    assert.equal(io.err, '');
    assert.match(
      io.out,
      /^Packed com\.example\.hello-plugin 1\.2\.3 → .*hello-plugin-1\.2\.3\.tgz \(\d+ B\)$/m,
    );
    assert.match(io.out, /^ {2}build\/index\.js +\d+ B {2}\(\d+ B min\+gzip\)$/m);
    assert.match(io.out, /^ {2}README\.md +93 B$/m);
  });

  test("the packed manifest's integrity is the SHA-384 of the packed entry, and it validates", async () => {
    const out = freshDir();
    assert.equal(await packCommand([join(fixtures, 'hello-plugin'), '-o', out], captureIo()), 0);
    const dir = await unpack(join(out, 'hello-plugin-1.2.3.tgz'));
    const text = readFileSync(join(dir, 'plugin.json'), 'utf8');
    const packed = JSON.parse(text) as {integrity: string; entry: string; $schema?: string};
    assert.equal(packed.entry, 'build/index.js');
    const entry = readFileSync(join(dir, 'build/index.js'));
    assert.deepEqual(entry, readFileSync(join(fixtures, 'hello-plugin/build/index.js')));
    assert.equal(packed.integrity, sha384(entry));
    assert.equal(
      packed.$schema,
      undefined,
      'a relative $schema would point nowhere once installed',
    );
    const result = validateManifest(text, {file: 'plugin.json'});
    assert.deepEqual(result.issues, []);
    assert.equal(result.manifest?.id, 'com.example.hello-plugin');
  });

  test('an unpacked package packs again: its integrity matches, the bytes are the same', async () => {
    const first = freshDir();
    assert.equal(await packCommand([join(fixtures, 'hello-plugin'), '-o', first], captureIo()), 0);
    const dir = await unpack(join(first, 'hello-plugin-1.2.3.tgz'));
    const second = freshDir();
    const io = captureIo();
    assert.equal(await packCommand([dir, '-o', second], io), 0, io.out + io.err);
    assert.deepEqual(
      readFileSync(join(second, 'hello-plugin-1.2.3.tgz')),
      readFileSync(join(first, 'hello-plugin-1.2.3.tgz')),
    );
  });

  test('packing twice gives the same bytes (fixed timestamps, no owner names)', async () => {
    const a = freshDir();
    const b = freshDir();
    await packCommand([join(fixtures, 'hello-plugin'), '-o', a], captureIo());
    await packCommand([join(fixtures, 'hello-plugin'), '-o', b], captureIo());
    assert.deepEqual(
      readFileSync(join(a, 'hello-plugin-1.2.3.tgz')),
      readFileSync(join(b, 'hello-plugin-1.2.3.tgz')),
    );
    // Same bytes at any time and for any user: every entry has npm's fixed date and no owner.
    const headers: Array<[string, string, string | undefined, number | undefined]> = [];
    await list({
      file: join(a, 'hello-plugin-1.2.3.tgz'),
      onReadEntry: (e) => void headers.push([e.path, e.mtime?.toISOString() ?? '', e.uname, e.uid]),
    });
    for (const [path, mtime, uname, uid] of headers) {
      assert.equal(mtime, '1985-10-26T08:15:00.000Z', path);
      assert.ok(!uname, `${path} names no owner`);
      assert.ok(!uid, `${path} has no uid`);
    }
  });

  test('--out is created when missing; the default is the working folder', async () => {
    const base = freshDir();
    assert.equal(
      await packCommand([join(fixtures, 'hello-plugin'), '--out', 'a/b'], captureIo({cwd: base})),
      0,
    );
    assert.ok(existsSync(join(base, 'a/b/hello-plugin-1.2.3.tgz')));
    assert.equal(await packCommand([join(fixtures, 'hello-plugin')], captureIo({cwd: base})), 0);
    assert.ok(existsSync(join(base, 'hello-plugin-1.2.3.tgz')));
  });

  test('--json prints a summary whose sizes and integrity match the package', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '--out', out, '--json'], io), 0);
    const summary = JSON.parse(io.out) as PackSummary;
    const tgz = join(out, 'hello-plugin-1.2.3.tgz');
    const entry = readFileSync(join(fixtures, 'hello-plugin/build/index.js'));
    assert.equal(summary.ok, true);
    assert.equal(summary.id, 'com.example.hello-plugin');
    assert.equal(summary.file, tgz);
    assert.equal(summary.bytes, readFileSync(tgz).length);
    assert.equal(summary.integrity, sha384(entry));
    assert.equal(summary.entry.path, 'build/index.js');
    assert.equal(summary.entry.bytes, entry.length);
    assert.ok(summary.entry.gzipBytes > 0 && summary.entry.gzipBytes < entry.length);
    assert.deepEqual(
      summary.files.map((f) => f.path),
      await entriesOf(tgz),
    );
    const readme = summary.files.find((f) => f.path === 'README.md');
    assert.equal(readme?.bytes, readFileSync(join(fixtures, 'hello-plugin/README.md')).length);
    assert.deepEqual(summary.issues, []);
  });

  test('plugin.json itself may be given', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin/plugin.json', '-o', out], io), 0, io.err);
    assert.ok(existsSync(join(out, 'hello-plugin-1.2.3.tgz')));
  });

  test('warnings are printed and do not stop the pack', async () => {
    const manifest = readFileSync(join(fixtures, 'hello-plugin/plugin.json'), 'utf8');
    const dir = helloCopy({
      'plugin.json': manifest.replace(/"\$schema": "[^"]*"/, '"$schema": "nowhere.json"'),
    });
    const out = freshDir();
    const io = captureIo({cwd: dir});
    assert.equal(await packCommand(['.', '-o', out, '--json'], io), 0, io.out);
    const summary = JSON.parse(io.out) as PackSummary;
    assert.deepEqual(
      summary.issues.map((i) => [i.code, i.severity]),
      [['schema-not-found', 'warning']],
    );
    const text = captureIo({cwd: dir});
    assert.equal(await packCommand(['.', '-o', out], text), 0);
    assert.match(text.out, /^plugin\.json:2:14: warning schema-not-found: /m);
  });

  test('a source map outside the plugin folder is left out, with a note', async () => {
    const dir = helloCopy({
      'build/index.js': 'export const x = 1;\n//# sourceMappingURL=../../outside.js.map\n',
    });
    writeFileSync(join(dir, '../outside.js.map'), '{}');
    rmSync(join(dir, 'build/index.js.map'));
    const out = freshDir();
    const io = captureIo({cwd: dir});
    assert.equal(await packCommand(['.', '-o', out], io), 0, io.err);
    assert.match(
      io.out,
      /^note: source map .*outside\.js\.map lies outside the plugin folder; not packed$/m,
    );
    assert.deepEqual(await entriesOf(join(out, 'hello-plugin-1.2.3.tgz')), [
      'plugin.json',
      'build/index.js',
      'custom-elements.json',
      'README.md',
    ]);
  });

  test('custom-elements.json beside the entry is packed at its path', async () => {
    const dir = helloCopy();
    cpSync(join(dir, 'custom-elements.json'), join(dir, 'build/custom-elements.json'));
    rmSync(join(dir, 'custom-elements.json'));
    rmSync(join(dir, 'README.md'));
    const out = freshDir();
    assert.equal(await packCommand([dir, '-o', out], captureIo()), 0);
    assert.deepEqual(await entriesOf(join(out, 'hello-plugin-1.2.3.tgz')), [
      'plugin.json',
      'build/index.js',
      'build/index.js.map',
      'build/custom-elements.json',
    ]);
  });

  test('--lang de prints German', async () => {
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '-o', freshDir(), '--lang', 'de'], io), 0);
    assert.match(io.out, /^com\.example\.hello-plugin 1\.2\.3 gepackt → /m);
    assert.match(io.out, /^Integrität: sha384-/m);
  });
});

describe('crmkit pack refuses', () => {
  test('a manifest with errors: file:line:col per error, exit 1, no package', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['invalid-plugin', '-o', out], io), 1);
    const lines = io.out.trimEnd().split('\n');
    assert.ok(lines.length >= 8, io.out);
    for (const line of lines)
      assert.match(line, /^invalid-plugin\/plugin\.json:\d+:\d+: error [a-z-]+: .+ \(.+\)$/);
    assert.match(io.out, /^invalid-plugin\/plugin\.json:2:9: error invalid-id: /m);
    assert.match(io.err, /^invalid-plugin\/plugin\.json: not packed, \d+ errors$/m);
    assert.deepEqual(readdirSync(out), []);
  });

  test('a missing entry: exit 1 with how to build the plugin', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['unbuilt-plugin', '-o', out], io), 1);
    assert.match(
      io.out,
      /^unbuilt-plugin\/plugin\.json:8:12: error entry-missing: the entry build\/index\.js does not exist: the plugin is not built \(build the plugin first: npm run build .*\)$/m,
    );
    assert.match(io.err, /not packed, 1 error$/m);
    assert.deepEqual(readdirSync(out), []);
  });

  test('a missing entry in German', async () => {
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['unbuilt-plugin', '-o', freshDir(), '--lang', 'de'], io), 1);
    assert.match(
      io.out,
      /Einstiegspunkt build\/index\.js existiert nicht.*bauen Sie das Plugin zuerst: npm run build/,
    );
    assert.match(io.err, /nicht gepackt, 1 Fehler$/m);
  });

  test('an integrity that does not match the entry: exit 1, names the right hash', async () => {
    const out = freshDir();
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['mismatched-plugin', '-o', out], io), 1);
    const actual = sha384(readFileSync(join(fixtures, 'mismatched-plugin/build/index.js')));
    assert.match(io.out, /^mismatched-plugin\/plugin\.json:12:16: error integrity-mismatch: /m);
    assert.ok(io.out.includes(actual), io.out);
    assert.deepEqual(readdirSync(out), []);
  });

  test('a manifest that is not JSON: exit 1 at the syntax error', async () => {
    const dir = helloCopy({'plugin.json': '{\n  "id": "com.example.broken",\n  "name": \n}\n'});
    const io = captureIo({cwd: dir});
    assert.equal(await packCommand(['.', '-o', freshDir()], io), 1);
    assert.match(io.out, /^plugin\.json:\d+:\d+: error [a-z-]+: /m);
    assert.match(io.err, /not packed/);
  });

  test('a package that cannot be written: exit 1 with the reason, nothing left behind', async () => {
    const base = freshDir();
    writeFileSync(join(base, 'taken'), '');
    const io = captureIo({cwd: base});
    assert.equal(await packCommand([join(fixtures, 'hello-plugin'), '-o', 'taken/sub'], io), 1);
    assert.match(io.err, /^cannot write taken\/sub\/hello-plugin-1\.2\.3\.tgz: .*ENOTDIR.*--out/m);
    const json = captureIo({cwd: base});
    assert.equal(
      await packCommand([join(fixtures, 'hello-plugin'), '-o', 'taken/sub', '--json'], json),
      1,
    );
    const failure = JSON.parse(json.out) as PackFailure;
    assert.equal(failure.ok, false);
    assert.match(failure.error, /ENOTDIR/);
    assert.deepEqual(readdirSync(base), ['taken']);
  });

  test('--json on refusal prints {ok: false, issues}', async () => {
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['mismatched-plugin', '-o', freshDir(), '--json'], io), 1);
    const refusal = JSON.parse(io.out) as PackRefusal;
    assert.equal(refusal.ok, false);
    assert.deepEqual(
      refusal.issues.map((i) => [i.code, i.severity, i.line]),
      [['integrity-mismatch', 'error', 12]],
    );
    assert.equal(io.err, '');
  });
});

describe('crmkit pack usage errors exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no plugin folder', [], /give the plugin folder/],
    ['two plugin folders', ['hello-plugin', 'unbuilt-plugin'], /give one plugin folder, not 2/],
    [
      'an unknown option',
      ['hello-plugin', '--ot', 'x'],
      /unknown option --ot \(did you mean --out\?\)/,
    ],
    ['--out without a value', ['hello-plugin', '--out'], /--out/],
    ['a folder that does not exist', ['no-such-plugin'], /no-such-plugin does not exist/],
    ['a folder without plugin.json', ['.'], /there is no plugin\.json in \./],
    ['an unknown language', ['hello-plugin', '--lang', 'fr'], /--lang must be en or de/],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const io = captureIo({cwd: fixtures});
      assert.equal(await packCommand(args, io), 2);
      assert.match(io.err, message);
      assert.match(io.err, /Usage: crmkit pack/);
      assert.equal(io.out, '');
    });
  }

  test('--out naming a file', async () => {
    const file = join(freshDir(), 'taken');
    writeFileSync(file, '');
    const io = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '--out', file], io), 2);
    assert.match(io.err, /is a file, not a folder/);
  });

  test('--help prints the usage and exits 0', async () => {
    const io = captureIo();
    assert.equal(await packCommand(['--help'], io), 0);
    assert.match(io.out, /^Usage: crmkit pack <plugin dir/);
  });

  test('an unknown option names the nearest, in English and German (--lang de or LANG)', async () => {
    const en = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '--ot', 'x'], en), 2);
    assert.equal(
      en.err.split('\n')[0],
      'crmkit pack: unknown option --ot (did you mean --out?); the options are --out/-o <dir>, --json, --help/-h, --lang en|de',
    );
    const de = captureIo({cwd: fixtures});
    assert.equal(await packCommand(['hello-plugin', '--ot', 'x', '--lang', 'de'], de), 2);
    assert.equal(
      de.err.split('\n')[0],
      'crmkit pack: unbekannte Option --ot (meinten Sie --out?); die Optionen sind --out/-o <dir>, --json, --help/-h, --lang en|de',
    );
    assert.match(de.err, /\n\nAufruf: crmkit pack <Plugin-Ordner \| plugin\.json>/);
    process.env.LANG = 'de_DE.UTF-8';
    try {
      const env = captureIo({cwd: fixtures});
      assert.equal(await packCommand(['hello-plugin', '--jsno'], env), 2);
      assert.match(env.err, /^crmkit pack: unbekannte Option --jsno; die Optionen sind /);
      // The usage errors of its own, in German too.
      for (const [argv, message] of [
        [[], /^crmkit pack: geben Sie den Plugin-Ordner \(oder seine plugin\.json\) an/],
        [['no-such-plugin'], /^crmkit pack: no-such-plugin existiert nicht\n/],
        [['.'], /^crmkit pack: in \. gibt es keine plugin\.json\n/],
        [
          ['hello-plugin', '--out='],
          /^crmkit pack: --out braucht einen Ordner, z\. B\. --out dist\n/,
        ],
      ] as Array<[string[], RegExp]>) {
        const io = captureIo({cwd: fixtures});
        assert.equal(await packCommand(argv, io), 2, argv.join(' '));
        assert.match(io.err, message);
      }
    } finally {
      process.env.LANG = 'C';
    }
  });
});

describe('crmkit pack through the command line', () => {
  test('main dispatches "pack"', async () => {
    const io = captureIo({cwd: fixtures});
    assert.equal(await main(['pack', 'hello-plugin', '-o', freshDir(), '--json'], io), 0);
    assert.equal((JSON.parse(io.out) as PackSummary).name, 'hello-plugin');
  });

  test('the crmkit dev bin exits with 1 on a refusal', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'packages/cli/bin/crmkit-dev.mjs'),
        'pack',
        'unbuilt-plugin',
        '-o',
        freshDir(),
      ],
      {cwd: fixtures, encoding: 'utf8', env: {...process.env, LANG: 'C'}},
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /entry-missing/);
  });
});

describe('crmkit pack of the reject-lead plugin', () => {
  const plugin = join(REPO_ROOT, 'plugins/reject-lead');
  before(() => {
    if (existsSync(join(plugin, 'dist/index.js'))) return;
    const build = spawnSync('npx', ['rollup', '-c', 'plugins/reject-lead/rollup.config.mjs'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
  });

  test('packs plugins/reject-lead: the built entry with its integrity, the README', async () => {
    const out = freshDir();
    const io = captureIo();
    assert.equal(await packCommand(['plugins/reject-lead', '--out', out], io), 0, io.out + io.err);
    const tgz = join(out, 'reject-lead-0.1.0.tgz');
    const entries = await entriesOf(tgz);
    assert.deepEqual(entries.slice(0, 2), ['plugin.json', 'dist/index.js']);
    assert.ok(entries.includes('README.md'), entries.join());
    const dir = await unpack(tgz);
    const packed = JSON.parse(readFileSync(join(dir, 'plugin.json'), 'utf8')) as {
      id: string;
      entry: string;
      integrity: string;
    };
    assert.equal(packed.id, 'dev.crmkit.reject-lead');
    assert.equal(packed.entry, 'dist/index.js');
    assert.equal(packed.integrity, sha384(readFileSync(join(dir, 'dist/index.js'))));
    assert.equal(packed.integrity, sha384(readFileSync(join(plugin, 'dist/index.js'))));
  });
});
