// End to end: the admin page against the real server: reject codes (rename, add, deactivate), assignment
// rules (findings with line numbers, upload, activation, the chart), plugins (a refused manifest with its
// findings, an installed one), what a user without the privileges sees, and axe-core on every page.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright-core';
import {axeViolations, startE2eHost, type E2eHost} from './start-e2e-host.js';

let e2e: E2eHost;

before(async () => {
  e2e = await startE2eHost();
});
after(async () => {
  await e2e?.close();
});

const region = (page: Page, name: string) => page.getByRole('region', {name});

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
    // Upload fills the textarea with the file as it is.
    await rules.getByLabel('Upload a JSON file').setInputFiles({
      name: 'rules.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const textarea = rules.getByRole('textbox', {name: 'Ruleset (JSON)'});
    await page.waitForFunction(
      (expected) =>
        (document.getElementById('rules-text') as HTMLTextAreaElement).value === expected,
      text,
    );
    await rules.getByRole('button', {name: 'Activate'}).click();
    const alert = rules.getByRole('alert');
    await alert.getByText('The ruleset was refused; the active one stays. Findings:').waitFor();
    const finding = alert.getByRole('button', {name: /^Line 3, column \d+$/});
    assert.ok((await finding.count()) >= 1, await alert.innerText());
    assert.match(await alert.innerText(), /nobody/);

    // The finding moves the cursor to its place in the text.
    await finding.first().click();
    const column = Number(/column (\d+)/.exec((await finding.first().innerText()) ?? '')?.[1]);
    const offset = text.split('\n').slice(0, 2).join('\n').length + 1 + column - 1;
    assert.equal(await textarea.evaluate((el: HTMLTextAreaElement) => el.selectionStart), offset);

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

  test('a manifest with errors is refused with line numbers; a valid one is installed and listed', async () => {
    const page = await e2e.open('/admin', 'anna', 'en');
    const plugins = region(page, 'Plugins');
    await plugins
      .getByRole('textbox', {name: 'Manifest (URL)'})
      .fill('/plugins/sample/plugin.json');
    const manifestBox = plugins.getByRole('textbox', {name: 'Plugin manifest (plugin.json)'});
    await manifestBox.fill('{\n  "id": "Not A Valid Id",\n  "name": "sample"\n}');
    await plugins.getByRole('button', {name: 'Install'}).click();
    const alert = plugins.getByRole('alert');
    await alert.getByText('The manifest was refused:').waitFor();
    await alert.getByRole('button', {name: 'Line 2, column 9'}).waitFor();
    assert.equal((await e2e.rest('anna', 'GET', '/api/admin/plugins')).body.length, 1);
    // What was typed stays for fixing.
    assert.match(await manifestBox.inputValue(), /Not A Valid Id/);

    const served = await (await fetch(`${e2e.url}/plugins/reject-lead/plugin.json`)).json();
    const sample = {
      ...served,
      id: 'dev.crmkit.sample',
      name: 'sample',
      displayName: {en: 'Sample', de: 'Beispiel'},
      elements: [{tag: 'crm-sample-panel', extensionPoint: 'lead.detail.panel'}],
      actions: [],
    };
    delete sample.integrity;
    await manifestBox.fill(JSON.stringify(sample, null, 2));
    await plugins.getByRole('button', {name: 'Install'}).click();
    await plugins.getByText('The plugin dev.crmkit.sample is installed.').waitFor();
    await plugins.getByRole('rowheader', {name: /Sample\s+dev\.crmkit\.sample/}).waitFor();
    const installed = await e2e.rest('anna', 'GET', '/api/admin/plugins');
    assert.deepEqual((installed.body as Array<{id: string}>).map((p) => p.id).sort(), [
      'dev.crmkit.reject-lead',
      'dev.crmkit.sample',
    ]);
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

  test('max, without the admin privileges, is told which one each section needs', async () => {
    const page = await e2e.open('/admin', 'max', 'de');
    await page.getByRole('heading', {level: 1, name: 'Administration'}).waitFor();
    await page.getByRole('region', {name: 'Plugins'}).waitFor();
    const notes = page.getByText(/Für diesen Bereich brauchen Sie die Berechtigung/);
    assert.equal(await notes.count(), 4);
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
    assert.deepEqual(await axeViolations(admin), []);
    await admin.context().close();
  });
});
