import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createContractValidator} from '../contract/create-contract-validator.js';
import {PROBLEM_CODES} from '../contract/problem-codes.js';
import type {ProblemCode} from '../contract/problem-codes.js';
import {HostProblem} from './host-problem.js';

test('every code of the contract makes a problem document that conforms, in German and English', () => {
  const validator = createContractValidator();
  for (const code of Object.keys(PROBLEM_CODES) as ProblemCode[]) {
    const problem = new HostProblem(code, {en: `English ${code}.`, de: `Deutsch ${code}.`});
    assert.equal(problem.status, PROBLEM_CODES[code].status, code);
    for (const language of ['en', 'de'] as const) {
      const document = problem.toProblem(language);
      assert.deepEqual(validator.validateSchema('Problem', document), [], `${code} ${language}`);
      assert.equal(document.title, PROBLEM_CODES[code].title, 'the title stays English');
      assert.equal(document.detail, language === 'de' ? `Deutsch ${code}.` : `English ${code}.`);
    }
  }
});

test('a problem document: urn type, English title, detail in the language, members, field errors', () => {
  const problem = new HostProblem(
    'version-conflict',
    {en: 'Changed meanwhile.', de: 'Inzwischen geändert.'},
    {
      members: {currentVersion: 4},
      errors: [
        {field: 'If-Match', code: 'version-conflict', message: {en: 'Now 4.', de: 'Jetzt 4.'}},
      ],
    },
  );
  assert.equal(problem.code, 'version-conflict');
  assert.equal(problem.status, 409);
  assert.deepEqual(problem.toProblem('de'), {
    type: 'urn:crmkit:problem:version-conflict',
    status: 409,
    title: 'Lead was changed by someone else',
    detail: 'Inzwischen geändert.',
    code: 'version-conflict',
    currentVersion: 4,
    errors: [{field: 'If-Match', code: 'version-conflict', message: 'Jetzt 4.'}],
  });
  assert.equal(problem.toProblem('en').detail, 'Changed meanwhile.');
});
