import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesCommand} from './rules-command.js';
import {rulesExplain} from './rules-explain.js';

let dir: string;
let leadFile: string;
const lead = {
  id: 'L-1',
  status: 'Rejected',
  ownerId: 'jonas',
  originalOwnerId: 'petra',
  region: 'EMEA',
  rating: 'B',
  source: 'Web',
  rejectCode: 'OTHER',
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-explain-'));
  leadFile = join(dir, 'lead.json');
  writeFileSync(leadFile, JSON.stringify(lead));
  writeFileSync(join(dir, 'list.json'), '[1]');
});
after(() => rmSync(dir, {recursive: true, force: true}));

test('explains each rule and condition with the values seen, exit 0', async () => {
  const io = captureIo();
  assert.equal(await rulesExplain(['rules/lead-assignment.json', '--lead', leadFile], io), 0);
  const lines = io.out.split('\n');
  assert.equal(
    lines[0],
    'Lead L-1: status "Rejected", ownerId "jonas", originalOwnerId "petra", region "EMEA", rating "B", source "Web", rejectCode "OTHER"',
  );
  assert.equal(
    lines[1],
    'Decision: assigned to sofia by rule "rejected-to-original-owners-manager"',
  );
  // petra is inactive: the first rule matches but does not apply.
  assert.match(
    io.out,
    /^1\. rejected-to-original-owner → originalOwner: matched, but its target does not resolve \(original owner "petra" is inactive\); evaluation continues$/m,
  );
  assert.match(
    io.out,
    /^2\. rejected-to-original-owners-manager → originalOwnerManager: matched → assigned to sofia$/m,
  );
  assert.match(io.out, /^ +✗ lead \$\.source in \["Referral","Partner"\]: saw "Web"$/m);
  // Rules after the winner: the decision never reached them; the trace shows what each would do.
  assert.match(
    io.out,
    /^3\. other-reason-to-owners-manager → ownerManager: not evaluated: an earlier rule had already assigned the lead \(on its own this rule would match\)$/m,
  );
  assert.match(
    io.out,
    /^4\. high-value-to-sales-manager → user sofia: not evaluated: an earlier rule had already assigned the lead \(on its own this rule would not match\)$/m,
  );
});

test('--lang de explains in German, with the reason a target did not resolve', async () => {
  const io = captureIo();
  const argv = ['rules/lead-assignment.json', '--lead', leadFile, '--lang', 'de'];
  assert.equal(await rulesExplain(argv, io), 0);
  assert.match(
    io.out,
    /^Entscheidung: sofia zugewiesen durch Regel „rejected-to-original-owners-manager“$/m,
  );
  assert.match(
    io.out,
    /^1\. rejected-to-original-owner → originalOwner: trifft zu, aber ihr Ziel ergibt keinen Benutzer \(ursprünglicher Besitzer „petra“ ist inaktiv\); die Auswertung geht weiter$/m,
  );
  assert.match(io.out, /^ +✗ lead \$\.source in \["Referral","Partner"\]: gesehen "Web"$/m);
  assert.match(
    io.out,
    /^3\. other-reason-to-owners-manager → ownerManager: nicht ausgewertet: eine frühere Regel hat den Lead schon zugewiesen \(für sich allein träfe diese Regel zu\)$/m,
  );
  assert.match(
    io.out,
    /^4\. .*: nicht ausgewertet: .*\(für sich allein träfe diese Regel nicht zu\)$/m,
  );
  assert.match(io.out, /✓ wahr {2}✗ falsch {2}– nicht ausgewertet\n$/);
  assert.doesNotMatch(io.out, /matched|did not match|Decision|assigned to|saw /);
});

test('--json gives the decision and the trace of every rule', async () => {
  const io = captureIo();
  assert.equal(
    await rulesExplain(['rules/lead-assignment.json', '--lead', leadFile, '--json'], io),
    0,
  );
  const result = JSON.parse(io.out);
  assert.equal(result.ownerId, 'sofia');
  assert.equal(result.rule, 'rejected-to-original-owners-manager');
  assert.equal(result.trace.rules.length, 6);
  assert.deepEqual(
    result.trace.rules.map((r: {matched: boolean}) => r.matched),
    [true, true, true, false, false, false],
  );
});

test('Book mode is refused with its code, exit 1', async () => {
  const io = captureIo();
  const argv = ['explain', 'rules/lead-assignment.json', '--lead', leadFile, '--mode', 'book'];
  assert.equal(await rulesCommand(argv, io), 1);
  assert.match(io.err, /reassign-not-allowed-in-book-mode/);
});

test('usage errors exit 2', async () => {
  const run = async (argv: string[]) => {
    const io = captureIo();
    return {code: await rulesCommand(['explain', ...argv], io), err: io.err};
  };
  let r = await run(['rules/lead-assignment.json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /give one ruleset and --lead <file>/);
  r = await run(['rules/lead-assignment.json', '--lead', leadFile, '--now', 'yesterday']);
  assert.deepEqual([r.code, /--now must be an ISO 8601 time/.test(r.err)], [2, true]);
  r = await run(['rules/lead-assignment.json', '--lead', leadFile, '--now', '2026-03-02 09:30']);
  assert.deepEqual([r.code, /--now must be an ISO 8601 time/.test(r.err)], [2, true]);
  r = await run(['rules/lead-assignment.json', '--lead', leadFile, '--now', '2026-03-02T09:30:00']);
  assert.deepEqual([r.code, /has no time zone/.test(r.err)], [2, true]);
  r = await run(['rules/lead-assignment.json', '--lead']);
  assert.deepEqual(
    [r.code, r.err],
    [2, 'crmkit rules explain: --lead needs a value, e.g. --lead lead.json\n'],
  );
  r = await run(['rules/lead-assignment.json', '--lead', leadFile, '--mode', 'team']);
  assert.deepEqual([r.code, /--mode must be user, mixed or book/.test(r.err)], [2, true]);
  r = await run(['rules/lead-assignment.json', '--lead', join(dir, 'list.json')]);
  assert.deepEqual([r.code, /must hold one lead/.test(r.err)], [2, true]);
});

/** Writes a ruleset (and the shipped users beside it) into the scratch folder; answers its path. */
function scratchRuleset(name: string, ruleset: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(ruleset));
  writeFileSync(join(dir, 'users.json'), readFileSync(join(REPO_ROOT, 'rules/users.json')));
  return file;
}

test('--now is the time the rules see: the now fact shows in the trace, and the decision follows it', async () => {
  const ruleset = scratchRuleset('clock.json', {
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'mornings-to-anna',
        conditions: {all: [{fact: 'now', path: '$.hourUtc', operator: 'lessThan', value: 12}]},
        event: {type: 'assign', params: {to: 'user', userId: 'anna'}},
      },
    ],
  });
  let io = captureIo();
  assert.equal(
    await rulesExplain([ruleset, '--lead', leadFile, '--now', '2026-03-02T09:30:00Z'], io),
    0,
  );
  assert.match(io.out, /^Now: 2026-03-02T09:30:00\.000Z$/m);
  assert.match(io.out, /^Decision: assigned to anna by rule "mornings-to-anna"$/m);
  assert.match(io.out, /^ +✓ now \$\.hourUtc lessThan 12: saw 9$/m);
  io = captureIo();
  const argv = [ruleset, '--lead', leadFile, '--now', '2026-03-02T15:00+01:00', '--lang', 'de'];
  assert.equal(await rulesExplain(argv, io), 0);
  assert.match(io.out, /^Jetzt: 2026-03-02T14:00:00\.000Z$/m);
  assert.match(
    io.out,
    /^Entscheidung: keine Regel hat zugewiesen; der Verantwortliche für nicht zugewiesene Leads, lead-desk, erhält den Lead$/m,
  );
  assert.match(io.out, /^1\. mornings-to-anna → Benutzer anna: trifft nicht zu$/m);
  assert.match(io.out, /^ +✗ now \$\.hourUtc lessThan 12: gesehen 14$/m);
  io = captureIo();
  await rulesExplain([ruleset, '--lead', leadFile, '--now', '2026-03-02T09:30:00Z', '--json'], io);
  assert.equal(JSON.parse(io.out).now, '2026-03-02T09:30:00.000Z');
});

test('a rule after the winner that cannot be evaluated on this lead is "not evaluated", with why, in both languages', async () => {
  const ruleset = scratchRuleset('failing-later.json', {
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'rejected-to-sofia',
        conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'sofia'}},
      },
      {
        name: 'reason-in-budget',
        conditions: {
          all: [{fact: 'lead', path: '$.rejectReason', operator: 'swap:in', value: 'budget'}],
        },
        event: {type: 'assign', params: {to: 'user', userId: 'max'}},
      },
    ],
  });
  let io = captureIo();
  assert.equal(await rulesExplain([ruleset, '--lead', leadFile], io), 0);
  assert.match(
    io.out,
    /^2\. reason-in-budget → user max: not evaluated: an earlier rule had already assigned the lead, and on its own this rule cannot be evaluated for this lead: Rule "reason-in-budget" cannot be evaluated: .+$/m,
  );
  assert.match(io.out, /^ +– lead \$\.rejectReason swap:in "budget": not evaluated$/m);
  io = captureIo();
  assert.equal(await rulesExplain([ruleset, '--lead', leadFile, '--lang', 'de'], io), 0);
  assert.match(
    io.out,
    /^2\. reason-in-budget → Benutzer max: nicht ausgewertet: eine frühere Regel hat den Lead schon zugewiesen, und für sich allein lässt sich diese Regel für diesen Lead nicht auswerten: Die Regel „reason-in-budget“ lässt sich nicht auswerten: .+$/m,
  );
  assert.match(io.out, /^ +– lead \$\.rejectReason swap:in "budget": nicht ausgewertet$/m);
});

test('--lang de: Book mode and a ruleset with errors are reported in German', async () => {
  let io = captureIo();
  const argv = ['explain', 'rules/lead-assignment.json', '--lead', leadFile, '--mode', 'book'];
  assert.equal(await rulesCommand([...argv, '--lang', 'de'], io), 1);
  assert.match(
    io.err,
    /^crmkit rules explain: reassign-not-allowed-in-book-mode: Der Datensatztyp Lead verwendet den Verantwortlichkeitsmodus Buch/,
  );
  const bad = scratchRuleset('broken.json', {recordType: 'lead', rules: []});
  io = captureIo({cwd: dir});
  assert.equal(await rulesCommand(['explain', bad, '--lead', leadFile, '--lang', 'de'], io), 1);
  assert.match(io.err, /^broken\.json:1:1: Fehler [a-z-]+: .*"unassignedOwner"/m);
  assert.match(
    io.err,
    /^broken\.json hat Fehler; beheben Sie sie zuerst \(crmkit rules lint broken\.json\)\.$/m,
  );
  io = captureIo({cwd: dir});
  assert.equal(await rulesCommand(['explain', bad, '--lead', leadFile], io), 1);
  assert.match(io.err, /^broken\.json has errors; fix them first/m);
});
