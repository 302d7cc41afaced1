import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {cliVersion, main} from './main.js';
import type {CliIo} from './cli-io.js';

function capture(): CliIo & {out: string; err: string} {
  const io = {
    out: '',
    err: '',
    cwd: process.cwd(),
    isTTY: false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

test('no command prints the usage and exits 2', async () => {
  const io = capture();
  assert.equal(await main([], io), 2);
  assert.match(io.out, /Usage: crmkit <command>/);
});

test('--help prints the usage and exits 0', async () => {
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.out, /rules lint/);
  assert.match(io.out, /crmkit --version \| -v/);
});

test('--version and -v print the version from the package.json and exit 0', async () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(cliVersion(), pkg.version);
  for (const flag of ['--version', '-v']) {
    const io = capture();
    assert.equal(await main([flag], io), 0, flag);
    assert.equal(io.out, `${pkg.version}\n`, flag);
    assert.equal(io.err, '', flag);
  }
});

test('an unknown command names itself and exits 2', async () => {
  const io = capture();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.err, /unknown command "frobnicate"/);
});

test('the dev bin runs the sources in a checkout and passes on the exit code', () => {
  const bin = fileURLToPath(new URL('../bin/crmkit-dev.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'nope'], {encoding: 'utf8'});
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown command "nope"/);
});

test('a reader that closes the pipe early (crmkit … | head) ends the output quietly', async () => {
  const bin = fileURLToPath(new URL('../bin/crmkit-dev.mjs', import.meta.url));
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  for (const argv of [
    ['--help'],
    ['rules', 'simulate', 'rules/lead-assignment.json', '--generate', '50', '--json'],
  ]) {
    const child = spawn(process.execPath, [bin, ...argv], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before the command writes: every write gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // Before: "Error: write EPIPE" with a stack trace, exit 1.
    assert.equal(stderr, '', argv.join(' '));
    assert.equal(code, 0, argv.join(' '));
  }
});

test('the usage and an unknown command in German with --lang de or a German LANG', async () => {
  const io = capture();
  assert.equal(await main(['--help', '--lang', 'de'], io), 0);
  assert.match(io.out, /^Aufruf: crmkit <Befehl> \[Optionen\]/);
  assert.match(io.out, /Exit-Codes: 0 Erfolg, 1 Befunde/);
  const typo = capture();
  assert.equal(await main(['--lang', 'de', 'valdiate', 'plugins/reject-lead'], typo), 2);
  assert.match(typo.err, /^crmkit: unbekannter Befehl „valdiate“ \(meinten Sie „validate“\?\)/);
  assert.match(typo.err, /Aufruf: crmkit <Befehl>/);
  const before = process.env.LANG;
  process.env.LANG = 'de_DE.UTF-8';
  try {
    const german = capture();
    assert.equal(await main(['pck'], german), 2);
    assert.match(german.err, /unbekannter Befehl „pck“ \(meinten Sie „pack“\?\)/);
  } finally {
    process.env.LANG = before;
  }
});

test('an unknown command near a known one is told the one it meant; a --lang before the command goes on to it', async () => {
  const io = capture();
  assert.equal(await main(['instal'], io), 2);
  assert.match(io.err, /^crmkit: unknown command "instal" \(did you mean "install"\?\)/);
  const far = capture();
  assert.equal(await main(['frobnicate'], far), 2);
  assert.doesNotMatch(far.err, /did you mean/);
  const help = capture();
  assert.equal(await main(['--lang', 'de', 'pack', '--help'], help), 0);
  assert.match(help.out, /crmkit pack/);
  assert.doesNotMatch(help.out, /^Usage/m);
});
