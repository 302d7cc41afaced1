import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {CurrentUser, HostApi} from '../contract/host-api.js';
import type {Lead} from '../contract/lead.js';
import {CrmkitError} from '../errors/crmkit-error.js';
import {HostApiError, NetworkError} from '../errors/host-api-error.js';
import {InvalidArgumentError} from '../errors/invalid-argument-error.js';
import {PermissionDeniedError} from '../errors/permission-denied-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {
  checkContextCall,
  createBridgedContext,
  performContextCall,
  reviveContextError,
  serializeContextError,
  snapshotOf,
  type ContextBridgeTransport,
  type PluginContextMethod,
} from './context-bridge.js';
import {createGuardedContext} from './create-guarded-context.js';
import {PluginChannel} from './plugin-channel.js';

const rejectLead: PluginManifest = JSON.parse(
  readFileSync(new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
);
const user: CurrentUser = {
  id: 'max',
  name: 'Max Müller',
  locale: 'de',
  privileges: ['leads.read', 'leads.reject', 'leads.qualify'],
};
const lead: Lead = {
  id: 'L-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines',
  status: 'Qualified',
  ownerId: 'max',
  originalOwnerId: 'max',
  version: 3,
};

function spyHost() {
  const calls: Array<[string, unknown[]]> = [];
  const host: HostApi = {
    getCurrentUser: async () => user,
    getLead: async (...args) => (calls.push(['getLead', args]), lead),
    listLeads: async (...args) => (calls.push(['listLeads', args]), [lead]),
    rejectLead: async (...args) => (
      calls.push(['rejectLead', args]),
      {lead: {...lead, status: 'Rejected'}}
    ),
    getRejectCodes: async (...args) => (calls.push(['getRejectCodes', args]), []),
    getLeadSettings: async () => (calls.push(['getLeadSettings', []]), {ownershipMode: 'mixed'}),
  };
  return {host, calls};
}

test('checkContextCall lets through PluginContext methods with plain JSON arguments only', () => {
  assert.equal(checkContextCall('getLead', ['L-1']), undefined);
  assert.equal(checkContextCall('getLeadSettings', []), undefined);
  assert.equal(
    checkContextCall('rejectLead', ['L-1', {rejectCode: 'OTHER', reassignOwner: false}, {}]),
    undefined,
  );
  for (const method of ['getCurrentUser', 'toString', '__proto__', 'constructor', 42, undefined]) {
    assert.equal(checkContextCall(method, [])?.code, 'invalid-bridge-call', String(method));
  }
  assert.equal(checkContextCall('getLeadSettings', [1])?.code, 'invalid-bridge-call');
  assert.equal(checkContextCall('getLead', 'L-1')?.code, 'invalid-bridge-call');
  for (const bad of [new Date(), new Map(), NaN, Infinity, new Uint8Array(2), () => 1]) {
    assert.equal(checkContextCall('emit', ['x', {bad}])?.code, 'invalid-bridge-call');
  }
  assert.equal(
    checkContextCall('emit', ['x', 'y'.repeat(300 * 1024)])?.code,
    'invalid-bridge-call',
  );
  let deep: unknown = 1;
  for (let i = 0; i < 40; i++) deep = [deep];
  assert.equal(checkContextCall('emit', ['x', deep])?.code, 'invalid-bridge-call');
});

test('errors cross as data and come back as the sdk classes, with their fields', () => {
  const problem = {
    status: 422,
    title: 'Unprocessable',
    detail: 'Der Grund fehlt.',
    code: 'reason-required',
    errors: [{field: 'rejectReason', code: 'reason-required', message: 'Pflichtfeld'}],
  };
  const revived = reviveContextError(
    structuredClone(serializeContextError(new HostApiError(problem))),
  );
  assert.ok(revived instanceof HostApiError);
  assert.deepEqual(
    {
      status: revived.status,
      code: revived.code,
      title: revived.title,
      detail: revived.detail,
      errors: revived.errors,
      message: revived.message,
    },
    {...problem, message: problem.detail},
  );
  const denied = new PermissionDeniedError({
    pluginId: 'p',
    call: 'rejectLead',
    privilege: 'leads.reject',
    code: 'privilege-missing',
  });
  const back = reviveContextError(serializeContextError(denied));
  assert.ok(back instanceof PermissionDeniedError);
  assert.deepEqual(
    [back.code, back.call, back.privilege, back.message],
    ['privilege-missing', 'rejectLead', 'leads.reject', denied.message],
  );
  const invalid = reviveContextError(
    serializeContextError(new InvalidArgumentError('getLead(id)', 'must be a lead id')),
  );
  assert.ok(invalid instanceof InvalidArgumentError);
  assert.equal(invalid.message, 'getLead(id) must be a lead id.');
  assert.ok(
    reviveContextError(serializeContextError(new NetworkError('offline'))) instanceof NetworkError,
  );
  const abort = reviveContextError(serializeContextError(new DOMException('stop', 'AbortError')));
  assert.equal(abort.name, 'AbortError');
  const other = reviveContextError(serializeContextError(new CrmkitError('x-y', 'z')));
  assert.ok(other instanceof CrmkitError);
  assert.equal(other.code, 'x-y');
  // No stack or cause of the host's crosses.
  const data = serializeContextError(new Error('boom', {cause: new Error('secret')}));
  assert.deepEqual(data, {name: 'Error', message: 'boom'});
});

test('the bridged context: data from the snapshot, calls over the transport, sync checks kept', async () => {
  const sent: Array<[PluginContextMethod, unknown[], AbortSignal | undefined]> = [];
  const transport: ContextBridgeTransport = {
    call: async (method, args, signal) => (sent.push([method, args, signal]), 'answer'),
    send: (method, args) => void sent.push([method, args, undefined]),
    listen: () => () => {},
  };
  const guarded = createGuardedContext(spyHost().host, rejectLead, user, {locale: 'en'});
  const snapshot = snapshotOf(guarded);
  assert.deepEqual(snapshot.grants, ['leads.read', 'leads.reject']);
  const context = createBridgedContext(structuredClone(snapshot), transport);
  assert.ok(Object.isFrozen(context) && Object.isFrozen(context.user));
  assert.equal(context.pluginId, rejectLead.id);
  assert.equal(context.locale, 'en');
  assert.equal(context.can('leads.reject'), true);
  assert.equal(context.can('leads.qualify'), false, 'held by the user, not declared');
  assert.equal(await context.getLead('L-1'), 'answer');
  const controller = new AbortController();
  await context.rejectLead(
    'L-1',
    {rejectCode: 'OTHER', reassignOwner: false},
    {
      ifMatch: 3,
      signal: controller.signal,
    },
  );
  assert.deepEqual(sent[1]?.slice(0, 2), [
    'rejectLead',
    ['L-1', {rejectCode: 'OTHER', reassignOwner: false}, {ifMatch: 3}],
  ]);
  assert.equal(sent[1]?.[2], controller.signal, 'the signal stays in the frame');
  assert.throws(() => context.notify({kind: 'loud', message: 'x'} as never), InvalidArgumentError);
  assert.throws(
    () => context.emit('Not A Type'),
    (e: CrmkitError) => e.code === 'invalid-event-type',
  );
  context.emit('lead-changed', {id: 'L-1'});
  assert.deepEqual(sent.at(-1)?.slice(0, 2), ['emit', ['lead-changed', {id: 'L-1'}]]);
});

test('performContextCall runs on the guarded context: checks, the signal, subscriptions', async () => {
  const {host, calls} = spyHost();
  const channel = new PluginChannel();
  const readOnly = {...rejectLead, permissions: ['leads.read']} as PluginManifest;
  const guarded = createGuardedContext(host, readOnly, user, {channel});
  await assert.rejects(
    performContextCall(guarded, 'rejectLead', ['L-1', {rejectCode: 'OTHER', reassignOwner: false}]),
    PermissionDeniedError,
  );
  assert.deepEqual(calls, [], 'a refused call never reaches the host');
  const full = createGuardedContext(host, rejectLead, user, {channel});
  const controller = new AbortController();
  await performContextCall(
    full,
    'rejectLead',
    ['L-1', {rejectCode: 'OTHER', reassignOwner: false}],
    {
      signal: controller.signal,
    },
  );
  assert.equal((calls[0]![1][2] as {signal?: AbortSignal}).signal, controller.signal);
  const heard: unknown[] = [];
  const off = await performContextCall(full, 'on', ['lead-changed'], {
    onEvent: (type, detail) => heard.push([type, detail]),
  });
  channel.send('lead-changed', {id: 'L-1'});
  assert.deepEqual(heard, [['lead-changed', {id: 'L-1'}]]);
  (off as () => void)();
  channel.send('lead-changed', {id: 'L-2'});
  assert.equal(heard.length, 1);
});
