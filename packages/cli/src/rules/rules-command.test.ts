import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesCommand} from './rules-command.js';

test('crmkit rules without a subcommand prints the usage of all four and exits 2', async () => {
  const io = captureIo();
  assert.equal(await rulesCommand([], io), 2);
  for (const sub of ['lint', 'test', 'explain', 'simulate'])
    assert.match(io.out, new RegExp(`crmkit rules ${sub} <ruleset>`));
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
  assert.match(io.err, /^crmkit rules lint: .*--frob/);
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
