import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ManifestIssue} from '@crmkit/sdk';
import type {CliIo} from './cli-io.js';
import './rules/capture-io.js'; // LANG=C for the tests, and for the bins they spawn
import {validateCommand} from './validate-command.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/validate/', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

function capture(cwd = fixtures): CliIo & {out: string; err: string} {
  const io = {
    out: '',
    err: '',
    cwd,
    isTTY: false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

test('a valid plugin folder prints one OK line and exits 0', async () => {
  const io = capture();
  assert.equal(await validateCommand(['valid-plugin'], io), 0);
  assert.equal(io.out, 'valid-plugin/plugin.json: OK, com.example.valid-plugin 1.0.0\n');
  assert.equal(io.err, '');
});

test('plugin.json itself may be given, and paths are shown relative to the working folder', async () => {
  const io = capture(join(fixtures, '..'));
  assert.equal(await validateCommand(['validate/valid-plugin/plugin.json'], io), 0);
  assert.match(io.out, /^validate\/valid-plugin\/plugin\.json: OK/);
});

test('an invalid manifest prints file:line:col: error CODE: message (hint) per error, exits 1', async () => {
  const io = capture();
  assert.equal(await validateCommand(['invalid-plugin'], io), 1);
  const lines = io.out.trimEnd().split('\n');
  const summary = lines.pop();
  assert.equal(summary, 'invalid-plugin/plugin.json: 8 errors, 0 warnings');
  for (const line of lines) {
    assert.match(line, /^invalid-plugin\/plugin\.json:\d+:\d+: error [a-z-]+: .+ \(.+\)$/);
  }
  assert.deepEqual(
    lines.map((l) => /^[^:]+:(\d+:\d+): error ([a-z-]+):/.exec(l)?.slice(1).join(' ')),
    [
      '2:9 invalid-id',
      '4:14 invalid-version',
      '6:18 missing-field',
      '7:12 entry-escapes-plugin-folder',
      '8:24 tag-without-hyphen',
      '14:16 opens-undeclared-tag',
      '15:20 requires-undeclared-permission',
      '18:33 unknown-privilege',
    ],
  );
  assert.ok(
    lines.includes(
      'invalid-plugin/plugin.json:8:24: error tag-without-hyphen: elements[0].tag "hellopanel" has no hyphen; custom element names need one (use "crm-" and lowercase kebab-case words, e.g. "crm-hellopanel")',
    ),
  );
});

test('--json prints the issues array and keeps the exit code', async () => {
  const io = capture();
  assert.equal(await validateCommand(['--json', 'invalid-plugin'], io), 1);
  const issues = JSON.parse(io.out) as ManifestIssue[];
  assert.equal(issues.length, 8);
  assert.deepEqual(issues[0], {
    code: 'invalid-id',
    message: 'id "Hello" is not a reverse-DNS id (at least three lowercase dot-separated parts)',
    hint: 'give a reverse-DNS id: your domain reversed, then the plugin name, e.g. "com.example.reject-lead"',
    pointer: '/id',
    file: 'invalid-plugin/plugin.json',
    line: 2,
    column: 9,
    severity: 'error',
  });
  const valid = capture();
  assert.equal(await validateCommand(['valid-plugin', '--json'], valid), 0);
  assert.deepEqual(JSON.parse(valid.out), []);
});

test('a missing entry is a warning only; an entry that does not match integrity is an error', async () => {
  const unbuilt = capture();
  assert.equal(await validateCommand(['unbuilt-plugin'], unbuilt), 0);
  assert.match(
    unbuilt.out,
    /^unbuilt-plugin\/plugin\.json:11:12: warning entry-missing: the entry build\/index\.js does not exist/,
  );
  assert.match(unbuilt.out, /OK, com\.example\.unbuilt-plugin 1\.0\.0 \(1 warning\)\n$/);
  const signed = capture();
  assert.equal(await validateCommand(['signed-plugin'], signed), 1);
  assert.match(
    signed.out,
    /^signed-plugin\/plugin\.json:20:16: error integrity-mismatch: .*SHA-384 is sha384-[A-Za-z0-9+/]{64}/,
  );
});

test('a relative $schema that does not exist is a warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-validate-'));
  try {
    const manifest = JSON.parse(readFileSync(join(fixtures, 'unbuilt-plugin/plugin.json'), 'utf8'));
    manifest.$schema = '../nowhere/plugin-manifest.schema.json';
    writeFileSync(join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
    const io = capture(dir);
    assert.equal(await validateCommand(['plugin.json', '--json'], io), 0);
    assert.deepEqual(
      (JSON.parse(io.out) as ManifestIssue[]).map((i) => [i.code, i.severity, i.line, i.column]),
      [
        ['schema-not-found', 'warning', 2, 14],
        ['entry-missing', 'warning', 11, 12],
      ],
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('invalid JSON is an error with its position', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-validate-'));
  try {
    writeFileSync(join(dir, 'plugin.json'), '{\n  "id": "com.example.x",\n  "name": "x",\n}\n');
    const io = capture(dir);
    assert.equal(await validateCommand(['.'], io), 1);
    assert.match(io.out, /^plugin\.json:4:1: error invalid-json: the file is not valid JSON/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('usage errors exit 2 and say what to do; --help exits 0', async () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /give the plugin folder or its plugin\.json/],
    [['a', 'b'], /give one plugin folder or plugin\.json, not 2/],
    [['--jsn', 'valid-plugin'], /unknown option --jsn \(did you mean --json\?\)/],
    [['no-such-plugin'], /no-such-plugin does not exist/],
    [['.'], /there is no plugin\.json in \./],
  ];
  for (const [argv, message] of cases) {
    const io = capture();
    assert.equal(await validateCommand(argv, io), 2, argv.join(' '));
    assert.match(io.err, message);
    assert.match(io.err, /Usage: crmkit validate/);
    assert.equal(io.out, '');
  }
  const help = capture();
  assert.equal(await validateCommand(['--help'], help), 0);
  assert.match(
    help.out,
    /Usage: crmkit validate <plugin dir \| plugin\.json> \[--json\] \[--lang en\|de\]/,
  );
});

test('the crmkit dev bin validates the reject-lead plugin from the repository root', () => {
  const bin = join(root, 'packages/cli/bin/crmkit-dev.mjs');
  const ok = spawnSync(process.execPath, [bin, 'validate', 'plugins/reject-lead'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(
    ok.stdout,
    /^(.*warning entry-missing.*\n)?plugins\/reject-lead\/plugin\.json: OK, dev\.crmkit\.reject-lead 0\.1\.0/,
  );
  const bad = spawnSync(
    process.execPath,
    [bin, 'validate', 'packages/cli/test/fixtures/validate/invalid-plugin'],
    {cwd: root, encoding: 'utf8'},
  );
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /invalid-plugin\/plugin\.json:2:9: error invalid-id:/);
});

test('a FIFO as plugin.json is a finding (exit 1), not a read that waits for a writer forever', async (t) => {
  if (process.platform === 'win32') return t.skip('no FIFOs');
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-validate-fifo-'));
  try {
    spawnSync('mkfifo', [join(dir, 'plugin.json')]);
    for (const argv of [[dir], [join(dir, 'plugin.json')]]) {
      const io = capture(dir);
      // Before the fix this promise never settled (readFileSync blocked the whole process).
      assert.equal(await validateCommand(argv, io), 1);
      assert.equal(
        io.out,
        'plugin.json:1:1: error file-not-regular: plugin.json is a FIFO (named pipe), not a regular file, so it was not read (give the plugin folder or its plugin.json file)\nplugin.json: 1 error, 0 warnings\n',
      );
    }
    const json = capture(dir);
    assert.equal(await validateCommand([dir, '--json'], json), 1);
    assert.deepEqual(
      (JSON.parse(json.out) as ManifestIssue[]).map((i) => [i.code, i.severity]),
      [['file-not-regular', 'error']],
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('a plugin.json nested 20,000 levels deep is one invalid-json finding naming the limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-validate-deep-'));
  try {
    writeFileSync(join(dir, 'plugin.json'), '['.repeat(20_000) + ']'.repeat(20_000));
    const io = capture(dir);
    // Before the fix jsonc-parser overflowed the stack: a RangeError stack trace, no finding.
    assert.equal(await validateCommand(['plugin.json'], io), 1);
    assert.match(
      io.out,
      /^plugin\.json:1:1001: error invalid-json: the file nests deeper than 1000 levels/,
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('an unknown option names the nearest, in English and German, exit 2', async () => {
  const en = capture();
  assert.equal(await validateCommand(['valid-plugin', '--jsn'], en), 2);
  assert.equal(
    en.err.split('\n')[0],
    'crmkit validate: unknown option --jsn (did you mean --json?); the options are --json, --help/-h, --lang en|de',
  );
  assert.match(en.err, /\n\nUsage: crmkit validate /);
  const de = capture();
  assert.equal(await validateCommand(['valid-plugin', '--jsn', '--lang', 'de'], de), 2);
  assert.equal(
    de.err.split('\n')[0],
    'crmkit validate: unbekannte Option --jsn (meinten Sie --json?); die Optionen sind --json, --help/-h, --lang en|de',
  );
  assert.match(de.err, /\n\nAufruf: crmkit validate /);
  assert.equal(en.out + de.out, '');
});

test('in German (--lang de): the summary, its own findings and the usage errors', async () => {
  const valid = capture();
  assert.equal(await validateCommand(['valid-plugin', '--lang', 'de'], valid), 0);
  assert.equal(valid.out, 'valid-plugin/plugin.json: gültig, com.example.valid-plugin 1.0.0\n');
  const unbuilt = capture();
  assert.equal(await validateCommand(['unbuilt-plugin', '--lang', 'de'], unbuilt), 0);
  assert.match(
    unbuilt.out,
    /^unbuilt-plugin\/plugin\.json:11:12: warning entry-missing: der Einstiegspunkt build\/index\.js existiert \(noch\) nicht \(bauen Sie das Plugin/,
  );
  assert.match(unbuilt.out, /gültig, com\.example\.unbuilt-plugin 1\.0\.0 \(1 Warnung\)\n$/);
  const invalid = capture();
  assert.equal(await validateCommand(['invalid-plugin', '--lang', 'de'], invalid), 1);
  assert.match(invalid.out, /\ninvalid-plugin\/plugin\.json: 8 Fehler, 0 Warnungen\n$/);
  const signed = capture();
  assert.equal(await validateCommand(['signed-plugin', '--lang', 'de'], signed), 1);
  assert.match(
    signed.out,
    /error integrity-mismatch: integrity passt nicht zu build\/index\.js, dessen SHA-384 sha384-/,
  );
  const usage: Array<[string[], RegExp]> = [
    [[], /^crmkit validate: geben Sie den Plugin-Ordner oder seine plugin\.json an\n/],
    [['no-such-plugin'], /^crmkit validate: no-such-plugin existiert nicht\n/],
    [['.'], /^crmkit validate: in \. gibt es keine plugin\.json\n/],
  ];
  for (const [argv, message] of usage) {
    const io = capture();
    assert.equal(await validateCommand([...argv, '--lang', 'de'], io), 2, argv.join(' '));
    assert.match(io.err, message);
    assert.match(io.err, /\n\nAufruf: crmkit validate <Plugin-Ordner \| plugin\.json>/);
  }
});

test('with LANG=de_DE.UTF-8 the crmkit bin prints German, and --lang en English', () => {
  const bin = join(root, 'packages/cli/bin/crmkit-dev.mjs');
  const env = {...process.env, LANG: 'de_DE.UTF-8'};
  const de = spawnSync(
    process.execPath,
    [bin, 'validate', 'packages/cli/test/fixtures/validate/valid-plugin'],
    {
      cwd: root,
      encoding: 'utf8',
      env,
    },
  );
  assert.equal(de.status, 0, de.stderr);
  assert.match(
    de.stdout,
    /valid-plugin\/plugin\.json: gültig, com\.example\.valid-plugin 1\.0\.0\n$/,
  );
  const en = spawnSync(
    process.execPath,
    [bin, 'validate', 'packages/cli/test/fixtures/validate/valid-plugin', '--lang', 'en'],
    {cwd: root, encoding: 'utf8', env},
  );
  assert.match(en.stdout, /valid-plugin\/plugin\.json: OK, com\.example\.valid-plugin 1\.0\.0\n$/);
});
