import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesTest} from './rules-test.js';

let dir: string;
const shippedCases = readdirSync(join(REPO_ROOT, 'rules/tests')).filter((f) => f.endsWith('.json'));
const ruleset = join(REPO_ROOT, 'rules/lead-assignment.json');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-test-'));
  const good = JSON.parse(
    readFileSync(join(REPO_ROOT, 'rules/tests/01-original-owner-active.json'), 'utf8'),
  );
  writeFileSync(
    join(dir, 'wrong.json'),
    JSON.stringify({...good, name: 'wrong-owner', expect: {...good.expect, ownerId: 'anna'}}),
  );
  writeFileSync(join(dir, 'shapeless.json'), JSON.stringify({name: 'x', lead: {}}));
});
after(() => rmSync(dir, {recursive: true, force: true}));

test('without case files it runs every shipped case beside the ruleset; all pass, exit 0', async () => {
  const io = captureIo();
  assert.equal(await rulesTest(['rules/lead-assignment.json'], io), 0);
  const lines = io.out.trimEnd().split('\n');
  assert.ok(shippedCases.length >= 15);
  assert.equal(lines.filter((l) => l.startsWith('✓ ')).length, shippedCases.length);
  assert.equal(lines.at(-1), `${shippedCases.length} passed, 0 failed`);
  assert.match(io.out, /^✓ book-mode-refused \(rules\/tests\/09-book-mode-refused\.json\)$/m);
});

test('a failing case prints ✗ with a diff and exits 1', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesTest([ruleset, 'wrong.json'], io), 1);
  assert.equal(
    io.out,
    '✗ wrong-owner (wrong.json)\n    ownerId: expected "anna", got "max"\n0 passed, 1 failed\n',
  );
});

test('--lang de prints the diff and the summary in German', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesTest([ruleset, 'wrong.json', '--lang', 'de'], io), 1);
  assert.equal(
    io.out,
    '✗ wrong-owner (wrong.json)\n    ownerId: erwartet "anna", erhalten "max"\n0 bestanden, 1 fehlgeschlagen\n',
  );
});

test('--json reports every case with its actual decision', async () => {
  const io = captureIo({cwd: dir});
  assert.equal(await rulesTest([ruleset, 'wrong.json', '--json'], io), 1);
  const report = JSON.parse(io.out);
  assert.equal(report.failed, 1);
  assert.deepEqual(report.results[0].actual, {
    outcome: 'assigned',
    ownerId: 'max',
    rule: 'rejected-to-original-owner',
  });
});

test('a malformed case file, a missing case or no ruleset is a usage error', async () => {
  await assert.rejects(
    rulesTest([ruleset, join(dir, 'shapeless.json')], captureIo()),
    /shapeless\.json: "ownershipMode" must be "user", "mixed" or "book"; .*"expect" must be an object/,
  );
  await assert.rejects(rulesTest([ruleset, 'nope.json'], captureIo()), /no such case file/);
  const io = captureIo();
  assert.equal(await rulesTest([], io), 2);
  assert.match(io.err, /give a ruleset file/);
});

test('--lang de: a malformed case file, a missing case and the ruleset\u2019s errors in German', async () => {
  await assert.rejects(
    rulesTest([ruleset, join(dir, 'shapeless.json'), '--lang', 'de'], captureIo()),
    /shapeless\.json: "ownershipMode" muss "user", "mixed" oder "book" sein; .*"expect" muss ein Objekt sein\./,
  );
  await assert.rejects(
    rulesTest([ruleset, 'nope.json', '--lang', 'de'], captureIo()),
    /keine solche Testfall-Datei und kein solcher Ordner: .*nope\.json/,
  );
  writeFileSync(join(dir, 'bad-ruleset.json'), '{"recordType": "lead", "rules": [');
  const io = captureIo({cwd: dir});
  assert.equal(await rulesTest(['bad-ruleset.json', 'wrong.json', '--lang', 'de'], io), 1);
  assert.match(io.err, /^bad-ruleset\.json:1:\d+: Fehler invalid-json: Ungültiges JSON: /m);
  assert.match(io.err, /^bad-ruleset\.json hat Fehler; beheben Sie sie zuerst/m);
  const noRuleset = captureIo();
  assert.equal(await rulesTest(['--lang', 'de'], noRuleset), 2);
  assert.match(
    noRuleset.err,
    /^crmkit rules test: geben Sie eine Regelsatz-Datei an\.\nAufruf: crmkit rules test <Regelsatz>/,
  );
});
