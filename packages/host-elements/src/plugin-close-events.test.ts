import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isPluginCloseEvent} from './plugin-close-events.js';

test('crm-plugin-close and every *-cancel event close a plugin dialog', () => {
  for (const type of ['crm-plugin-close', 'crm-reject-cancel', 'acme-wizard-cancel']) {
    assert.equal(isPluginCloseEvent(type), true, type);
  }
});

test('other events, including the dialog’s own cancel and result events, do not', () => {
  for (const type of [
    'cancel',
    'crm-lead-rejected',
    'crm-cancelled',
    'close',
    'crm-plugin-closed',
  ]) {
    assert.equal(isPluginCloseEvent(type), false, type);
  }
});
