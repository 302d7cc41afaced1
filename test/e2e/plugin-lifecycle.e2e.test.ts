// End to end, issue 11's "Done when": a plugin's whole life on the real host in Chromium. Anna uploads
// two packages that `crmkit pack` wrote (reject-lead, after uninstalling the seeded copy, and the
// lead-panel fixture), sees what each may do and consents by enabling them; max uses both on Lead
// Detail; a disabled plugin disappears for him; an upgrade that asks for more stays pending until anna
// accepts it; and a privilege taken from his role is refused by the server and hidden by the page.
// The tests run in order: each one starts where the one before left the host.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Locator, Page} from 'playwright-core';
import type {Lead} from '@crmkit/sdk';
import {packCommand} from '../../packages/cli/src/pack-command.js';
import {axeViolations, startE2eHost, type E2eHost} from './start-e2e-host.js';

const REJECT_LEAD_DIR = fileURLToPath(new URL('../../plugins/reject-lead/', import.meta.url));
const LEAD_PANEL_DIR = fileURLToPath(new URL('../fixtures/plugins/lead-panel/', import.meta.url));
const REJECT_LEAD = 'dev.crmkit.reject-lead';

interface Manifest {
  id: string;
  version: string;
  displayName: {en: string; de: string};
  elements: Array<{tag: string; extensionPoint: string}>;
  permissions: string[];
  $schema?: string;
}

interface PagePlugin {
  id: string;
  version: string;
  manifest: Manifest;
  isolation: 'frame' | 'page';
}

let e2e: E2eHost;
let work: string;
/** The packages, as `crmkit pack` wrote them. */
const tgz = {rejectLead: '', panel: '', panelUpgrade: ''};
/** The lead-panel fixture's manifest: its id, names and the tag of its panel element. */
let panel: {id: string; de: string; en: string; tag: string};
/** Two Qualified leads: one max rejects, one he later may no longer reject. */
let leads: Lead[];

/** Runs `crmkit pack <dir> --out <out> --json` in-process and answers the written .tgz's path. */
async function pack(dir: string, out: string): Promise<string> {
  const printed: string[] = [];
  const io = {
    stdout: (t: string) => void printed.push(t),
    stderr: (t: string) => void printed.push(t),
    cwd: out,
    isTTY: false,
  };
  const code = await packCommand([dir, '--out', out, '--json'], io);
  assert.equal(code, 0, printed.join(''));
  return (JSON.parse(printed.join('')) as {file: string}).file;
}

/** A copy of the plugin folder `dir` with its manifest changed, packed. */
async function packChanged(dir: string, change: Partial<Manifest>): Promise<string> {
  const copy = mkdtempSync(join(work, `${basename(dir)}-`));
  cpSync(dir, copy, {recursive: true});
  const manifest = JSON.parse(readFileSync(join(copy, 'plugin.json'), 'utf8')) as Manifest;
  delete manifest.$schema; // relative to the checkout; the copy lives elsewhere
  writeFileSync(join(copy, 'plugin.json'), JSON.stringify({...manifest, ...change}, null, 2));
  return pack(copy, work);
}

before(async () => {
  e2e = await startE2eHost();
  work = mkdtempSync(join(tmpdir(), 'crmkit-lifecycle-e2e-'));
  const manifest = JSON.parse(
    readFileSync(join(LEAD_PANEL_DIR, 'plugin.json'), 'utf8'),
  ) as Manifest;
  const element = manifest.elements.find((e) => e.extensionPoint === 'lead.detail.panel');
  assert.ok(element, 'the lead-panel fixture declares an element at lead.detail.panel');
  assert.deepEqual(manifest.permissions, ['leads.read']);
  panel = {id: manifest.id, ...manifest.displayName, tag: element.tag};
  tgz.rejectLead = await pack(REJECT_LEAD_DIR, work);
  tgz.panel = await pack(LEAD_PANEL_DIR, work);
  tgz.panelUpgrade = await packChanged(LEAD_PANEL_DIR, {
    version: '0.2.0',
    permissions: ['leads.read', 'leads.qualify'],
  });
  const qualified = await e2e.rest('max', 'GET', '/api/leads?status=Qualified');
  leads = (qualified.body as Lead[]).slice(0, 2);
  assert.equal(leads.length, 2, 'the demo data has two Qualified leads');
});

after(async () => {
  await e2e?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

const plugins = (page: Page) => page.getByRole('region', {name: 'Plugins'});
const card = (page: Page, name: string) => plugins(page).getByRole('article', {name});
const status = (scope: Locator | Page, text: string) =>
  scope.getByRole('status').getByText(text, {exact: true});

/** What max's pages load (`GET /api/plugins`): the enabled plugins, by id. */
async function pagePlugins(): Promise<Map<string, PagePlugin>> {
  const {status: code, body} = await e2e.rest('max', 'GET', '/api/plugins');
  assert.equal(code, 200);
  return new Map((body as PagePlugin[]).map((p) => [p.id, p]));
}

/** The accessible-ish name of what has the focus. */
const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());

/** Waits until `<crm-plugin-host>` on Lead Detail finished loading the enabled plugins. */
async function pluginsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const host = document.querySelector('crm-plugin-host') as
      (HTMLElement & {loading?: boolean}) | null;
    return Boolean(host && host.loading === false);
  });
}

/** Drops `file` on the plugins section's drop zone, as a drag from the desktop would. */
async function dropFile(page: Page, file: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({name, bytes}) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, {type: 'application/gzip'}));
      return transfer;
    },
    {name: basename(file), bytes: [...readFileSync(file)]},
  );
  const zone = plugins(page).locator('.drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, {dataTransfer});
  }
}

describe('a plugin from upload to use, upgrade and revoked privilege', () => {
  test('anna uninstalls the seeded reject-lead, after a confirm step she can cancel', async () => {
    const page = await e2e.open('/admin', 'anna', 'en');
    const rejectLead = card(page, 'Reject Lead');
    await rejectLead.getByRole('button', {name: 'Uninstall', exact: true}).click();
    await rejectLead
      .getByText('Uninstall Reject Lead? The installation and every stored version are removed.')
      .waitFor();
    // The least destructive choice has the focus; cancelling changes nothing.
    assert.equal(await focusedText(page), 'Cancel');
    await page.keyboard.press('Enter');
    assert.equal(await focusedText(page), 'Uninstall');
    assert.ok((await pagePlugins()).has(REJECT_LEAD));

    await rejectLead.getByRole('button', {name: 'Uninstall', exact: true}).click();
    await rejectLead.getByRole('button', {name: 'Yes, uninstall Reject Lead'}).click();
    await status(plugins(page), 'The plugin Reject Lead is uninstalled.').waitFor();
    assert.equal(await rejectLead.count(), 0);
    const listed = (await e2e.rest('anna', 'GET', '/api/admin/plugins')).body as PagePlugin[];
    assert.ok(!listed.some((p) => p.id === REJECT_LEAD));
    assert.ok(!(await pagePlugins()).has(REJECT_LEAD));
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('anna uploads reject-lead with the keyboard and the panel by drag and drop; both show disabled with their permissions', async () => {
    const page = await e2e.open('/admin', 'anna', 'de');
    const section = plugins(page);
    // Keyboard only: from the section's heading, Tab reaches the picker, Space opens it, Tab and
    // Enter install.
    await section.getByRole('heading', {name: 'Plugins', level: 2}).focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.id)) === 'package-file') break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'package-file');
    // The picker is reached by Tab (above); the file is then given to it as a chooser would (the
    // native chooser's opening on Space is the browser's, and flaky with parallel headless runs).
    await section.locator('#package-file').setInputFiles(tgz.rejectLead);
    await section
      .getByRole('status')
      .getByText(`Ausgewählt: ${basename(tgz.rejectLead)}`)
      .waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focusedText(page), 'Installieren');
    await page.keyboard.press('Enter');
    await status(
      section,
      `Das Plugin ${REJECT_LEAD} 0.1.0 ist installiert und deaktiviert. Prüfen Sie unten seine Berechtigungen und aktivieren Sie es dann.`,
    ).waitFor();
    // The focus lands on the new plugin, where anna reviews and enables it.
    assert.equal(await focusedText(page), 'Lead zurückweisen');

    await dropFile(page, tgz.panel);
    await section
      .getByRole('status')
      .getByText(`Ausgewählt: ${basename(tgz.panel)}`)
      .waitFor();
    await section.getByRole('button', {name: 'Installieren', exact: true}).click();
    await status(
      section,
      `Das Plugin ${panel.id} 0.1.0 ist installiert und deaktiviert. Prüfen Sie unten seine Berechtigungen und aktivieren Sie es dann.`,
    ).waitFor();

    for (const [name, permissions, point] of [
      ['Lead zurückweisen', ['Leads lesen', 'Leads zurückweisen'], 'lead.detail.actions'],
      [panel.de, ['Leads lesen'], 'lead.detail.panel'],
    ] as const) {
      const plugin = card(page, name);
      assert.equal(await plugin.locator('[data-field="status"] dd').innerText(), 'Deaktiviert');
      assert.equal(await plugin.locator('[data-field="version"] dd').innerText(), '0.1.0');
      const listed = await plugin.locator('ul.permissions li').allInnerTexts();
      assert.deepEqual(
        listed.map((l) => l.replace(/\s+\S+$/, '')), // without the privilege key after the name
        permissions,
      );
      assert.ok((await plugin.locator('ul.extension-points li').allInnerTexts()).includes(point));
      // The consent is spelled out next to the button that gives it.
      const consent = `Wenn Sie ${name} aktivieren, erhält es die oben aufgeführten Berechtigungen: ${permissions.join(', ')}.`;
      await plugin.getByText(consent).waitFor();
      const enable = plugin.getByRole('button', {name: 'Aktivieren', exact: true});
      assert.equal(
        await enable.evaluate((el) =>
          document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent?.trim(),
        ),
        consent,
      );
    }
    const installed = (await e2e.rest('anna', 'GET', '/api/admin/plugins')).body as Array<{
      id: string;
      enabled: boolean;
    }>;
    assert.deepEqual(
      installed.map((p) => [p.id, p.enabled]).sort(),
      [
        [panel.id, false],
        [REJECT_LEAD, false],
      ].sort(),
    );
    const loaded = await pagePlugins();
    assert.ok(!loaded.has(REJECT_LEAD) && !loaded.has(panel.id), 'disabled: no page loads them');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('anna enables both: the consent is recorded with the permissions it grants', async () => {
    const page = await e2e.open('/admin', 'anna', 'de');
    for (const [name, permissions] of [
      ['Lead zurückweisen', 'Leads lesen, Leads zurückweisen'],
      [panel.de, 'Leads lesen'],
    ] as const) {
      const plugin = card(page, name);
      await plugin.getByRole('button', {name: 'Aktivieren', exact: true}).click();
      await status(
        plugin,
        `${name} ist aktiviert, mit den Berechtigungen: ${permissions}.`,
      ).waitFor();
      assert.equal(await plugin.locator('[data-field="status"] dd').innerText(), 'Aktiviert');
      // The button that took the focus is gone; its counterpart has it.
      assert.equal(await focusedText(page), 'Deaktivieren');
    }
    const loaded = await pagePlugins();
    assert.equal(loaded.get(REJECT_LEAD)?.version, '0.1.0');
    assert.equal(loaded.get(panel.id)?.version, '0.1.0');
    // Uploaded plugins run sandboxed by default (that is what the isolation and hostile suites
    // test, inside the frames); this file follows the lifecycle, so it marks both trusted and finds
    // their elements in the page.
    assert.equal(loaded.get(panel.id)?.isolation, 'frame');
    for (const id of [REJECT_LEAD, panel.id]) {
      const trusted = await e2e.rest('anna', 'PUT', `/api/admin/plugins/${id}`, {trusted: true});
      assert.equal(trusted.status, 200);
    }
    for (const [id, permissions] of [
      [REJECT_LEAD, ['leads.read', 'leads.reject']],
      [panel.id, ['leads.read']],
    ] as const) {
      const audit = await e2e.rest('anna', 'GET', `/api/admin/audit?pluginId=${id}`);
      const enabled = (audit.body as Array<{action: string; data: {permissions?: string[]}}>).find(
        (e) => e.action === 'plugin.enabled',
      );
      assert.deepEqual(enabled?.data.permissions, permissions);
    }
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('max rejects a Qualified lead with the reject-lead dialog and sees the panel', async () => {
    const lead = leads[0]!;
    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await pluginsLoaded(page);
    // The panel shows, under its heading in max's language (what the fixture renders).
    await page.locator(panel.tag).getByRole('heading', {name: panel.de}).waitFor();
    await page.getByRole('button', {name: 'Zurückweisen', exact: true}).click();
    await page
      .getByRole('combobox', {name: 'Zurückweisungscode'})
      .selectOption({label: 'Sonstige'});
    await page
      .getByRole('textbox', {name: 'Zurückweisungsgrund'})
      .fill('Über das neu hochgeladene Plugin zurückgewiesen.');
    await page.getByRole('button', {name: 'Zurückweisung bestätigen'}).click();
    await page.getByRole('region', {name: 'Zurückweisung'}).waitFor();
    const stored = await e2e.rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(stored.body.status, 'Rejected');
    assert.equal(stored.body.rejection.rejectedBy.id, 'max');
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('anna disables the panel and it disappears for max; enabling it again brings it back', async () => {
    const admin = await e2e.open('/admin', 'anna', 'de');
    const plugin = card(admin, panel.de);
    await plugin.getByRole('button', {name: 'Deaktivieren', exact: true}).click();
    await status(plugin, `${panel.de} ist deaktiviert: Die Seiten laden es nicht mehr.`).waitFor();
    assert.ok(!(await pagePlugins()).has(panel.id));

    const lead = leads[1]!;
    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await pluginsLoaded(page);
    await page.getByRole('button', {name: 'Zurückweisen', exact: true}).waitFor();
    assert.equal(await page.locator(panel.tag).count(), 0, 'no panel of a disabled plugin');
    await page.context().close();

    await plugin.getByRole('button', {name: 'Aktivieren', exact: true}).click();
    await status(
      plugin,
      `${panel.de} ist aktiviert, mit den Berechtigungen: Leads lesen.`,
    ).waitFor();
    assert.equal((await pagePlugins()).get(panel.id)?.version, '0.1.0');
    assert.deepEqual(e2e.errorsOf(admin), []);
    await admin.context().close();
  });

  test('an upgrade that asks for more stays pending (max keeps 0.1.0) until anna accepts it; she can roll back', async () => {
    const page = await e2e.open('/admin', 'anna', 'en');
    const section = plugins(page);
    await section.getByLabel('Plugin package (.tgz)').setInputFiles(tgz.panelUpgrade);
    await section.getByRole('button', {name: 'Install', exact: true}).click();
    await status(
      section,
      `Version 0.2.0 of ${panel.id} is stored. It runs only once you upgrade to it below; version 0.1.0 keeps running.`,
    ).waitFor();
    const plugin = card(page, panel.en);
    await plugin
      .getByText('Version 0.2.0 adds the permissions: Qualify Leads. Upgrading grants them.')
      .waitFor();
    assert.equal(await plugin.locator('[data-field="version"] dd').innerText(), '0.1.0');

    // Pending: pages still get 0.1.0 with its one permission, and the host refuses the switch
    // without the consent to what it adds.
    const pending = (await pagePlugins()).get(panel.id);
    assert.equal(pending?.version, '0.1.0');
    assert.deepEqual(pending?.manifest.permissions, ['leads.read']);
    const unconsented = await e2e.rest('anna', 'PUT', `/api/admin/plugins/${panel.id}`, {
      version: '0.2.0',
    });
    assert.equal(unconsented.status, 409);
    assert.equal(unconsented.body.code, 'permissions-not-accepted');
    assert.deepEqual(unconsented.body.added, ['leads.qualify']);
    assert.equal((await pagePlugins()).get(panel.id)?.version, '0.1.0');

    await plugin.getByRole('button', {name: 'Upgrade to 0.2.0'}).click();
    await status(plugin, `${panel.en} now runs version 0.2.0.`).waitFor();
    assert.equal(await plugin.locator('[data-field="version"] dd').innerText(), '0.2.0');
    assert.ok((await plugin.locator('ul.permissions').innerText()).includes('Qualify Leads'));
    const upgraded = (await pagePlugins()).get(panel.id);
    assert.equal(upgraded?.version, '0.2.0');
    assert.deepEqual(upgraded?.manifest.permissions, ['leads.read', 'leads.qualify']);

    await plugin.getByRole('button', {name: 'Roll back to 0.1.0'}).click();
    await status(plugin, `${panel.en} runs version 0.1.0 again.`).waitFor();
    assert.equal((await pagePlugins()).get(panel.id)?.version, '0.1.0');
    // Offered again, with nothing left to consent to: anna accepted its permissions already.
    await plugin.getByRole('button', {name: 'Upgrade to 0.2.0'}).waitFor();
    await plugin.getByText('Version 0.2.0 adds no permissions.').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test("taking Reject Leads from the Sales Rep role makes max's next reject a 403 and hides his Reject action", async () => {
    const admin = await e2e.open('/admin', 'anna', 'de');
    const roles = admin.getByRole('region', {name: 'Rollen und Berechtigungen'});
    await roles.getByRole('checkbox', {name: 'Leads zurückweisen: Vertriebsmitarbeiter'}).uncheck();
    await roles.getByRole('button', {name: 'Speichern Vertriebsmitarbeiter'}).click();
    await status(roles, 'Die Rolle Vertriebsmitarbeiter ist gespeichert.').waitFor();
    await admin.context().close();

    const lead = leads[1]!;
    const refused = await e2e.rest('max', 'POST', `/api/leads/${lead.id}/reject`, {
      rejectCode: 'DUPLICATE',
      reassignOwner: false,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'missing-privilege');
    assert.equal((await e2e.rest('max', 'GET', `/api/leads/${lead.id}`)).body.status, 'Qualified');

    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await pluginsLoaded(page);
    // The panel (Read Leads) still shows; the action that needs Reject Leads is gone.
    await page.locator(panel.tag).getByRole('heading', {name: panel.de}).waitFor();
    assert.equal(await page.getByRole('button', {name: 'Zurückweisen', exact: true}).count(), 0);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });
});
