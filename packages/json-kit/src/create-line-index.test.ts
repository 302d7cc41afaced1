import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createLineIndex} from './create-line-index.js';

test('offsets and 1-based positions convert both ways', () => {
  const text = 'ab\r\ncd\n\nef';
  const index = createLineIndex(text);
  assert.deepEqual(index.positionAt(0), {line: 1, column: 1});
  assert.deepEqual(index.positionAt(2), {line: 1, column: 3}); // the \r stays on its line
  assert.deepEqual(index.positionAt(4), {line: 2, column: 1});
  assert.deepEqual(index.positionAt(7), {line: 3, column: 1});
  assert.deepEqual(index.positionAt(99), {line: 4, column: 3});
  for (let offset = 0; offset <= text.length; offset++)
    assert.equal(index.offsetAt(index.positionAt(offset)), offset);
});

test('positions out of range are clamped to the text', () => {
  const index = createLineIndex('ab\ncd');
  assert.equal(index.offsetAt({line: 1, column: 40}), 2);
  assert.equal(index.offsetAt({line: 0, column: 0}), 0);
  assert.equal(index.offsetAt({line: 9, column: 9}), 5);
});
