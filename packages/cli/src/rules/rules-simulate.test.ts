import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  compileRuleset,
  createAssigner,
  generateLeads,
  parseRuleset,
  type UserRecord,
} from '@crmkit/assignment';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesCommand} from './rules-command.js';
import {rulesSimulate} from './rules-simulate.js';

let dir: string;
const RULESET = 'rules/lead-assignment.json';

/** What the library decides for the same generated leads: the counts simulate must print. */
function expectedCounts(count: number, seed: number) {
  const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
  const users: UserRecord[] = JSON.parse(read('rules/users.json'));
  const assign = createAssigner({
    compiled: compileRuleset(parseRuleset(read(RULESET))),
    users: new Map(users.map((u) => [u.id, u])),
    ownershipMode: 'mixed',
  });
  const rules: Record<string, number> = {};
  for (const lead of generateLeads({count, seed})) {
    const rule = assign(lead).rule ?? '(unassigned owner)';
    rules[rule] = (rules[rule] ?? 0) + 1;
  }
  return rules;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-simulate-'));
  const leads = [...generateLeads({count: 3, seed: 5})].map((l) => JSON.stringify(l));
  writeFileSync(join(dir, 'three.ndjson'), leads.join('\n') + '\n\n');
  writeFileSync(join(dir, 'broken.ndjson'), `${leads[0]}\n{"id": \n[1]\n${leads[1]}\n`);
  writeFileSync(join(dir, 'lone-ruleset.json'), readFileSync(join(REPO_ROOT, RULESET)));
});
after(() => rmSync(dir, {recursive: true, force: true}));

test('--generate N decides N seeded leads and prints per-rule counts, outcomes, owners, leads/s', async () => {
  const io = captureIo();
  assert.equal(await rulesSimulate([RULESET, '--generate', '2000', '--seed', '3'], io), 0);
  assert.match(io.out, /^Simulated 2,000 leads \(compiled rules, ownership mode mixed\)$/m);
  for (const [rule, n] of Object.entries(expectedCounts(2000, 3)))
    assert.match(io.out, new RegExp(`^  ${rule.replace(/[()]/g, '\\$&')} +${n} +[\\d.]+%$`, 'm'));
  assert.match(io.out, /^Outcomes:$/m);
  assert.match(io.out, /^New owners:$/m);
  assert.match(io.out, /^[\d,]+ leads\/s \([\d.]+ s\)$/m);
  assert.ok(!io.out.includes('\r'), 'no progress bar when stdout is not a terminal');
});

test('--lang de prints the report in German (numbers too); rule names and outcome codes stay', async () => {
  const io = captureIo();
  assert.equal(await rulesSimulate([RULESET, '--generate', '2000', '--lang', 'de'], io), 0);
  assert.match(io.out, /^2\.000 Leads simuliert \(kompilierte Regeln, Besitzmodus mixed\)$/m);
  assert.match(io.out, /^Zugewiesen durch Regel:$/m);
  assert.match(io.out, /^ {2}rejected-to-original-owner +\d+/m);
  assert.match(io.out, /^Ergebnisse:\n {2}assigned +\d+/m);
  assert.match(io.out, /^Neue Besitzer:$/m);
  assert.match(io.out, /^[\d.]+ Leads\/s \([\d.]+ s\)$/m);
});

test('--json: counts add up and match the library; outcomes follow from the rules', async () => {
  const io = captureIo();
  assert.equal(
    await rulesSimulate([RULESET, '--generate', '1500', '--seed', '9', '--json'], io),
    0,
  );
  const report = JSON.parse(io.out);
  assert.equal(report.leads, 1500);
  assert.equal(report.evaluator, 'compiled');
  const expected = expectedCounts(1500, 9);
  for (const [rule, n] of Object.entries(report.rules as Record<string, number>))
    assert.equal(n, expected[rule] ?? 0, rule);
  const unassigned = expected['(unassigned owner)'] ?? 0;
  assert.deepEqual(report.outcomes, {
    assigned: 1500 - unassigned,
    ...(unassigned ? {'unassigned-owner': unassigned} : {}),
  });
  const owners = Object.values(report.owners as Record<string, number>);
  assert.equal(
    owners.reduce((a, b) => a + b, 0),
    1500,
  );
});

test('--leads streams an NDJSON file (blank lines ignored), exit 0', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(
    await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'three.ndjson', '--json'], io),
    0,
  );
  const report = JSON.parse(io.out);
  assert.equal(report.leads, 3);
  assert.equal(report.invalid, 0);
  assert.deepEqual(report.rules, {...zeroRules(report.rules), ...expectedCounts(3, 5)});
});

const zeroRules = (rules: Record<string, number>) =>
  Object.fromEntries(Object.keys(rules).map((k) => [k, 0]));

test('lines that are not leads are reported with their line number and skipped, exit 1', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'broken.ndjson'], io), 1);
  assert.match(io.err, /^broken\.ndjson:2: not a lead \(.*\); skipped$/m);
  assert.match(io.err, /^broken\.ndjson:3: not a lead \(not an object\); skipped$/m);
  assert.match(io.out, /^Simulated 2 leads/m);
  assert.match(io.out, /^Skipped 2 line\(s\) that were not leads\.$/m);
});

test('a line over 1 MiB is refused unread with a finding naming it; the other leads still count', async () => {
  const leads = [...generateLeads({count: 2, seed: 5})].map((l) => JSON.stringify(l));
  const long = `{"id":"L-x","company":"${'x'.repeat(3 * 1024 * 1024)}"}`;
  writeFileSync(join(dir, 'long.ndjson'), `${leads[0]}\n${long}\n${leads[1]}\n`);
  const io = captureIo({cwd: dir});
  assert.equal(await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'long.ndjson'], io), 1);
  assert.equal(
    io.err,
    `long.ndjson:2: not a lead (the line is ${long.length.toLocaleString('en')} characters long, over the limit of 1,048,576 (1 MiB)); skipped\n`,
  );
  assert.match(io.out, /^Simulated 2 leads/m);
  assert.match(io.out, /^Skipped 1 line\(s\) that were not leads\.$/m);
});

test('--write makes a leads file that simulates exactly as --generate with the same seed', async () => {
  const file = join(dir, 'written.ndjson');
  let io = captureIo({cwd: dir});
  assert.equal(await rulesSimulate(['--generate', '250', '--seed', '4', '--write', file], io), 0);
  assert.match(io.out, /^wrote 250 leads to written\.ndjson \(seed 4\)$/m);
  assert.equal(readFileSync(file, 'utf8').trimEnd().split('\n').length, 250);
  io = captureIo();
  await rulesSimulate([RULESET, '--leads', file, '--json'], io);
  const fromFile = JSON.parse(io.out);
  io = captureIo();
  await rulesSimulate([RULESET, '--generate', '250', '--seed', '4', '--json'], io);
  const generated = JSON.parse(io.out);
  assert.deepEqual([fromFile.rules, fromFile.owners], [generated.rules, generated.owners]);
});

test('on a terminal it draws a progress bar', async () => {
  const io = captureIo({isTTY: true});
  assert.equal(await rulesSimulate([RULESET, '--generate', '70000'], io), 0);
  assert.match(io.out, /\r[█░]{30} \d+% [\d,]+ leads, [\d,]+ leads\/s/);
  assert.ok(io.out.includes('\r\u001b[2K'), 'the bar is cleared before the summary');
});

test('usage errors exit 2', async () => {
  const run = async (argv: string[]) => {
    const io = captureIo({cwd: dir});
    return {code: await rulesCommand(['simulate', ...argv], io), err: io.err};
  };
  const cases: [string[], RegExp][] = [
    [[join(REPO_ROOT, RULESET)], /either --leads <file> or --generate <N>/],
    [[join(REPO_ROOT, RULESET), '--generate', '5', '--leads', 'three.ndjson'], /either --leads/],
    [[join(REPO_ROOT, RULESET), '--generate=-1'], /--generate needs a whole number/],
    [[join(REPO_ROOT, RULESET), '--generate', '1.5'], /--generate needs a whole number/],
    [[join(REPO_ROOT, RULESET), '--generate', '5', '--seed', 'x'], /--seed must be an integer/],
    [[join(REPO_ROOT, RULESET), '--generate', '5', '--mode', 'team'], /--mode must be user/],
    [[join(REPO_ROOT, RULESET), '--leads', 'missing.ndjson'], /cannot read the leads file/],
    [['--write', 'x.ndjson'], /--write needs --generate/],
    [['lone-ruleset.json', '--generate', '5'], /no users: pass --users <file>/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, message, argv.join(' '));
  }
});

test('Book mode is refused before any lead is read, exit 1', async () => {
  const io = captureIo();
  assert.equal(
    await rulesCommand(['simulate', RULESET, '--generate', '5', '--mode', 'book'], io),
    1,
  );
  assert.match(io.err, /reassign-not-allowed-in-book-mode/);
});
