import {describeField} from '../describe-field.js';
import {FIELD_HINTS, hintFor} from '../field-hints.js';
import {fieldShape} from '../field-shape.js';
import type {ManifestDraft} from '../manifest-issue.js';
import {entryFinding} from './entry-finding.js';
import {integrityFinding} from './integrity-finding.js';
import {tagFinding} from './tag-finding.js';

/** A `pattern` error as the finding of the field it is about (id, name, version, entry, tags, …). */
export function patternFinding(pointer: string, value: unknown): ManifestDraft {
  const shape = fieldShape(pointer);
  const text = String(value);
  switch (shape) {
    case '/id':
      return {
        code: 'invalid-id',
        pointer,
        hint: FIELD_HINTS['/id'] ?? '',
        message: `id ${JSON.stringify(text)} is not a reverse-DNS id (at least three lowercase dot-separated parts)`,
      };
    case '/name':
      return {
        code: 'invalid-name',
        pointer,
        hint: FIELD_HINTS['/name'] ?? '',
        message: `name ${JSON.stringify(text)} is not lowercase kebab-case`,
      };
    case '/version':
      return {
        code: 'invalid-version',
        pointer,
        hint: 'use MAJOR.MINOR.PATCH with an optional -prerelease, e.g. "1.0.0" or "1.1.0-beta.1" (no leading "v")',
        message: `version ${JSON.stringify(text)} is not a semantic version`,
      };
    case '/entry':
      return entryFinding(text, pointer);
    case '/integrity':
      return integrityFinding(text, pointer);
    case '/elements/*/tag':
    case '/actions/*/opens':
      return tagFinding(text, pointer);
    case '/actions/*/id':
      return {
        code: 'invalid-action-id',
        pointer,
        hint: FIELD_HINTS['/actions/*/id'] ?? '',
        message: `${describeField(pointer)} ${JSON.stringify(text)} is not lowercase kebab-case`,
      };
    default:
      return {
        code: 'invalid-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describeField(pointer)} ${JSON.stringify(text)} has the wrong format`,
      };
  }
}
