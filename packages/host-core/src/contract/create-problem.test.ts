import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createProblem} from './create-problem.js';
import {PROBLEM_CODES} from './problem-codes.js';
import {PROBLEM_DETAILS} from './problem-details.js';
import {createContractValidator} from './create-contract-validator.js';

const validator = createContractValidator();
const params = {
  leadId: 'L-1',
  pluginId: 'dev.crmkit.x',
  status: 'Converted',
  rejectCode: 'NOPE',
  currentVersion: 3,
  header: 'If-Match',
  method: 'PATCH',
  path: '/api/me',
  allowed: 'GET',
  length: 2001,
  max: 2000,
};

test('every code builds a Problem that conforms to the contract, in English and German', () => {
  for (const code of Object.keys(PROBLEM_CODES) as Array<keyof typeof PROBLEM_CODES>) {
    const en = createProblem(code, {
      locale: 'en',
      privilege: 'leads.read',
      params,
    });
    const de = createProblem(code, {
      locale: 'de-AT',
      privilege: 'leads.read',
      params,
    });
    assert.deepEqual(validator.validateSchema('Problem', en), [], code);
    assert.deepEqual(validator.validateSchema('Problem', de), [], code);
    assert.equal(en.type, `urn:crmkit:problem:${code}`);
    assert.equal(en.status, PROBLEM_CODES[code].status);
    assert.equal(en.title, de.title, 'the title stays English');
    assert.notEqual(en.detail, de.detail, `${code}: the detail must be translated`);
    assert.doesNotMatch(en.detail + de.detail, /undefined/, code);
  }
});

test('details mention the case; extension members are carried', () => {
  const p = createProblem('version-conflict', {
    locale: 'de',
    params: {leadId: 'L-1003', currentVersion: 4},
    currentVersion: 4,
    errors: [{field: 'If-Match', code: 'version-conflict', message: 'x'}],
  });
  assert.match(p.detail, /L-1003.*Version 4/);
  assert.equal(p.currentVersion, 4);
  assert.equal(p.errors?.length, 1);
  const forbidden = createProblem('missing-privilege', {privilege: 'leads.reject'});
  assert.equal(forbidden.privilege, 'leads.reject');
  assert.match(forbidden.detail, /"leads\.reject"/);
  assert.equal(createProblem('reason-required', {detail: 'Custom.'}).detail, 'Custom.');
  assert.equal(Object.keys(PROBLEM_DETAILS).length, Object.keys(PROBLEM_CODES).length);
});
