import type {ErrorObject} from 'ajv/dist/2020.js';
import {where} from '../lint-words.js';

/** The property names allowed where an unknown one was found. */
export function allowedKeys(e: ErrorObject): string[] {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  if (e.keyword === 'propertyNames') {
    const names = (e.schema as {enum?: string[]}).enum;
    if (names) return names;
  }
  return Object.keys((parent?.properties as object) ?? {});
}

/** How to add a missing property, with an example for the common ones. */
export function requiredHint(path: string, missing: string): string {
  if (missing === 'fact' || missing === 'operator' || missing === 'value')
    return 'A fact condition needs "fact", "operator" and "value", e.g. {"fact": "lead", "path": "$.region", "operator": "equal", "value": "EMEA"}.';
  if (missing === 'event')
    return 'Add "event": {"type": "assign", "params": {"to": "originalOwner"}}.';
  if (missing === 'unassignedOwner')
    return 'Add "unassignedOwner": "<user id>", the user who receives leads no rule assigns.';
  if (missing === 'recordType') return 'Add "recordType": "lead".';
  return `Add "${missing}" to ${where(path)}.`;
}

/** The hint of a schema error without a case of its own. */
export function schemaHint(e: ErrorObject): string {
  if (e.keyword === 'type')
    return `Write a${/^[aeiou]/.test(String(e.params.type)) ? 'n' : ''} ${e.params.type} here.`;
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/path'))
    return 'A path is JSONPath from the fact\'s root, e.g. "$.region".';
  if (e.keyword === 'minimum') return `Use a number of at least ${e.params.limit}.`;
  if (e.keyword === 'minLength') return 'Write a non-empty string.';
  return 'See packages/assignment/schema/lead-assignment-ruleset.schema.json.';
}
