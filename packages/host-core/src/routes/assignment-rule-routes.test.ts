import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {memoryHost} from '../../test/memory-host.js';

const SHIPPED = readFileSync(
  new URL('../../../../rules/lead-assignment.json', import.meta.url),
  'utf8',
);
/** Everything to one user, whatever the lead: a candidate whose effect is easy to predict. */
const everythingTo = (userId: string) => ({
  recordType: 'lead',
  unassignedOwner: 'lead-desk',
  rules: [
    {
      name: `all-to-${userId}`,
      conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
      event: {type: 'assign', params: {to: 'user', userId}},
    },
  ],
});

async function withShippedRules() {
  const host = memoryHost();
  const put = await host.call('PUT', '/api/admin/assignment-rules', {
    as: 'anna',
    json: JSON.parse(SHIPPED),
  });
  assert.equal(put.status, 200);
  return host;
}

test('every activation is a version; a roll back activates an old one again as a new version, audited', async () => {
  const {call, store} = await withShippedRules();
  assert.equal(
    (await call('PUT', '/api/admin/assignment-rules', {as: 'anna', json: everythingTo('sofia')}))
      .status,
    200,
  );
  const versions = (await call('GET', '/api/admin/assignment-rules/versions', {as: 'anna'})).body;
  assert.deepEqual(
    versions.map((v: {version: number; active: boolean}) => [v.version, v.active]),
    [
      [2, true],
      [1, false],
    ],
  );
  assert.deepEqual(versions[0].activatedBy, {id: 'anna', name: 'Anna Schmidt'});
  const one = (await call('GET', '/api/admin/assignment-rules/versions/1', {as: 'anna'})).body;
  assert.equal(one.ruleset.rules[0].name, 'rejected-to-original-owner');

  const back = await call('POST', '/api/admin/assignment-rules/versions/1/activate', {as: 'anna'});
  assert.equal(back.status, 200);
  assert.equal(back.body.version, 3);
  assert.equal(back.body.restoredFrom, 1);
  assert.deepEqual(back.body.ruleset, one.ruleset);
  assert.deepEqual(
    (await call('GET', '/api/admin/assignment-rules', {as: 'anna'})).body,
    one.ruleset,
  );
  assert.deepEqual(store.state.audit.at(-1)!.detail, {from: 2, to: 3, restoredFrom: 1});
  assert.equal(store.state.audit.at(-1)!.action, 'assignment-rules.rolled-back');
  // The restored rules decide rejects at once.
  const rejected = await call('POST', '/api/leads/L-1001/reject', {
    as: 'max',
    json: {rejectCode: 'DUPLICATE', reassignOwner: true},
  });
  assert.equal(rejected.body.assignment.rule, 'rejected-to-original-owner');

  const missing = await call('GET', '/api/admin/assignment-rules/versions/99', {as: 'anna'});
  assert.equal(missing.status, 404);
  assert.match(missing.body.detail, /„99“/);
  assert.equal(
    (await call('GET', '/api/admin/assignment-rules/versions', {as: 'max'})).status,
    403,
  );
});

test('preview: which leads would get another owner, on pending leads and replayed rejections, counts side by side; nothing stored', async () => {
  const {call, store} = await withShippedRules();
  // Two recorded rejections to replay.
  for (const id of ['L-1001', 'L-1002']) {
    await call('POST', `/api/leads/${id}/reject`, {
      as: 'max',
      json: {rejectCode: 'DUPLICATE', reassignOwner: true},
    });
  }
  const versionsBefore = store.state.rulesets.length;
  const preview = await call(
    'POST',
    '/api/admin/assignment-rules/preview?rejectCode=DUPLICATE&replay=10',
    {
      as: 'anna',
      json: everythingTo('sofia'),
    },
  );
  assert.equal(preview.status, 200);
  const body = preview.body;
  assert.equal(body.rejectCode, 'DUPLICATE');
  assert.equal(body.active.version, 1);
  const pending = [...store.state.leads.values()].filter((l) => l.status !== 'Rejected').length;
  assert.equal(body.leads.evaluated, pending);
  assert.equal(body.replayed.evaluated, 2);
  // The candidate gives every lead to Sofia: every lead whose owner would not be Sofia anyway changes.
  const total = body.leads.evaluated + body.replayed.evaluated;
  assert.deepEqual(body.candidate, {
    rules: [{name: 'all-to-sofia', matched: total}],
    unassignedOwner: 0,
  });
  const activeTotal =
    body.active.rules.reduce((n: number, r: {matched: number}) => n + r.matched, 0) +
    body.active.unassignedOwner;
  assert.equal(activeTotal, total);
  for (const change of [...body.leads.changed, ...body.replayed.changed]) {
    assert.equal(change.to.ownerId, 'sofia');
    assert.equal(change.to.ownerName, 'Sofia Romano');
    assert.equal(change.to.rule, 'all-to-sofia');
  }
  const replayedL1001 = body.replayed.changed.find((c: {leadId: string}) => c.leadId === 'L-1001');
  assert.deepEqual(replayedL1001.from, {
    ownerId: 'max',
    ownerName: 'Max Müller',
    rule: 'rejected-to-original-owner',
  });
  assert.equal(store.state.rulesets.length, versionsBefore, 'a preview stores nothing');
});

test('preview refuses a candidate with lint errors (422 with findings) and a bad query (400 naming it)', async () => {
  const {call} = await withShippedRules();
  const bad = await call('POST', '/api/admin/assignment-rules/preview', {
    as: 'anna',
    json: {...everythingTo('sofia'), unassignedOwner: 'nobody'},
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'invalid-ruleset');
  const query = await call(
    'POST',
    '/api/admin/assignment-rules/preview?rejectCode=NOPE&replay=-1',
    {
      as: 'anna',
      json: everythingTo('sofia'),
    },
  );
  assert.equal(query.status, 400);
  assert.deepEqual(
    query.body.errors.map((e: {field: string}) => e.field),
    ['rejectCode', 'replay'],
  );
});
