import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkPluginConfig} from './check-plugin-config.js';

const schema = {
  type: 'object',
  required: ['mode'],
  properties: {
    mode: {type: 'string', enum: ['fast', 'safe']},
    retries: {type: 'integer'},
    ratio: {type: 'number'},
    label: {type: ['string', 'null']},
  },
  additionalProperties: false,
};

test('a config that fits its schema has no errors', () => {
  assert.deepEqual(
    checkPluginConfig(schema, {mode: 'safe', retries: 2, ratio: 2, label: null}, 'en'),
    [],
  );
  assert.deepEqual(checkPluginConfig(undefined, {anything: 1}, 'en'), []);
});

test('missing, unknown, mistyped and out-of-enum properties are named with /config pointers', () => {
  const errors = checkPluginConfig(
    schema,
    {retries: 1.5, ratio: 'x', colour: 'red', label: 3},
    'en',
  );
  assert.deepEqual(
    errors.map((e) => [e.field, e.code]),
    [
      ['/config/mode', 'required'],
      ['/config/retries', 'type'],
      ['/config/ratio', 'type'],
      ['/config/colour', 'additionalProperties'],
      ['/config/label', 'type'],
    ],
  );
  const [enumError] = checkPluginConfig(schema, {mode: 'turbo'}, 'de');
  assert.equal(enumError!.code, 'enum');
  assert.match(enumError!.message, /muss einer dieser Werte sein: "fast", "safe"/);
});

test('unknown properties are allowed unless additionalProperties is false', () => {
  assert.deepEqual(checkPluginConfig({properties: {}}, {extra: true}, 'en'), []);
});
