// crmkit install against the REAL dev host (SQLite in a temp file, the demo data): a package that
// crmkit pack wrote from the built reject-lead plugin is uploaded as anna (plugins.manage), shows in the
// admin's plugin list disabled, is enabled with --enable (audited as anna's consent), another version
// is stored beside it and switched to with --enable; max (no plugins.manage), a file that is not a
// package and a version clash are refused with exit 1 and the host's own problem.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {captureIo} from '../../packages/cli/src/rules/capture-io.js';
import {
  installCommand,
  type InstalledPlugin,
  type InstallFailure,
  type InstallSummary,
} from '../../packages/cli/src/install-command.js';
import {packCommand, type PackSummary} from '../../packages/cli/src/pack-command.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REJECT_LEAD_DIR = join(REPO_ROOT, 'plugins/reject-lead');
const ID = 'dev.crmkit.reject-lead';

let host: DevHost;
let work: string;
let savedToken: string | undefined;

before(async () => {
  // The seed installs the built plugin, and the packages below are packed from it.
  if (!existsSync(join(REJECT_LEAD_DIR, 'dist/index.js'))) {
    const build = spawnSync('npx', ['rollup', '-c', 'plugins/reject-lead/rollup.config.mjs'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
  }
  work = mkdtempSync(join(tmpdir(), 'crmkit-install-it-'));
  host = await startDevHost({port: 0, db: join(work, 'crmkit.sqlite')});
  savedToken = process.env.CRMKIT_TOKEN;
  delete process.env.CRMKIT_TOKEN;
});
after(async () => {
  await host?.close();
  if (work) rmSync(work, {recursive: true, force: true});
  if (savedToken !== undefined) process.env.CRMKIT_TOKEN = savedToken;
});

/**
 * Packs a copy of the built reject-lead plugin with crmkit pack, at `version` (and a README of its
 * own, so that two packages of one version can differ), and answers the pack's summary.
 */
async function packRejectLead(version: string, readme = 'Packed for the crmkit install test.') {
  const copy = mkdtempSync(join(work, `reject-lead-${version}-`));
  cpSync(join(REJECT_LEAD_DIR, 'dist'), join(copy, 'dist'), {recursive: true});
  const manifest = JSON.parse(readFileSync(join(REJECT_LEAD_DIR, 'plugin.json'), 'utf8'));
  delete manifest.$schema; // relative to the checkout; the copy lives elsewhere
  writeFileSync(join(copy, 'plugin.json'), JSON.stringify({...manifest, version}, null, 2));
  writeFileSync(join(copy, 'README.md'), `# Reject Lead\n\n${readme}\n`);
  const io = captureIo({cwd: copy});
  assert.equal(await packCommand(['.', '--out', copy, '--json'], io), 0, io.out + io.err);
  return JSON.parse(io.out) as PackSummary;
}

/** Runs crmkit install against the dev host; answers the exit code and what it printed. */
async function install(file: string, ...args: string[]) {
  const io = captureIo({cwd: work});
  const code = await installCommand([file, '--host', host.url, ...args], io);
  return {code, out: io.out, err: io.err};
}

/** A REST call to the dev host as `token`: the status and the parsed body. */
async function rest(token: string, method: string, path: string) {
  const res = await fetch(`${host.url}${path}`, {
    method,
    headers: {authorization: `Bearer ${token}`},
  });
  const text = await res.text();
  return {status: res.status, body: text ? JSON.parse(text) : null};
}

const adminPlugin = async (): Promise<InstalledPlugin | undefined> => {
  const list = await rest('anna', 'GET', '/api/admin/plugins');
  assert.equal(list.status, 200);
  return (list.body as InstalledPlugin[]).find((p) => p.id === ID);
};

describe('crmkit install against the dev host', () => {
  let v030: PackSummary;
  let v040: PackSummary;

  before(async () => {
    v030 = await packRejectLead('0.3.0');
    v040 = await packRejectLead('0.4.0');
    // The seed installed the bundled reject-lead (enabled); without it, 0.3.0 is a new plugin.
    const removed = await rest('anna', 'DELETE', `/api/admin/plugins/${ID}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
  });

  test('as max (no plugins.manage): exit 1 with the host’s 403 and the privilege hint; nothing stored', async () => {
    const r = await install(v030.file, '--token', 'max');
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^crmkit install: the host refused the package \(http:\/\/.*\/api\/admin\/plugins\)$/m,
    );
    assert.match(r.err, /^ {2}403 .*\(missing-privilege\)$/m);
    assert.match(r.err, /plugins\.manage/);
    assert.match(
      r.err,
      /^hint: the token's user lacks the privilege plugins\.manage: use the token of an admin, or let an admin grant plugins\.manage to that user's role/m,
    );
    assert.equal(await adminPlugin(), undefined);
  });

  test('a file that is not a package: exit 1 naming invalid-plugin-package and the host’s error', async () => {
    const garbage = join(work, 'garbage.tgz');
    writeFileSync(garbage, 'this is not a gzip file\n');
    const r = await install(garbage, '--token', 'anna');
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /^ {2}422 .*\(invalid-plugin-package\)$/m);
    assert.match(r.err, /^ {2}- \(package\): .+ \[not-gzip\]$/m, r.err);
    assert.match(r.err, /^hint: the file is not a package crmkit pack wrote/m);
    const json = await install(garbage, '--token', 'anna', '--json');
    const failure = JSON.parse(json.out) as InstallFailure;
    assert.equal(failure.status, 422);
    assert.equal(failure.problem?.code, 'invalid-plugin-package');
    assert.deepEqual(
      failure.problem?.errors?.map((e) => [e.field, e.code]),
      [['', 'not-gzip']],
    );
    assert.equal(await adminPlugin(), undefined);
  });

  test('as anna: exit 0, installed disabled at 0.3.0; the admin list shows it, pages do not load it', async () => {
    const r = await install(v030.file, '--token', 'anna');
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.err, '');
    assert.match(
      r.out,
      new RegExp(
        `^Installed ${ID.replaceAll('.', '\\.')} 0\\.3\\.0 on ${host.url}: a new plugin$`,
        'm',
      ),
    );
    assert.match(r.out, /^ {2}permissions: {2}leads\.read, leads\.reject$/m);
    assert.ok(r.out.includes(`  integrity:    ${v030.integrity}\n`), r.out);
    assert.match(r.out, /^ {2}runs: {9}0\.3\.0, disabled$/m);
    assert.match(r.out, /^A new plugin is installed disabled until an admin enables it/m);

    const plugin = await adminPlugin();
    assert.ok(plugin, 'GET /api/admin/plugins lists it');
    assert.equal(plugin.version, '0.3.0');
    assert.equal(plugin.enabled, false);
    assert.equal(plugin.integrity, v030.integrity);
    assert.deepEqual(plugin.permissions, ['leads.read', 'leads.reject']);
    const pages = await rest('max', 'GET', '/api/plugins');
    assert.deepEqual(
      (pages.body as Array<{id: string}>).filter((p) => p.id === ID),
      [],
      'a disabled plugin is not given to pages',
    );
  });

  test('the same package again with --enable: nothing new stored, the plugin enabled, audited as anna’s consent', async () => {
    const r = await install(v030.file, '--token', 'anna', '--enable');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(
      r.out,
      /^dev\.crmkit\.reject-lead 0\.3\.0 was already stored on .* \(the same bytes\); nothing changed$/m,
    );
    assert.match(
      r.out,
      /^Enabled dev\.crmkit\.reject-lead 0\.3\.0, with its permissions: leads\.read, leads\.reject$/m,
    );
    const plugin = await adminPlugin();
    assert.equal(plugin?.enabled, true);
    assert.equal(plugin?.version, '0.3.0');
    assert.deepEqual(plugin?.acceptedPermissions, ['leads.read', 'leads.reject']);
    assert.equal(plugin?.versions?.length, 1);
    const audit = await rest('anna', 'GET', `/api/admin/audit?pluginId=${ID}`);
    assert.equal(audit.status, 200);
    const enabled = (
      audit.body as Array<{action: string; actor: {id: string}; data: {permissions?: string[]}}>
    ).find((a) => a.action === 'plugin.enabled');
    assert.equal(enabled?.actor.id, 'anna');
    assert.deepEqual(enabled?.data.permissions, ['leads.read', 'leads.reject']);
    const pages = await rest('max', 'GET', '/api/plugins');
    assert.ok(
      (pages.body as Array<{id: string}>).some((p) => p.id === ID),
      'pages load it now',
    );
  });

  test('another version (token from CRMKIT_TOKEN): stored beside it, what runs stays 0.3.0', async () => {
    process.env.CRMKIT_TOKEN = 'anna';
    try {
      const r = await install(v040.file, '--json');
      assert.equal(r.code, 0, r.out + r.err);
      const summary = JSON.parse(r.out) as InstallSummary;
      assert.equal(summary.status, 201);
      assert.equal(summary.upload.version, '0.4.0');
      assert.equal(summary.upload.integrity, v040.integrity);
      assert.equal(summary.plugin.version, '0.3.0');
    } finally {
      delete process.env.CRMKIT_TOKEN;
    }
    const plugin = await adminPlugin();
    assert.equal(plugin?.version, '0.3.0');
    assert.equal(plugin?.enabled, true);
    assert.deepEqual(
      plugin?.versions?.map((v) => v.version),
      ['0.4.0', '0.3.0'],
    );
  });

  test('--enable with the stored upgrade switches to it (same permissions: no new consent needed)', async () => {
    const r = await install(v040.file, '--token', 'anna', '--enable');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^Enabled dev\.crmkit\.reject-lead 0\.4\.0/m);
    const plugin = await adminPlugin();
    assert.equal(plugin?.version, '0.4.0');
    assert.equal(plugin?.enabled, true);
    assert.equal(plugin?.previousVersion, '0.3.0');
  });

  test('the same version with other bytes: exit 1, plugin-version-exists, with how to fix it', async () => {
    const clash = await packRejectLead('0.4.0', 'Other bytes, same version.');
    const r = await install(clash.file, '--token', 'anna');
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /^ {2}409 .*\(plugin-version-exists\)$/m);
    assert.match(
      r.err,
      /^hint: that version is stored with other bytes: raise "version" in plugin\.json/m,
    );
    const plugin = await adminPlugin();
    assert.equal(plugin?.integrity, v040.integrity, 'the stored 0.4.0 is unchanged');
  });

  test('in German: the host answers in German too', async () => {
    const r = await install(v030.file, '--token', 'max', '--lang', 'de');
    assert.equal(r.code, 1);
    assert.match(r.err, /^crmkit install: der Host hat das Paket abgelehnt \(/m);
    assert.match(
      r.err,
      /^Hinweis: dem Benutzer des Tokens fehlt die Berechtigung plugins\.manage/m,
    );
    const english = await install(v030.file, '--token', 'max');
    const detail = (text: string) => text.split('\n')[2];
    assert.notEqual(
      detail(r.err),
      detail(english.err),
      `the host's detail differs: ${detail(r.err)}`,
    );
  });
});
