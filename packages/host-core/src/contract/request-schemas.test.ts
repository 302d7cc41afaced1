import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createContractValidator} from './create-contract-validator.js';
import {createRequestChecker} from './create-request-checker.js';

const validator = createContractValidator();
const checker = createRequestChecker();

test('in a request, a ruleset or a plugin config is checked for its JSON type only (its own checker answers 422)', () => {
  const changes = {config: {anything: 1}};
  for (const [name, value] of [
    ['Ruleset', {rules: ['bad']}],
    ['PluginChanges', changes],
  ] as const) {
    assert.deepEqual(validator.validateSchema(name, value), [], name);
    assert.deepEqual(checker.checkBody(name, value), [], name);
  }
  assert.deepEqual(
    validator.validateSchema('Ruleset', []).map((e) => e.code),
    ['type'],
  );
  assert.deepEqual(
    checker
      .checkBody('PluginChanges', {enabled: 'yes', config: 'on'})
      .map((e) => [e.field, e.code]),
    [
      ['/enabled', 'type'],
      ['/config', 'type'],
    ],
  );
});

test('in an answer, a ruleset or manifest must match its full JSON Schema', () => {
  const problems = validator.checkResponse({
    method: 'GET',
    pathname: '/api/admin/assignment-rules',
    status: 200,
    contentType: 'application/json',
    body: {rules: ['bad']},
  });
  assert.ok(problems.some((p) => p.includes("must have required property 'unassignedOwner'")));
  assert.ok(problems.some((p) => p.includes('body/rules/0 must be object')));
  const installed = validator.checkResponse({
    method: 'GET',
    pathname: '/api/admin/plugins',
    status: 200,
    contentType: 'application/json',
    body: [
      {
        id: 'x',
        manifestUrl: '/x',
        manifest: {id: 'Not An Id'},
        config: {},
        installedAt: '2025-01-01T00:00:00Z',
      },
    ],
  });
  assert.ok(installed.some((p) => p.includes('body/0/manifest/id must match pattern')));
});
