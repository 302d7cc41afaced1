import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PluginChannel, pluginSideOf} from './plugin-channel.js';

test('a throwing listener is reported and the others still hear the event', () => {
  const channel = new PluginChannel();
  const plugin = pluginSideOf(channel);
  const heard: unknown[] = [];
  const reported: unknown[] = [];
  const original = console.error;
  console.error = (e: unknown) => void reported.push(e);
  try {
    plugin.on('ping', () => {
      throw new Error('plugin bug');
    });
    plugin.on('ping', (d) => heard.push(d));
    channel.send('ping', 1);
  } finally {
    console.error = original;
  }
  assert.deepEqual(heard, [1]);
  assert.equal((reported[0] as Error).message, 'plugin bug');
});

test('close() ends delivery both ways', () => {
  const channel = new PluginChannel();
  const plugin = pluginSideOf(channel);
  const heard: unknown[] = [];
  plugin.on('ping', (d) => heard.push(d));
  channel.onPluginEvent((type) => heard.push(type));
  channel.close();
  channel.send('ping', 1);
  plugin.emit('pong');
  assert.deepEqual(heard, []);
  assert.equal(channel.closed, true);
});

test('bad event types and details that cannot be copied get specific errors', () => {
  const channel = new PluginChannel();
  const plugin = pluginSideOf(channel);
  channel.onPluginEvent(() => {});
  assert.throws(() => plugin.emit('Lead Changed'), {code: 'invalid-event-type'});
  assert.throws(() => plugin.emit(''), {code: 'invalid-event-type'});
  assert.throws(() => plugin.emit('lead-changed', {callback: () => {}}), {
    code: 'invalid-event-detail',
  });
  assert.throws(() => plugin.on('x', 'nope' as unknown as () => void), {code: 'invalid-argument'});
  assert.throws(() => pluginSideOf({} as PluginChannel), TypeError);
});
