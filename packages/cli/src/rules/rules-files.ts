import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import {lintCodeSummary, type LintFinding, type UserRecord} from '@crmkit/assignment';
import {UsageError} from '../cli-options.js';

// Shared with commands that must not load the rule engine (pack, install): they import cli-options.
export {outputLanguage, UsageError} from '../cli-options.js';

/** An absolute path for a command-line argument. */
export const absolute = (cwd: string, file: string) => resolve(cwd, file);

/** A path as shown in output: relative to the working folder when inside it. */
export function shown(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') ? r : file;
}

/** Reads a file, or throws a UsageError naming it. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

/** Parses JSON, or throws a UsageError naming the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The users file: `--users <file>`, else `users.json` beside the ruleset when there is one. An array of
 * `{id, managerId, active, name?, role?}`.
 */
export async function loadUsers(
  cwd: string,
  rulesetFile: string,
  option: string | undefined,
): Promise<{users: UserRecord[]; file: string} | undefined> {
  const file = option ? absolute(cwd, option) : join(dirname(rulesetFile), 'users.json');
  if (!option && !existsSync(file)) return undefined;
  const value = parseJson(await readText(file, 'users file'), file);
  if (!Array.isArray(value))
    throw new UsageError(`${file} must be a JSON array of users ({id, managerId, active}).`);
  value.forEach((u, i) => {
    if (!u || typeof u.id !== 'string' || typeof u.active !== 'boolean')
      throw new UsageError(
        `${file}: user [${i}] needs a string "id", a boolean "active" and "managerId" (a user id or null).`,
      );
  });
  return {users: value as UserRecord[], file};
}

/**
 * `file:line:col: severity CODE: message (hint)`. In German the severity is translated and the
 * code's German summary comes first; the detailed message and hint stay English; the code never
 * changes.
 */
export function formatFinding(f: LintFinding, file: string, lang: 'en' | 'de' = 'en'): string {
  if (lang === 'de') {
    const severity = f.severity === 'error' ? 'Fehler' : 'Warnung';
    return `${file}:${f.line}:${f.column}: ${severity} ${f.code}: ${lintCodeSummary(f.code, 'de') ?? ''} ${f.message} (${f.hint})`;
  }
  return `${file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message} (${f.hint})`;
}
