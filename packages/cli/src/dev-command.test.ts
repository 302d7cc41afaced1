// The parts of `crmkit dev` that need no CRM: its versions, its usage errors, and the pack it makes of
// a working folder. The whole command (a CRM, Chromium, edits, Ctrl+C) is test/e2e/crmkit-dev.e2e.test.ts.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {extract} from 'tar';
import {DEV_TEXT, devCommand, devVersion} from './dev-command.js';
import {runPack, type PackSummary} from './pack-command.js';
import {captureIo} from './rules/capture-io.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/pack/', import.meta.url));
let scratch: string;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-dev-test-'));
});
after(() => rmSync(scratch, {recursive: true, force: true}));

test('each build is a prerelease of the manifest version of its own', () => {
  assert.equal(devVersion('0.1.0', 1), '0.1.0-dev.1');
  assert.equal(devVersion('2.3.4', 12), '2.3.4-dev.12');
  assert.equal(devVersion('1.0.0-beta.1', 3), '1.0.0-beta.1.dev.3');
  assert.equal(devVersion('1.0.0+build.7', 2), '1.0.0-dev.2');
});

test('usage errors exit 2 before anything starts', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--port', 'x', fixtures], /--port must be a whole number from 0 to 65535 \(got "x"\)/],
    [['--port', '70000', fixtures], /--port must be a whole number/],
    [[join(fixtures, 'nowhere')], /there is no plugin\.json in/],
    [['a', 'b'], /give one plugin folder, not 2/],
    [['--prt', '80'], /unknown option --prt \(did you mean --port\?\)/],
  ];
  for (const [argv, message] of cases) {
    const io = captureIo({cwd: scratch});
    assert.equal(await devCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
  }
});

test('an unknown option names the nearest, in English and German, exit 2', async () => {
  const en = captureIo({cwd: scratch});
  assert.equal(await devCommand([fixtures, '--prt', '80'], en), 2);
  assert.equal(
    en.err.split('\n')[0],
    'crmkit dev: unknown option --prt (did you mean --port?); the options are --port/-p <n>, --trusted, --user <token>, --lead <id>, --help/-h, --lang en|de',
  );
  assert.match(en.err, /\n\nUsage: crmkit dev \[plugin dir\]/);
  process.env.LANG = 'de_DE.UTF-8';
  try {
    const de = captureIo({cwd: scratch});
    assert.equal(await devCommand([fixtures, '--prt', '80'], de), 2);
    assert.equal(
      de.err.split('\n')[0],
      'crmkit dev: unbekannte Option --prt (meinten Sie --port?); die Optionen sind --port/-p <n>, --trusted, --user <token>, --lead <id>, --help/-h, --lang en|de',
    );
    assert.match(de.err, /\n\nAufruf: crmkit dev \[Plugin-Ordner\]/);
  } finally {
    process.env.LANG = 'C';
  }
});

test('in German: its usage errors, and the lines of a session', async () => {
  const cases: Array<[string[], RegExp]> = [
    [
      ['-p', '70000', fixtures, '--lang', 'de'],
      /^crmkit dev: --port muss eine ganze Zahl von 0 bis 65535 sein \(angegeben: „70000“\), z\. B\. --port 8080/,
    ],
    [
      [join(fixtures, 'nowhere'), '--lang', 'de'],
      /^crmkit dev: in .*nowhere gibt es keine plugin\.json; geben Sie den Plugin-Ordner an/,
    ],
    [['a', 'b', '--lang', 'de'], /^crmkit dev: geben Sie einen Plugin-Ordner an, nicht 2\n/],
  ];
  for (const [argv, message] of cases) {
    const io = captureIo({cwd: scratch});
    assert.equal(await devCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
    assert.match(io.err, /\n\nAufruf: crmkit dev/);
  }
  // A session needs the CRM and rollup (test/e2e/crmkit-dev.e2e.test.ts runs one, in English and
  // matching these very lines); here the lines themselves, in both languages.
  const {en, de} = DEV_TEXT;
  assert.equal(
    en.installed('com.example.x', '0.1.0-dev.1', false, ['leads.read']),
    '✓ installed com.example.x 0.1.0-dev.1 (sandboxed; leads.read): reloading open pages',
  );
  assert.equal(
    de.installed('com.example.x', '0.1.0-dev.1', true, []),
    '✓ com.example.x 0.1.0-dev.1 installiert (vertrauenswürdig, in der Seite; keine Berechtigungen): offene Seiten laden neu',
  );
  assert.equal(
    `${en.stopping('SIGINT')}\n${en.stopped}`,
    '\nSIGINT: stopping crmkit dev…\nstopped.',
  );
  assert.equal(
    `${de.stopping('SIGINT')}\n${de.stopped}`,
    '\nSIGINT: crmkit dev wird beendet…\nbeendet.',
  );
  assert.match(
    de.started(
      'hello',
      'http://127.0.0.1:1',
      'http://127.0.0.1:1/leads/L-1001?as=max',
      false,
      'anna',
    ),
    /^\ncrmkit dev: hello auf http:\/\/127\.0\.0\.1:1\n {2}öffnen Sie http:\/\/127\.0\.0\.1:1\/leads\/L-1001\?as=max\n {2}jeder Build wird abgeschottet \(in einem Frame\) von anna installiert; Strg\+C beendet\n$/,
  );
  assert.equal(de.buildFailed('x'), '✗ Build fehlgeschlagen: x');
});

test('the pack of a build: the dev version, and the integrity of the bytes packed, whatever plugin.json says', async () => {
  const io = captureIo({cwd: scratch});
  const out = mkdtempSync(join(scratch, 'out-'));
  // This fixture's hand-written integrity does not match its entry: crmkit pack refuses it.
  const refused = captureIo({cwd: scratch});
  assert.equal(
    await runPack(['--json', '--out', out, join(fixtures, 'mismatched-plugin')], refused),
    1,
  );
  assert.match(refused.out, /integrity-mismatch/);

  const code = await runPack(['--json', '--out', out, join(fixtures, 'mismatched-plugin')], io, {
    version: '1.2.3-dev.4',
    ignoreIntegrity: true,
  });
  assert.equal(code, 0, io.out + io.err);
  const summary = JSON.parse(io.out) as PackSummary;
  assert.equal(summary.version, '1.2.3-dev.4');
  assert.equal(summary.file, join(out, 'mismatched-plugin-1.2.3-dev.4.tgz'));
  const unpacked = mkdtempSync(join(scratch, 'unpacked-'));
  await extract({file: summary.file, cwd: unpacked});
  const manifest = JSON.parse(readFileSync(join(unpacked, 'plugin.json'), 'utf8'));
  const entry = readFileSync(join(unpacked, 'build/index.js'));
  assert.equal(manifest.version, '1.2.3-dev.4');
  assert.equal(manifest.integrity, `sha384-${createHash('sha384').update(entry).digest('base64')}`);
});
