import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PRIVILEGES} from '@crmkit/sdk';
import {
  DEFAULT_REJECT_CODES,
  DEMO_ROLES,
  DEMO_UNASSIGNED_OWNER,
  DEMO_USERS,
  demoLeads,
} from './demo-data.js';

test('the four demo users sign in with their names and hold the privileges the README lists', () => {
  const byToken = new Map(DEMO_USERS.filter((u) => u.token).map((u) => [u.token, u]));
  assert.deepEqual([...byToken.keys()], ['anna', 'sofia', 'max', 'lena']);
  const privileges = (token: string) =>
    DEMO_ROLES.find((r) => r.id === byToken.get(token)!.roleId)!.privileges;
  assert.deepEqual([...privileges('anna')].sort(), [...PRIVILEGES].sort());
  assert.ok(privileges('max').includes('leads.reject'));
  assert.ok(!privileges('lena').includes('leads.reject'));
  assert.equal(byToken.get('max')!.managerId, 'sofia');
});

test('about 50 leads, every status, at least 10 Qualified, owners that are demo users', () => {
  const leads = demoLeads();
  assert.equal(leads.length, 50);
  const ids = new Set(DEMO_USERS.map((u) => u.id));
  for (const status of ['Qualifying', 'Qualified', 'Converted', 'Rejected', 'Archived']) {
    assert.ok(
      leads.some((l) => l.status === status),
      status,
    );
  }
  assert.ok(leads.filter((l) => l.status === 'Qualified').length >= 10);
  for (const lead of leads) {
    assert.ok(ids.has(lead.ownerId!) && ids.has(lead.originalOwnerId!), lead.id);
    assert.equal(lead.status === 'Rejected', lead.rejection !== undefined, lead.id);
  }
  assert.ok(
    leads.some((l) => l.status === 'Qualified' && l.originalOwnerId === 'petra'),
    'an inactive original owner',
  );
  assert.ok(ids.has(DEMO_UNASSIGNED_OWNER));
});

test('the 14 default reject codes with OTHER among them, labelled in German and English', () => {
  assert.equal(DEFAULT_REJECT_CODES.length, 14);
  const other = DEFAULT_REJECT_CODES.find((c) => c.key === 'OTHER')!;
  assert.deepEqual(other.labels, {en: 'Other', de: 'Sonstige'});
  assert.equal(new Set(DEFAULT_REJECT_CODES.map((c) => c.key)).size, 14);
});
