import {MAX_JSON_DEPTH, type JsonLocator} from '@crmkit/json-kit';
import type {ManifestIssue} from '../manifest-issue.js';

/**
 * `invalid-json`: one issue per place the parser stopped at (jsonc-parser may report several errors
 * at one place; one is enough to fix). Nothing else is checked in a text that does not parse.
 */
export function syntaxIssues(locator: JsonLocator, file: string | undefined): ManifestIssue[] {
  const seen = new Set<string>();
  const first = locator.syntaxErrors.filter((e) => {
    const at = `${e.line}:${e.column}`;
    return !seen.has(at) && Boolean(seen.add(at));
  });
  return first.map((e): ManifestIssue => ({
    severity: 'error',
    code: 'invalid-json',
    ...(e.kind === 'NestingTooDeep'
      ? {
          // Refused before any parser ran: a deeper text would overflow the stack of the checkers.
          message: `the file nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects; nothing else was checked`,
          hint: `keep plugin.json under ${MAX_JSON_DEPTH} levels deep: a manifest needs only a few`,
        }
      : {
          message: `the file is not valid JSON: ${e.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
          hint: 'plugin.json is strict JSON: double-quoted names and strings, no comments, no trailing commas',
        }),
    pointer: '',
    line: e.line,
    column: e.column,
    ...(file === undefined ? {} : {file}),
  }));
}
