// End to end: the dev host's pages in headless Chromium against the real server and SQLite. A user
// rejects a lead through the reject-lead plugin mounted on Lead Detail; the server enforces the
// privileges again; the result is what is stored.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright-core';
import type {Lead} from '@crmkit/sdk';
import {startE2eHost, type E2eHost} from './start-e2e-host.js';

let e2e: E2eHost;
/** Qualified demo leads, handed out one per test so that the tests do not depend on each other. */
let qualified: Lead[] = [];
const nextQualifiedLead = (): Lead => {
  const lead = qualified.shift();
  assert.ok(lead, 'the demo data ran out of Qualified leads');
  return lead;
};

before(async () => {
  e2e = await startE2eHost();
  const {status, body} = await e2e.rest('anna', 'GET', '/api/leads?status=Qualified');
  assert.equal(status, 200);
  qualified = body as Lead[];
  assert.ok(
    qualified.length >= 6,
    `expected at least 6 Qualified demo leads, got ${qualified.length}`,
  );
});

after(async () => {
  await e2e?.close();
});

/** The Lead Detail page's own fields (not the plugin's), by `data-field`. */
const field = (page: Page, section: 'lead-fields' | 'lead-rejection', name: string) =>
  page.locator(`#${section} [data-field="${name}"] dd`);

/** Waits until `<crm-plugin-host>` finished loading the installed plugins. */
async function pluginsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const host = document.querySelector('crm-plugin-host') as
      (HTMLElement & {loading?: boolean; registry?: {plugins: readonly unknown[]}}) | null;
    return Boolean(host && host.loading === false && host.registry?.plugins.length);
  });
}

/** What has the focus, looking into shadow roots: its tag and accessible-ish name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const labels = (el as HTMLInputElement | null)?.labels;
    const name =
      el?.getAttribute('aria-label') ??
      (labels?.length ? labels[0]?.textContent : el?.textContent) ??
      '';
    return {tag: el?.tagName.toLowerCase() ?? '', name: name.replace(/\s+/g, ' ').trim()};
  });

/** Presses Tab until the focused element's name matches (at most 40 times). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (name.test((await focused(page)).name)) return;
  }
  throw new Error(`Tab never reached ${name}; focus is on ${JSON.stringify(await focused(page))}`);
}

interface RejectLabels {
  reject: string;
  code: string;
  reason: string;
  reassign: string;
  confirm: string;
}
const LABELS: Record<'de' | 'en', RejectLabels> = {
  de: {
    reject: 'Zurückweisen',
    code: 'Zurückweisungscode',
    reason: 'Zurückweisungsgrund',
    reassign: 'Verantwortlichen neu zuweisen',
    confirm: 'Zurückweisung bestätigen',
  },
  en: {
    reject: 'Reject',
    code: 'Reject Code',
    reason: 'Reject Reason',
    reassign: 'Reassign Owner',
    confirm: 'Confirm Reject',
  },
};

/** Opens the Reject Lead dialog from the action at `lead.detail.actions` and fills it in. */
async function fillRejectForm(
  page: Page,
  lang: 'de' | 'en',
  input: {code: string; reason?: string; reassign?: boolean},
): Promise<void> {
  const l = LABELS[lang];
  await pluginsLoaded(page);
  await page.getByRole('button', {name: l.reject, exact: true}).click();
  // selectOption waits until the codes the plugin loads from the host include the wanted one.
  const code = page.getByRole('combobox', {name: l.code});
  await code.selectOption({label: input.code});
  if (input.reason !== undefined)
    await page.getByRole('textbox', {name: l.reason}).fill(input.reason);
  if (input.reassign) await page.getByRole('checkbox', {name: l.reassign}).check();
}

describe('rejecting a lead on Lead Detail', () => {
  test('max rejects a Qualified lead in German with Sonstige, a reason and Verantwortlichen neu zuweisen', async () => {
    const lead = nextQualifiedLead();
    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await page.getByRole('heading', {level: 1, name: /Lead-Details/}).waitFor();
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Qualifiziert');

    const reason = 'Firma wurde übernommen, Ansprechpartner ist weg.';
    await fillRejectForm(page, 'de', {code: 'Sonstige', reason, reassign: true});
    await page.getByRole('button', {name: LABELS.de.confirm}).click();

    // Lead-Details now shows the rejection: Zurückgewiesen, by Max Müller, Sonstige, the reason.
    await page.getByRole('region', {name: 'Zurückweisung'}).waitFor();
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Zurückgewiesen');
    assert.equal(await field(page, 'lead-rejection', 'rejected-by').textContent(), 'Max Müller');
    assert.equal(await field(page, 'lead-rejection', 'reject-code').textContent(), 'Sonstige');
    assert.equal(await field(page, 'lead-rejection', 'reject-reason').textContent(), reason);
    assert.match(
      (await field(page, 'lead-rejection', 'rejected-at').textContent()) ?? '',
      /\d{1,2}\. \p{L}+ \d{4}/u,
      'the date is written the German way',
    );

    // What is stored: the server's answer on a fresh read.
    const stored = await e2e.rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(stored.body.status, 'Rejected');
    assert.equal(stored.body.rejection.code, 'OTHER');
    assert.equal(stored.body.rejection.reason, reason);
    assert.equal(stored.body.rejection.rejectedBy.id, 'max');
    assert.equal(stored.body.version, lead.version + 1);
    // The new owner the Assignment Manager chose is the one shown.
    const newOwner = (await field(page, 'lead-rejection', 'new-owner').textContent()) ?? '';
    assert.ok(stored.body.ownerName, 'the stored lead names its owner');
    assert.ok(newOwner.includes(stored.body.ownerName), `new owner shown: ${newOwner}`);
    assert.equal(await field(page, 'lead-fields', 'owner').textContent(), stored.body.ownerName);

    // A reload shows the same from the database.
    await page.reload();
    await field(page, 'lead-rejection', 'reject-code').waitFor();
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Zurückgewiesen');
    assert.equal(await field(page, 'lead-rejection', 'reject-reason').textContent(), reason);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('the same in English: Other, a reason, Reassign Owner', async () => {
    const lead = nextQualifiedLead();
    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'en');
    await page.getByRole('heading', {level: 1, name: /Lead Detail/}).waitFor();
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Qualified');

    const reason = 'Company was acquired; the contact left.';
    await fillRejectForm(page, 'en', {code: 'Other', reason, reassign: true});
    await page.getByRole('button', {name: LABELS.en.confirm}).click();

    await page.getByRole('region', {name: 'Rejection'}).waitFor();
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Rejected');
    assert.equal(await field(page, 'lead-rejection', 'rejected-by').textContent(), 'Max Müller');
    assert.equal(await field(page, 'lead-rejection', 'reject-code').textContent(), 'Other');
    assert.equal(await field(page, 'lead-rejection', 'reject-reason').textContent(), reason);
    assert.match(
      (await field(page, 'lead-rejection', 'rejected-at').textContent()) ?? '',
      /\p{L}+ \d{1,2}, \d{4}/u,
      'the date is written the English way',
    );
    const stored = await e2e.rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(stored.body.status, 'Rejected');
    assert.equal(stored.body.rejection.code, 'OTHER');
    const newOwner = (await field(page, 'lead-rejection', 'new-owner').textContent()) ?? '';
    assert.ok(newOwner.includes(stored.body.ownerName), `new owner shown: ${newOwner}`);
    // Showing the rejection did not make the page load its plugins again: one load of the stored
    // entry, and no manifest fetched from anywhere (it comes with GET /api/plugins).
    const loads = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    assert.equal(
      loads.filter((path) => path === '/plugins/dev.crmkit.reject-lead/0.1.0/index.js').length,
      1,
    );
    assert.deepEqual(
      loads.filter((path) => path.endsWith('/plugin.json')),
      [],
    );
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('lena sees no Reject action, and a raw REST reject as lena is refused with 403', async () => {
    const lead = nextQualifiedLead();
    const page = await e2e.open(`/leads/${lead.id}`, 'lena', 'de');
    await page.getByRole('heading', {level: 1, name: /Lead-Details/}).waitFor();
    await pluginsLoaded(page);
    assert.equal(await field(page, 'lead-fields', 'status').textContent(), 'Qualifiziert');
    const nothingOffered = 'Für diesen Lead stehen Ihnen keine Aktionen zur Verfügung.';
    await page.getByText(nothingOffered).waitFor();
    assert.equal(
      await page.getByRole('button', {name: LABELS.de.reject, exact: true}).count(),
      0,
      'lena must not be offered Reject',
    );
    // The same check as max, at the same moment after loading, does find the action.
    const asMax = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await pluginsLoaded(asMax);
    assert.equal(await asMax.getByRole('button', {name: LABELS.de.reject, exact: true}).count(), 1);
    assert.equal(await asMax.getByText(nothingOffered).count(), 0);
    await asMax.context().close();

    // The server does not trust the page: lena's own request is refused and changes nothing.
    const refused = await e2e.rest('lena', 'POST', `/api/leads/${lead.id}/reject`, {
      rejectCode: 'DUPLICATE',
      reassignOwner: false,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'missing-privilege');
    const after = await e2e.rest('lena', 'GET', `/api/leads/${lead.id}`);
    assert.equal(after.body.status, 'Qualified');
    assert.equal(after.body.version, lead.version);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('with Book mode set by anna on the admin page, Reassign Owner is disabled', async () => {
    const admin = await e2e.open('/admin', 'anna', 'en');
    try {
      const section = admin.getByRole('region', {name: 'Ownership mode of leads'});
      await section.getByRole('radio', {name: 'Book'}).check();
      await section.getByRole('button', {name: 'Save'}).click();
      await section.getByText('Saved.').waitFor();
      const settings = await e2e.rest('max', 'GET', '/api/settings/lead');
      assert.equal(settings.body.ownershipMode, 'book');

      const lead = nextQualifiedLead();
      const page = await e2e.open(`/leads/${lead.id}`, 'max', 'en');
      await fillRejectForm(page, 'en', {code: 'Duplicate'});
      const reassign = page.getByRole('checkbox', {name: LABELS.en.reassign});
      assert.equal(await reassign.isDisabled(), true);
      assert.equal(await reassign.isChecked(), false);
      assert.deepEqual(e2e.errorsOf(page), []);
      await page.context().close();

      // Back to Mixed through the page: Reassign Owner is offered again.
      await section.getByRole('radio', {name: 'Mixed'}).check();
      await section.getByRole('button', {name: 'Save'}).click();
      await section.getByText('Saved.').waitFor();
      const again = await e2e.open(`/leads/${lead.id}`, 'max', 'en');
      await fillRejectForm(again, 'en', {code: 'Duplicate'});
      assert.equal(
        await again.getByRole('checkbox', {name: LABELS.en.reassign}).isDisabled(),
        false,
      );
      await again.context().close();
      assert.deepEqual(e2e.errorsOf(admin), []);
    } finally {
      await e2e.rest('anna', 'PUT', '/api/admin/settings/lead', {ownershipMode: 'mixed'});
      await admin.context().close();
    }
  });

  test('a second user rejecting the same lead gets the conflict message, and what they typed stays', async () => {
    const lead = nextQualifiedLead();
    const sofia = await e2e.open(`/leads/${lead.id}`, 'sofia', 'en');
    const max = await e2e.open(`/leads/${lead.id}`, 'max', 'de');
    await fillRejectForm(sofia, 'en', {code: 'Duplicate'});
    const reason = 'Meldet sich nicht zurück.';
    await fillRejectForm(max, 'de', {code: 'Kontakt nicht erreicht', reason});

    await sofia.getByRole('button', {name: LABELS.en.confirm}).click();
    await sofia.getByRole('region', {name: 'Rejection'}).waitFor();
    assert.equal(await field(sofia, 'lead-rejection', 'rejected-by').textContent(), 'Sofia Romano');

    await max.getByRole('button', {name: LABELS.de.confirm}).click();
    const alert = max
      .getByRole('alert')
      .filter({hasText: /nicht mehr qualifiziert|Jemand anderes/});
    await alert.waitFor();
    assert.equal(await max.getByRole('textbox', {name: LABELS.de.reason}).inputValue(), reason);

    // Sofia's rejection is the one stored, once.
    const stored = await e2e.rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(stored.body.rejection.rejectedBy.id, 'sofia');
    assert.equal(stored.body.rejection.code, 'DUPLICATE');
    assert.equal(stored.body.version, lead.version + 1);
    assert.deepEqual(e2e.errorsOf(sofia), []);
    assert.deepEqual(e2e.errorsOf(max), []);
    await sofia.context().close();
    await max.context().close();
  });

  test('keyboard only: from the page to a confirmed rejection without the mouse', async () => {
    const lead = nextQualifiedLead();
    const page = await e2e.open(`/leads/${lead.id}`, 'max', 'en');
    await pluginsLoaded(page);
    await tabTo(page, /^Reject$/);
    await page.keyboard.press('Enter');
    // The dialog opens with the focus on its first field, the Reject Code.
    await page.waitForFunction(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.tagName === 'SELECT' && (el as HTMLSelectElement).options.length > 1;
    });
    await page.keyboard.type('Other');
    await tabTo(page, /Reject Reason/);
    await page.keyboard.type('Typed with the keyboard only.');
    await tabTo(page, /Reassign Owner/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Confirm Reject$/);
    await page.keyboard.press('Enter');
    await page.getByRole('region', {name: 'Rejection'}).waitFor();
    assert.equal(await field(page, 'lead-rejection', 'reject-code').textContent(), 'Other');
    assert.equal(
      await field(page, 'lead-rejection', 'reject-reason').textContent(),
      'Typed with the keyboard only.',
    );
    await field(page, 'lead-rejection', 'new-owner').waitFor();
    // Escape closes the dialog; the lead is Rejected now, so there is no Reject to return to (it is
    // offered on Qualified leads only) and the focus goes to the rejection.
    await page.keyboard.press('Escape');
    assert.equal((await focused(page)).name, 'Rejection');
    assert.equal(await page.getByRole('button', {name: 'Reject', exact: true}).count(), 0);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('attack: a swapped entry on the wire does not run; the stored integrity refuses it and nothing is offered', async () => {
    const lead = nextQualifiedLead();
    const context = await e2e.browser.newContext({locale: 'en-US'});
    // Whoever serves or relays the plugin's files (a proxy, a CDN, a compromised static server)
    // answers with other bytes, as if the plugin's server had changed the file after the install.
    await context.route('**/plugins/dev.crmkit.reject-lead/*/index.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: 'window.swapped = true; customElements.define("crm-reject-lead", class extends HTMLElement {});',
      }),
    );
    const fetchedManifests: string[] = [];
    context.on('request', (r) => {
      if (r.url().endsWith('/plugin.json')) fetchedManifests.push(r.url());
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${e2e.url}/leads/${lead.id}?as=max&lang=en`);
    await page.waitForFunction(() => {
      const host = document.querySelector('crm-plugin-host') as
        (HTMLElement & {loading?: boolean; failures?: readonly unknown[]}) | null;
      return Boolean(host && host.loading === false && host.failures?.length);
    });
    const failure = await page.evaluate(() => {
      const host = document.querySelector('crm-plugin-host') as HTMLElement & {
        failures: ReadonlyArray<{error: {code: string}}>;
        registry?: {plugins: readonly unknown[]};
      };
      return {
        codes: host.failures.map((f) => f.error.code),
        registered: host.registry?.plugins.length ?? 0,
        swapped: (window as {swapped?: boolean}).swapped ?? false,
      };
    });
    assert.deepEqual(failure, {codes: ['integrity-mismatch'], registered: 0, swapped: false});
    assert.equal(await page.getByRole('button', {name: 'Reject', exact: true}).count(), 0);
    // The page took the manifest from the host's store (GET /api/plugins), from no file anywhere.
    assert.deepEqual(fetchedManifests, []);
    const stored = await e2e.rest('max', 'GET', `/api/leads/${lead.id}`);
    assert.equal(stored.body.status, 'Qualified');
    await context.close();
  });
});
