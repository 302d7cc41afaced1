// End to end: the rule author's studio on the admin page, in Chromium against the real server (issue
// 14's "Done when"). Anna, on the German page, types an unknown operator into the CodeMirror editor,
// sees the German finding at its line (its click selects the place and scrolls to it), fixes it with
// the completion and the keyboard only, previews what the changed ruleset would do (the summary
// sentence with the counts the server computes), activates it, compares the versions, and rolls back
// (the previous ruleset is active again, by REST, and audited). axe-core checks the studio throughout.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Locator, Page} from 'playwright-core';
import {axeViolations, startE2eHost, type E2eHost} from './start-e2e-host.js';

let e2e: E2eHost;
before(async () => {
  e2e = await startE2eHost();
});
after(async () => {
  await e2e?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Version {
  version: number;
  active: boolean;
  activatedBy: {id: string; name: string} | null;
}

/**
 * The candidate: the demo ruleset with its first rule sending a rejected lead to the original owner's
 * manager instead of the original owner (so Jonas's leads go to his manager Sofia), and the 1-based
 * line of the shared condition's operator (`"operator": "equal"`) in its two-space JSON text.
 */
function candidateOf(active: Json): {ruleset: Json; text: string; operatorLine: number} {
  const ruleset = structuredClone(active);
  const first = ruleset.rules[0];
  assert.equal(first.name, 'rejected-to-original-owner');
  assert.equal(first.event.params.to, 'originalOwner');
  first.event.params.to = 'originalOwnerManager';
  assert.equal(ruleset.sharedConditions.isRejected.all[0].operator, 'equal');
  const text = JSON.stringify(ruleset, null, 2);
  const operatorLine = text.split('\n').findIndex((l) => l.includes('"operator": "equal"')) + 1;
  return {ruleset, text, operatorLine};
}

/** The editor's selection as the page shows it (CodeMirror draws it into the DOM selection). */
const selectedText = (page: Page) => page.evaluate(() => document.getSelection()?.toString());

/** Whether the selection's first line is inside the editor's visible (scrolled) area. */
/**
 * Whether the selection is (within 5 s) inside the editor's visible area: CodeMirror scrolls in its
 * next measure cycle (an animation frame), which a loaded machine may draw late.
 */
const selectionInView = (page: Page) =>
  page
    .waitForFunction(
      () => {
        const selection = document.getSelection();
        const scroller = document.querySelector('#rules-editor .cm-scroller');
        if (!selection?.rangeCount || !scroller) return false;
        const r = selection.getRangeAt(0).getBoundingClientRect();
        const s = scroller.getBoundingClientRect();
        return r.height > 0 && r.top >= s.top && r.bottom <= s.bottom;
      },
      undefined,
      {timeout: 5000},
    )
    .then(
      () => true,
      () => false,
    );

/** Where `text` is drawn inside `element` (CodeMirror draws a property name as bare text). */
async function textBox(element: Locator, text: string) {
  const box = await element.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const r = range.getBoundingClientRect();
      return {x: r.x, y: r.y, width: r.width, height: r.height};
    }
    return undefined;
  }, text);
  assert.ok(box, `${text} is not drawn`);
  return box;
}

/** The text of the editor line the cursor is on. */
const activeLine = (page: Page) => page.locator('#rules-editor .cm-activeLine').innerText();

/** The preview's moves as the server computes them: per (from → to) owner pair, how many leads. */
function moves(changed: Json[]): Map<string, {count: number; leads: string[]}> {
  const out = new Map<string, {count: number; leads: string[]}>();
  for (const c of changed) {
    const key = `${c.from.ownerName} → ${c.to.ownerName}`;
    const move = out.get(key) ?? {count: 0, leads: []};
    move.count++;
    move.leads.push(c.leadId);
    out.set(key, move);
  }
  return out;
}

const countCell = (row: Locator, kind: 'active' | 'candidate') =>
  row.locator(`td.${kind}`).innerText();

describe('the rule studio', () => {
  test('anna types an unknown operator, fixes it with completion, previews, activates and rolls back', async () => {
    const before = (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules')).body;
    const versionsBefore = (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules/versions'))
      .body as Version[];
    const previous = versionsBefore.find((v) => v.active);
    assert.ok(previous, 'the demo data activates a ruleset');
    const {ruleset: candidate, text, operatorLine} = candidateOf(before);
    // One recorded rejection, for the preview to replay.
    const qualified = (await e2e.rest('max', 'GET', '/api/leads?status=Qualified')).body as Json[];
    const rejected = await e2e.rest('max', 'POST', `/api/leads/${qualified[0].id}/reject`, {
      rejectCode: 'NO_BUSINESS_OPPORTUNITY',
      reassignOwner: true,
    });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));

    const page = await e2e.open('/admin', 'anna', 'de');
    const rules = page.getByRole('region', {name: 'Zuweisungsregeln'});
    // The editor keeps the textarea's accessible name.
    const editor = rules.getByRole('textbox', {name: 'Regelsatz (JSON)'});
    await editor.waitFor();
    await rules.getByText('Keine Befunde: Der Regelsatz ist in Ordnung.').waitFor();
    await editor.fill(text);

    // Anna types an unknown operator: "equals" for "equal", at the end of its value.
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < operatorLine; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // before the comma
    await page.keyboard.press('ArrowLeft'); // before the closing quote
    await page.keyboard.type('s');
    assert.equal((await activeLine(page)).trim(), '"operator": "equals",');

    // The German finding, at the operator's line and column.
    const column = text.split('\n')[operatorLine - 1]!.indexOf('"equal"') + 1;
    const findings = rules.getByRole('region', {name: 'Befunde'});
    const finding = findings.locator('li[data-code="unknown-operator"]');
    await finding.waitFor();
    await findings
      .getByRole('status')
      .getByText(/Fehler: 1, Warnungen: \d+/)
      .waitFor();
    const findingText = await finding.innerText();
    assert.match(
      findingText,
      /Fehler – Ein Operator oder Dekorator, den json-rules-engine nicht kennt\./,
    );
    assert.match(findingText, /equals/);
    const place = finding.getByRole('button', {name: `Zeile ${operatorLine}, Spalte ${column}`});
    // The editor marks the same place inline.
    await page.locator('#rules-editor .cm-lintRange-error').first().waitFor();

    // Clicking the finding scrolls to it and selects its range: the whole value.
    await editor.focus();
    await page.keyboard.press('Control+End');
    assert.equal(await selectionInView(page), true);
    await place.click();
    assert.equal(await selectedText(page), '"equals"');
    assert.equal(await selectionInView(page), true, 'the finding’s line is scrolled into view');

    // Fixed with the completion, keyboard only: the selected value goes, a quote opens a string
    // (the editor closes it), part of the operator, Enter accepts the suggestion.
    await page.keyboard.press('Delete');
    await page.keyboard.type('"');
    await page.keyboard.type('equ');
    const completions = page.getByRole('listbox', {name: 'Vorschläge'});
    await completions.getByRole('option', {name: 'equal', exact: true, selected: true}).waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.cm-tooltip-autocomplete [role=option]').length === 1,
    );
    // CodeMirror ignores Enter for 75 ms after the list changes (so that a list popping up under a
    // fast typist's Enter does not take it); a person reads the suggestion first.
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    assert.equal((await activeLine(page)).trim(), '"operator": "equal",');
    await findings.getByText('Keine Befunde: Der Regelsatz ist in Ordnung.').waitFor();

    // Hover docs from the schema, in German (on the key of the line just fixed).
    const key = await textBox(page.locator('#rules-editor .cm-activeLine'), '"operator"');
    await page.mouse.move(key.x + key.width / 2, key.y + key.height / 2, {steps: 2});
    await page
      .locator('.cm-tooltip-hover')
      .getByText('Ein json-rules-engine-Operator, auf Wunsch mit Dekorator (z. B. not:in).')
      .waitFor();
    await page.mouse.move(0, 0);

    // Tab leaves the editor (no indent-with-Tab trap).
    await editor.focus();
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => Boolean(document.activeElement?.closest('.cm-editor'))),
      false,
    );

    // The preview: the reject code defaults to OTHER, the last 100 rejections are replayed.
    const form = rules.getByRole('form', {name: 'Vorschau vor der Aktivierung'});
    assert.equal(
      await form
        .getByRole('combobox', {name: 'Zurückweisungscode für die aktuellen Leads'})
        .inputValue(),
      'OTHER',
    );
    assert.equal(
      await form
        .getByRole('spinbutton', {name: 'Die letzten N Zurückweisungen nachspielen'})
        .inputValue(),
      '100',
    );
    await form.getByRole('button', {name: 'Vorschau'}).click();
    const expected = (
      await e2e.rest(
        'anna',
        'POST',
        '/api/admin/assignment-rules/preview?rejectCode=OTHER&replay=100',
        candidate,
      )
    ).body;
    const leadMoves = moves(expected.leads.changed);
    // The demo data gives Jonas 12 such leads (the example); the figure is the server's.
    const toSofia = leadMoves.get('Jonas Weber → Sofia Romano');
    assert.ok(toSofia && toSofia.count > 0, JSON.stringify([...leadMoves]));
    const sentence =
      toSofia.count === 1
        ? '1 Lead ginge an Sofia Romano statt an Jonas Weber'
        : `${toSofia.count} Leads gingen an Sofia Romano statt an Jonas Weber`;
    const current = rules.getByRole('region', {
      name: /^Aktuelle Leads, als würden sie jetzt mit „/,
    });
    await current.getByText(sentence, {exact: true}).waitFor();
    assert.match(await current.getByRole('heading').innerText(), /„Sonstige“/);
    assert.equal(await current.locator('p.move').count(), leadMoves.size);
    // The changed leads, each a link to its Lead Detail.
    await current.getByText(`Die Leads, die an Sofia Romano statt an Jonas Weber gingen`).click();
    const links = current.getByRole('list', {name: sentence}).getByRole('link');
    assert.equal(await links.count(), Math.min(toSofia.count, 50));
    for (const id of toSofia.leads.slice(0, 3)) {
      assert.equal(
        await current.locator(`li[data-lead="${id}"] a`).getAttribute('href'),
        `/leads/${id}`,
      );
    }
    // The replayed rejections, in their own part, with the server's count.
    const replayed = rules.getByRole('region', {
      name: `Die letzten aufgezeichneten Zurückweisungen, nachgespielt (${expected.replayed.evaluated} ausgewertet)`,
    });
    assert.equal(await replayed.locator('p.move').count(), moves(expected.replayed.changed).size);
    // The chart: per rule, the active and the candidate ruleset's counts, the preview's figures.
    const chart = rules.locator('table.chart.compare');
    for (const side of ['active', 'candidate'] as const) {
      for (const rule of expected[side].rules as Array<{name: string; matched: number}>) {
        const row = chart.locator(`tr[data-rule="${rule.name}"]`);
        assert.equal(Number(await countCell(row, side)), rule.matched, `${side} ${rule.name}`);
      }
      const fallback = chart.locator('tr.fallback');
      assert.equal(Number(await countCell(fallback, side)), expected[side].unassignedOwner);
    }
    assert.deepEqual(await axeViolations(page), []);

    // Activate: a new version, by anna.
    await rules.getByRole('button', {name: 'Aktivieren'}).click();
    await rules.getByText('Der Regelsatz ist aktiv.').waitFor();
    assert.deepEqual(
      (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules')).body,
      candidate,
    );
    const afterActivate = (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules/versions'))
      .body as Version[];
    const activated = afterActivate[0]!;
    assert.equal(activated.active, true);
    assert.equal(activated.activatedBy?.id, 'anna');
    assert.ok(activated.version > previous.version);
    const versions = rules.locator('table.versions');
    await versions.locator(`tr[data-version="${activated.version}"].active`).waitFor();

    // The diff of the last activation: the first rule's target.
    const diff = rules.getByRole('form', {name: 'Unterschiede zeigen'});
    assert.equal(
      await diff.getByRole('combobox', {name: 'Version vergleichen'}).inputValue(),
      String(previous.version),
    );
    assert.equal(
      await diff.getByRole('combobox', {name: 'mit Version'}).inputValue(),
      String(activated.version),
    );
    await diff.getByRole('button', {name: 'Unterschiede zeigen'}).click();
    const changes = rules.getByRole('region', {
      name: `Version ${previous.version} → Version ${activated.version}: Zeilen hinzugefügt: 1, entfernt: 1.`,
    });
    // allInnerTexts does not wait: the diff first (a busy machine renders it later than the click).
    await changes.locator('.diff-line.removed').first().waitFor();
    await changes.locator('.diff-line.added').first().waitFor();
    const removedLines = await changes.locator('.diff-line.removed').allInnerTexts();
    const addedLines = await changes.locator('.diff-line.added').allInnerTexts();
    assert.equal(removedLines.length, 1);
    assert.match(removedLines[0]!, /^−\s*entfernt:\s+"to": "originalOwner"$/);
    assert.equal(addedLines.length, 1);
    assert.match(addedLines[0]!, /^\+\s*hinzugefügt:\s+"to": "originalOwnerManager"$/);

    // Roll back to the previous version, with a confirm step.
    await versions.getByRole('button', {name: `Version ${previous.version} ansehen`}).click();
    const viewed = rules.getByRole('article', {name: `Version ${previous.version}`});
    await viewed.getByRole('button', {name: 'Auf diese Version zurücksetzen'}).click();
    const confirm = viewed.getByRole('group');
    await confirm
      .getByText(`Den Regelsatz von Version ${previous.version} wieder aktivieren?`, {exact: false})
      .waitFor();
    // The focus is on the confirmation, so Enter confirms.
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      `Ja, auf Version ${previous.version} zurücksetzen`,
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.keyboard.press('Enter');
    // The answer first: read before it, the versions could still be the ones before the rollback.
    const status = rules
      .getByRole('status')
      .getByText(
        new RegExp(
          `Der Regelsatz von Version ${previous.version} ist wieder aktiv, als Version \\d+\\.`,
        ),
      );
    await status.waitFor();
    const rolledBack = (await e2e.rest('anna', 'GET', '/api/admin/assignment-rules/versions'))
      .body as Version[];
    assert.match(
      (await status.textContent()) ?? '',
      new RegExp(`als Version ${rolledBack[0]!.version}\\.$`),
    );

    // By REST: the previous ruleset is active again, as a new version; the audit trail says so.
    assert.deepEqual((await e2e.rest('anna', 'GET', '/api/admin/assignment-rules')).body, before);
    assert.equal(rolledBack[0]!.active, true);
    assert.ok(rolledBack[0]!.version > activated.version);
    const restored = (
      await e2e.rest(
        'anna',
        'GET',
        `/api/admin/assignment-rules/versions/${rolledBack[0]!.version}`,
      )
    ).body;
    assert.deepEqual(restored.ruleset, before);
    const audit = (await e2e.rest('anna', 'GET', '/api/admin/audit?userId=anna&limit=10'))
      .body as Array<{action: string; data: Json}>;
    const entry = audit.find((e) => e.action === 'assignment-rules.rolled-back');
    assert.ok(entry, JSON.stringify(audit.map((e) => e.action)));
    assert.equal(entry.data.restoredFrom, previous.version);
    await versions.locator(`tr[data-version="${rolledBack[0]!.version}"].active`).waitFor();

    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });

  test('a preview of a ruleset with errors is refused with the host’s findings; each selects its place', async () => {
    const page = await e2e.open('/admin', 'anna', 'en');
    const rules = page.getByRole('region', {name: 'Assignment rules'});
    const editor = rules.getByRole('textbox', {name: 'Ruleset (JSON)'});
    await editor.waitFor();
    // Only the host knows its users: the page's linter finds nothing, the host's finds "nobody".
    const text = '{\n  "recordType": "lead",\n  "unassignedOwner": "nobody",\n  "rules": []\n}\n';
    await editor.fill(text);
    await rules.getByRole('button', {name: 'Preview'}).click();
    const alert = rules.getByRole('alert');
    await alert.getByText('The ruleset in the editor has errors').waitFor();
    // The page asks in English; the same request by REST in English gives the texts to compare.
    const refused = await e2e.rest(
      'anna',
      'POST',
      '/api/admin/assignment-rules/preview',
      {recordType: 'lead', unassignedOwner: 'nobody', rules: []},
      {'accept-language': 'en'},
    );
    assert.equal(refused.status, 422);
    for (const error of refused.body.errors as Array<{message: string}>) {
      assert.ok((await alert.innerText()).includes(error.message), error.message);
    }
    await alert
      .getByRole('button', {name: /^Line 3, column \d+$/})
      .first()
      .click();
    assert.equal(await selectedText(page), '"nobody"');
    // Nothing is shown as a preview, and nothing changed.
    assert.equal(await rules.locator('.preview-result').count(), 0);
    assert.deepEqual(e2e.errorsOf(page), []);
    await page.context().close();
  });
});
