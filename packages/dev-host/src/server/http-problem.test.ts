import {test} from 'node:test';
import assert from 'node:assert/strict';
import {loadContract} from '../start-dev-host.js';
import {HttpProblem, PROBLEM_CODES} from './http-problem.js';

const contract = loadContract() as {
  components: {
    schemas: {
      ProblemCode: {
        enum: string[];
        'x-crmkit-status': Record<string, number>;
        'x-crmkit-title': Record<string, string>;
      };
    };
  };
};
const codes = contract.components.schemas.ProblemCode;

test('every problem code of the contract, with the same status and title', () => {
  for (const code of codes.enum) {
    const known = PROBLEM_CODES[code as keyof typeof PROBLEM_CODES];
    assert.ok(known, `the server knows ${code}`);
    assert.equal(known.status, codes['x-crmkit-status'][code], code);
    assert.equal(known.title, codes['x-crmkit-title'][code], code);
  }
  const extra = Object.keys(PROBLEM_CODES).filter((c) => !codes.enum.includes(c));
  assert.deepEqual(extra, [], 'the server answers with no code the contract lacks');
});

test('a problem document: urn type, English title, detail in the language, members, field errors', () => {
  const problem = new HttpProblem(
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
