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
  assert.match(
    io.out,
    /^2\.000 Leads simuliert \(kompilierte Regeln, Verantwortlichkeitsmodus mixed\)$/m,
  );
  assert.match(io.out, /^Zugewiesen durch Regel:$/m);
  assert.match(io.out, /^ {2}rejected-to-original-owner +\d+/m);
  assert.match(io.out, /^Ergebnisse:\n {2}assigned +\d+/m);
  assert.match(io.out, /^ {2}\(Verantwortlicher für nicht zugewiesene Leads\) +\d+ +\d+,\d%$/m);
  assert.match(io.out, /^Neue Verantwortliche:$/m);
  assert.match(io.out, /^[\d.]+ Leads\/s \(\d+,\d\d s\)$/m);
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

test('lines that are not JSON are reported with their line number and skipped, exit 1', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'broken.ndjson'], io), 1);
  assert.match(io.err, /^broken\.ndjson:2: not a lead \(not valid JSON: .+\); skipped$/m);
  assert.match(
    io.err,
    /^broken\.ndjson:3: not a lead \(not an object but an array; a lead is an object such as \{"id": "L-1", "status": "Rejected", …\}\); skipped$/m,
  );
  assert.match(io.out, /^Simulated 2 leads/m);
  assert.match(io.out, /^Skipped 2 of 4 line\(s\): not leads \(they are not counted above\)\.$/m);
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
  assert.match(io.out, /^Skipped 1 of 3 line\(s\): not leads/m);
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
    [
      [join(REPO_ROOT, RULESET), '--leads', 'missing.ndjson'],
      /the leads file missing\.ndjson does not exist/,
    ],
    [[join(REPO_ROOT, RULESET), '--leads', '.'], /the leads file \. is a folder/],
    [[join(REPO_ROOT, RULESET), '--generate', '5', '--leads'], /--leads needs a value/],
    [[join(REPO_ROOT, RULESET), '--generate', ''], /--generate needs a whole number/],
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

/** Rules that read the clock: which rule takes a lead depends on the `now` the rules see. */
const CLOCK_RULESET = {
  recordType: 'lead',
  unassignedOwner: 'lead-desk',
  rules: [
    {
      name: 'rejected-mornings-to-anna',
      conditions: {
        all: [
          {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'},
          {fact: 'now', path: '$.hourUtc', operator: 'lessThan', value: 12},
        ],
      },
      event: {type: 'assign', params: {to: 'user', userId: 'anna'}},
    },
    {
      name: 'from-2027-to-sofia',
      conditions: {
        all: [{fact: 'now', path: '$.iso', operator: 'greaterThanInclusive', value: '2027-01-01'}],
      },
      event: {type: 'assign', params: {to: 'user', userId: 'sofia'}},
    },
  ],
};

test('--now sets the time the rules see as "now": the same leads go elsewhere at another time', async () => {
  const ruleset = join(dir, 'clock.json');
  writeFileSync(ruleset, JSON.stringify(CLOCK_RULESET));
  writeFileSync(join(dir, 'users.json'), readFileSync(join(REPO_ROOT, 'rules/users.json')));
  const run = async (now: string) => {
    const io = captureIo({cwd: dir});
    const code = await rulesSimulate(
      ['clock.json', '--generate', '300', '--now', now, '--json'],
      io,
    );
    assert.equal(code, 0, io.err);
    return JSON.parse(io.out) as {now: string; rules: Record<string, number>};
  };
  const morning = await run('2026-03-02T09:30:00Z');
  assert.equal(morning.now, '2026-03-02T09:30:00.000Z');
  assert.deepEqual(morning.rules, {'rejected-mornings-to-anna': 300, 'from-2027-to-sofia': 0});
  // 13:30 at +02:00 is 11:30 UTC: still morning for rules that read hourUtc.
  const offset = await run('2026-03-02T13:30+02:00');
  assert.equal(offset.now, '2026-03-02T11:30:00.000Z');
  assert.equal(offset.rules['rejected-mornings-to-anna'], 300);
  const afternoon2027 = await run('2027-06-01T15:00:00.250Z');
  assert.deepEqual(afternoon2027.rules, {
    'rejected-mornings-to-anna': 0,
    'from-2027-to-sofia': 300,
  });
  // A date alone is midnight UTC.
  assert.equal((await run('2026-12-24')).now, '2026-12-24T00:00:00.000Z');
  // The report says which "now" the rules saw (only for rules that read it).
  const io = captureIo({cwd: dir});
  await rulesSimulate(['clock.json', '--generate', '10', '--now', '2026-03-02T09:30:00Z'], io);
  assert.match(io.out, /^The rules saw "now" as 2026-03-02T09:30:00\.000Z\.$/m);
  const plain = captureIo();
  await rulesSimulate([RULESET, '--generate', '10'], plain);
  assert.doesNotMatch(plain.out, /saw "now"/);
});

test('a bad --now is a usage error (exit 2) naming the option, what is wrong and a correct value', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['--now', 'yesterday'],
      /^crmkit rules simulate: --now must be an ISO 8601 time, .*such as 2026-03-02T09:30:00Z \(UTC\).* \(got "yesterday"\)$/,
    ],
    [['--now', 'March 2, 2026'], /--now must be an ISO 8601 time/],
    [['--now', '1767225600000'], /--now must be an ISO 8601 time/],
    [['--now='], /--now must be an ISO 8601 time, .*\(got ""\)/],
    [
      ['--now', '2026-03-02T09:30'],
      /--now 2026-03-02T09:30 has no time zone, .*e\.g\. --now 2026-03-02T09:30Z or --now 2026-03-02T09:30\+01:00$/,
    ],
    [
      ['--now', '2026-02-30T09:30:00Z'],
      /--now 2026-02-30T09:30:00Z names a date or time that does not exist/,
    ],
    [['--now', '2026-03-02T24:00:00Z'], /does not exist/],
    [['--now', '2026-13-01'], /does not exist/],
    [['--now', '2026-03-02T09:30:00+25:00'], /does not exist/],
    [['--now'], /^crmkit rules simulate: --now needs a value, e\.g\. --now 2026-03-02T09:30:00Z$/],
    [['--now', '--json'], /--now needs a value, but the next argument is the option --json/],
  ];
  for (const [extra, message] of cases) {
    const io = captureIo();
    const code = await rulesCommand(['simulate', RULESET, '--generate', '5', ...extra], io);
    assert.equal(code, 2, extra.join(' '));
    assert.match(io.err.trimEnd(), message, extra.join(' '));
    assert.doesNotMatch(io.err, /ERR_PARSE_ARGS|TypeError|Invalid Date/);
    assert.equal(io.out, '');
  }
  const de = captureIo();
  assert.equal(
    await rulesCommand(
      ['simulate', RULESET, '--generate', '5', '--now', 'gestern', '--lang', 'de'],
      de,
    ),
    2,
  );
  assert.match(de.err, /--now muss eine ISO-8601-Zeit sein, .*\(angegeben: "gestern"\)/);
});

test('valid JSON that is not a lead is skipped with its line number and why; counted apart', async () => {
  const [a, b] = [...generateLeads({count: 2, seed: 8})];
  const restLead = {
    id: 'L-rest',
    status: 'Rejected',
    ownerId: 'jonas',
    originalOwnerId: 'max',
    rejection: {
      code: 'OTHER',
      reason: 'x',
      rejectedBy: {id: 'max', name: 'Max'},
      rejectedAt: '2026-01-01T00:00:00Z',
    },
  };
  const lines = [
    JSON.stringify(a), // 1
    '{"hello":"world"}', // 2
    '[1,2,3]', // 3
    '42', // 4
    '"a string"', // 5
    'null', // 6
    '{"id":"","status":"Rejected"}', // 7
    '{"id":"L-9"}', // 8
    '{"id":7,"status":"Rejected"}', // 9
    '{"id":"L-10","status":"Rejected","ownerId":5}', // 10
    '', // 11: blank, ignored
    JSON.stringify(restLead), // 12: a lead as the REST API returns it
    JSON.stringify(b), // 13
    'true', // 14
  ];
  writeFileSync(join(dir, 'mixed.ndjson'), lines.join('\n') + '\n');
  const io = captureIo({cwd: dir});
  assert.equal(await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'mixed.ndjson'], io), 1);
  const reasons = io.err.trimEnd().split('\n');
  assert.deepEqual(reasons, [
    'mixed.ndjson:2: not a lead (missing "id"); skipped',
    'mixed.ndjson:3: not a lead (not an object but an array; a lead is an object such as {"id": "L-1", "status": "Rejected", …}); skipped',
    'mixed.ndjson:4: not a lead (not an object but a number; a lead is an object such as {"id": "L-1", "status": "Rejected", …}); skipped',
    'mixed.ndjson:5: not a lead (not an object but a string; a lead is an object such as {"id": "L-1", "status": "Rejected", …}); skipped',
    'mixed.ndjson:6: not a lead (not an object but null; a lead is an object such as {"id": "L-1", "status": "Rejected", …}); skipped',
    'mixed.ndjson:7: not a lead ("id" is empty); skipped',
    'mixed.ndjson:8: not a lead (missing "status"); skipped',
    'mixed.ndjson:9: not a lead ("id" must be a string); skipped',
    'mixed.ndjson:10: not a lead ("ownerId" must be a string or null); skipped',
    'mixed.ndjson:14: not a lead (not an object but true/false; a lead is an object such as {"id": "L-1", "status": "Rejected", …}); skipped',
  ]);
  assert.match(io.out, /^Simulated 3 leads/m);
  assert.match(io.out, /^Skipped 10 of 14 line\(s\): not leads \(they are not counted above\)\.$/m);
  assert.doesNotMatch(io.out, /Only the first/);
  const json = captureIo({cwd: dir});
  assert.equal(
    await rulesSimulate([join(REPO_ROOT, RULESET), '--leads', 'mixed.ndjson', '--json'], json),
    1,
  );
  const report = JSON.parse(json.out);
  assert.deepEqual(
    [report.leads, report.invalid, report.lines, report.skipped],
    [3, 10, 14, {notJson: 0, notALead: 10, tooLong: 0}],
  );
  const owners = Object.values(report.owners as Record<string, number>);
  assert.equal(
    owners.reduce((x, y) => x + y, 0),
    3,
    'skipped lines are not counted as leads',
  );
});

test('more than 10 skipped lines: 10 are listed, all are counted; German with --lang de', async () => {
  const lead = JSON.stringify([...generateLeads({count: 1, seed: 2})][0]);
  writeFileSync(
    join(dir, 'many.ndjson'),
    [lead, ...Array.from({length: 25}, (_, i) => `{"n":${i}}`)].join('\n'),
  );
  const io = captureIo({cwd: dir});
  const argv = [join(REPO_ROOT, RULESET), '--leads', 'many.ndjson', '--lang', 'de'];
  assert.equal(await rulesSimulate(argv, io), 1);
  const listed = io.err.trimEnd().split('\n');
  assert.equal(listed.length, 10);
  assert.equal(listed[0], 'many.ndjson:2: kein Lead ("id" fehlt); übersprungen');
  assert.equal(listed[9], 'many.ndjson:11: kein Lead ("id" fehlt); übersprungen');
  assert.match(io.out, /^1 Leads simuliert/m);
  assert.match(
    io.out,
    /^25 von 26 Zeile\(n\) übersprungen: keine Leads \(oben nicht mitgezählt\)\.$/m,
  );
  assert.match(io.out, /^Oben sind nur die ersten 10 aufgeführt\.$/m);
});
