import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createContractValidator} from './create-contract-validator.js';
import {createRequestChecker} from './create-request-checker.js';

const checker = createRequestChecker();
const validator = createContractValidator();

test('the precompiled body validators find what ajv at run time finds, field for field', () => {
  const samples: Array<[string, unknown]> = [
    ['RejectRequest', {rejectCode: 7, extra: true}],
    ['RejectRequest', {rejectCode: '', reassignOwner: 'no', rejectReason: 5}],
    ['RejectRequest', {rejectCode: 'OTHER', rejectReason: null, reassignOwner: false}],
    ['LeadSettings', {ownershipMode: 'team'}],
    ['AdminRejectCodeList', [{key: 'bad key', labels: {en: ' '}, active: 1}]],
    ['AdminRejectCodeList', []],
    ['PluginChanges', {enabled: 3, acceptPermissions: ['leads.fly']}],
    ['PluginChanges', {}],
    ['RoleChanges', {privileges: 'all'}],
    ['UserChanges', {roleId: ''}],
    ['Ruleset', [1]],
  ];
  for (const [name, value] of samples) {
    assert.deepEqual(
      checker.checkBody(name, value, 'de'),
      validator.validateSchema(name, value, 'de'),
      name,
    );
  }
});

test('header and query parameters are checked against their declared schemas, named by parameter', () => {
  const reject = checker.findOperation('POST', '/api/leads/L-1/reject');
  assert.ok(reject && 'operation' in reject);
  const none = new URLSearchParams();
  assert.equal(
    checker.checkParameters(reject.operation, new Headers({'If-Match': '"4"'}), none),
    undefined,
  );
  const bad = checker.checkParameters(
    reject.operation,
    new Headers({'If-Match': 'W/"x"'}),
    none,
    'en',
  );
  assert.deepEqual(bad && {in: bad.in, name: bad.name, fields: bad.errors.map((e) => e.field)}, {
    in: 'header',
    name: 'If-Match',
    fields: ['If-Match'],
  });
  assert.match(bad!.errors[0]!.message, /^"If-Match"/);
  const audit = checker.findOperation('GET', '/api/admin/audit');
  assert.ok(audit && 'operation' in audit);
  assert.equal(
    checker.checkParameters(audit.operation, new Headers(), new URLSearchParams('limit=20')),
    undefined,
  );
  assert.equal(
    checker.checkParameters(audit.operation, new Headers(), new URLSearchParams('limit=501'))?.name,
    'limit',
  );
  assert.equal(
    checker.checkParameters(audit.operation, new Headers(), new URLSearchParams('limit=ten'))?.in,
    'query',
  );
});

test('an unknown body schema is a programming error that names it', () => {
  assert.throws(() => checker.checkBody('Nope', {}), /no request validator "body:Nope"/);
});
