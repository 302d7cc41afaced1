import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {CurrentUser, HostApi} from '../contract/host-api.js';
import type {Lead} from '../contract/lead.js';
import type {Privilege} from '../contract/privileges.js';
import {InvalidArgumentError} from '../errors/invalid-argument-error.js';
import {PermissionDeniedError, type PermissionDenial} from '../errors/permission-denied-error.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {createGuardedContext} from './create-guarded-context.js';
import {PluginChannel} from './plugin-channel.js';
import type {PluginContext, PluginNotification} from './plugin-context.js';

const rejectLead: PluginManifest = JSON.parse(
  readFileSync(new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
);

const lead: Lead = {
  id: 'L-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines',
  status: 'Qualified',
  ownerId: 'u-1',
  originalOwnerId: 'u-1',
  version: 3,
};

/** A host whose every method records its call and answers with data it keeps (like a cache). */
function spyHost() {
  const calls: Array<[string, unknown[]]> = [];
  const kept = {lead: structuredClone(lead)};
  const answers: Record<keyof HostApi, () => unknown> = {
    getCurrentUser: () => ({id: 'u-1', name: 'Ada', locale: 'en', privileges: []}),
    getLead: () => kept.lead,
    listLeads: () => [kept.lead],
    rejectLead: () => ({lead: {...kept.lead, status: 'Rejected'}}),
    getRejectCodes: () => [{key: 'OTHER', label: 'Other', active: true}],
    getLeadSettings: () => ({ownershipMode: 'mixed'}),
  };
  const host = Object.fromEntries(
    Object.entries(answers).map(([name, answer]) => [
      name,
      async (...args: unknown[]) => {
        calls.push([name, args]);
        return answer();
      },
    ]),
  ) as unknown as HostApi;
  return {host, calls, kept};
}

const userWith = (privileges: Privilege[]): CurrentUser => ({
  id: 'u-1',
  name: 'Ada Lovelace',
  locale: 'de',
  privileges,
});
const manifestWith = (permissions: Privilege[]): PluginManifest => ({...rejectLead, permissions});

/** Each guarded method, the privilege it needs and a valid call. */
const guardedCalls: Array<
  [keyof PluginContext, Privilege, (c: PluginContext) => Promise<unknown>]
> = [
  ['getLead', 'leads.read', (c) => c.getLead('L-1')],
  ['listLeads', 'leads.read', (c) => c.listLeads({status: 'Qualified'})],
  ['getRejectCodes', 'leads.read', (c) => c.getRejectCodes({locale: 'de'})],
  ['getLeadSettings', 'leads.read', (c) => c.getLeadSettings()],
  [
    'rejectLead',
    'leads.reject',
    (c) =>
      c.rejectLead(
        'L-1',
        {rejectCode: 'OTHER', rejectReason: 'x', reassignOwner: true},
        {ifMatch: 3},
      ),
  ],
];

for (const [method, privilege, call] of guardedCalls) {
  for (const declared of [true, false]) {
    for (const granted of [true, false]) {
      test(`${method} (${privilege}): ${declared ? 'declared' : 'undeclared'}, ${granted ? 'granted' : 'not granted'}`, async () => {
        const {host, calls} = spyHost();
        const denials: PermissionDenial[] = [];
        const context = createGuardedContext(
          host,
          manifestWith(declared ? [privilege] : []),
          userWith(granted ? [privilege] : []),
          {onDenied: (d) => denials.push(d)},
        );
        assert.equal(context.can(privilege), declared && granted);
        if (declared && granted) {
          const result = await call(context);
          assert.equal(calls.length, 1);
          assert.equal(calls[0]?.[0], method);
          assert.ok(result !== undefined);
          assert.deepEqual(denials, []);
          return;
        }
        const code = declared ? 'privilege-missing' : 'permission-undeclared';
        await assert.rejects(call(context), (error: unknown) => {
          assert.ok(error instanceof PermissionDeniedError);
          assert.equal(error.code, code);
          assert.equal(error.privilege, privilege);
          assert.equal(error.call, method);
          assert.equal(error.pluginId, 'dev.crmkit.reject-lead');
          assert.match(
            error.message,
            declared ? /role does not grant/ : /Add ".+" to "permissions"/,
          );
          return true;
        });
        assert.deepEqual(calls, [], 'the host was not called');
        assert.deepEqual(denials, [
          {pluginId: 'dev.crmkit.reject-lead', call: method, privilege, code},
        ]);
      });
    }
  }
}

test('the host gets exactly the documented arguments, copied', async () => {
  const {host, calls} = spyHost();
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read', 'leads.reject']));
  const controller = new AbortController();
  const input = {rejectCode: 'OTHER', rejectReason: 'gone', reassignOwner: false, extra: 'dropped'};
  await context.rejectLead('L-1', input, {
    ifMatch: 3,
    idempotencyKey: 'k-1',
    signal: controller.signal,
  });
  await context.listLeads();
  await context.getRejectCodes();
  assert.deepEqual(calls[0], [
    'rejectLead',
    [
      'L-1',
      {rejectCode: 'OTHER', rejectReason: 'gone', reassignOwner: false},
      {ifMatch: 3, idempotencyKey: 'k-1', signal: controller.signal},
    ],
  ]);
  assert.notEqual((calls[0]?.[1] as unknown[])[1], input, 'the host got a copy of the input');
  assert.deepEqual(calls[1], ['listLeads', []]);
  assert.deepEqual(calls[2], ['getRejectCodes', []]);
});

test('results are copies: changing one does not change what the host keeps', async () => {
  const {host, kept} = spyHost();
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read']));
  const got = await context.getLead('L-1');
  got.status = 'Rejected';
  assert.equal(kept.lead.status, 'Qualified');
  assert.notEqual(got, kept.lead);
});

test('malformed arguments are refused with InvalidArgumentError before the host is called', async () => {
  const {host, calls} = spyHost();
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read', 'leads.reject']));
  const cases: Array<[() => Promise<unknown>, RegExp]> = [
    [() => context.getLead(''), /getLead\(id\)/],
    [() => context.getLead(7 as unknown as string), /getLead\(id\)/],
    [() => context.listLeads({status: 'Open' as 'Qualified'}), /listLeads\(query.status\)/],
    [
      () =>
        context.rejectLead('L-1', null as unknown as {rejectCode: string; reassignOwner: boolean}),
      /rejectLead\(input\)/,
    ],
    [() => context.rejectLead('L-1', {rejectCode: '', reassignOwner: false}), /input.rejectCode/],
    [
      () =>
        context.rejectLead('L-1', {
          rejectCode: 'OTHER',
          reassignOwner: 'yes' as unknown as boolean,
        }),
      /input.reassignOwner/,
    ],
    [
      () =>
        context.rejectLead('L-1', {
          rejectCode: 'OTHER',
          rejectReason: 5 as unknown as string,
          reassignOwner: true,
        }),
      /input.rejectReason/,
    ],
    [
      () => context.rejectLead('L-1', {rejectCode: 'OTHER', reassignOwner: true}, {ifMatch: 1.5}),
      /options.ifMatch/,
    ],
    [() => context.getRejectCodes({locale: ''}), /options.locale/],
  ];
  for (const [call, argument] of cases) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError);
      assert.equal(error.code, 'invalid-argument');
      assert.match(error.message, argument);
      return true;
    });
  }
  assert.deepEqual(calls, []);
});

test('host errors reach the plugin unchanged', async () => {
  const {host} = spyHost();
  const failure = new Error('lead-not-found');
  host.getLead = async () => {
    throw failure;
  };
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read']));
  await assert.rejects(context.getLead('nope'), (error) => error === failure);
});

test('a throwing onDenied does not change the outcome', async () => {
  const {host, calls} = spyHost();
  const reported: unknown[] = [];
  const original = console.error;
  console.error = (e: unknown) => void reported.push(e);
  try {
    const context = createGuardedContext(host, rejectLead, userWith([]), {
      onDenied: () => {
        throw new Error('audit log down');
      },
    });
    await assert.rejects(context.getLead('L-1'), PermissionDeniedError);
  } finally {
    console.error = original;
  }
  assert.equal(calls.length, 0);
  assert.equal(reported.length, 1);
});

test('can() is declared ∩ granted, for every privilege and for unknown keys', () => {
  const {host} = spyHost();
  const context = createGuardedContext(
    host,
    manifestWith(['leads.read', 'leads.reject']),
    userWith(['leads.reject', 'plugins.manage']),
  );
  assert.equal(context.can('leads.reject'), true);
  assert.equal(context.can('leads.read'), false, 'declared, not granted');
  assert.equal(context.can('plugins.manage'), false, 'granted, not declared');
  assert.equal(context.can('leads.delete' as Privilege), false);
});

test('notify, emit and on work whatever the permissions, and do not touch the host', async () => {
  const all: Privilege[] = ['leads.read', 'leads.reject'];
  for (const [declared, granted] of [
    [all, all],
    [all, []],
    [[], all],
    [[], []],
  ] as Privilege[][][]) {
    const {host, calls} = spyHost();
    const channel = new PluginChannel();
    const notes: Array<[PluginNotification, string]> = [];
    const context = createGuardedContext(host, manifestWith(declared!), userWith(granted!), {
      channel,
      onNotify: (n, id) => notes.push([n, id]),
    });
    context.notify({kind: 'success', message: 'Lead zurückgewiesen'});
    assert.deepEqual(notes, [
      [{kind: 'success', message: 'Lead zurückgewiesen'}, 'dev.crmkit.reject-lead'],
    ]);
    assert.throws(
      () => context.notify({kind: 'warning' as 'info', message: 'x'}),
      InvalidArgumentError,
    );
    assert.throws(() => context.notify({kind: 'info', message: ' '}), /notification.message/);

    const fromPlugin: Array<[string, unknown]> = [];
    channel.onPluginEvent((type, detail) => fromPlugin.push([type, detail]));
    const detail = {leadId: 'L-1'};
    context.emit('lead-changed', detail);
    assert.deepEqual(fromPlugin, [['lead-changed', {leadId: 'L-1'}]]);
    assert.notEqual(fromPlugin[0]?.[1], detail, 'the host gets a copy');

    const fromHost: unknown[] = [];
    const off = context.on('lead-updated', (d) => fromHost.push(d));
    channel.send('lead-updated', {version: 4});
    channel.send('something-else', {});
    off();
    channel.send('lead-updated', {version: 5});
    assert.deepEqual(fromHost, [{version: 4}]);
    assert.deepEqual(calls, []);
  }
});

test('the context is frozen, carries the user, locale and deep-frozen config', () => {
  const {host} = spyHost();
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read']), {
    config: {reassignOwnerDefault: true, extra: {nested: [1]}},
  });
  assert.ok(Object.isFrozen(context));
  assert.equal(context.pluginId, 'dev.crmkit.reject-lead');
  assert.equal(context.locale, 'de', "the user's locale by default");
  assert.deepEqual(context.user, {
    id: 'u-1',
    name: 'Ada Lovelace',
    locale: 'de',
    privileges: ['leads.read'],
  });
  assert.ok(Object.isFrozen(context.user) && Object.isFrozen(context.user.privileges));
  assert.deepEqual(context.config, {reassignOwnerDefault: true, extra: {nested: [1]}});
  assert.ok(Object.isFrozen((context.config['extra'] as {nested: number[]}).nested));
  const defaults = createGuardedContext(host, rejectLead, userWith([]), {locale: 'en'});
  assert.deepEqual(defaults.config, {reassignOwnerDefault: false});
  assert.equal(defaults.locale, 'en');
  assert.throws(() => {
    (context as {locale: string}).locale = 'fr';
  }, TypeError);
  assert.throws(() => Object.defineProperty(context, 'host', {value: host}), TypeError);
});

test('nothing reachable from the context leads to the raw host', async () => {
  const {host} = spyHost();
  const context = createGuardedContext(host, rejectLead, userWith(['leads.read', 'leads.reject']), {
    channel: new PluginChannel(),
  });
  const forbidden = new Set<unknown>([host, ...Object.values(host)]);
  // Walk every own property (string and symbol keys, getters included) and prototype from the context.
  const seen = new Set<unknown>();
  const queue: unknown[] = [context];
  while (queue.length) {
    const value = queue.shift();
    if (
      (typeof value !== 'object' && typeof value !== 'function') ||
      value === null ||
      seen.has(value)
    )
      continue;
    seen.add(value);
    assert.ok(!forbidden.has(value), 'the raw host or one of its methods is reachable');
    if (value === Function.prototype || value === Object.prototype) continue;
    queue.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      queue.push(descriptor?.value, descriptor?.get, descriptor?.set);
    }
  }
  const prototype = Object.getPrototypeOf(context);
  assert.ok(Object.isFrozen(prototype));
  assert.equal(Object.getPrototypeOf(prototype), null);
  assert.equal(String(context), '[object PluginContext]');
  assert.equal((context as unknown as {constructor?: unknown}).constructor, undefined);
  for (const name of ['getLead', 'rejectLead', 'can', 'notify', 'emit', 'on'] as const) {
    const fn = context[name] as unknown as {prototype?: unknown; toString(): string};
    assert.ok(Object.isFrozen(fn), `${name} is frozen`);
    assert.equal(fn.prototype, undefined, `${name} has no prototype`);
    assert.equal(fn.toString(), `function ${name}() { [crmkit guarded context] }`);
    assert.doesNotMatch(
      Function.prototype.toString.call(fn),
      /host/,
      `${name} source names no host`,
    );
    assert.throws(() => new (fn as unknown as new () => unknown)(), TypeError);
  }
  // The Function constructor behind a method builds functions in the global scope, not the closure.
  const makeFunction = (context.getLead as unknown as {constructor: FunctionConstructor})
    .constructor;
  assert.equal(makeFunction('return typeof host')(), 'undefined');
});

test('changing the manifest or user after creation changes nothing', async () => {
  const {host, calls} = spyHost();
  const manifest = manifestWith(['leads.read']);
  const user = userWith(['leads.read']);
  const context = createGuardedContext(host, manifest, user);
  manifest.permissions.push('leads.reject');
  (user.privileges as Privilege[]).push('leads.reject');
  await assert.rejects(
    context.rejectLead('L-1', {rejectCode: 'OTHER', reassignOwner: false}),
    PermissionDeniedError,
  );
  assert.equal(calls.length, 0);
  assert.equal(context.can('leads.reject'), false);
});
