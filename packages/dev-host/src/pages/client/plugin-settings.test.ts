import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {InstalledPlugin} from '@crmkit/rest-client';
import {pluginSettings, settingValue, type PluginSetting} from './plugin-settings.js';

// What pluginSettings reads of an installation: its stored manifest and its config.
const plugin = (config: Record<string, unknown>): Pick<InstalledPlugin, 'manifest' | 'config'> => ({
  config,
  manifest: {
    config: {
      type: 'object',
      properties: {
        preselect: {
          type: 'boolean',
          default: false,
          title: 'Preselect',
          'x-label': {en: 'Preselected', de: 'Vorausgewählt'},
          'x-description': {en: 'Starts ticked.', de: 'Startet angehakt.'},
        },
        greeting: {type: 'string', default: 'Hi', title: 'Greeting'},
        limit: {type: 'integer', default: 3},
        nested: {type: 'object', properties: {}},
        anything: {default: 1},
      },
    },
  },
});

test('simple properties become settings, labelled in the language, with current values', () => {
  const de = pluginSettings(plugin({preselect: true}), 'de');
  assert.deepEqual(
    de.map((s) => [s.key, s.type, s.label, s.help, s.value]),
    [
      ['preselect', 'boolean', 'Vorausgewählt', 'Startet angehakt.', true],
      ['greeting', 'string', 'Greeting', undefined, 'Hi'],
      ['limit', 'integer', 'limit', undefined, 3],
    ],
  );
  assert.equal(pluginSettings(plugin({}), 'en')[0]?.label, 'Preselected');
  assert.equal(pluginSettings(plugin({}), 'en')[0]?.value, false);
});

test('a plugin without a config schema has no settings', () => {
  assert.deepEqual(pluginSettings({...plugin({}), manifest: {}}, 'en'), []);
});

test('form values are read as the schema type wants them', () => {
  const setting = (type: PluginSetting['type']): PluginSetting => ({
    key: 'k',
    type,
    label: 'k',
    help: undefined,
    value: undefined,
  });
  const control = (value: string, checked = false) => ({value, checked}) as HTMLInputElement;
  assert.equal(settingValue(setting('boolean'), control('', true)), true);
  assert.equal(settingValue(setting('string'), control(' x ')), ' x ');
  assert.equal(settingValue(setting('integer'), control('7')), 7);
  assert.equal(settingValue(setting('number'), control('  ')), undefined);
});
