import {test} from 'node:test';
import assert from 'node:assert/strict';
import './rules/capture-io.js'; // LANG=C for the tests
import {CLI_TEXT} from './cli-text.js';
import {languageOf, parseCommandArgs, type CommandOptions} from './parse-command-args.js';

const OPTIONS = {
  out: {type: 'string', short: 'o', value: '<dir>', example: 'dist'},
  json: {type: 'boolean'},
} satisfies CommandOptions;

/** The message of the UsageError that parsing `argv` throws. */
function mistake(argv: string[]): string {
  try {
    parseCommandArgs(argv, OPTIONS);
  } catch (error) {
    assert.equal((error as Error).constructor.name, 'UsageError');
    return (error as Error).message;
  }
  assert.fail(`${argv.join(' ')} parsed`);
}

test('parseCommandArgs: long and short options, positionals (also after --), --lang for every command', () => {
  const r = parseCommandArgs(['p', '-o', 'x', '--json', '--lang=de', '--', '--json'], OPTIONS);
  assert.deepEqual(r.values, {out: 'x', json: true, lang: 'de'});
  assert.deepEqual(r.positionals, ['p', '--json']);
  assert.equal(r.lang, 'de');
  assert.deepEqual(parseCommandArgs(['-ox'], OPTIONS).values, {out: 'x'});
  assert.deepEqual(parseCommandArgs(['--out=-x'], OPTIONS).values, {out: '-x'});
  // The same value twice is no conflict, under either name.
  assert.deepEqual(parseCommandArgs(['--out', 'x', '-o', 'x'], OPTIONS).values, {out: 'x'});
});

test('parseCommandArgs: every mistake is a UsageError in the CLI’s own words, never Node’s', () => {
  const known = '--out/-o <dir>, --json, --lang en|de';
  assert.equal(
    mistake(['--ot', 'x']),
    `unknown option --ot (did you mean --out?); the options are ${known}`,
  );
  assert.equal(mistake(['--zip']), `unknown option --zip; the options are ${known}`);
  assert.equal(mistake(['-x']), `unknown option -x; the options are ${known}`);
  assert.equal(mistake(['--out']), '--out needs a value, e.g. --out dist');
  assert.equal(mistake(['-o']), '-o needs a value, e.g. -o dist');
  assert.equal(
    mistake(['--out', '--json']),
    '--out needs a value, but the next argument is the option --json; e.g. --out dist (a value that starts with "-" goes as --out=-…)',
  );
  assert.equal(
    mistake(['--json=yes']),
    '--json takes no value (got --json=yes); write just --json',
  );
  assert.equal(
    mistake(['-o', 'a', '--out', 'b']),
    '--out is given twice ("a" and "b"); give it once',
  );
  assert.equal(mistake(['--lang', 'fr']), '--lang must be en or de (got "fr"), e.g. --lang de');
});

test('parseCommandArgs: the mistakes in German with --lang de, even when it comes after them', () => {
  assert.equal(
    mistake(['--ot', 'x', '--lang', 'de']),
    'unbekannte Option --ot (meinten Sie --out?); die Optionen sind --out/-o <dir>, --json, --lang en|de',
  );
  assert.equal(mistake(['--lang', 'de', '--out']), '--out braucht einen Wert, z. B. --out dist');
  process.env.LANG = 'de_DE.UTF-8';
  try {
    assert.equal(mistake(['--lang', 'fr']), CLI_TEXT.de.badLang('fr'));
    assert.equal(mistake(['--json=1', '--lang=en']), CLI_TEXT.en.takesNoValue('--json', '1'));
  } finally {
    process.env.LANG = 'C';
  }
});

test('languageOf: LC_ALL before LANG, German for de and de_XX, else English', () => {
  try {
    process.env.LANG = 'de';
    assert.equal(languageOf([]), 'de');
    process.env.LC_ALL = 'en_US.UTF-8';
    assert.equal(languageOf([]), 'en');
    process.env.LC_ALL = 'de_CH.UTF-8';
    process.env.LANG = 'C';
    assert.equal(languageOf([]), 'de');
    delete process.env.LC_ALL;
    process.env.LANG = 'devanagari';
    assert.equal(languageOf([]), 'en');
  } finally {
    process.env.LANG = 'C';
    delete process.env.LC_ALL;
  }
});
