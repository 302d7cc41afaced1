import {formatPointer, parsePointer} from '@crmkit/json-kit';
import type {ErrorObject} from 'ajv/dist/2020.js';
import type {LintDraft} from '../lint-finding.js';
import {quote, suggestion, where} from '../lint-words.js';
import {allowedKeys, requiredHint, schemaHint} from './schema-hints.js';

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
  const path = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const missing = e.params.missingProperty as string;
      return {
        code: 'schema-required',
        message: `${where(path)} is missing "${missing}".`,
        hint: requiredHint(path, missing),
        pointer: path,
      };
    }
    case 'additionalProperties':
    case 'propertyNames': {
      const name = (e.params.additionalProperty ?? e.params.propertyName) as string | undefined;
      if (name === undefined) return undefined;
      const allowed = allowedKeys(e);
      return {
        code: 'schema-unknown-property',
        message: `${where(path)} does not take "${name}".`,
        hint:
          name === 'priority' && /^\/rules\/\d+$/.test(path)
            ? 'Rule order is the priority: the first matching rule wins. Move the rule instead of giving it a priority.'
            : `${suggestion(name, allowed)}Allowed here: ${allowed.join(', ')}.`,
        pointer: `${path}${formatPointer([name])}`,
        key: true,
      };
    }
    case 'anyOf':
      return {
        code: 'schema-condition-root',
        message: `${where(path)} must be a boolean condition ("all", "any" or "not") or a reference ("condition").`,
        hint: 'Wrap the condition: {"all": [ … ]}.',
        pointer: path,
      };
    case 'enum':
    case 'const': {
      const allowed = (
        e.keyword === 'enum' ? e.params.allowedValues : [e.params.allowedValue]
      ) as unknown[];
      return {
        code: 'schema-enum',
        message: `${where(path)} is ${quote(e.data)}; it must be ${allowed.map(quote).join(' or ')}.`,
        hint: `${suggestion(String(e.data), allowed.map(String))}Use one of ${allowed.map(quote).join(', ')}.`,
        pointer: path,
      };
    }
    case 'propertyNames:enum':
      return undefined;
    default:
      return {
        code: `schema-${e.keyword.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`,
        message: `${where(path)} ${e.message ?? 'is invalid'}.`,
        hint: schemaHint(e),
        pointer: path,
      };
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
