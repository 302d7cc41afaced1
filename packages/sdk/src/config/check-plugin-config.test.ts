import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {PluginManifest} from '../manifest/manifest.js';
import {checkPluginConfig} from './check-plugin-config.js';
import {configDefaults} from './config-defaults.js';

const rejectLead = JSON.parse(
  readFileSync(new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
) as PluginManifest;

const manifest = {
  config: {
    type: 'object',
    properties: {
      mode: {type: 'string', enum: ['fast', 'safe'], default: 'safe'},
      retries: {type: 'integer', minimum: 0, maximum: 5, default: 1},
      ratio: {type: 'number', default: 0.5},
      label: {type: 'string', minLength: 1, maxLength: 3, default: 'a'},
      code: {type: 'string', minLength: 2, default: 'ab'},
      loud: {type: 'boolean', default: false},
    },
    additionalProperties: false,
  },
};

test('the defaults, and values that fit their settings, have no errors', () => {
  assert.deepEqual(
    checkPluginConfig(manifest, configDefaults(manifest as unknown as PluginManifest)),
    [],
  );
  assert.deepEqual(
    checkPluginConfig(manifest, {mode: 'fast', retries: 5, ratio: 2, label: '😀😀😀', loud: true}),
    [],
  );
  assert.deepEqual(checkPluginConfig(rejectLead, configDefaults(rejectLead)), []);
});

test('each bad value is one field error: /config pointer, JSON Schema keyword, contract message', () => {
  const errors = checkPluginConfig(manifest, {
    mode: 'turbo',
    retries: 1.5,
    ratio: '0.5',
    label: '',
    code: 'x',
    colour: 'red',
    loud: 'yes',
  });
  assert.deepEqual(errors, [
    {
      field: '/config/mode',
      code: 'enum',
      message: '"/config/mode" must be one of: "fast", "safe".',
    },
    {field: '/config/retries', code: 'type', message: '"/config/retries" must be of type integer.'},
    {field: '/config/ratio', code: 'type', message: '"/config/ratio" must be of type number.'},
    {field: '/config/label', code: 'minLength', message: '"/config/label" must not be empty.'},
    {
      field: '/config/code',
      code: 'minLength',
      message: '"/config/code" must have at least 2 characters.',
    },
    {
      field: '/config/colour',
      code: 'additionalProperties',
      message: '"/config/colour" is not allowed here; remove it.',
    },
    {field: '/config/loud', code: 'type', message: '"/config/loud" must be of type boolean.'},
  ]);
});

test('bounds: minimum, maximum and maxLength', () => {
  assert.deepEqual(
    checkPluginConfig(manifest, {retries: -1, label: 'abcd'}).map((e) => [e.code, e.message]),
    [
      ['minimum', '"/config/retries" must be >= 0.'],
      ['maxLength', '"/config/label" must have at most 3 characters.'],
    ],
  );
  assert.equal(
    checkPluginConfig(manifest, {retries: 6})[0]?.message,
    '"/config/retries" must be <= 5.',
  );
});

test('messages are German for de and its regions, English otherwise', () => {
  const config = {mode: 'turbo', colour: 1, retries: 9, label: ''};
  assert.deepEqual(
    checkPluginConfig(manifest, config, 'de-AT').map((e) => e.message),
    [
      '"/config/mode" muss einer dieser Werte sein: "fast", "safe".',
      '"/config/colour" ist hier nicht erlaubt; entfernen Sie es.',
      '"/config/retries" muss <= 5 sein.',
      '"/config/label" darf nicht leer sein.',
    ],
  );
  assert.deepEqual(checkPluginConfig(manifest, config, 'fr'), checkPluginConfig(manifest, config));
});

test('the reject-lead plugin refuses a string for its boolean and an unknown setting', () => {
  const errors = checkPluginConfig(rejectLead, {reassignOwnerDefault: 'yes', colour: 1}, 'en');
  assert.deepEqual(
    errors.map((e) => [e.field, e.code]),
    [
      ['/config/reassignOwnerDefault', 'type'],
      ['/config/colour', 'additionalProperties'],
    ],
  );
});

test('without additionalProperties: false, unknown values are allowed; without config, anything', () => {
  const open = {config: {type: 'object', properties: {}}};
  assert.deepEqual(checkPluginConfig(open, {extra: true}), []);
  assert.deepEqual(checkPluginConfig({}, {anything: 1}), []);
});

test('inherited names are no settings, and a pointer escapes the setting name', () => {
  const errors = checkPluginConfig(
    manifest,
    JSON.parse('{"constructor": 1, "__proto__": 2, "a/b": 3}') as Record<string, unknown>,
  );
  assert.deepEqual(
    errors.map((e) => [e.field, e.code]),
    [
      ['/config/constructor', 'additionalProperties'],
      ['/config/__proto__', 'additionalProperties'],
      ['/config/a~1b', 'additionalProperties'],
    ],
  );
});
