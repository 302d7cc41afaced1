// crmkit rules deploy and pull against the REAL dev host (SQLite, the demo data), started the way
// test/cli/crmkit-install.test.ts starts it: a ruleset deployed as anna (assignment.manage) becomes the
// active version and pulls back identical; a ruleset with lint errors is refused before anything is
// sent; one the host refuses (its users differ from the local ones) prints the host's 422 field errors
// in the language asked for; max (no assignment.manage) gets the host's 403; the active version never
// changes on a refusal.
import {after, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {captureIo} from '../../packages/cli/src/rules/capture-io.js';
import {rulesCommand} from '../../packages/cli/src/rules/rules-command.js';
import type {RulesDeploySummary} from '../../packages/cli/src/rules/rules-deploy.js';
import type {RulesHostFailure} from '../../packages/cli/src/rules/host-report.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHIPPED = JSON.parse(readFileSync(join(REPO_ROOT, 'rules/lead-assignment.json'), 'utf8'));

let host: DevHost;
let work: string;
let savedToken: string | undefined;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'crmkit-rules-host-'));
  host = await startDevHost({port: 0, db: join(work, 'crmkit.sqlite')});
  savedToken = process.env.CRMKIT_TOKEN;
});
after(async () => {
  await host?.close();
  if (work) rmSync(work, {recursive: true, force: true});
  if (savedToken === undefined) delete process.env.CRMKIT_TOKEN;
  else process.env.CRMKIT_TOKEN = savedToken;
});
// No test may see the developer's own token.
beforeEach(() => {
  delete process.env.CRMKIT_TOKEN;
});

/** Runs `crmkit rules <argv…>` in the scratch folder; answers the exit code and what it printed. */
async function rules(...argv: string[]) {
  const io = captureIo({cwd: work});
  const code = await rulesCommand(argv, io);
  return {code, out: io.out, err: io.err};
}

/** The versions the host lists (newest first), as anna. */
async function versions(): Promise<
  Array<{version: number; active: boolean; activatedBy: {id: string} | null}>
> {
  const res = await fetch(`${host.url}/api/admin/assignment-rules/versions`, {
    headers: {authorization: 'Bearer anna'},
  });
  assert.equal(res.status, 200);
  return (await res.json()) as Array<{
    version: number;
    active: boolean;
    activatedBy: {id: string} | null;
  }>;
}
const activeVersion = async () => (await versions()).find((v) => v.active)?.version;

/** A ruleset file in the scratch folder, written as pull writes JSON (two spaces, final newline). */
function rulesetFile(name: string, ruleset: unknown): string {
  writeFileSync(join(work, name), `${JSON.stringify(ruleset, null, 2)}\n`);
  return name;
}

describe('crmkit rules deploy and pull against the dev host', () => {
  // The shipped ruleset with another description: the deployed version is told apart from the seed's.
  const edited = {...SHIPPED, description: 'Deployed by the crmkit rules deploy test.'};
  let deployed: number;

  test('deploy as anna: exit 0, prints the new active version; the host lists it as anna’s', async () => {
    const before = await activeVersion();
    assert.equal(typeof before, 'number', 'the seed activates a ruleset');
    const file = rulesetFile('edited.json', edited);
    const r = await rules('deploy', file, '--host', host.url, '--token', 'anna');
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.err, '');
    const listed = await versions();
    deployed = listed[0]!.version;
    assert.ok(deployed > before!);
    assert.deepEqual([listed[0]!.active, listed[0]!.activatedBy?.id], [true, 'anna']);
    assert.equal(r.out, `Deployed edited.json to ${host.url}: version ${deployed} is active.\n`);
  });

  test('pull: the active ruleset comes back identical, on stdout and with --output', async () => {
    const sent = readFileSync(join(work, 'edited.json'), 'utf8');
    let r = await rules('pull', '--host', host.url, '--token', 'anna');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(r.out, sent, 'byte for byte: nothing else on stdout');
    r = await rules('pull', '--host', host.url, '--token', 'anna', '--output', 'pulled.json');
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(work, 'pulled.json'), 'utf8'), sent);
    assert.equal(
      r.out,
      `Wrote the active ruleset (version ${deployed}) of ${host.url} to pulled.json.\n`,
    );
    // The shipped file is formatted by Prettier; its content comes back the same, reformatted.
    r = await rules('pull', '--host', host.url, '--token', 'anna', '--version', String(deployed));
    assert.deepEqual(JSON.parse(r.out), edited);
  });

  test('pull --version n: an older version, and one that does not exist (the host’s 404, exit 1)', async () => {
    const oldest = (await versions()).at(-1)!.version;
    let r = await rules('pull', '--host', host.url, '--token', 'anna', '--version', String(oldest));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), SHIPPED, 'the seed activated the shipped ruleset');
    r = await rules(
      'pull',
      ...['--host', host.url, '--token', 'anna', '--version', String(oldest), '--output', 'v.json'],
    );
    assert.equal(r.out, `Wrote version ${oldest} of the ruleset of ${host.url} to v.json.\n`);
    r = await rules('pull', '--host', host.url, '--token', 'anna', '--version', '999');
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^crmkit rules pull: the host refused to send the ruleset \(http:.*\/versions\/999\)$/m,
    );
    assert.match(r.err, /^ {2}404 Not found \(not-found\)$/m);
    assert.match(r.err, /^ {2}There is no ruleset version "999"\./m);
    assert.match(r.err, /^hint: the host has no such version: leave out --version/m);
  });

  test('a ruleset with lint errors: exit 1 with the findings, nothing sent, the active version unchanged', async () => {
    const before = await versions();
    const bad = structuredClone(edited);
    bad.rules[0].conditions = {
      all: [{fact: 'lead', path: '$.status', operator: 'equals', value: 'Rejected'}],
    };
    const file = rulesetFile('bad.json', bad);
    const r = await rules('deploy', file, '--host', host.url, '--token', 'anna');
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.out, '');
    assert.match(r.err, /^bad\.json:\d+:\d+: error unknown-operator: Unknown operator "equals"\./m);
    assert.match(r.err, /^bad\.json: not deployed, 1 error; nothing was sent to the host\.$/m);
    assert.deepEqual(await versions(), before);
    const de = await rules('deploy', file, '--host', host.url, '--token', 'anna', '--lang', 'de');
    assert.equal(de.code, 1);
    assert.match(
      de.err,
      /^bad\.json:\d+:\d+: Fehler unknown-operator: Unbekannter Operator "equals"\./m,
    );
    assert.match(
      de.err,
      /^bad\.json: nicht aktiviert, 1 Fehler; nichts wurde an den Host gesendet\.$/m,
    );
    assert.deepEqual(await versions(), before);
  });

  test('a ruleset the host refuses (422): its field paths and messages, in --lang; the active version unchanged', async () => {
    const before = await versions();
    // Valid against a local users file that knows "ghost"; the host's users do not.
    const ghostly = structuredClone(edited);
    ghostly.rules[0].event = {type: 'assign', params: {to: 'user', userId: 'ghost'}};
    const file = rulesetFile('ghostly.json', ghostly);
    const users = JSON.parse(readFileSync(join(REPO_ROOT, 'rules/users.json'), 'utf8'));
    writeFileSync(
      join(work, 'ghost-users.json'),
      JSON.stringify([...users, {id: 'ghost', managerId: null, active: true}]),
    );
    const argv = [
      'deploy',
      file,
      '--host',
      host.url,
      '--token',
      'anna',
      '--users',
      'ghost-users.json',
    ];
    let r = await rules(...argv);
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^crmkit rules deploy: the host refused the ruleset \(http:.*\/api\/admin\/assignment-rules\)$/m,
    );
    assert.match(r.err, /^ {2}422 .* \(invalid-ruleset\)$/m);
    assert.match(
      r.err,
      /^ {2}- \/rules\/0\/event\/params\/userId \(ghostly\.json:\d+:\d+\): .*"ghost".* \[unresolvable-target\]$/m,
    );
    assert.match(r.err, /^hint: fix the errors above \(the host lints with its own users/m);
    assert.deepEqual(await versions(), before);
    r = await rules(...argv, '--lang', 'de');
    assert.equal(r.code, 1);
    assert.match(r.err, /^crmkit rules deploy: der Host hat den Regelsatz abgelehnt/m);
    assert.match(r.err, /^ {2}Die Regeln wurden nicht aktiviert: 1 Fehler/m);
    assert.match(
      r.err,
      /^ {2}- \/rules\/0\/event\/params\/userId \(ghostly\.json:\d+:\d+\): Die Regel „rejected-to-original-owner“ weist „ghost“ zu, der kein bekannter Benutzer ist\..* \[unresolvable-target\]$/m,
    );
    assert.match(r.err, /^Hinweis: beheben Sie die Fehler oben/m);
    const json = await rules(...argv, '--json');
    const failure = JSON.parse(json.out) as RulesHostFailure;
    assert.deepEqual(
      [failure.ok, failure.step, failure.status, failure.problem?.code],
      [false, 'deploy', 422, 'invalid-ruleset'],
    );
    assert.deepEqual(await versions(), before);
  });

  test('as max (no assignment.manage): exit 1 with the host’s 403 text; nothing changed', async () => {
    const before = await versions();
    const r = await rules('deploy', 'edited.json', '--host', host.url, '--token', 'max');
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /^ {2}403 Missing privilege \(missing-privilege\)$/m);
    assert.match(r.err, /^ {2}.*Max Müller.*assignment\.manage.*$/m);
    assert.match(r.err, /^hint: the token's user lacks the privilege assignment\.manage/m);
    const de = await rules('pull', '--host', host.url, '--token', 'max', '--lang', 'de');
    assert.equal(de.code, 1);
    assert.equal(de.out, '');
    assert.match(
      de.err,
      /^ {2}Max Müller \(Vertriebsmitarbeiter\) fehlt das Recht assignment\.manage/m,
    );
    assert.match(
      de.err,
      /^Hinweis: dem Benutzer des Tokens fehlt die Berechtigung assignment\.manage/m,
    );
    assert.deepEqual(await versions(), before);
  });

  test('the token from CRMKIT_TOKEN; an unknown token is the host’s 401; --json prints the version', async () => {
    process.env.CRMKIT_TOKEN = 'no-such-token';
    let r = await rules('pull', '--host', host.url);
    assert.equal(r.code, 1);
    assert.match(r.err, /^ {2}401 .*\(unauthorized\)$/m);
    assert.match(r.err, /^hint: the host does not know the token/m);
    process.env.CRMKIT_TOKEN = 'anna';
    r = await rules('deploy', 'edited.json', '--host', host.url, '--json');
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(r.out) as RulesDeploySummary;
    assert.equal(summary.ok, true);
    assert.equal(summary.version, await activeVersion());
    assert.ok(summary.version! > deployed);
    assert.deepEqual(summary.warnings, []);
  });
});
