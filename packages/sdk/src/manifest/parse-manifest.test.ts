import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {ManifestValidationError} from '../errors/manifest-validation-error.js';
import {parseManifest} from './parse-manifest.js';

const text = readFileSync(
  new URL('../../../../plugins/reject-lead/plugin.json', import.meta.url),
  'utf8',
);

test('parseManifest returns a valid manifest and throws ManifestValidationError otherwise', () => {
  assert.equal(parseManifest(text).id, 'dev.crmkit.reject-lead');
  const broken = text.replace('"leads.read", "leads.reject"', '"leads.read"');
  assert.throws(
    () => parseManifest(broken, {file: 'plugin.json'}),
    (error: unknown) => {
      assert.ok(error instanceof ManifestValidationError);
      assert.equal(error.code, 'invalid-manifest');
      assert.deepEqual(
        error.issues.map((i) => i.code),
        ['requires-undeclared-permission'],
      );
      assert.match(error.message, /1 error \(first: \/actions\/0\/requires\/0: /);
      return true;
    },
  );
});
