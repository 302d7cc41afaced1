import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo} from './capture-io.js';
import {rulesLint} from './rules-lint.js';

let dir: string;
/** 1-based column of `needle` on 1-based line `line` of `text`. */
const columnOf = (text: string, line: number, needle: string) =>
  (text.split('\n')[line - 1] as string).indexOf(needle) + 1;
const BAD = `{
  "recordType": "lead",
  "unassignedOwner": "lead-desk",
  "rules": [
    {
      "name": "a",
      "conditions": {"all": [{"fact": "lead", "path": "$.status", "operator": "equals", "value": "Rejected"}]},
      "event": {"type": "assign", "params": {"to": "user"}}
    }
  ]
}
`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-lint-'));
  writeFileSync(join(dir, 'bad.json'), BAD);
  process.env.LANG = 'C';
  delete process.env.LC_ALL;
});
after(() => rmSync(dir, {recursive: true, force: true}));

test('the shipped ruleset is clean: exit 0, a summary naming the users file', async () => {
  const io = captureIo();
  assert.equal(await rulesLint(['rules/lead-assignment.json'], io), 0);
  assert.equal(
    io.out,
    'rules/lead-assignment.json: 0 errors, 0 warnings (users: rules/users.json)\n',
  );
  assert.equal(io.err, '');
});

test('errors print as file:line:col: severity CODE: message (hint) and exit 1', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesLint(['bad.json'], io), 1);
  const lines = io.out.trimEnd().split('\n');
  const col = columnOf(BAD, 7, '"equals"');
  assert.ok(
    lines.includes(
      `bad.json:7:${col}: error unknown-operator: Unknown operator "equals". (Did you mean "equal"? Operators: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; decorators (prefix with "name:"): someFact, someValue, everyFact, everyValue, swap, not.)`,
    ),
    io.out,
  );
  assert.ok(
    lines.some((l) => /^bad\.json:8:\d+: error unresolvable-target: /.test(l)),
    io.out,
  );
  // The unknown operator also means the first rule cannot match every rejected lead (Oracle).
  assert.ok(lines.some((l) => /^bad\.json:7:\d+: warning first-rule-misses-rejected: /.test(l)));
  assert.equal(lines.at(-1), 'bad.json: 2 errors, 1 warning');
});

test('--json gives the findings with codes, pointers and positions', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesLint(['bad.json', '--json'], io), 1);
  const report = JSON.parse(io.out);
  assert.equal(report.file, 'bad.json');
  assert.equal(report.errors, 2);
  const op = report.findings.find((f: {code: string}) => f.code === 'unknown-operator');
  assert.deepEqual(
    {pointer: op.pointer, line: op.line, column: op.column, severity: op.severity},
    {
      pointer: '/rules/0/conditions/all/0/operator',
      line: 7,
      column: columnOf(BAD, 7, '"equals"'),
      severity: 'error',
    },
  );
});

test('--lang de prints German severities, messages, hints and totals; codes stay the same', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesLint(['bad.json', '--lang', 'de'], io), 1);
  const col = columnOf(BAD, 7, '"equals"');
  assert.match(
    io.out,
    new RegExp(
      `^bad\\.json:7:${col}: Fehler unknown-operator: Unbekannter Operator "equals"\\. \\(Meinten Sie "equal"\\? Operatoren: equal, .*Dekoratoren \\(vorangestellt als "name:"\\): .*\\)$`,
      'm',
    ),
  );
  assert.match(
    io.out,
    /^bad\.json:8:\d+: Fehler unresolvable-target: Die Regel „a“ weist einem Benutzer zu, nennt aber keinen\. \(Ergänzen Sie "userId"/m,
  );
  assert.match(
    io.out,
    /^bad\.json:7:\d+: Warnung first-rule-misses-rejected: Die erste Regel „a“/m,
  );
  assert.match(io.out, /^bad\.json: 2 Fehler, 1 Warnung$/m);
  // No English detail is left (the findings carry both languages; the CLI picks German).
  assert.doesNotMatch(io.out, /Unknown operator|Did you mean|The first rule|error |warning /);
});

test('--lang de --json: each finding’s message and hint in German, both languages beside them', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesLint(['bad.json', '--json', '--lang', 'de'], io), 1);
  const op = JSON.parse(io.out).findings.find((f: {code: string}) => f.code === 'unknown-operator');
  assert.equal(op.message, 'Unbekannter Operator "equals".');
  assert.match(op.hint, /^Meinten Sie "equal"\?/);
  assert.equal(op.messages.en, 'Unknown operator "equals".');
});

test('a German LANG selects German unless --lang says otherwise', async () => {
  process.env.LANG = 'de_DE.UTF-8';
  try {
    const de = captureIo({cwd: dir});
    await rulesLint(['bad.json'], de);
    assert.match(de.out, /2 Fehler/);
    const en = captureIo({cwd: dir});
    await rulesLint(['bad.json', '--lang', 'en'], en);
    assert.match(en.out, /2 errors/);
  } finally {
    process.env.LANG = 'C';
  }
});

test('usage errors exit 2', async () => {
  let io = captureIo();
  assert.equal(await rulesLint([], io), 2);
  assert.match(io.err, /give exactly one ruleset file/);
  io = captureIo();
  assert.equal(await rulesLint(['a.json', 'b.json'], io), 2);
  await assert.rejects(
    rulesLint(['rules/lead-assignment.json', '--lang', 'fr'], captureIo()),
    /--lang must be en or de/,
  );
  await assert.rejects(
    rulesLint(['rules/nope.json'], captureIo()),
    /: the ruleset \/.*\/rules\/nope\.json does not exist$/,
  );
  await assert.rejects(
    rulesLint(['rules/nope.json', '--lang', 'de'], captureIo()),
    /Der Regelsatz \/.*\/rules\/nope\.json existiert nicht/,
  );
  await assert.rejects(rulesLint(['rules', '--lang', 'de'], captureIo()), /ist ein Ordner/);
});

test('a ruleset nested 5,000 all groups deep is one finding naming the limit (exit 1), not a stack trace', async () => {
  const rule = (conditions: string) =>
    `{"recordType": "lead", "unassignedOwner": "lead-desk", "rules": [{"name": "deep", "conditions": ${conditions}, "event": {"type": "assign", "params": {"to": "owner"}}}]}`;
  const deep = rule('{"all": ['.repeat(5000) + ']}'.repeat(5000));
  writeFileSync(join(dir, 'deep.json'), deep);
  const io = captureIo({cwd: dir});
  assert.equal(await rulesLint(['deep.json'], io), 1);
  // The root, "rules" and the rule take 3 levels; each group 2 more: level 1001 is the array of the
  // 499th group.
  const column = deep.indexOf('{"all"') + '{"all": ['.length * 498 + '{"all": '.length + 1;
  // One error at the bracket past the limit, naming the limit (its code is the linter's: the text
  // could not be read, so nothing else was checked).
  const lines = io.out.trimEnd().split('\n');
  assert.equal(lines.length, 2, io.out);
  assert.match(
    lines[0]!,
    new RegExp(`^deep\\.json:1:${column}: error [a-z-]+: The JSON nests deeper than 1000 levels`),
  );
  assert.equal(lines[1], 'deep.json: 1 error, 0 warnings');
});
