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
import {devCommand, devVersion} from './dev-command.js';
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
    [['--watch'], /Unknown option '--watch'/],
  ];
  for (const [argv, message] of cases) {
    const io = captureIo({cwd: scratch});
    assert.equal(await devCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
  }
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
