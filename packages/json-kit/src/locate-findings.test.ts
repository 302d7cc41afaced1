import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createJsonLocator} from './create-json-locator.js';
import {locateFindings} from './locate-findings.js';

const drafts = [
  {code: 'b', message: 'm', hint: 'h', pointer: '/b'},
  {code: 'a', message: 'm', hint: 'h', pointer: '/a', key: true, severity: 'warning' as const},
  {code: 'c', message: 'm', hint: 'h', pointer: '/a'},
];

test('findings get positions, severity and file, in text order', () => {
  const locator = createJsonLocator('{\n  "a": 1,\n  "b": 2\n}');
  assert.deepEqual(locateFindings(drafts, locator, 'x.json'), [
    {
      severity: 'warning',
      code: 'a',
      message: 'm',
      hint: 'h',
      pointer: '/a',
      line: 2,
      column: 3,
      file: 'x.json',
    },
    {
      severity: 'error',
      code: 'c',
      message: 'm',
      hint: 'h',
      pointer: '/a',
      line: 2,
      column: 8,
      file: 'x.json',
    },
    {
      severity: 'error',
      code: 'b',
      message: 'm',
      hint: 'h',
      pointer: '/b',
      line: 3,
      column: 8,
      file: 'x.json',
    },
  ]);
});

test('without a text every finding is at 1:1 and keeps the order of the checks', () => {
  const found = locateFindings(drafts, undefined);
  assert.deepEqual(
    found.map((f) => [f.code, f.line, f.column, 'file' in f]),
    [
      ['b', 1, 1, false],
      ['a', 1, 1, false],
      ['c', 1, 1, false],
    ],
  );
});
