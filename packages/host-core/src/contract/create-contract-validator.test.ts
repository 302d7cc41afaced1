import {test} from 'node:test';
import assert from 'node:assert/strict';
import {demoLeads} from '../demo-data.js';
import {createContractValidator} from './create-contract-validator.js';
import {createProblem} from './create-problem.js';

const validator = createContractValidator();
const lead = {...demoLeads()[0]!, ownerName: 'Max Müller', originalOwnerName: 'Max Müller'};

test('schema errors become field errors with pointers, keywords and a message in the language asked', () => {
  const errors = validator.validateSchema('RejectRequest', {rejectCode: 7, note: 'x'}, 'en');
  assert.deepEqual(errors.map((e) => [e.field, e.code]).sort(), [
    ['/note', 'additionalProperties'],
    ['/reassignOwner', 'required'],
    ['/rejectCode', 'type'],
  ]);
  assert.match(
    errors.find((e) => e.field === '/reassignOwner')!.message,
    /is missing; it is required/,
  );
  const de = validator.validateSchema('LeadSettings', {ownershipMode: 'team'}, 'de');
  assert.deepEqual(
    de.map((e) => [e.field, e.code]),
    [['/ownershipMode', 'enum']],
  );
  assert.match(de[0]!.message, /muss einer dieser Werte sein: "user", "mixed", "book"/);
  assert.deepEqual(
    validator.validateSchema('RejectRequest', {rejectCode: 'OTHER', reassignOwner: false}),
    [],
  );
});

test('an unknown schema name is a programming error that names it', () => {
  assert.throws(() => validator.validateSchema('Nope', {}), /no schema "Nope"/);
});

test('operations are found by method and path, with decoded parameters and allowed methods', () => {
  const match = validator.findOperation('POST', '/api/leads/L%2D1001/reject');
  assert.ok(match && 'operation' in match);
  assert.equal(match.operation.operationId, 'rejectLead');
  assert.deepEqual(match.params, {id: 'L-1001'});
  assert.deepEqual(validator.findOperation('DELETE', '/api/leads/L-1'), {allowed: ['GET']});
  assert.equal(validator.findOperation('GET', '/api/nothing'), undefined);
  const malformed = validator.findOperation('GET', '/api/leads/%E0%A4%A');
  assert.ok(malformed && 'params' in malformed);
  assert.deepEqual(malformed.params, {id: '%E0%A4%A'});
  const stats = validator.findOperation('GET', '/api/admin/assignment-rules/stats');
  assert.ok(stats && 'operation' in stats && stats.operation.operationId === 'getAssignmentStats');
});

test('conforming responses pass; a wrong body, status or content type is reported', () => {
  const ok = {
    method: 'GET',
    pathname: '/api/leads/L-1001',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: lead,
  };
  assert.deepEqual(validator.checkResponse(ok), []);
  const {ownerName: _drop, ...withoutName} = lead;
  assert.match(validator.checkResponse({...ok, body: withoutName}).join('\n'), /ownerName/);
  assert.match(
    validator.checkResponse({...ok, status: 409}).join('\n'),
    /409 is not declared for getLead/,
  );
  assert.match(
    validator.checkResponse({...ok, contentType: 'text/html'}).join('\n'),
    /expected application\/json/,
  );
  const problem = createProblem('lead-not-found', {params: {leadId: 'L-9'}});
  assert.deepEqual(
    validator.checkResponse({
      ...ok,
      status: 404,
      contentType: 'application/problem+json',
      body: problem,
    }),
    [],
  );
  assert.match(
    validator
      .checkResponse({...ok, status: 404, contentType: 'application/json', body: problem})
      .join('\n'),
    /expected application\/problem\+json/,
  );
  assert.match(
    validator
      .checkResponse({
        ...ok,
        status: 404,
        contentType: 'application/problem+json',
        body: {...problem, code: 'gone'},
      })
      .join('\n'),
    /body\/code/,
  );
});

test('204 without a body conforms; unknown paths must still answer with a problem', () => {
  assert.deepEqual(
    validator.checkResponse({
      method: 'DELETE',
      pathname: '/api/admin/plugins/x',
      status: 204,
      contentType: null,
      body: undefined,
    }),
    [],
  );
  assert.deepEqual(
    validator.checkResponse({
      method: 'GET',
      pathname: '/api/nope',
      status: 404,
      contentType: 'application/problem+json',
      body: createProblem('not-found', {params: {path: '/api/nope'}}),
    }),
    [],
  );
  assert.notDeepEqual(
    validator.checkResponse({
      method: 'GET',
      pathname: '/api/nope',
      status: 200,
      contentType: 'application/json',
      body: {},
    }),
    [],
  );
});
