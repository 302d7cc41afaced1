// The host side of a plugin frame's port, with a fake port: what a hostile frame can post on its
// own end (it holds that end) and what happens to it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createGuardedContext} from '@crmkit/sdk';
import type {CurrentUser, HostApi, Lead, PluginContext, PluginManifest} from '@crmkit/sdk';
import {FrameBridgeHost, MAX_FRAME_HEIGHT} from './frame-bridge-host.js';

const rejectLead: PluginManifest = JSON.parse(
  readFileSync(new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
);
const user: CurrentUser = {
  id: 'max',
  name: 'Max Müller',
  locale: 'de',
  privileges: ['leads.read', 'leads.reject'],
};
const lead = {id: 'L-1', status: 'Qualified', version: 1} as Lead;

function setup(manifest: PluginManifest = rejectLead) {
  const calls: string[] = [];
  const host: HostApi = {
    getCurrentUser: async () => user,
    getLead: async (id) => (calls.push(`getLead ${id}`), lead),
    listLeads: async () => (calls.push('listLeads'), [lead]),
    rejectLead: async (id, input) => (
      calls.push(`rejectLead ${id} ${input.rejectCode}`),
      {lead: {...lead, status: 'Rejected'}}
    ),
    getRejectCodes: async () => (calls.push('getRejectCodes'), []),
    getLeadSettings: async () => (calls.push('getLeadSettings'), {ownershipMode: 'mixed'}),
  };
  const posted: Array<Record<string, unknown>> = [];
  let closed = false;
  const events: unknown[] = [];
  let context: PluginContext | undefined = createGuardedContext(host, manifest, user);
  const bridge = new FrameBridgeHost({
    pluginId: manifest.id,
    port: {
      postMessage: (m) => posted.push(m as Record<string, unknown>),
      close: () => (closed = true),
    },
    context: () => context,
    onSize: (height) => events.push(['size', height]),
    onEvent: (type, detail, fields) => events.push(['event', type, detail, fields]),
    onMounted: () => events.push(['mounted']),
    onFailed: (failure) => events.push(['failed', failure]),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return {
    bridge,
    calls,
    posted,
    events,
    settle,
    isClosed: () => closed,
    setContext: (value: PluginContext | undefined) => (context = value),
  };
}

const reject = ['L-1', {rejectCode: 'DUPLICATE', reassignOwner: false}];

test('a well-formed call runs on the guarded context and is answered under its id', async () => {
  const s = setup();
  s.bridge.receive({type: 'call', id: 1, method: 'getLead', args: ['L-1']});
  await s.settle();
  assert.deepEqual(s.calls, ['getLead L-1']);
  assert.deepEqual(s.posted, [{type: 'result', id: 1, value: lead}]);
});

test('an unknown method, a method of Object, bad arguments: answered with an error, not performed', async () => {
  const s = setup();
  const bad = [
    {type: 'call', id: 1, method: 'getCurrentUser', args: []},
    {type: 'call', id: 2, method: 'constructor', args: []},
    {type: 'call', id: 3, method: 'rejectLead', args: 'L-1'},
    {type: 'call', id: 4, method: 'rejectLead', args: [...reject, {}, 'extra']},
    {type: 'call', id: 5, method: 'rejectLead', args: ['L-1', {when: new Date()}]},
  ];
  for (const message of bad) s.bridge.receive(message);
  await s.settle();
  assert.deepEqual(s.calls, []);
  assert.deepEqual(
    s.posted.map((m) => [m.type, m.id, (m.error as {code: string}).code]),
    bad.map((m) => ['error', m.id, 'invalid-bridge-call']),
  );
});

test('a replayed call id is refused and the call is not performed again', async () => {
  const s = setup();
  s.bridge.receive({type: 'call', id: 7, method: 'rejectLead', args: reject});
  await s.settle();
  s.bridge.receive({type: 'call', id: 7, method: 'rejectLead', args: reject});
  s.bridge.receive({type: 'call', id: 3, method: 'rejectLead', args: reject});
  await s.settle();
  assert.deepEqual(s.calls, ['rejectLead L-1 DUPLICATE']);
  assert.equal((s.posted[1]!.error as {code: string}).code, 'replayed-call');
  assert.equal((s.posted[2]!.error as {code: string}).code, 'replayed-call', 'an older id too');
});

test('a call naming another plugin is refused: a frame acts only for its own plugin', async () => {
  const s = setup();
  s.bridge.receive({
    type: 'call',
    id: 1,
    method: 'rejectLead',
    args: reject,
    pluginId: 'other.plugin',
  });
  await s.settle();
  assert.deepEqual(s.calls, []);
  assert.equal((s.posted[0]!.error as {code: string}).code, 'wrong-plugin');
});

test('the guarded context still decides: an undeclared permission is refused before the host', async () => {
  const s = setup({...rejectLead, permissions: ['leads.read']});
  s.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  await s.settle();
  assert.deepEqual(s.calls, []);
  assert.deepEqual(s.posted[0]!.error, {
    name: 'PermissionDeniedError',
    code: 'permission-undeclared',
    message: s.posted[0]!.error && (s.posted[0]!.error as {message: string}).message,
    privilege: 'leads.reject',
    call: 'rejectLead',
    pluginId: rejectLead.id,
  });
});

test('messages without a usable id or of unknown types are ignored; no context: refused', async () => {
  const s = setup();
  for (const message of [
    null,
    'call',
    {type: 'call', id: -1, method: 'getLead', args: ['L-1']},
    {type: 'call', id: 1.5, method: 'getLead', args: ['L-1']},
    {type: 'call', method: 'getLead', args: ['L-1']},
    {type: 'perform', id: 1, method: 'getLead', args: ['L-1']},
  ]) {
    s.bridge.receive(message);
  }
  s.setContext(undefined);
  s.bridge.receive({type: 'call', id: 2, method: 'getLead', args: ['L-1']});
  await s.settle();
  assert.deepEqual(s.calls, []);
  assert.deepEqual(
    s.posted.map((m) => [m.id, (m.error as {code: string}).code]),
    [[2, 'host-not-ready']],
  );
});

test('after close nothing is performed or answered, and the port is closed', async () => {
  const s = setup();
  s.bridge.receive({type: 'call', id: 1, method: 'getLead', args: ['L-1']});
  s.bridge.close();
  s.bridge.receive({type: 'call', id: 2, method: 'rejectLead', args: reject});
  s.bridge.receive({type: 'size', height: 10});
  await s.settle();
  assert.equal(s.isClosed(), true);
  assert.deepEqual(s.calls, ['getLead L-1'], 'only the call before close reached the host');
  assert.deepEqual(s.posted, [], 'and even its answer stays unsent');
  assert.deepEqual(s.events, []);
});

test('too many calls in flight: the rest is refused', async () => {
  const s = setup();
  for (let id = 1; id <= 40; id++)
    s.bridge.receive({type: 'call', id, method: 'getLead', args: ['L-1']});
  await s.settle();
  assert.equal(s.calls.length, 32);
  assert.equal(s.posted.filter((m) => m.type === 'error').length, 8);
});

test('notices: size clamped, only forwarded event types, mounted or failed once', () => {
  const s = setup();
  s.bridge.receive({type: 'size', height: 123.2});
  s.bridge.receive({type: 'size', height: 1e9});
  s.bridge.receive({type: 'size', height: -5});
  s.bridge.receive({type: 'size', height: 'tall'});
  s.bridge.receive({
    type: 'dom-event',
    eventType: 'crm-lead-rejected',
    detail: {id: 'L-1'},
    fields: {assignment: {ownerId: 'x'}},
  });
  s.bridge.receive({type: 'dom-event', eventType: 'crm-reject-cancel'});
  s.bridge.receive({type: 'dom-event', eventType: 'click'});
  s.bridge.receive({type: 'dom-event', eventType: 'crm-plugin-mounted'});
  s.bridge.receive({type: 'mounted'});
  s.bridge.receive({type: 'failed', error: {code: 'entry-load-failed', message: 'x'}});
  s.bridge.receive({type: 'mounted'});
  assert.deepEqual(s.events, [
    ['size', 124],
    ['size', MAX_FRAME_HEIGHT],
    ['event', 'crm-lead-rejected', {id: 'L-1'}, {assignment: {ownerId: 'x'}}],
    ['event', 'crm-reject-cancel', undefined, {}],
    ['mounted'],
  ]);
});
