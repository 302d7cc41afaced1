import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createJsonLocator} from './create-json-locator.js';

const text = ['{', '  "id": "x",', '  "list": [1, {"a/b": true}],', '  "0": "zero"', '}'].join(
  '\n',
);

test('positions are 1-based line and column of the value, or of its key', () => {
  const locator = createJsonLocator(text);
  assert.deepEqual(locator.syntaxErrors, []);
  assert.equal(locator.foundValue, true);
  assert.deepEqual(locator.value, JSON.parse(text));
  assert.deepEqual(locator.positionOf(''), {line: 1, column: 1});
  assert.deepEqual(locator.positionOf('/id'), {line: 2, column: 9});
  assert.deepEqual(locator.positionOf('/id', {key: true}), {line: 2, column: 3});
  assert.deepEqual(locator.positionOf('/list/1/a~1b'), {line: 3, column: 23});
  // An object key made of digits is a key, not an index.
  assert.deepEqual(locator.positionOf('/0'), {line: 4, column: 8});
  // An array element has no key: `key` points at the value.
  assert.deepEqual(locator.positionOf('/list/0', {key: true}), {line: 3, column: 12});
});

test('a missing pointer gives the nearest existing ancestor, never its key', () => {
  const locator = createJsonLocator(text);
  assert.deepEqual(locator.positionOf('/list/7/x'), {line: 3, column: 11});
  assert.deepEqual(locator.positionOf('/nope', {key: true}), {line: 1, column: 1});
  assert.deepEqual(locator.positionOf('/id/deeper'), {line: 2, column: 9});
});

test('offsets index the text as given; positions and offsets agree', () => {
  const locator = createJsonLocator(text);
  const offset = locator.offsetOf('/list/1');
  assert.equal(text.slice(offset, offset + 9), '{"a/b": t');
  assert.deepEqual(locator.positionAt(offset), locator.positionOf('/list/1'));
});

test('a byte-order mark is no error and takes no column, but counts in offsets', () => {
  const locator = createJsonLocator('\ufeff{"id": 1}');
  assert.deepEqual(locator.syntaxErrors, []);
  assert.deepEqual(locator.value, {id: 1});
  assert.deepEqual(locator.positionOf('/id'), {line: 1, column: 8});
  assert.equal(locator.offsetOf('/id'), 8);
});

test('syntax errors are strict JSON errors with kind, position and offset', () => {
  assert.deepEqual(createJsonLocator('{\n  "id": "a.b.c",\n}').syntaxErrors, [
    {kind: 'PropertyNameExpected', offset: 19, line: 3, column: 1},
    {kind: 'ValueExpected', offset: 19, line: 3, column: 1},
  ]);
  const comment = createJsonLocator('{\n  // no\n  "id": 1\n}');
  assert.equal(comment.syntaxErrors[0]?.kind, 'InvalidCommentToken');
  assert.equal(comment.value, undefined);
  assert.equal(comment.foundValue, true);
});

test('a text without any value has one error at 1:1 and foundValue false', () => {
  for (const empty of ['', '   ', '\ufeff']) {
    const locator = createJsonLocator(empty);
    assert.equal(locator.foundValue, false, JSON.stringify(empty));
    assert.equal(locator.syntaxErrors[0]?.kind, 'ValueExpected');
    assert.deepEqual(locator.positionOf('/x'), {line: 1, column: 1});
  }
  assert.equal(createJsonLocator('}').foundValue, false);
  assert.equal(createJsonLocator('[1,').foundValue, true);
});
