// The BUILT command as it ships: bin/crmkit.mjs running dist/ with plain Node (no tsx, no export
// conditions), so the workspace's @crmkit/* packages resolve to their built dist/ too. `npm test`
// builds first; on its own this test needs `npm run build` (it fails, it does not skip, without one).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/crmkit.mjs', import.meta.url));
const distMain = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Runs the built bin with plain node from the repository root. */
function crmkit(...args: string[]) {
  const env = {...process.env};
  delete env.NODE_OPTIONS; // nothing may bring tsx or the @crmkit/source condition in
  // The output follows LC_ALL/LANG; what is asserted below is the English.
  env.LANG = 'C';
  delete env.LC_ALL;
  return spawnSync(process.execPath, [bin, ...args], {cwd: repoRoot, env, encoding: 'utf8'});
}

test('the built CLI runs with plain node: --version, validate plugins/reject-lead', () => {
  assert.ok(
    existsSync(distMain),
    `${distMain} is missing: the built CLI has not been built. Run \`npm run build\` at the ` +
      `repository root (or \`npx rollup -c packages/cli/rollup.config.mjs\`) first.`,
  );
  const pkg = JSON.parse(readFileSync(`${cliDir}/package.json`, 'utf8'));

  const version = crmkit('--version');
  assert.equal(version.stderr, '');
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${pkg.version}\n`);

  const validate = crmkit('validate', 'plugins/reject-lead');
  assert.equal(validate.status, 0, `stdout:\n${validate.stdout}\nstderr:\n${validate.stderr}`);
  assert.match(validate.stdout, /plugin\.json: OK, dev\.crmkit\.reject-lead /);
});
