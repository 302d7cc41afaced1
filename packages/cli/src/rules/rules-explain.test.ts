import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo} from './capture-io.js';
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
  assert.match(io.out, /✓ wahr {2}✗ falsch {2}– nicht ausgewertet\n$/);
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
  r = await run(['rules/lead-assignment.json', '--lead', leadFile, '--mode', 'team']);
  assert.deepEqual([r.code, /--mode must be user, mixed or book/.test(r.err)], [2, true]);
  r = await run(['rules/lead-assignment.json', '--lead', join(dir, 'list.json')]);
  assert.deepEqual([r.code, /must hold one lead/.test(r.err)], [2, true]);
});
