import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PRIVILEGES, isPrivilege} from './privileges.js';

test('the contract privilege keys are all known, in their documented order', () => {
  assert.deepEqual(
    [...PRIVILEGES],
    [
      'leads.read',
      'leads.reject',
      'leads.qualify',
      'leads.convert',
      'leads.archive',
      'assignment.manage',
      'plugins.manage',
    ],
  );
  for (const key of PRIVILEGES) assert.equal(isPrivilege(key), true, key);
});

test('isPrivilege rejects unknown keys, near misses and non-strings', () => {
  for (const value of [
    'leads.delete',
    'Leads.Read',
    'leads.read ',
    '',
    'leads',
    null,
    undefined,
    7,
    {},
  ]) {
    assert.equal(isPrivilege(value), false, String(value));
  }
});
