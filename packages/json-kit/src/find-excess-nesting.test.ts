import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createJsonLocator} from './create-json-locator.js';
import {findExcessNesting, MAX_JSON_DEPTH} from './find-excess-nesting.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

test('the limit itself is allowed; one level more is found at its bracket', () => {
  assert.equal(findExcessNesting(nested(MAX_JSON_DEPTH)), undefined);
  assert.deepEqual(findExcessNesting(nested(MAX_JSON_DEPTH + 1)), {
    offset: MAX_JSON_DEPTH,
    limit: MAX_JSON_DEPTH,
  });
  assert.deepEqual(findExcessNesting('{"a":{"b":[1]}}', 2), {offset: 10, limit: 2});
  assert.equal(findExcessNesting('[[1],[2],[3]]', 2), undefined);
});

test('brackets inside strings, escaped quotes included, do not count', () => {
  assert.equal(findExcessNesting(`["${'['.repeat(50)}"]`, 1), undefined);
  assert.equal(findExcessNesting(`["\\"[[[[", "\\\\"]`, 1), undefined);
  // After an escaped backslash the quote ends the string: the brackets after it count.
  assert.deepEqual(findExcessNesting(`["\\\\", [[`, 2), {offset: 8, limit: 2});
});

test('an unterminated text of 500,000 brackets is found at once, without recursion', () => {
  const started = performance.now();
  assert.deepEqual(findExcessNesting('['.repeat(500_000)), {
    offset: MAX_JSON_DEPTH,
    limit: MAX_JSON_DEPTH,
  });
  assert.ok(performance.now() - started < 200);
});

test('createJsonLocator reports NestingTooDeep instead of overflowing the stack', () => {
  for (const text of [nested(100_000), '['.repeat(500_000), '{"all":['.repeat(5_000)]) {
    const locator = createJsonLocator(text);
    assert.equal(locator.value, undefined);
    assert.deepEqual(
      locator.syntaxErrors.map((e) => [e.kind, e.offset]),
      [['NestingTooDeep', text.startsWith('{') ? 8 * 500 : MAX_JSON_DEPTH]],
    );
    assert.deepEqual(locator.positionOf('/0/0'), {line: 1, column: 1});
  }
  // Within the limit the text parses as before.
  assert.deepEqual(createJsonLocator(nested(MAX_JSON_DEPTH)).syntaxErrors, []);
});
