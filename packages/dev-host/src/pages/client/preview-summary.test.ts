import {test} from 'node:test';
import assert from 'node:assert/strict';
import {adminTranslator} from '../admin-page-strings.js';
import type {PreviewChange} from './admin-api-types.js';
import {countRows, groupChanges} from './preview-summary.js';
import {moveSentence} from './rules-preview-view.js';

const owner = (id: string | null, name: string | null, rule: string | null = 'r') => ({
  ownerId: id,
  ownerName: name,
  rule,
});
const change = (leadId: string, from: string, to: string, rule = 'r'): PreviewChange => ({
  leadId,
  company: `Company ${leadId}`,
  name: `Lead ${leadId}`,
  from: owner(from, NAMES[from] ?? null, 'first'),
  to: owner(to, NAMES[to] ?? null, rule),
});
const NAMES: Record<string, string> = {
  jonas: 'Jonas Weber',
  sofia: 'Sofia Romano',
  max: 'Max Müller',
};

test('changes are grouped by (from → to), biggest move first, leads kept in order', () => {
  const groups = groupChanges([
    change('L-1', 'max', 'sofia'),
    change('L-2', 'jonas', 'sofia'),
    change('L-3', 'jonas', 'sofia', 'other rule'),
    change('L-4', 'sofia', 'sofia'),
    change('L-5', 'sofia', 'sofia'),
    change('L-6', 'sofia', 'sofia'),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.from.ownerId, g.to.ownerId, g.count, g.leads.map((l) => l.leadId)]),
    [
      // the rule is not part of the key: both of Jonas's leads go to Sofia
      ['jonas', 'sofia', 2, ['L-2', 'L-3']],
      ['max', 'sofia', 1, ['L-1']],
      // the same owner by another rule is not a move: listed last, however many
      ['sofia', 'sofia', 3, ['L-4', 'L-5', 'L-6']],
    ],
  );
});

test('the summary sentences, in German and English, singular and plural', () => {
  const de = adminTranslator('de');
  const en = adminTranslator('en');
  const [twelve] = groupChanges(
    Array.from({length: 12}, (_, i) => change(`L-${i}`, 'jonas', 'sofia')),
  );
  assert.equal(moveSentence(twelve!, de), '12 Leads gingen an Sofia Romano statt an Jonas Weber');
  assert.equal(
    moveSentence(twelve!, en),
    '12 leads would go to Sofia Romano instead of Jonas Weber',
  );
  const [one] = groupChanges([change('L-1', 'max', 'sofia')]);
  assert.equal(moveSentence(one!, de), '1 Lead ginge an Sofia Romano statt an Max Müller');
  const [stay] = groupChanges([change('L-1', 'sofia', 'sofia'), change('L-2', 'sofia', 'sofia')]);
  assert.equal(
    moveSentence(stay!, de),
    '2 Leads blieben bei Sofia Romano, durch eine andere Regel',
  );
  // An owner the host could not name is shown by id; no owner at all is "nobody".
  const [unnamed] = groupChanges([
    {...change('L-1', 'jonas', 'x'), to: owner('ghost', null), from: owner(null, null)},
  ]);
  assert.equal(moveSentence(unnamed!, en), '1 lead would go to ghost instead of nobody');
});

test('the chart rows: candidate rules in order, then rules only the active ruleset has, then the unassigned owner', () => {
  const rows = countRows(
    {
      rules: [
        {name: 'a', matched: 5},
        {name: 'gone', matched: 2},
      ],
      unassignedOwner: 1,
    },
    {
      rules: [
        {name: 'new', matched: 3},
        {name: 'a', matched: 4},
      ],
      unassignedOwner: 1,
    },
  );
  assert.deepEqual(rows, [
    {name: 'new', active: undefined, candidate: 3, fallback: false},
    {name: 'a', active: 5, candidate: 4, fallback: false},
    {name: 'gone', active: 2, candidate: undefined, fallback: false},
    {name: '', active: 1, candidate: 1, fallback: true},
  ]);
  // No active ruleset: only the candidate's figures.
  assert.deepEqual(countRows(undefined, {rules: [], unassignedOwner: 7}), [
    {name: '', active: undefined, candidate: 7, fallback: true},
  ]);
});
