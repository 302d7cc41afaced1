import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setupServer} from 'msw/node';
import {HostApiError} from '@crmkit/sdk';
import {createRestAdminApi} from '../create-rest-admin-api.js';
import {createRestHostApi} from '../create-rest-host-api.js';
import {DEMO_ROLES, DEMO_USERS} from '@crmkit/host-core';
import {createMockHost} from './create-mock-host.js';

async function refusal(promise: Promise<unknown>): Promise<HostApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof HostApiError, `expected a HostApiError, got ${String(error)}`);
  return error;
}

const clients = (host: ReturnType<typeof createMockHost>, token: string, locale?: string) => ({
  api: createRestHostApi({token, fetch: host.fetch, ...(locale ? {locale} : {})}),
  admin: createRestAdminApi({token, fetch: host.fetch}),
});

test('the mock host works as a plain fetch, and reset() restores the demo data', async () => {
  const host = createMockHost();
  const {api} = clients(host, 'max');
  const {lead} = await api.rejectLead('L-1001', {rejectCode: 'DUPLICATE', reassignOwner: false});
  assert.equal(lead.status, 'Rejected');
  assert.equal(host.state.leads.get('L-1001')!.status, 'Rejected');
  assert.equal(host.state.audit.length, 1);
  host.reset();
  assert.equal((await api.getLead('L-1001')).status, 'Qualified');
  assert.equal(host.state.audit.length, 0);
});

test('tests may change the state directly, and the routes see it', async () => {
  const host = createMockHost();
  host.state.leads.get('L-1002')!.status = 'Converted';
  await assert.rejects(
    clients(host, 'max').api.rejectLead('L-1002', {rejectCode: 'DUPLICATE', reassignOwner: false}),
    {code: 'lead-not-qualified', status: 409},
  );
});

test('the default reassignment: the original owner while active, else the unassigned owner', async () => {
  const {api} = clients(createMockHost(), 'max');
  const back = await api.rejectLead('L-1002', {rejectCode: 'DUPLICATE', reassignOwner: true});
  assert.deepEqual(back.assignment, {
    outcome: 'assigned',
    ownerId: 'jonas',
    rule: 'original-owner',
  });
  const desk = await api.rejectLead('L-1003', {rejectCode: 'DUPLICATE', reassignOwner: true});
  assert.deepEqual(desk.assignment, {
    outcome: 'unassigned-owner',
    ownerId: 'lead-desk',
    rule: null,
  });
  assert.equal(desk.lead.ownerName, 'Lead Desk');
});

/** A ruleset whose one rule sends every rejected lead to `userId`. */
const toUser = (userId: string) => ({
  recordType: 'lead',
  unassignedOwner: 'lead-desk',
  rules: [
    {
      name: `to-${userId}`,
      conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
      event: {type: 'assign', params: {to: 'user', userId}},
    },
  ],
});

test('reassignment runs the active ruleset; one naming an unknown user fails (500), changing nothing', async () => {
  const {api} = clients(createMockHost({ruleset: toUser('sofia')}), 'max');
  const ok = await api.rejectLead('L-1001', {rejectCode: 'DUPLICATE', reassignOwner: true});
  assert.deepEqual(ok.assignment, {outcome: 'assigned', ownerId: 'sofia', rule: 'to-sofia'});
  assert.equal(ok.lead.ownerId, 'sofia');

  // A user the rules name but the host does not have falls through to the unassigned owner; an
  // unassigned owner the host does not have is a failure.
  const broken = createMockHost({ruleset: {...toUser('nobody'), unassignedOwner: 'nobody'}});
  const error = await refusal(
    clients(broken, 'max', 'en').api.rejectLead('L-1004', {
      rejectCode: 'DUPLICATE',
      reassignOwner: true,
    }),
  );
  assert.equal(error.status, 500);
  assert.equal(error.code, 'assignment-failed');
  assert.match(error.message, /nothing was changed/);
  const untouched = await clients(broken, 'max').api.getLead('L-1004');
  assert.equal(untouched.status, 'Qualified');
  assert.equal(untouched.version, 1);
  assert.equal(broken.state.audit.length, 0);
});

test('concurrent rejects of one lead: exactly one wins, the other gets a 409', async () => {
  const host = createMockHost();
  const input = {rejectCode: 'DUPLICATE', reassignOwner: true};
  const results = await Promise.allSettled([
    clients(host, 'max').api.rejectLead('L-1001', input, {ifMatch: 1}),
    clients(host, 'sofia').api.rejectLead('L-1001', input, {ifMatch: 1}),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected'],
  );
  assert.equal(((results[1] as PromiseRejectedResult).reason as HostApiError).status, 409);
  assert.equal(host.state.leads.get('L-1001')!.version, 2);
  assert.equal(host.state.audit.length, 1);
});

test('a user without leads.read gets 403 on every plugin-facing read', async () => {
  const guest = {...DEMO_USERS[3]!, id: 'guest', name: 'Guest', token: 'guest', roleId: 'guest'};
  const host = createMockHost({
    users: [...DEMO_USERS, guest],
    roles: [...DEMO_ROLES, {id: 'guest', name: {en: 'Guest', de: 'Gast'}, privileges: []}],
  });
  const {api} = clients(host, 'guest');
  for (const call of [
    () => api.listLeads(),
    () => api.getLead('L-1001'),
    () => api.getRejectCodes(),
    () => api.getLeadSettings(),
  ]) {
    await assert.rejects(call(), {status: 403, code: 'missing-privilege'});
  }
  assert.equal((await api.getCurrentUser()).id, 'guest');
  assert.deepEqual(await api.listPluginInstallations(), []);
});

test('an inactive user cannot sign in even with a token', async () => {
  const host = createMockHost({
    users: DEMO_USERS.map((u) => (u.id === 'max' ? {...u, active: false} : u)),
  });
  await assert.rejects(clients(host, 'max').api.getCurrentUser(), {
    status: 401,
    code: 'unauthorized',
  });
});

test('problem details follow the language: German for max, English when asked', async () => {
  const host = createMockHost();
  const de = await refusal(
    clients(host, 'max').api.rejectLead('L-1001', {rejectCode: 'OTHER', reassignOwner: false}),
  );
  const en = await refusal(
    clients(host, 'max', 'en').api.rejectLead('L-1001', {
      rejectCode: 'OTHER',
      reassignOwner: false,
    }),
  );
  assert.match(de.message, /Zurückweisungsgrund/);
  assert.match(en.message, /reject reason/);
  assert.equal(de.title, en.title);
});

test('a ruleset is linted: errors refuse it with their positions (the active one stays), warnings pass', async () => {
  const {admin} = clients(createMockHost(), 'anna', 'en');
  const before = await admin.getAssignmentRules();
  const error = await refusal(
    admin.putAssignmentRules('{\n  "recordType": "lead",\n  "rules": 7\n}'),
  );
  assert.equal(error.code, 'invalid-ruleset');
  assert.ok(error.errors.length > 0);
  const located = error.errors as ReadonlyArray<{line?: number; column?: number}>;
  assert.ok(located.every((e) => typeof e.line === 'number' && typeof e.column === 'number'));
  assert.deepEqual(await admin.getAssignmentRules(), before);
  const missesRejected = {
    ...toUser('sofia'),
    rules: [
      {
        ...toUser('sofia').rules[0]!,
        conditions: {
          all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Qualified'}],
        },
      },
    ],
  };
  const ok = await admin.putAssignmentRules(missesRejected);
  assert.ok(ok.warnings.some((w) => w.code === 'first-rule-misses-rejected'));
  assert.deepEqual(await admin.getAssignmentRules(), missesRejected);
});

test('msw handlers answer only for the configured base URL, also for malformed escapes', async () => {
  const host = createMockHost({baseUrl: 'http://crm.test/'});
  const server = setupServer(...host.handlers);
  server.listen({onUnhandledRequest: 'error'});
  try {
    const me = await fetch('http://crm.test/api/me', {headers: {Authorization: 'Bearer max'}});
    assert.equal(me.status, 200);
    const odd = await fetch('http://crm.test/api/leads/L-%E0%A4%A', {
      headers: {Authorization: 'Bearer max'},
    });
    assert.equal(odd.status, 404);
    assert.equal((await odd.json()).code, 'not-found');
    await assert.rejects(fetch('http://other.test/api/me'));
  } finally {
    server.close();
  }
});

test('an Idempotency-Key replays for 24 hours; after that the same key is a new request', async () => {
  const host = createMockHost();
  const {api} = clients(host, 'max', 'en');
  const options = {idempotencyKey: 'click-1'};
  const first = await api.rejectLead(
    'L-1001',
    {rejectCode: 'DUPLICATE', reassignOwner: false},
    options,
  );
  const again = await api.rejectLead(
    'L-1001',
    {rejectCode: 'DUPLICATE', reassignOwner: false},
    options,
  );
  assert.deepEqual(again, first);
  // The day passes: the key's audit row is older than its lifetime.
  host.state.audit[0]!.at = new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000).toISOString();
  const late = await refusal(
    api.rejectLead('L-1001', {rejectCode: 'DUPLICATE', reassignOwner: false}, options),
  );
  assert.equal(late.code, 'lead-not-qualified', 'decided as a new request, not replayed');
});

test('with a fixed clock an Idempotency-Key still replays (the lifetime follows the mock clock)', async () => {
  const host = createMockHost({now: () => new Date('2024-01-01T12:00:00Z')});
  const {api} = clients(host, 'max');
  const input = {rejectCode: 'DUPLICATE', reassignOwner: false};
  const first = await api.rejectLead('L-1001', input, {idempotencyKey: 'fixed-clock'});
  assert.equal(first.lead.rejection?.rejectedAt, '2024-01-01T12:00:00.000Z');
  assert.deepEqual(await api.rejectLead('L-1001', input, {idempotencyKey: 'fixed-clock'}), first);
});

test('a change of a user in state is seen by the next reassignment', async () => {
  const host = createMockHost();
  const {api} = clients(host, 'max');
  const first = await api.rejectLead('L-1002', {rejectCode: 'DUPLICATE', reassignOwner: true});
  assert.equal(first.assignment?.ownerId, 'jonas');
  host.state.users.find((u) => u.id === 'jonas')!.active = false;
  // L-1005 has the same original owner as L-1002 in the demo data; with jonas inactive the rule
  // falls through to the unassigned owner.
  const lead = await api.getLead('L-1005');
  assert.equal(lead.originalOwnerId, 'jonas');
  const second = await api.rejectLead('L-1005', {rejectCode: 'DUPLICATE', reassignOwner: true});
  assert.equal(second.assignment?.ownerId, 'lead-desk');
});

test('a body is read as sent, like the dev host reads it: a byte-order mark is not JSON', async () => {
  const answer = await createMockHost().fetch('/api/leads/L-1001/reject', {
    method: 'POST',
    headers: {Authorization: 'Bearer max', 'Content-Type': 'application/json'},
    body: '\uFEFF{"rejectCode":"DUPLICATE","reassignOwner":false}',
  });
  assert.equal(answer.status, 400);
  assert.equal((await answer.json()).code, 'invalid-json');
});
