// End to end: the admin page against the real server: reject codes (rename, add, deactivate), assignment
// rules (findings with line numbers that select their place in the editor, upload, activation, the
// chart; the rest of the rule studio is rule-studio.e2e.test.ts), plugin packages (refused uploads
// with the host's errors, another version stored as an upgrade, a version clash), plugin settings,
// roles and users (with the last-admin refusal), the audit view, what a user without the privileges
// sees, and axe-core on every page. The whole plugin lifecycle is plugin-lifecycle.e2e.test.ts.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Page} from 'playwright-core';
import {create as createTar} from 'tar';
import {packCommand} from '../../packages/cli/src/pack-command.js';
import {axeViolations, startE2eHost, type E2eHost} from './start-e2e-host.js';

let e2e: E2eHost;
/** Plugin copies and packages of this file's tests. */
let work: string;

before(async () => {
  e2e = await startE2eHost();
  work = mkdtempSync(join(tmpdir(), 'crmkit-admin-e2e-'));
});
after(async () => {
  await e2e?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

const region = (page: Page, name: string) => page.getByRole('region', {name});
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const REJECT_LEAD = 'dev.crmkit.reject-lead';
const REJECT_LEAD_DIR = fileURLToPath(new URL('../../plugins/reject-lead/', import.meta.url));

interface Plugin {
  id: string;
  version: string;
  enabled: boolean;
  permissions: string[];
}

/**
 * Packs a copy of the built reject-lead plugin with `crmkit pack`, its version and README changed (so
 * that the bytes differ from the installed package), and answers the .tgz's path.
 */
async function packRejectLead(dir: string, change: {version: string; readme: string}) {
  const copy = mkdtempSync(join(dir, 'reject-lead-'));
  cpSync(join(REJECT_LEAD_DIR, 'dist'), join(copy, 'dist'), {recursive: true});
  const manifest = JSON.parse(readFileSync(join(REJECT_LEAD_DIR, 'plugin.json'), 'utf8'));
  delete manifest.$schema; // relative to the repository; the copy lives elsewhere
  writeFileSync(join(copy, 'plugin.json'), JSON.stringify({...manifest, version: change.version}));
  writeFileSync(join(copy, 'README.md'), `# Reject Lead\n\n${change.readme}\n`);
  const out: string[] = [];
  const io = {stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t)};
  const code = await packCommand([copy, '--out', copy, '--json'], {...io, cwd: dir, isTTY: false});
  assert.equal(code, 0, out.join(''));
  return (JSON.parse(out.join('')) as {file: string}).file;
}

/** A gzipped tar of `files` (path → text), for packages that `crmkit pack` would refuse to write. */
async function tgz(files: Record<string, string>): Promise<Buffer> {
  const stage = mkdtempSync(join(work, 'tgz-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(stage, path), text);
  const file = join(stage, 'package.tgz');
  await createTar({gzip: true, file, cwd: stage, portable: true}, Object.keys(files));
  return readFileSync(file);
}

/** A manifest whose id is not a reverse-DNS id: the host refuses it as invalid-manifest. */
const badManifest = JSON.stringify({
  id: 'Not A Valid Id',
  name: 'bad',
  version: '1.0.0',
  sdk: '^0.1.0',
  displayName: {en: 'Bad', de: 'Schlecht'},
  entry: 'index.js',
  elements: [],
  actions: [],
  permissions: [],
});

/** A JSON REST call like `e2e.rest`, with the host's texts in `lang` (the page's language). */
async function restIn(
  lang: 'de' | 'en',
  token: string,
  method: string,
  path: string,
  body: unknown,
) {
  const res = await fetch(`${e2e.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'accept-language': lang,
    },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return {status: res.status, body: (await res.json()) as any};
}

/** What the host answers a package upload by REST (the page must show the same). */
async function upload(bytes: Uint8Array, lang: 'de' | 'en') {
  const res = await fetch(`${e2e.url}/api/admin/plugins`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer anna',
      'content-type': 'application/gzip',
      'accept-language': lang,
    },
    body: bytes as BodyInit,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return {status: res.status, body: (await res.json()) as any};
}

describe('the admin page', () => {
  test('anna renames OTHER, adds a code and deactivates one; the picklist follows', async () => {
    const page = await e2e.open('/admin', 'anna', 'de');
    const codes = region(page, 'Zurückweisungscodes');
    await codes.getByRole('textbox', {name: 'Bezeichnung (Deutsch): OTHER'}).fill('Andere Gründe');
    await codes.getByRole('checkbox', {name: 'Aktiv: DUPLICATE'}).uncheck();

    // A key that is not one is refused on the page, with what to type instead.
    await codes.getByRole('textbox', {name: 'Schlüssel des neuen Codes'}).fill('falsche region');
    await codes.getByRole('button', {name: 'Code hinzufügen'}).click();
    await codes
      .getByRole('alert')
      .getByText('Der Schlüssel „FALSCHE REGION“ ist ungültig')
      .waitFor();

    await codes.getByRole('textbox', {name: 'Schlüssel des neuen Codes'}).fill('WRONG_REGION');
    await codes
      .getByRole('textbox', {name: 'Bezeichnung (Englisch)', exact: true})
      .fill('Wrong region');
    await codes
      .getByRole('textbox', {name: 'Bezeichnung (Deutsch)', exact: true})
      .fill('Falsche Region');
    await codes.getByRole('button', {name: 'Code hinzufügen'}).click();
    await codes.getByRole('textbox', {name: 'Bezeichnung (Deutsch): WRONG_REGION'}).waitFor();
    await codes.getByRole('button', {name: 'Speichern'}).click();
    await codes.getByText('Gespeichert.').waitFor();

    const picklist = await e2e.rest('max', 'GET', '/api/picklists/reject-codes');
    const byKey = new Map(
      (picklist.body as Array<{key: string; label: string; active: boolean}>).map((c) => [
        c.key,
        c,
      ]),
    );
    assert.equal(byKey.get('OTHER')?.label, 'Andere Gründe');
    assert.equal(byKey.get('DUPLICATE')?.active, false);
    assert.equal(byKey.get('WRONG_REGION')?.label, 'Falsche Region');
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('an invalid ruleset is refused with its findings by line and column; the active one stays', async () => {
    const before = await e2e.rest('anna', 'GET', '/api/admin/assignment-rules');
    const page = await e2e.open('/admin', 'anna', 'en');
    const rules = region(page, 'Assignment rules');
    const text = '{\n  "recordType": "lead",\n  "unassignedOwner": "nobody",\n  "rules": []\n}\n';
    // The editor (CodeMirror) keeps the textarea's accessible name.
    const editor = rules.getByRole('textbox', {name: 'Ruleset (JSON)'});
    await editor.waitFor();
    // Upload fills the editor with the file as it is.
    await rules.getByLabel('Upload a JSON file').setInputFiles({
      name: 'rules.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('#rules-editor .cm-line')]
          .map((line) => line.textContent)
          .join('\n') === expected,
      text,
    );
    await rules.getByRole('button', {name: 'Activate'}).click();
    const alert = rules.getByRole('alert');
    await alert.getByText('The ruleset was refused; the active one stays. Findings:').waitFor();
    const finding = alert.getByRole('button', {name: /^Line 3, column \d+$/});
    assert.ok((await finding.count()) >= 1, await alert.innerText());
    assert.match(await alert.innerText(), /nobody/);

    // The finding selects its place in the editor: the value at its line and column.
    await finding.first().click();
    const column = Number(/column (\d+)/.exec((await finding.first().innerText()) ?? '')?.[1]);
    const line = text.split('\n')[2]!;
    assert.equal(line.slice(column - 1), '"nobody",');
    assert.equal(await page.evaluate(() => document.getSelection()?.toString()), '"nobody"');
    assert.equal(
      await page.evaluate(() => Boolean(document.activeElement?.closest('#rules-editor'))),
      true,
      'the editor has the focus',
    );

    const still = await e2e.rest('anna', 'GET', '/api/admin/assignment-rules');
    assert.deepEqual(still.body, before.body);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('a valid ruleset is activated and the chart shows how many leads each rule takes', async () => {
    const current = await e2e.rest('anna', 'GET', '/api/admin/assignment-rules');
    const ruleset = {...current.body, description: 'Changed on the admin page.'};
    const page = await e2e.open('/admin', 'anna', 'en');
    const rules = region(page, 'Assignment rules');
    await rules
      .getByRole('textbox', {name: 'Ruleset (JSON)'})
      .fill(JSON.stringify(ruleset, null, 2));
    await rules.getByRole('button', {name: 'Activate'}).click();
    await rules.getByText('The ruleset is active.').waitFor();
    const active = await e2e.rest('anna', 'GET', '/api/admin/assignment-rules');
    assert.equal(active.body.description, 'Changed on the admin page.');

    const stats = (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules/stats')).body as {
      rules: Array<{name: string; matched: number}>;
      unassignedOwner: number;
      total: number;
    };
    const rows = rules.locator('table.chart tbody tr');
    assert.equal(await rows.count(), stats.rules.length + 1);
    for (const [i, rule] of stats.rules.entries()) {
      assert.equal(await rows.nth(i).locator('th').innerText(), rule.name);
      assert.equal(Number(await rows.nth(i).locator('td').first().innerText()), rule.matched);
    }
    const last = rows.nth(stats.rules.length);
    assert.equal(Number(await last.locator('td').first().innerText()), stats.unassignedOwner);
    assert.match(
      await rules.locator('table.chart caption').innerText(),
      new RegExp(`\\(${stats.total}\\)`),
    );
    await page.context().close();
  });

  test('a file that is not a plugin package, and a package with a bad manifest, are refused with the host text and each error; nothing is installed', async () => {
    const before = (await e2e.rest('anna', 'GET', '/api/admin/plugins')).body as unknown[];
    const page = await e2e.open('/admin', 'anna', 'en');
    const plugins = region(page, 'Plugins');
    const picker = plugins.getByLabel('Plugin package (.tgz)');
    const install = plugins.getByRole('button', {name: 'Install', exact: true});

    // Nothing chosen yet: the page says what to do and puts the focus on the picker.
    await install.click();
    await plugins.getByRole('alert').getByText('Choose a plugin package (.tgz) first').waitFor();
    assert.equal(await picker.evaluate((el) => el === document.activeElement), true);

    const notAPackage = Buffer.from('hello, I am not gzip');
    for (const [name, bytes, field] of [
      ['notes.tgz', notAPackage, undefined],
      [
        'bad-manifest.tgz',
        await tgz({'plugin.json': badManifest, 'index.js': 'export {};\n'}),
        '/plugin.json/id',
      ],
    ] as const) {
      await picker.setInputFiles({name, mimeType: 'application/gzip', buffer: bytes});
      await plugins.getByRole('status').getByText(`Chosen: ${name}`).waitFor();
      await install.click();
      const alert = plugins.getByRole('alert');
      // What the host answers the same bytes is what the page shows: its text and every error.
      const problem = await upload(bytes, 'en');
      assert.equal(problem.status, 422);
      await alert.getByText(problem.body.detail, {exact: false}).waitFor();
      const shown = await alert.innerText();
      assert.ok(problem.body.errors.length > 0);
      for (const error of problem.body.errors as Array<{field: string; message: string}>) {
        assert.ok(shown.includes(error.message), `${shown} lacks ${error.message}`);
        if (error.field)
          assert.ok(shown.includes(`${error.field}: `), `${shown} lacks ${error.field}`);
      }
      if (field) assert.ok(shown.includes(field), shown);
      // The chosen file stays chosen, to try again or pick another.
      await plugins.getByRole('status').getByText(`Chosen: ${name}`).waitFor();
    }
    assert.equal((await e2e.rest('anna', 'GET', '/api/admin/plugins')).body.length, before.length);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('another version is only stored and offered as an upgrade; the same bytes again change nothing; the same version with other bytes is refused', async () => {
    const seeded = ((await e2e.rest('anna', 'GET', '/api/admin/plugins')).body as Plugin[]).find(
      (p) => p.id === REJECT_LEAD,
    );
    assert.ok(seeded, 'the demo data installs the reject-lead plugin');
    const page = await e2e.open('/admin', 'anna', 'de');
    const plugins = region(page, 'Plugins');
    const picker = plugins.getByLabel('Plugin-Paket (.tgz)');
    const install = plugins.getByRole('button', {name: 'Installieren', exact: true});

    const next = await packRejectLead(work, {version: '0.1.1-e2e', readme: 'A newer build.'});
    await picker.setInputFiles(next);
    await install.click();
    await plugins
      .getByRole('status')
      .getByText(
        `Version 0.1.1-e2e von ${REJECT_LEAD} ist gespeichert. Sie läuft erst, wenn Sie unten darauf aktualisieren; bis dahin läuft Version ${seeded.version} weiter.`,
      )
      .waitFor();
    const card = plugins.getByRole('article', {name: 'Lead zurückweisen'});
    await card.getByRole('button', {name: 'Auf Version 0.1.1-e2e aktualisieren'}).waitFor();
    await card.getByText('Version 0.1.1-e2e fügt keine Berechtigungen hinzu.').waitFor();
    const forMax = (await e2e.rest('max', 'GET', '/api/plugins')).body as Array<{
      id: string;
      version: string;
    }>;
    assert.equal(forMax.find((p) => p.id === REJECT_LEAD)?.version, seeded.version);

    // The same bytes again: 200, nothing new.
    await picker.setInputFiles(next);
    await install.click();
    await plugins
      .getByRole('status')
      .getByText(
        `Dieses Paket (${REJECT_LEAD} 0.1.1-e2e) war schon gespeichert; nichts wurde geändert.`,
      )
      .waitFor();

    // The same id and version with other bytes: 409, in the host's words.
    const clash = await packRejectLead(work, {version: '0.1.1-e2e', readme: 'Other bytes.'});
    await picker.setInputFiles(clash);
    await install.click();
    const problem = await upload(readFileSync(clash), 'de');
    assert.equal(problem.status, 409);
    assert.equal(problem.body.code, 'plugin-version-exists');
    await plugins.getByRole('alert').getByText(problem.body.detail).waitFor();
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test("anna's plugin setting reaches the plugin: Reassign Owner starts ticked for max", async () => {
    const admin = await e2e.open('/admin', 'anna', 'de');
    const settings = admin.getByRole('form', {name: 'Einstellungen von Lead zurückweisen'});
    const preselect = settings.getByRole('checkbox', {
      name: 'Verantwortlichen neu zuweisen vorausgewählt',
    });
    assert.equal(await preselect.isChecked(), false, 'the manifest default is false');
    await preselect.check();
    await settings.getByRole('button', {name: 'Speichern'}).click();
    await settings.getByText('Gespeichert.').waitFor();
    const installed = (await e2e.rest('max', 'GET', '/api/plugins')).body as Array<{
      id: string;
      config: Record<string, unknown>;
    }>;
    assert.equal(
      installed.find((p) => p.id === 'dev.crmkit.reject-lead')?.config.reassignOwnerDefault,
      true,
    );
    await admin.context().close();

    const qualified = (await e2e.rest('max', 'GET', '/api/leads?status=Qualified')).body as Array<{
      id: string;
    }>;
    const page = await e2e.open(`/leads/${qualified[0]?.id}`, 'max', 'de');
    await page.getByRole('button', {name: 'Zurückweisen', exact: true}).click();
    const reassign = page.getByRole('checkbox', {name: 'Verantwortlichen neu zuweisen'});
    await reassign.waitFor();
    assert.equal(await reassign.isChecked(), true);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('roles: a refused save keeps the ticks as typed (last admin); a saved one applies to the next request', async () => {
    const rolesBefore = (await e2e.rest('anna', 'GET', '/api/admin/roles')).body;
    const page = await e2e.open('/admin', 'anna', 'de');
    const roles = region(page, 'Rollen und Berechtigungen');
    const adminManages = roles.getByRole('checkbox', {
      name: 'Plugins und Einstellungen verwalten: Administrator',
    });
    await adminManages.uncheck();
    await roles.getByRole('button', {name: 'Speichern Administrator'}).click();
    // The host's own words, as a REST client gets them.
    const refused = await e2e.rest('anna', 'PUT', '/api/admin/roles/administrator', {
      privileges: ['leads.read'],
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'last-admin');
    await roles.getByRole('alert').getByText(refused.body.detail).waitFor();
    assert.equal(await adminManages.isChecked(), false, 'what anna ticked stays');
    assert.deepEqual((await e2e.rest('anna', 'GET', '/api/admin/roles')).body, rolesBefore);

    const archive = roles.getByRole('checkbox', {name: 'Leads archivieren: Vertriebsmitarbeiter'});
    await archive.check();
    await roles.getByRole('button', {name: 'Speichern Vertriebsmitarbeiter'}).click();
    await roles
      .getByRole('status')
      .getByText('Die Rolle Vertriebsmitarbeiter ist gespeichert.')
      .waitFor();
    const me = await e2e.rest('max', 'GET', '/api/me');
    assert.ok(me.body.privileges.includes('leads.archive'), JSON.stringify(me.body));
    // Back as it was, for the tests after this one.
    await archive.uncheck();
    await roles.getByRole('button', {name: 'Speichern Vertriebsmitarbeiter'}).click();
    await roles
      .getByRole('status')
      .getByText('Die Rolle Vertriebsmitarbeiter ist gespeichert.')
      .waitFor();
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('users: lena gets the Sales Rep role; anna moving herself off the last admin role is refused and her choice stays', async () => {
    const page = await e2e.open('/admin', 'anna', 'en');
    const users = region(page, 'Users');
    await users.getByRole('combobox', {name: 'Role of Lena Fischer'}).selectOption('sales-rep');
    await users.getByRole('button', {name: 'Save Lena Fischer'}).click();
    await users.getByRole('status').getByText('Lena Fischer now has the role Sales Rep.').waitFor();
    const lena = await e2e.rest('lena', 'GET', '/api/me');
    assert.ok(lena.body.privileges.includes('leads.reject'), JSON.stringify(lena.body));

    const annaRole = users.getByRole('combobox', {name: 'Role of Anna Schmidt'});
    await annaRole.selectOption('marketing');
    await users.getByRole('button', {name: 'Save Anna Schmidt'}).click();
    const alert = users.getByRole('alert');
    await alert.waitFor();
    const refused = await restIn('en', 'anna', 'PUT', '/api/admin/users/anna', {
      roleId: 'marketing',
    });
    assert.equal(refused.body.code, 'last-admin');
    assert.match(await alert.innerText(), new RegExp(escapeRegExp(refused.body.detail)));
    assert.equal(await annaRole.inputValue(), 'marketing', 'what anna chose stays');
    assert.equal(
      (await e2e.rest('anna', 'GET', '/api/me')).body.privileges.includes('plugins.manage'),
      true,
    );

    await users.getByRole('combobox', {name: 'Role of Lena Fischer'}).selectOption('marketing');
    await users.getByRole('button', {name: 'Save Lena Fischer'}).click();
    await users.getByRole('status').getByText('Lena Fischer now has the role Marketing.').waitFor();
    await page.context().close();
  });

  test('the audit view lists what changed, filtered by user, plugin and lead', async () => {
    const qualified = (await e2e.rest('max', 'GET', '/api/leads?status=Qualified')).body as Array<{
      id: string;
    }>;
    const lead = qualified.at(-1)!;
    const rejected = await e2e.rest('max', 'POST', `/api/leads/${lead.id}/reject`, {
      // DUPLICATE was deactivated above; OTHER (renamed) still takes a reason.
      rejectCode: 'OTHER',
      rejectReason: 'Seen in the audit trail.',
      reassignOwner: false,
    });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));

    const page = await e2e.open('/admin', 'anna', 'en');
    const audit = region(page, 'Audit trail');
    const rows = audit.locator('table.audit tbody tr');
    await rows.first().waitFor();

    // By user and plugin: anna's changes of the reject-lead plugin (its upload and settings above).
    await audit.getByRole('combobox', {name: 'User'}).selectOption('anna');
    await audit.getByRole('combobox', {name: 'Plugin id'}).fill(REJECT_LEAD);
    await audit.getByRole('button', {name: 'Filter'}).click();
    const expected = (
      await e2e.rest('anna', 'GET', `/api/admin/audit?userId=anna&pluginId=${REJECT_LEAD}&limit=50`)
    ).body as Array<{at: string; action: string; data: unknown}>;
    assert.ok(expected.length >= 1, 'anna changed the plugin in the tests above');
    await audit
      .getByRole('status')
      .getByText(expected.length === 1 ? '1 entry' : `${expected.length} entries`)
      .waitFor();
    assert.equal(await rows.count(), expected.length);
    for (const [i, entry] of expected.entries()) {
      const cells = rows.nth(i).locator('td');
      assert.equal(await cells.nth(0).locator('time').getAttribute('datetime'), entry.at);
      assert.equal(await cells.nth(1).innerText(), 'Anna Schmidt');
      assert.equal(await cells.nth(2).innerText(), entry.action);
      assert.equal(await cells.nth(4).innerText(), REJECT_LEAD);
      assert.equal(await cells.nth(5).innerText(), JSON.stringify(entry.data));
    }

    // By lead: max's reject of it, and nothing else.
    await audit.getByRole('combobox', {name: 'User'}).selectOption('');
    await audit.getByRole('combobox', {name: 'Plugin id'}).fill('');
    await audit.getByRole('textbox', {name: 'Lead id'}).fill(lead.id);
    await audit.getByRole('button', {name: 'Filter'}).click();
    await audit.getByRole('status').getByText('1 entry').waitFor();
    const cells = rows.first().locator('td');
    assert.equal(await cells.nth(1).innerText(), 'Max Müller');
    assert.equal(await cells.nth(2).innerText(), 'lead.rejected');
    assert.equal(
      await cells.nth(3).getByRole('link', {name: lead.id}).getAttribute('href'),
      `/leads/${lead.id}`,
    );
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('max, without the admin privileges, is told which one each section needs', async () => {
    const page = await e2e.open('/admin', 'max', 'de');
    await page.getByRole('heading', {level: 1, name: 'Administration'}).waitFor();
    await page.getByRole('region', {name: 'Plugins'}).waitFor();
    const notes = page.getByText(/Für diesen Bereich brauchen Sie die Berechtigung/);
    // Ownership mode, reject codes, plugins, roles, users and the audit trail need Manage Plugins and
    // Settings; the assignment rules need Manage Assignment Rules.
    assert.equal(await notes.count(), 7);
    assert.equal(await page.getByText(/Plugins und Einstellungen verwalten/).count(), 6);
    assert.equal(await page.getByText(/Zuweisungsregeln verwalten/).count(), 1);
    assert.equal(await page.locator('main textarea, main input').count(), 0);
    await page.context().close();
  });

  test('an unknown token, a missing lead and a signed-out visitor get a clear message, not a broken page', async () => {
    const unknown = await e2e.open('/', 'nobody', 'en');
    await unknown
      .getByRole('alert')
      .getByText('The token "nobody" is not a known demo user')
      .waitFor();
    await unknown.context().close();
    const missing = await e2e.open('/leads/L-0000', 'max', 'en');
    await missing.getByRole('alert').getByText('There is no lead with the id "L-0000".').waitFor();
    await missing.getByRole('link', {name: 'Back to the lead list'}).waitFor();
    await missing.context().close();
    const signedOut = await e2e.open('/admin', '', 'de');
    await signedOut.getByText('Wählen Sie oben einen Demo-Benutzer').waitFor();
    assert.equal(await signedOut.getByRole('combobox', {name: 'Benutzer'}).inputValue(), '');
    await signedOut.context().close();
  });

  test('the lead list filters by Lead Status and explains a status that does not exist', async () => {
    const page = await e2e.open('/?status=Converted', 'max', 'de');
    await page.getByRole('table').waitFor();
    const converted = (await e2e.rest('max', 'GET', '/api/leads?status=Converted'))
      .body as unknown[];
    const statuses = await page.locator('table.leads tbody td .status').allInnerTexts();
    assert.equal(statuses.length, converted.length);
    assert.ok(statuses.length > 0 && statuses.every((s) => s === 'Konvertiert'), statuses.join());
    assert.equal(await page.getByRole('status').first().innerText(), `${converted.length} Leads`);

    await page.goto(`${e2e.url}/?status=Bogus`);
    await page
      .getByText('Es gibt keinen Lead-Status „Bogus“: Alle Leads werden angezeigt.')
      .waitFor();
    const all = (await e2e.rest('max', 'GET', '/api/leads')).body as unknown[];
    assert.equal(await page.locator('table.leads tbody tr').count(), all.length);
    await page.context().close();
  });

  test('the user and language switch changes both and keeps the status filter', async () => {
    const page = await e2e.open('/?status=Qualified', 'max', 'de');
    await page.getByRole('heading', {level: 1, name: 'Leads'}).waitFor();
    // Choosing changes nothing yet (no surprise navigation while arrowing through the options) ...
    await page.getByRole('combobox', {name: 'Sprache'}).selectOption('en');
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    // ... the Switch button does.
    await page.getByRole('button', {name: 'Wechseln'}).click();
    await page.getByRole('combobox', {name: 'User'}).waitFor();
    assert.equal(await page.getByRole('combobox', {name: 'Lead Status'}).inputValue(), 'Qualified');
    await page.getByRole('combobox', {name: 'User'}).selectOption('sofia');
    await page.getByRole('button', {name: 'Switch'}).click();
    await page.waitForURL(/as=sofia/);
    await page.getByRole('cell').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(page.url(), /status=Qualified/);
    // Remembered: the next page without parameters is still sofia in English.
    await page.goto(`${e2e.url}/admin`);
    assert.equal(await page.getByRole('combobox', {name: 'User'}).inputValue(), 'sofia');
    await page.context().close();
  });
});

describe('accessibility (axe-core)', () => {
  test('the lead list, Lead Detail with the Reject Lead dialog open, and the admin page', async () => {
    const list = await e2e.open('/', 'max', 'de');
    await list.getByRole('table').waitFor();
    assert.deepEqual(await axeViolations(list), []);

    const qualified = (await e2e.rest('max', 'GET', '/api/leads?status=Qualified')).body as Array<{
      id: string;
    }>;
    await list.goto(`${e2e.url}/leads/${qualified[0]?.id}`);
    await list.getByRole('button', {name: 'Zurückweisen', exact: true}).click();
    await list.getByRole('combobox', {name: 'Zurückweisungscode'}).waitFor();
    assert.deepEqual(await axeViolations(list), []);
    await list.context().close();

    const admin = await e2e.open('/admin', 'anna', 'en');
    await admin.locator('table.chart').waitFor();
    // The rule studio's editor is part of the page axe checks.
    await admin.getByRole('textbox', {name: 'Ruleset (JSON)'}).waitFor();
    assert.deepEqual(await axeViolations(admin), []);
    await admin.context().close();
  });
});
