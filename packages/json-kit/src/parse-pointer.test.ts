import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatPointer} from './format-pointer.js';
import {parsePointer} from './parse-pointer.js';
import {pointerToPath} from './pointer-to-path.js';

test('pointers split and join with RFC 6901 escapes', () => {
  assert.deepEqual(parsePointer(''), []);
  assert.deepEqual(parsePointer('/a~1b/~0c/0'), ['a/b', '~c', '0']);
  assert.equal(formatPointer(['a/b', '~c', 0]), '/a~1b/~0c/0');
  assert.equal(formatPointer([]), '');
  for (const pointer of ['/x', '/a~1b/~01', '/', '//']) {
    assert.equal(formatPointer(parsePointer(pointer)), pointer);
  }
});

test('pointerToPath writes indexes in brackets and names with dots', () => {
  assert.equal(pointerToPath('/rules/2/conditions/all/0'), 'rules[2].conditions.all[0]');
  assert.equal(pointerToPath('/elements/0/tag'), 'elements[0].tag');
  assert.equal(pointerToPath(''), '');
});
