import {test} from 'node:test';
import assert from 'node:assert/strict';
import {settingViolation} from './setting-violation.js';

test('a value fits its type, then its enum, then its bounds; the first broken one is named', () => {
  const setting = {type: 'integer', enum: [1, 2, 30], minimum: 2, maximum: 20};
  assert.deepEqual(settingViolation(setting, 'x'), {keyword: 'type', type: 'integer'});
  assert.deepEqual(settingViolation(setting, 3), {keyword: 'enum', allowed: [1, 2, 30]});
  assert.deepEqual(settingViolation(setting, 1), {keyword: 'minimum', limit: 2});
  assert.deepEqual(settingViolation(setting, 30), {keyword: 'maximum', limit: 20});
  assert.equal(settingViolation(setting, 2), undefined);
});

test('types: integer is whole, number is finite, an unknown type takes anything', () => {
  assert.equal(settingViolation({type: 'integer'}, 2.5)?.keyword, 'type');
  assert.equal(settingViolation({type: 'integer'}, 2), undefined);
  assert.equal(settingViolation({type: 'number'}, Infinity)?.keyword, 'type');
  assert.equal(settingViolation({type: 'boolean'}, 0)?.keyword, 'type');
  assert.equal(settingViolation({}, {any: 'thing'}), undefined);
});

test('string lengths count code points, as JSON Schema does', () => {
  const setting = {type: 'string', minLength: 2, maxLength: 2};
  assert.equal(settingViolation(setting, '😀😀'), undefined);
  assert.deepEqual(settingViolation(setting, '😀'), {keyword: 'minLength', limit: 2});
  assert.deepEqual(settingViolation(setting, 'abc'), {keyword: 'maxLength', limit: 2});
});
