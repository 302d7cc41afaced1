// The host side of a plugin frame's port, with a fake port: what a hostile frame can post on its
// own end (it holds that end) and what happens to it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {HostApiError, NetworkError, createGuardedContext} from '@crmkit/sdk';
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

function setup(manifest: PluginManifest = rejectLead, overrides: Partial<HostApi> = {}) {
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
    ...overrides,
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
    onDropped: (type, reason) => events.push(['dropped', type, reason]),
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

test('notices: size clamped, only forwarded event types, mounted or failed once', async () => {
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
  await s.settle();
  assert.deepEqual(s.events, [
    ['size', 124],
    ['size', MAX_FRAME_HEIGHT],
    ['mounted'],
    // The plugin's events in their order; never asked to reject L-1: dropped, without a request.
    ['dropped', 'crm-lead-rejected', 'not-asked'],
    ['event', 'crm-reject-cancel', undefined, {}],
  ]);
  assert.deepEqual(s.calls, []);
});

// A result event is a claim: what the page gets is what the server answered.

const rejected: Lead = {
  ...lead,
  status: 'Rejected',
  version: 2,
  rejection: {
    code: 'DUPLICATE',
    rejectedBy: {id: 'max', name: 'Max Müller'},
    rejectedAt: '2026-01-02T03:04:05.000Z',
  },
};
const assignment = {outcome: 'assigned', ownerId: 'jonas', rule: 'r1'} as const;
const forged = {
  ...rejected,
  rejection: {...rejected.rejection!, rejectedBy: {id: 'anna', name: 'Anna'}, reason: 'forged'},
};
const domEvent = (detail: unknown, fields: Record<string, unknown> = {}) => ({
  type: 'dom-event',
  eventType: 'crm-lead-rejected',
  detail,
  fields,
});

test('crm-lead-rejected after a reject this bridge performed: relayed once, with the server’s lead', async () => {
  const s = setup(rejectLead, {
    rejectLead: async (id, input) => (
      s.calls.push(`rejectLead ${id} ${input.rejectCode}`),
      {lead: rejected, assignment}
    ),
  });
  s.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  await s.settle();
  // The plugin claims other data (another rejecter, a reason, its own assignment): not passed on.
  s.bridge.receive(domEvent(forged, {assignment: {ownerId: 'anna'}, extra: 1}));
  s.bridge.receive(domEvent(forged));
  await s.settle();
  assert.deepEqual(s.events, [
    ['event', 'crm-lead-rejected', rejected, {assignment}],
    ['dropped', 'crm-lead-rejected', 'not-asked'],
  ]);
  assert.deepEqual(s.calls, ['rejectLead L-1 DUPLICATE'], 'no extra request');
});

test('a claim while its reject is in flight waits for the answer; a close after it waits too', async () => {
  let answer!: (result: {lead: Lead}) => void;
  const s = setup(rejectLead, {rejectLead: () => new Promise((resolve) => (answer = resolve))});
  s.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  s.bridge.receive(domEvent({id: 'L-1'}));
  s.bridge.receive({type: 'dom-event', eventType: 'crm-plugin-close'});
  s.bridge.receive({type: 'escape'});
  await s.settle();
  assert.deepEqual(s.events, [], 'nothing before the server answered');
  answer({lead: rejected});
  await s.settle();
  assert.deepEqual(s.events, [
    ['event', 'crm-lead-rejected', rejected, {}],
    ['event', 'crm-plugin-close', undefined, {}],
  ]);
});

test('a refused reject, or an answer that is not a rejection: dropped, nothing read', async () => {
  const refused = setup(rejectLead, {
    rejectLead: async () => {
      throw new HostApiError({status: 409, title: 'Conflict', code: 'lead-not-qualified'});
    },
  });
  refused.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  refused.bridge.receive(domEvent(forged));
  await refused.settle();
  assert.deepEqual(refused.events, [['dropped', 'crm-lead-rejected', 'refused']]);
  assert.deepEqual(refused.calls, []);

  // The guarded context refuses (no leads.reject declared): also nothing happened.
  const undeclared = setup({...rejectLead, permissions: ['leads.read']});
  undeclared.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  undeclared.bridge.receive(domEvent(forged));
  await undeclared.settle();
  assert.deepEqual(undeclared.events, [['dropped', 'crm-lead-rejected', 'refused']]);

  const odd = setup(rejectLead, {rejectLead: async () => ({lead})});
  odd.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  odd.bridge.receive(domEvent(forged));
  await odd.settle();
  assert.deepEqual(odd.events, [['dropped', 'crm-lead-rejected', 'not-rejected']]);

  const noId = setup();
  noId.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  noId.bridge.receive(domEvent({status: 'Rejected'}));
  noId.bridge.receive(domEvent('L-1'));
  noId.bridge.receive(domEvent(null));
  await noId.settle();
  assert.deepEqual(noId.events, [
    ['dropped', 'crm-lead-rejected', 'not-asked'],
    ['dropped', 'crm-lead-rejected', 'not-asked'],
    ['dropped', 'crm-lead-rejected', 'not-asked'],
  ]);
});

test('a reject without an answer (network error): confirmed by reading the lead again', async () => {
  const lost = () => {
    throw new NetworkError('connection reset');
  };
  // The server has it Rejected by max with the claimed code and time: relayed, with its data.
  const s = setup(rejectLead, {rejectLead: async () => lost(), getLead: async () => rejected});
  s.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  s.bridge.receive(domEvent({...rejected, company: 'Claimed'}));
  await s.settle();
  assert.deepEqual(s.events, [['event', 'crm-lead-rejected', rejected, {}]]);

  // Rejected, but not as claimed (another user, or another time): dropped.
  const other = setup(rejectLead, {rejectLead: async () => lost(), getLead: async () => rejected});
  other.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  other.bridge.receive(domEvent(forged));
  await other.settle();
  assert.deepEqual(other.events, [['dropped', 'crm-lead-rejected', 'other-rejection']]);

  // Still Qualified on the server: dropped.
  const not = setup(rejectLead, {rejectLead: async () => lost()});
  not.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  not.bridge.receive(domEvent(rejected));
  await not.settle();
  assert.deepEqual(not.events, [['dropped', 'crm-lead-rejected', 'not-rejected']]);

  // Without leads.read the lead cannot be read again: dropped.
  const blind = setup(
    {...rejectLead, permissions: ['leads.reject']},
    {
      rejectLead: async () => lost(),
    },
  );
  blind.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  blind.bridge.receive(domEvent(rejected));
  await blind.settle();
  assert.deepEqual(blind.events, [['dropped', 'crm-lead-rejected', 'not-readable']]);
});

test('after close, a claim waiting for its check is dropped silently', async () => {
  let answer!: (result: {lead: Lead}) => void;
  const s = setup(rejectLead, {rejectLead: () => new Promise((resolve) => (answer = resolve))});
  s.bridge.receive({type: 'call', id: 1, method: 'rejectLead', args: reject});
  s.bridge.receive(domEvent({id: 'L-1'}));
  s.bridge.close();
  answer({lead: rejected});
  await s.settle();
  assert.deepEqual(s.events, []);
});
