import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PluginManifest} from '../manifest/manifest.js';
import {configDefaults} from './config-defaults.js';

const withConfig = (config: Record<string, unknown> | undefined) =>
  ({config}) as unknown as PluginManifest;

test('configDefaults collects each setting default as a copy', () => {
  const list = ['a'];
  const manifest = withConfig({
    type: 'object',
    properties: {
      flag: {type: 'boolean', default: false},
      items: {default: list},
      bare: {type: 'string'},
    },
  });
  const defaults = configDefaults(manifest);
  assert.deepEqual(defaults, {flag: false, items: ['a']});
  (defaults['items'] as string[]).push('b');
  assert.deepEqual(list, ['a']);
  assert.deepEqual(configDefaults(withConfig(undefined)), {});
});

test('a setting named __proto__ does not change the prototype of the result', () => {
  const manifest = withConfig(
    JSON.parse('{"properties": {"__proto__": {"default": {"polluted": true}}}}'),
  );
  const defaults = configDefaults(manifest);
  assert.equal(Object.getPrototypeOf(defaults), Object.prototype);
  assert.equal((defaults as {polluted?: boolean}).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(defaults, '__proto__')?.value, {polluted: true});
});
