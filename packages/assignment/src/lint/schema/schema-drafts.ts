import {parsePointer} from '@crmkit/json-kit';
import {formatPointer} from '@crmkit/json-kit';
import type {ErrorObject} from 'ajv/dist/2020.js';
import {lintDraft, type LintDraft} from '../lint-finding.js';
import {closest, pathOf} from '../lint-words.js';
import {allowedKeys} from './schema-hints.js';

/** Whether the semantic checks report this error more precisely, or another error covers it. */
function coveredElsewhere(e: ErrorObject, anyOfPaths: ReadonlySet<string>): boolean {
  const last = parsePointer(e.instancePath).at(-1);
  // Operators, facts and user targets get their own, more specific findings.
  if (last === 'operator' || last === 'fact') return true;
  if (e.keyword === 'required' && e.params.missingProperty === 'userId') return true;
  if (e.keyword === 'if' || e.keyword === 'allOf') return true;
  return (
    e.keyword === 'required' && anyOfPaths.has(e.instancePath) && e.schemaPath.includes('anyOf')
  );
}

/** One schema error as a draft (undefined for one that needs none). */
function schemaDraft(e: ErrorObject): LintDraft | undefined {
  const pointer = e.instancePath;
  const path = pathOf(pointer);
  switch (e.keyword) {
    case 'required':
      return lintDraft(
        'schema-required',
        {path, missing: e.params.missingProperty as string},
        pointer,
      );
    case 'additionalProperties':
    case 'propertyNames': {
      const name = (e.params.additionalProperty ?? e.params.propertyName) as string | undefined;
      if (name === undefined) return undefined;
      const allowed = allowedKeys(e);
      return lintDraft(
        'schema-unknown-property',
        {
          path,
          name,
          allowed,
          suggestion: closest(name, allowed),
          rulePriority: name === 'priority' && /^\/rules\/\d+$/.test(pointer),
        },
        `${pointer}${formatPointer([name])}`,
        {key: true},
      );
    }
    case 'anyOf':
      return lintDraft('schema-condition-root', {path}, pointer);
    case 'enum':
    case 'const': {
      const allowed = (
        e.keyword === 'enum' ? e.params.allowedValues : [e.params.allowedValue]
      ) as unknown[];
      return lintDraft(
        'schema-enum',
        {path, data: e.data, allowed, suggestion: closest(String(e.data), allowed.map(String))},
        pointer,
      );
    }
    case 'propertyNames:enum':
      return undefined;
    case 'type':
      return lintDraft('schema-type', {path, type: String(e.params.type)}, pointer);
    case 'minLength':
      return lintDraft('schema-min-length', {path, limit: Number(e.params.limit)}, pointer);
    case 'pattern':
      return lintDraft(
        'schema-pattern',
        {path, pattern: String(e.params.pattern), isPath: pointer.endsWith('/path')},
        pointer,
      );
    case 'minimum':
      return lintDraft('schema-minimum', {path, limit: Number(e.params.limit)}, pointer);
    default: {
      // A keyword the schema does not use today: its code as `schema-<keyword>`, ajv's own text.
      const draft = lintDraft('schema-other', {path, text: e.message ?? 'is invalid'}, pointer);
      return {
        ...draft,
        code: `schema-${e.keyword.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`,
      };
    }
  }
}

/** Schema errors as drafts, dropping those the semantic checks report more precisely. */
export function schemaDrafts(errors: readonly ErrorObject[]): LintDraft[] {
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  return errors
    .filter((e) => !coveredElsewhere(e, anyOfPaths))
    .map(schemaDraft)
    .filter((d): d is LintDraft => d !== undefined);
}
