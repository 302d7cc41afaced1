import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LEAD_STATUSES} from '@crmkit/sdk';
import {STRINGS_DE, STRINGS_EN, stringsFor} from './strings.js';

const keys = (o: object) => Object.keys(o).sort();

test('German and English have the same strings, none empty', () => {
  assert.deepEqual(keys(STRINGS_DE), keys(STRINGS_EN));
  for (const table of [STRINGS_DE, STRINGS_EN]) {
    for (const [key, value] of Object.entries(table)) {
      if (typeof value === 'string') assert.ok(value.trim(), key);
      else if (typeof value === 'function') assert.ok(String(value('X', 2000)).includes('X'), key);
    }
  }
});

test('every Lead Status has a label in both languages', () => {
  for (const table of [STRINGS_DE, STRINGS_EN]) {
    assert.deepEqual(keys(table.status), [...LEAD_STATUSES].sort());
  }
  assert.equal(STRINGS_DE.status.Rejected, 'Zurückgewiesen');
  assert.equal(STRINGS_DE.status.Qualified, 'Qualifiziert');
  assert.equal(STRINGS_EN.status.Rejected, 'Rejected');
});

test("the German labels are the seed's terms", () => {
  assert.equal(STRINGS_DE.title, 'Lead zurückweisen');
  assert.equal(STRINGS_DE.rejectCode, 'Zurückweisungscode');
  assert.equal(STRINGS_DE.rejectReason, 'Zurückweisungsgrund');
  assert.equal(STRINGS_DE.reassignOwner, 'Verantwortlichen neu zuweisen');
  assert.equal(STRINGS_DE.confirmReject, 'Zurückweisung bestätigen');
  assert.equal(STRINGS_DE.leadStatus, 'Lead-Status');
  assert.ok(STRINGS_DE.noPrivilege.includes('Leads zurückweisen'));
  assert.equal(STRINGS_EN.title, 'Reject Lead');
  assert.equal(STRINGS_EN.confirmReject, 'Confirm Reject');
  assert.equal(STRINGS_EN.reassignOwner, 'Reassign Owner');
});

test('stringsFor picks German for de and its regions, English otherwise', () => {
  for (const locale of ['de', 'DE', 'de-AT', 'de_CH']) assert.equal(stringsFor(locale), STRINGS_DE);
  for (const locale of ['en', 'en-US', 'fr', 'dex', '', undefined]) {
    assert.equal(stringsFor(locale), STRINGS_EN, String(locale));
  }
});
