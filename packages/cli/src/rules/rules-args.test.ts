import {test} from 'node:test';
import assert from 'node:assert/strict';
import './capture-io.js'; // LANG=C for the tests
import {asLead} from './lead-shape.js';
import {languageOf, parseNow, parseRulesArgs} from './rules-args.js';
import {RULES_TEXT} from './rules-text.js';

const en = RULES_TEXT.en;
const iso = (value: string) => parseNow(value, en)?.toISOString();

test('parseNow takes ISO 8601 times with Z or an offset, and dates (midnight UTC)', () => {
  assert.equal(parseNow(undefined, en), undefined);
  assert.equal(iso('2026-03-02T09:30:00Z'), '2026-03-02T09:30:00.000Z');
  assert.equal(iso('2026-03-02t09:30z'), '2026-03-02T09:30:00.000Z');
  assert.equal(iso('2026-03-02T09:30:00.5Z'), '2026-03-02T09:30:00.500Z');
  assert.equal(iso('2026-03-02T09:30:00.123456789Z'), '2026-03-02T09:30:00.123Z');
  assert.equal(iso('2026-03-02T10:30:00+01:00'), '2026-03-02T09:30:00.000Z');
  assert.equal(iso('2026-03-02T04:00-0530'), '2026-03-02T09:30:00.000Z');
  assert.equal(iso('2026-03-02T23:30:00-01'), '2026-03-03T00:30:00.000Z');
  assert.equal(iso('2026-03-02'), '2026-03-02T00:00:00.000Z');
  assert.equal(iso('2024-02-29'), '2024-02-29T00:00:00.000Z');
  assert.equal(iso(' 2026-03-02T09:30Z '), '2026-03-02T09:30:00.000Z');
});

test('parseNow refuses what is not ISO 8601, a time without zone, and dates or times that do not exist', () => {
  const refused = (value: string, message: RegExp) =>
    assert.throws(() => parseNow(value, en), message, value);
  for (const value of [
    'yesterday',
    'now',
    '',
    '2026',
    '2026-03',
    '03/02/2026',
    'March 2, 2026',
    '1767225600000',
    '2026-03-02 09:30Z',
    '2026-03-02T9:30Z',
    '+2026-03-02',
  ])
    refused(value, /^Error: --now must be an ISO 8601 time, .*\(got ".*"\)$/);
  refused(
    '2026-03-02T09:30',
    /has no time zone, so it would mean another instant on each machine: add Z/,
  );
  refused('2026-03-02T09:30:00.250', /has no time zone/);
  for (const value of [
    '2025-02-29',
    '2026-04-31',
    '2026-00-10',
    '2026-13-01',
    '2026-03-00',
    '2026-03-02T24:00Z',
    '2026-03-02T09:60Z',
    '2026-03-02T09:30:60Z',
    '2026-03-02T09:30+24:00',
    '2026-03-02T09:30+01:60',
  ])
    refused(value, /names a date or time that does not exist .*e\.g\. --now 2026-03-02T09:30:00Z/);
  assert.throws(() => parseNow('morgen', RULES_TEXT.de), /--now muss eine ISO-8601-Zeit sein/);
});

test('languageOf: the last valid --lang before --, else LANG/LC_ALL', () => {
  assert.equal(languageOf(['x', '--lang', 'de']), 'de');
  assert.equal(languageOf(['--lang=de', '--lang', 'en']), 'en');
  assert.equal(languageOf(['--lang', 'fr']), 'en');
  assert.equal(languageOf(['--', '--lang', 'de']), 'en');
  process.env.LANG = 'de_AT.UTF-8';
  try {
    assert.equal(languageOf([]), 'de');
    assert.equal(languageOf(['--lang', 'en']), 'en');
  } finally {
    process.env.LANG = 'C';
  }
});

test('parseRulesArgs: values, positionals (also after --), and the language', () => {
  const r = parseRulesArgs(['a.json', '--users=u.json', '--json', '--lang', 'de', '--', '--b'], {
    users: {type: 'string', value: '<file>', example: 'users.json'},
    json: {type: 'boolean'},
  });
  assert.deepEqual(r.values, {users: 'u.json', json: true, lang: 'de'});
  assert.deepEqual(r.positionals, ['a.json', '--b']);
  assert.equal(r.lang, 'de');
  assert.equal(r.t, RULES_TEXT.de);
  // The same value twice is no conflict; "-" alone is a value (stdin by convention).
  const same = parseRulesArgs(['--users', 'u', '--users', 'u', '--lead', '-'], {
    users: {type: 'string'},
    lead: {type: 'string'},
  });
  assert.deepEqual(same.values, {users: 'u', lead: '-'});
});

test('asLead: a lead object, or the first reason it is not one', () => {
  assert.deepEqual(asLead({id: 'L', status: 'Rejected', ownerId: null}), {
    lead: {id: 'L', status: 'Rejected', ownerId: null},
  });
  assert.deepEqual(asLead({hello: 'world'}), {notALead: {kind: 'missing', field: 'id'}});
  assert.deepEqual(asLead([1]), {notALead: {kind: 'not-an-object', type: 'array'}});
  assert.deepEqual(asLead(3), {notALead: {kind: 'not-an-object', type: 'number'}});
  assert.deepEqual(asLead(null), {notALead: {kind: 'not-an-object', type: 'null'}});
  assert.deepEqual(asLead({id: ' ', status: 'x'}), {notALead: {kind: 'empty', field: 'id'}});
  assert.deepEqual(asLead({id: 'L'}), {notALead: {kind: 'missing', field: 'status'}});
  assert.deepEqual(asLead({id: 'L', status: 'x', originalOwnerId: 1}), {
    notALead: {kind: 'wrong-type', field: 'originalOwnerId', expected: 'string-or-null'},
  });
  // A lead as the REST API returns it: the rejection is flattened into the lead fact.
  const rest = asLead({
    id: 'L',
    status: 'Rejected',
    ownerId: 'max',
    originalOwnerId: 'max',
    rejection: {
      code: 'OTHER',
      reason: 'r',
      rejectedBy: {id: 'anna'},
      rejectedAt: '2026-01-01T00:00:00Z',
    },
  });
  assert.ok('lead' in rest);
  assert.equal(rest.lead.rejectCode, 'OTHER');
  assert.equal(rest.lead.rejectedById, 'anna');
  // Each reason in words, both languages.
  assert.equal(en.notALeadReason({kind: 'missing', field: 'id'}), 'missing "id"');
  assert.equal(RULES_TEXT.de.notALeadReason({kind: 'missing', field: 'id'}), '"id" fehlt');
});
