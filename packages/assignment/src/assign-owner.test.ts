import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {AssignmentError} from './assignment-error.js';
import {assignOwner, assignOwnerSync, createAssigner} from './assign-owner.js';
import {compileRuleset} from './compile-ruleset.js';
import type {LeadFacts, UserRecord} from './lead-facts.js';
import {parseRuleset} from './parse-ruleset.js';
import {RULESET_SCHEMA} from './ruleset-schema.js';
import {toLeadFacts} from './to-lead-facts.js';

const ruleset = parseRuleset(
  readFileSync(new URL('../../../rules/lead-assignment.json', import.meta.url), 'utf8'),
);
const userList: UserRecord[] = JSON.parse(
  readFileSync(new URL('../../../rules/users.json', import.meta.url), 'utf8'),
);
const users = new Map(userList.map((u) => [u.id, u]));
const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  id: 'L-1',
  status: 'Rejected',
  ownerId: 'jonas',
  originalOwnerId: 'max',
  region: 'EMEA',
  rejectCode: 'DUPLICATE',
  ...over,
});

test('the schema file is written from RULESET_SCHEMA (run scripts/write-schema.ts after a change)', () => {
  const file = JSON.parse(
    readFileSync(new URL('../schema/lead-assignment-ruleset.schema.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(file, JSON.parse(JSON.stringify(RULESET_SCHEMA)));
});

test('book mode is refused with reassign-not-allowed-in-book-mode; user and mixed are allowed', async () => {
  await assert.rejects(
    assignOwner(lead(), {ruleset, users, ownershipMode: 'book'}),
    (e: unknown) => e instanceof AssignmentError && e.code === 'reassign-not-allowed-in-book-mode',
  );
  assert.throws(
    () => assignOwnerSync(lead(), {ruleset, users, ownershipMode: 'book'}),
    (e: unknown) => e instanceof AssignmentError && e.code === 'reassign-not-allowed-in-book-mode',
  );
  for (const ownershipMode of ['user', 'mixed'] as const)
    assert.equal((await assignOwner(lead(), {ruleset, users, ownershipMode})).ownerId, 'max');
});

test('an unknown ownership mode is refused', () => {
  assert.throws(
    () => assignOwnerSync(lead(), {ruleset, users, ownershipMode: 'team' as never}),
    (e: unknown) => e instanceof AssignmentError && e.code === 'invalid-ownership-mode',
  );
});

test('first match wins; an inactive original owner falls through to the manager', () => {
  const ctx = {compiled: compileRuleset(ruleset), users, ownershipMode: 'mixed' as const};
  assert.deepEqual(assignOwnerSync(lead(), ctx), {
    outcome: 'assigned',
    ownerId: 'max',
    rule: 'rejected-to-original-owner',
  });
  assert.deepEqual(assignOwnerSync(lead({originalOwnerId: 'petra'}), ctx), {
    outcome: 'assigned',
    ownerId: 'sofia',
    rule: 'rejected-to-original-owners-manager',
  });
});

test('no match goes to the unassigned owner; a users function works like a map', () => {
  const r = assignOwnerSync(lead({originalOwnerId: null, ownerId: null, region: 'NA'}), {
    ruleset,
    users: (id) => users.get(id),
    ownershipMode: 'user',
  });
  assert.deepEqual(r, {outcome: 'unassigned-owner', ownerId: 'lead-desk', rule: null});
});

test('the trace says per rule whether it matched, and per condition what was seen', async () => {
  const r = await assignOwner(
    lead({originalOwnerId: 'petra'}),
    {ruleset, users, ownershipMode: 'mixed'},
    {trace: true},
  );
  assert.equal(r.ownerId, 'sofia');
  const [first, second, third] = r.trace!.rules;
  assert.equal(first!.matched, true);
  assert.equal(first!.applied, false);
  assert.match((first!.resolution as {reason: string}).reason, /petra.*inactive/);
  assert.equal(
    (first!.resolution as {reasonDe: string}).reasonDe,
    'ursprünglicher Besitzer „petra“ ist inaktiv',
  );
  assert.equal(second!.applied, true);
  assert.equal(third!.matched, false);
  const leaf = (third!.conditions as {conditions: unknown[]}).conditions[0] as Record<
    string,
    unknown
  >;
  assert.deepEqual(
    {seen: leaf.seen, operator: leaf.operator, expected: leaf.expected, result: leaf.result},
    {seen: 'DUPLICATE', operator: 'equal', expected: 'OTHER', result: false},
  );
});

test('a ruleset with a complex path falls back to json-rules-engine; assignOwnerSync refuses it', async () => {
  const rs = parseRuleset({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'deep',
        conditions: {
          all: [{fact: 'lead', path: '$..status', operator: 'equal', value: 'Rejected'}],
        },
        event: {type: 'assign', params: {to: 'originalOwner'}},
      },
    ],
  });
  const compiled = compileRuleset(rs);
  assert.equal(compiled.synchronous, false);
  assert.match(compiled.fallbackReasons[0]!, /\$\.\.status/);
  assert.throws(
    () => assignOwnerSync(lead(), {compiled, users, ownershipMode: 'mixed'}),
    (e: unknown) => e instanceof AssignmentError && e.code === 'ruleset-not-compilable',
  );
  // Decided by json-rules-engine (jsonpath-plus finds the one `status`).
  const r = await assignOwner(lead(), {compiled, users, ownershipMode: 'mixed'});
  assert.deepEqual(r, {outcome: 'assigned', ownerId: 'max', rule: 'deep'});
  const r2 = await assignOwner(lead({originalOwnerId: 'petra'}), {
    compiled,
    users,
    ownershipMode: 'mixed',
  });
  assert.deepEqual(r2, {outcome: 'unassigned-owner', ownerId: 'lead-desk', rule: null});
});

test('the now fact reads the given time', () => {
  const rs = parseRuleset({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'first',
        conditions: {
          all: [
            {fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'},
            {fact: 'now', path: '$.weekdayUtc', operator: 'lessThan', value: 6},
          ],
        },
        event: {type: 'assign', params: {to: 'user', userId: 'max'}},
      },
    ],
  });
  const ctx = {ruleset: rs, users, ownershipMode: 'mixed' as const};
  assert.equal(
    assignOwnerSync(lead(), {...ctx, now: new Date('2026-11-27T10:00:00Z')}).ownerId,
    'max',
  ); // Friday
  assert.equal(
    assignOwnerSync(lead(), {...ctx, now: new Date('2026-11-28T10:00:00Z')}).ownerId,
    'lead-desk',
  ); // Saturday
});

test('toLeadFacts flattens a lead record with its rejection', () => {
  const facts = toLeadFacts({
    id: 'L-1',
    status: 'Rejected',
    ownerId: 'max',
    originalOwnerId: 'max',
    region: 'EMEA',
    rejection: {
      code: 'OTHER',
      reason: 'Gone',
      rejectedBy: {id: 'sofia'},
      rejectedAt: '2026-11-01T00:00:00Z',
    },
  });
  assert.deepEqual(facts, {
    id: 'L-1',
    status: 'Rejected',
    ownerId: 'max',
    originalOwnerId: 'max',
    region: 'EMEA',
    rejectCode: 'OTHER',
    rejectReason: 'Gone',
    rejectedById: 'sofia',
    rejectedAt: '2026-11-01T00:00:00Z',
  });
});

test('a reused context sees changes to its fields and to its users map', () => {
  const ctx: {
    compiled: ReturnType<typeof compileRuleset>;
    users: Map<string, UserRecord>;
    ownershipMode: 'mixed' | 'book';
  } = {compiled: compileRuleset(ruleset), users: new Map(users), ownershipMode: 'mixed'};
  assert.equal(assignOwnerSync(lead(), ctx).ownerId, 'max');
  // The users map is read on every call, not copied.
  ctx.users.set('max', {...(users.get('max') as UserRecord), active: false});
  assert.notEqual(assignOwnerSync(lead(), ctx).ownerId, 'max');
  // A changed field prepares the context again.
  ctx.ownershipMode = 'book';
  assert.throws(() => assignOwnerSync(lead(), ctx), {code: 'reassign-not-allowed-in-book-mode'});
  ctx.ownershipMode = 'mixed';
  ctx.users = users;
  assert.equal(assignOwnerSync(lead(), ctx).ownerId, 'max');
});

test('createAssigner decides as assignOwnerSync and refuses what it refuses', () => {
  const ctx = {compiled: compileRuleset(ruleset), users, ownershipMode: 'user' as const};
  const assign = createAssigner(ctx);
  for (const over of [{}, {originalOwnerId: 'petra'}, {originalOwnerId: null, region: 'NA'}])
    assert.deepEqual(assign(lead(over)), assignOwnerSync(lead(over), ctx));
  assert.throws(() => assign(null as never), {code: 'invalid-lead'});
  assert.throws(() => createAssigner({...ctx, ownershipMode: 'book' as never}), {
    code: 'reassign-not-allowed-in-book-mode',
  });
});

test('the now fact: a Date given is used for every lead; without one the clock is read', () => {
  const timed = parseRuleset({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'mornings-to-anna',
        conditions: {all: [{fact: 'now', path: '$.hourUtc', operator: 'lessThan', value: 12}]},
        event: {type: 'assign', params: {to: 'user', userId: 'anna'}},
      },
    ],
  });
  const compiled = compileRuleset(timed);
  const at = (h: number) => new Date(Date.UTC(2026, 10, 28, h));
  const morning = createAssigner({compiled, users, ownershipMode: 'user', now: at(9)});
  const evening = createAssigner({compiled, users, ownershipMode: 'user', now: at(18)});
  assert.equal(morning(lead()).ownerId, 'anna');
  assert.equal(evening(lead()).ownerId, 'lead-desk');
  const expected = new Date().getUTCHours() < 12 ? 'anna' : 'lead-desk';
  assert.equal(assignOwnerSync(lead(), {compiled, users, ownershipMode: 'user'}).ownerId, expected);
});

test('a rule that cannot be evaluated fails with rule-evaluation-failed naming it, on both paths', async () => {
  const broken = {
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    rules: [
      {
        name: 'tags-in-region',
        // swap:in reads the fact value's indexOf: a lead without tags makes the engine reject too.
        conditions: {all: [{fact: 'lead', path: '$.tags', operator: 'swap:in', value: 'EMEA'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'anna'}},
      },
    ],
  } as never;
  const compiled = compileRuleset(broken);
  const ctx = {compiled, users, ownershipMode: 'user' as const};
  const failed = (e: unknown) =>
    e instanceof AssignmentError &&
    e.code === 'rule-evaluation-failed' &&
    e.message.startsWith('Rule "tags-in-region"');
  assert.throws(() => assignOwnerSync(lead(), ctx), failed);
  await assert.rejects(assignOwner(lead(), ctx, {trace: true}), failed);
  // With tags, both decide.
  const tagged = {...lead(), tags: ['EMEA']} as LeadFacts;
  assert.equal(assignOwnerSync(tagged, ctx).ownerId, 'anna');
  assert.equal((await assignOwner(tagged, ctx, {trace: true})).ownerId, 'anna');
});

test('a shared condition the compiler cannot read, referenced twice, falls back as a whole', async () => {
  const deep = parseRuleset({
    recordType: 'lead',
    unassignedOwner: 'lead-desk',
    sharedConditions: {
      emea: {all: [{fact: 'lead', path: '$..region', operator: 'equal', value: 'EMEA'}]},
    },
    rules: [
      {
        name: 'emea-to-anna',
        conditions: {
          all: [
            {condition: 'emea'},
            {fact: 'lead', path: '$.rating', operator: 'equal', value: 'A'},
          ],
        },
        event: {type: 'assign', params: {to: 'user', userId: 'anna'}},
      },
      {
        name: 'emea-to-max',
        conditions: {all: [{condition: 'emea'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'max'}},
      },
    ],
  });
  const compiled = compileRuleset(deep);
  assert.equal(compiled.synchronous, false);
  assert.equal(compiled.fallbackReasons.length, 2);
  const r = await assignOwner(lead(), {compiled, users, ownershipMode: 'user'});
  assert.deepEqual(r, {outcome: 'assigned', ownerId: 'max', rule: 'emea-to-max'});
});
