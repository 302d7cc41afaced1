import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesCommand} from './rules-command.js';

test('crmkit rules without a subcommand prints the usage of all six and exits 2', async () => {
  const io = captureIo();
  assert.equal(await rulesCommand([], io), 2);
  for (const sub of ['lint', 'test', 'explain', 'simulate', 'deploy'])
    assert.match(io.out, new RegExp(`crmkit rules ${sub} <ruleset>`));
  assert.match(io.out, /crmkit rules pull --host <url>/);
});

test('crmkit rules --help exits 0', async () => {
  const io = captureIo();
  assert.equal(await rulesCommand(['--help'], io), 0);
  assert.match(io.out, /Exit codes: 0 success, 1 findings/);
});

test('an unknown subcommand is named, with the usage, exit 2', async () => {
  const io = captureIo();
  assert.equal(await rulesCommand(['lnt', 'rules/lead-assignment.json'], io), 2);
  assert.match(io.err, /unknown subcommand "lnt"/);
  assert.equal(io.out, '');
});

test('an unknown option is a usage error naming the subcommand, exit 2', async () => {
  const io = captureIo();
  assert.equal(await rulesCommand(['lint', 'rules/lead-assignment.json', '--frob'], io), 2);
  assert.equal(
    io.err,
    'crmkit rules lint: unknown option --frob; the options are --users <file>, --json, --lang en|de\n',
  );
});

/** Each subcommand with arguments that are right but for the option under test. */
const ARGS: Record<string, string[]> = {
  lint: ['rules/lead-assignment.json'],
  test: ['rules/lead-assignment.json'],
  explain: ['rules/lead-assignment.json', '--lead', 'x.json'],
  simulate: ['rules/lead-assignment.json', '--generate', '5'],
  deploy: ['rules/lead-assignment.json', '--host', 'http://127.0.0.1:9', '--token', 't'],
  pull: ['--host', 'http://127.0.0.1:9', '--token', 't'],
};

test('every option mistake of every subcommand is the CLI\u2019s own clear message, never Node\u2019s parseArgs text', async () => {
  const mistakes: Array<[string[], (sub: string) => RegExp]> = [
    [['--frob'], () => /^unknown option --frob; the options are --/],
    [['-x'], () => /^unknown option -x; the options are --/],
    [['--lang'], () => /^--lang needs a value, e\.g\. --lang de$/],
    [['--lang', 'fr'], () => /^--lang must be en or de \(got "fr"\), e\.g\. --lang de$/],
    [['--lang=de', '--lang=en'], () => /^--lang is given twice \("de" and "en"\); give it once$/],
    [['--langs', 'de'], () => /^unknown option --langs \(did you mean --lang\?\)/],
  ];
  for (const sub of Object.keys(ARGS)) {
    for (const [extra, message] of mistakes) {
      const io = captureIo();
      const argv = [sub, ...ARGS[sub]!, ...extra];
      assert.equal(await rulesCommand(argv, io), 2, argv.join(' '));
      assert.ok(io.err.startsWith(`crmkit rules ${sub}: `), io.err);
      assert.match(
        io.err.slice(`crmkit rules ${sub}: `.length).trimEnd(),
        message(sub),
        argv.join(' '),
      );
      assert.doesNotMatch(
        io.err,
        /ERR_PARSE_ARGS|TypeError|To specify a positional argument|argument missing/,
      );
      assert.equal(io.out, '');
    }
  }
});

test('a missing value, a value given to a flag, a forgotten value: each named, with an example', async () => {
  const cases: Array<[string[], string]> = [
    [['lint', 'r.json', '--users'], '--users needs a value, e.g. --users users.json'],
    [['lint', 'r.json', '--json=yes'], '--json takes no value (got --json=yes); write just --json'],
    [
      ['lint', 'r.json', '--jsn'],
      'unknown option --jsn (did you mean --json?); the options are --users <file>, --json, --lang en|de',
    ],
    [
      ['explain', 'r.json', '--leed', 'l.json'],
      'unknown option --leed (did you mean --lead?); the options are --lead <file>, --users <file>, --mode user|mixed|book, --now <ISO 8601 time>, --json, --lang en|de',
    ],
    [
      ['explain', 'r.json', '--lead', '--json'],
      '--lead needs a value, but the next argument is the option --json; e.g. --lead lead.json (a value that starts with "-" goes as --lead=-…)',
    ],
    [
      ['simulate', 'r.json', '--leads', 'a', '--leads', 'b'],
      '--leads is given twice ("a" and "b"); give it once',
    ],
    [
      ['simulate', 'r.json', '--generate', '5', '--mode', 'team'],
      '--mode must be user, mixed or book (got "team"), e.g. --mode user',
    ],
    [['pull', '--host', 'http://x', '--version'], '--version needs a value, e.g. --version 3'],
  ];
  for (const [argv, message] of cases) {
    const io = captureIo();
    assert.equal(await rulesCommand(argv, io), 2, argv.join(' '));
    assert.equal(io.err, `crmkit rules ${argv[0]}: ${message}\n`);
  }
});

test('option mistakes in German with --lang de (or a German LANG)', async () => {
  let io = captureIo();
  assert.equal(await rulesCommand(['lint', 'r.json', '--frob', '--lang', 'de'], io), 2);
  assert.equal(
    io.err,
    'crmkit rules lint: unbekannte Option --frob; die Optionen sind --users <file>, --json, --lang en|de\n',
  );
  process.env.LANG = 'de_DE.UTF-8';
  try {
    io = captureIo();
    assert.equal(await rulesCommand(['simulate', 'r.json', '--now'], io), 2);
    assert.equal(
      io.err,
      'crmkit rules simulate: --now braucht einen Wert, z. B. --now 2026-03-02T09:30:00Z\n',
    );
    io = captureIo();
    assert.equal(await rulesCommand(['lnt'], io), 2);
    assert.match(io.err, /^crmkit rules: unbekannter Unterbefehl „lnt“\n\nAufruf: crmkit rules/);
  } finally {
    process.env.LANG = 'C';
  }
});

test('crmkit rules <subcommand> --help prints that subcommand\u2019s usage and exits 0', async () => {
  for (const sub of Object.keys(ARGS)) {
    const io = captureIo();
    assert.equal(await rulesCommand([sub, '--help'], io), 0, sub);
    assert.match(io.out, new RegExp(`^Usage: crmkit rules ${sub} `));
    assert.match(io.out, /Exit codes: 0 success/);
  }
  const io = captureIo();
  assert.equal(await rulesCommand(['deploy', '-h', '--lang', 'de'], io), 0);
  assert.match(io.out, /^Aufruf: crmkit rules deploy <Regelsatz> --host <URL>/);
  assert.match(io.out, /CRMKIT_TOKEN/);
});

test('the dev bin lints the shipped ruleset clean (exit 0)', () => {
  const bin = fileURLToPath(new URL('../../bin/crmkit-dev.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'rules', 'lint', 'rules/lead-assignment.json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {...process.env, LANG: 'C', LC_ALL: ''},
  });
  assert.equal(result.stderr, '');
  assert.equal(
    result.stdout,
    'rules/lead-assignment.json: 0 errors, 0 warnings (users: rules/users.json)\n',
  );
  assert.equal(result.status, 0);
});

test('through the bin: an unknown option prints one clear line on stderr, no stack, no Node text, exit 2', () => {
  const bin = fileURLToPath(new URL('../../bin/crmkit-dev.mjs', import.meta.url));
  const result = spawnSync(
    process.execPath,
    [bin, 'rules', 'simulate', 'rules/lead-assignment.json', '--generate', '5', '--now'],
    {cwd: REPO_ROOT, encoding: 'utf8', env: {...process.env, LANG: 'C', LC_ALL: ''}},
  );
  assert.equal(
    result.stderr,
    'crmkit rules simulate: --now needs a value, e.g. --now 2026-03-02T09:30:00Z\n',
  );
  assert.equal(result.stdout, '');
  assert.equal(result.status, 2);
});
