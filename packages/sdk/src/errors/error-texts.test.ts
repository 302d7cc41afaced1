import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PermissionDeniedError} from './permission-denied-error.js';
import {PERMISSION_DENIED_TEXTS} from './permission-denied-texts.js';
import {PLUGIN_LOAD_ERROR_TEXTS} from './plugin-load-error-texts.js';
import {PluginLoadError} from './plugin-load-error.js';

test('every user-facing text has English and German, and they differ', () => {
  for (const [code, text] of Object.entries({
    ...PLUGIN_LOAD_ERROR_TEXTS,
    ...PERMISSION_DENIED_TEXTS,
  })) {
    assert.ok(text.en && text.de, code);
    assert.notEqual(text.en, text.de, code);
  }
});

test('errors give users a text in their language, developers the detailed message', () => {
  const load = new PluginLoadError('integrity-mismatch', 'expected sha384-a, got sha384-b', {
    source: 'https://x/plugin.json',
  });
  assert.equal(
    load.userMessage('de-AT'),
    'Der Code des Plugins wurde verändert und nicht ausgeführt.',
  );
  assert.equal(load.userMessage('fr'), 'The plugin’s code was changed and was not run.');
  assert.match(load.message, /sha384-b/);
  const denied = new PermissionDeniedError({
    pluginId: 'p.q.r',
    call: 'rejectLead',
    privilege: 'leads.reject',
    code: 'privilege-missing',
  });
  assert.equal(denied.userMessage('de'), 'Ihre Rolle erlaubt das nicht.');
  assert.equal(denied.userMessage('en'), 'Your role does not allow this.');
});
