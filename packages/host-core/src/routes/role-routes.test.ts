import {test} from 'node:test';
import assert from 'node:assert/strict';
import {memoryHost} from '../../test/memory-host.js';

const salesRep = ['leads.read', 'leads.reject', 'leads.qualify', 'leads.convert'];

test('the roles with their names in both languages and their privileges', async () => {
  const {call} = memoryHost();
  const roles = (await call('GET', '/api/admin/roles', {as: 'anna'})).body;
  assert.deepEqual(
    roles.map((r: {id: string}) => r.id),
    ['administrator', 'sales-manager', 'sales-rep', 'marketing'],
  );
  assert.deepEqual(roles[2], {
    id: 'sales-rep',
    name: {en: 'Sales Rep', de: 'Vertriebsmitarbeiter'},
    privileges: salesRep,
  });
  assert.equal((await call('GET', '/api/admin/roles', {as: 'max'})).status, 403);
});

test("removing leads.reject from Sales Rep makes max's next reject a 403 naming his role; giving it back restores it", async () => {
  const {call, store} = memoryHost();
  const changed = await call('PUT', '/api/admin/roles/sales-rep', {
    as: 'anna',
    json: {privileges: ['leads.convert', 'leads.read', 'leads.qualify', 'leads.read']},
  });
  assert.equal(changed.status, 200);
  assert.deepEqual(changed.body.privileges, ['leads.read', 'leads.qualify', 'leads.convert']);
  assert.deepEqual(store.state.audit.at(-1)!.detail, {
    id: 'sales-rep',
    before: salesRep,
    after: ['leads.read', 'leads.qualify', 'leads.convert'],
  });
  const me = (await call('GET', '/api/me', {as: 'max'})).body;
  assert.ok(!me.privileges.includes('leads.reject'));
  const reject = await call('POST', '/api/leads/L-1001/reject', {
    as: 'max',
    json: {rejectCode: 'DUPLICATE', reassignOwner: false},
  });
  assert.equal(reject.status, 403);
  assert.equal(reject.body.code, 'missing-privilege');
  assert.match(
    reject.body.detail,
    /Max Müller \(Vertriebsmitarbeiter\) fehlt das Recht leads\.reject/,
  );
  await call('PUT', '/api/admin/roles/sales-rep', {as: 'anna', json: {privileges: salesRep}});
  const again = await call('POST', '/api/leads/L-1001/reject', {
    as: 'max',
    json: {rejectCode: 'DUPLICATE', reassignOwner: false},
  });
  assert.equal(again.status, 200);
});

test('an unknown privilege is 422 naming it and what exists; an unknown role 404; nothing changes', async () => {
  const {call, store} = memoryHost();
  const before = structuredClone(store.state.roles);
  const bad = await call('PUT', '/api/admin/roles/sales-rep', {
    as: 'anna',
    json: {privileges: ['leads.read', 'leads.fly']},
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'unknown-privilege');
  assert.equal(bad.body.errors[0].field, '/privileges/1');
  assert.match(bad.body.errors[0].message, /„leads\.fly“ ist kein Recht/);
  const missing = await call('PUT', '/api/admin/roles/astronaut', {
    as: 'anna',
    json: {privileges: []},
  });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'role-not-found');
  assert.deepEqual(store.state.roles, before);
});

test('the last admin cannot lock everyone out: not by the role, not by moving the user', async () => {
  const {call, store} = memoryHost();
  const byRole = await call('PUT', '/api/admin/roles/administrator', {
    as: 'anna',
    json: {privileges: ['leads.read']},
  });
  assert.equal(byRole.status, 409);
  assert.equal(byRole.body.code, 'last-admin');
  const byUser = await call('PUT', '/api/admin/users/anna', {
    as: 'anna',
    json: {roleId: 'sales-rep'},
  });
  assert.equal(byUser.status, 409);
  assert.equal(byUser.body.code, 'last-admin');
  assert.equal(store.user('anna')!.roleId, 'administrator');
  // With a second admin, anna may step down; the change holds on her next request.
  assert.equal(
    (await call('PUT', '/api/admin/users/sofia', {as: 'anna', json: {roleId: 'administrator'}}))
      .status,
    200,
  );
  const down = await call('PUT', '/api/admin/users/anna', {
    as: 'anna',
    json: {roleId: 'sales-rep'},
  });
  assert.equal(down.status, 200);
  assert.deepEqual(down.body, {
    id: 'anna',
    name: 'Anna Schmidt',
    roleId: 'sales-rep',
    active: true,
    locale: 'de',
  });
  assert.equal((await call('GET', '/api/admin/roles', {as: 'anna'})).status, 403);
  assert.equal((await call('GET', '/api/admin/roles', {as: 'sofia'})).status, 200);
});

test('users list with their roles; an unknown role 422, an unknown user 404', async () => {
  const {call} = memoryHost();
  const users = (await call('GET', '/api/admin/users', {as: 'anna'})).body;
  assert.deepEqual(
    users.find((u: {id: string}) => u.id === 'max'),
    {
      id: 'max',
      name: 'Max Müller',
      roleId: 'sales-rep',
      active: true,
      locale: 'de',
    },
  );
  const role = await call('PUT', '/api/admin/users/max', {as: 'anna', json: {roleId: 'astronaut'}});
  assert.equal(role.status, 422);
  assert.equal(role.body.code, 'unknown-role');
  assert.equal(role.body.errors[0].field, '/roleId');
  const user = await call('PUT', '/api/admin/users/nobody', {
    as: 'anna',
    json: {roleId: 'sales-rep'},
  });
  assert.equal(user.status, 404);
  assert.equal(user.body.code, 'user-not-found');
});
