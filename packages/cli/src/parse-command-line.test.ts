import {test} from 'node:test';
import assert from 'node:assert/strict';
import {captureIo} from './rules/capture-io.js';
import {main} from './main.js';
import {parseCommandLine} from './parse-command-line.js';

const spec = {
  name: 'demo',
  options: {json: {type: 'boolean'}},
  usage: (lang: 'en' | 'de') => (lang === 'de' ? 'Aufruf: crmkit demo\n' : 'Usage: crmkit demo\n'),
} as const;

test('parseCommandLine: the options, or the exit code once it has answered --help or a mistake', () => {
  const io = captureIo();
  const line = parseCommandLine(['a', '--json'], io, spec);
  assert.ok(typeof line !== 'number');
  assert.deepEqual(line.values, {json: true});
  assert.deepEqual(line.positionals, ['a']);
  assert.equal(line.lang, 'en');
  // A usage error of the command's own: its message, then the usage in its language.
  assert.equal(line.usageError('give a file'), 2);
  assert.equal(io.err, 'crmkit demo: give a file\n\nUsage: crmkit demo\n');

  const mistaken = captureIo();
  assert.equal(parseCommandLine(['--jsn', '--lang', 'de'], mistaken, spec), 2);
  assert.equal(
    mistaken.err,
    'crmkit demo: unbekannte Option --jsn (meinten Sie --json?); die Optionen sind --json, --help/-h, --lang en|de\n\nAufruf: crmkit demo\n',
  );
  assert.equal(mistaken.out, '');
});

test('parseCommandLine: --help or -h prints the usage in the language asked for, before other options are checked', () => {
  for (const argv of [['--help'], ['-h', '--bogus'], ['--json=1', '--help']]) {
    const io = captureIo();
    assert.equal(parseCommandLine(argv, io, spec), 0, argv.join(' '));
    assert.equal(io.out, 'Usage: crmkit demo\n');
    assert.equal(io.err, '');
  }
  const de = captureIo();
  assert.equal(parseCommandLine(['-h', '--lang', 'de'], de, spec), 0);
  assert.equal(de.out, 'Aufruf: crmkit demo\n');
  // After -- it is a positional (a file named --help), not a request for help.
  const after = captureIo();
  const line = parseCommandLine(['--', '--help'], after, spec);
  assert.ok(typeof line !== 'number');
  assert.deepEqual(line.positionals, ['--help']);
  // A typo of --help gets its suggestion like any other.
  const typo = captureIo();
  assert.equal(parseCommandLine(['--hlp'], typo, spec), 2);
  assert.match(typo.err, /^crmkit demo: unknown option --hlp \(did you mean --help\?\)/);
});

/** Each command with arguments that are right but for the option under test (nothing starts). */
const ARGS: Record<string, string[]> = {
  create: ['new-plugin'],
  dev: ['.'],
  validate: ['plugins/reject-lead'],
  install: ['x.tgz', '--host', 'http://127.0.0.1:9', '--token', 't'],
  pack: ['plugins/reject-lead'],
};

test('every option mistake of create, dev, validate, install and pack is the CLI’s own message, never Node’s parseArgs text', async () => {
  const mistakes: Array<[string[], RegExp]> = [
    [['--frob'], /^unknown option --frob; the options are --/],
    [['-x'], /^unknown option -x; the options are --/],
    [['--lang'], /^--lang needs a value, e\.g\. --lang de$/],
    [['--lang', 'fr'], /^--lang must be en or de \(got "fr"\), e\.g\. --lang de$/],
    [['--lang=de', '--lang=en'], /^--lang is given twice \("de" and "en"\); give it once$/],
    [['--langs', 'de'], /^unknown option --langs \(did you mean --lang\?\)/],
    [['--help=yes'], /^--help takes no value \(got --help=yes\); write just --help$/],
  ];
  for (const command of Object.keys(ARGS)) {
    for (const [extra, message] of mistakes) {
      const io = captureIo();
      const argv = [command, ...ARGS[command]!, ...extra];
      assert.equal(await main(argv, io), 2, argv.join(' '));
      const [first, blank, usage] = io.err.split('\n');
      assert.equal(first!.slice(0, `crmkit ${command}: `.length), `crmkit ${command}: `, io.err);
      assert.match(first!.slice(`crmkit ${command}: `.length), message, argv.join(' '));
      assert.equal(blank, '');
      assert.match(usage!, new RegExp(`^Usage: crmkit ${command} `));
      assert.doesNotMatch(
        io.err,
        /ERR_PARSE_ARGS|TypeError|Unknown option '|To specify a positional argument|argument missing/,
      );
      assert.equal(io.out, '');
    }
  }
});

test('the same mistakes in German with --lang de, and with LANG=de_DE.UTF-8', async () => {
  for (const command of Object.keys(ARGS)) {
    const io = captureIo();
    assert.equal(await main([command, ...ARGS[command]!, '--frob', '--lang', 'de'], io), 2);
    assert.match(
      io.err,
      new RegExp(`^crmkit ${command}: unbekannte Option --frob; die Optionen sind --`),
    );
    assert.match(io.err, new RegExp(`\\n\\nAufruf: crmkit ${command} `));
  }
  process.env.LANG = 'de_DE.UTF-8';
  try {
    for (const command of Object.keys(ARGS)) {
      const io = captureIo();
      assert.equal(await main([command, ...ARGS[command]!, '--lang'], io), 2);
      assert.match(
        io.err,
        new RegExp(`^crmkit ${command}: --lang braucht einen Wert, z\\. B\\. --lang de\\n`),
      );
      const help = captureIo();
      assert.equal(await main([command, '--help'], help), 0);
      assert.match(help.out, new RegExp(`^Aufruf: crmkit ${command} `));
      const english = captureIo();
      assert.equal(await main([command, '--help', '--lang', 'en'], english), 0);
      assert.match(english.out, new RegExp(`^Usage: crmkit ${command} `));
    }
  } finally {
    process.env.LANG = 'C';
  }
});
