import {test} from 'node:test';
import assert from 'node:assert/strict';
import {closestMatch} from './closest-match.js';

test('closestMatch suggests a near miss and nothing for an unrelated word', () => {
  const fields = ['permissions', 'elements', 'actions', 'entry'];
  assert.equal(closestMatch('permisions', fields), 'permissions');
  assert.equal(closestMatch('Elements', fields), 'elements');
  assert.equal(closestMatch('colour', fields), undefined);
  assert.equal(closestMatch('x', []), undefined);
});
