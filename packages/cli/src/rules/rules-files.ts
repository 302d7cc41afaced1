import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import type {LintFinding, UserRecord} from '@crmkit/assignment';
import {UsageError} from '../cli-options.js';
import {RULES_TEXT, type Lang, type RulesText} from './rules-text.js';

// Shared with commands that must not load the rule engine (pack, install): they import cli-options.
export {UsageError} from '../cli-options.js';

/** An absolute path for a command-line argument. */
export const absolute = (cwd: string, file: string) => resolve(cwd, file);

/** A path as shown in output: relative to the working folder when inside it. */
export function shown(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') ? r : file;
}

/** The kinds of file the rules commands read, as their messages name them. */
export type FileKind = keyof RulesText['what'];

/**
 * Reads a file, or throws a UsageError naming it and what is wrong (missing, a folder, the system's
 * reason) in the language of `t`.
 */
export async function readText(
  file: string,
  what: FileKind,
  t: RulesText = RULES_TEXT.en,
): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const kind = t.what[what];
    if (e.code === 'ENOENT') throw new UsageError(t.fileMissing(kind, file));
    if (e.code === 'EISDIR') throw new UsageError(t.fileIsFolder(kind, file));
    throw new UsageError(t.cannotRead(kind, file, e.message));
  }
}

/** Parses JSON, or throws a UsageError naming the file. */
export function parseJson(text: string, file: string, t: RulesText = RULES_TEXT.en): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(t.notJson(file, (error as Error).message));
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
  t: RulesText = RULES_TEXT.en,
): Promise<{users: UserRecord[]; file: string} | undefined> {
  const file = option ? absolute(cwd, option) : join(dirname(rulesetFile), 'users.json');
  if (!option && !existsSync(file)) return undefined;
  const value = parseJson(await readText(file, 'users', t), file, t);
  if (!Array.isArray(value)) throw new UsageError(t.usersNotArray(file));
  value.forEach((u, i) => {
    if (!u || typeof u.id !== 'string' || typeof u.active !== 'boolean')
      throw new UsageError(t.userShape(file, i));
  });
  return {users: value as UserRecord[], file};
}

/**
 * `file:line:col: severity CODE: message (hint)`, in the language asked for: the severity from the
 * CLI's table, the message and hint from the finding's own texts in both languages (`messages`,
 * `hints`; a finding without them keeps its `message`/`hint`). The code never changes.
 */
export function formatFinding(f: LintFinding, file: string, lang: Lang = 'en'): string {
  const severity = RULES_TEXT[lang].severity[f.severity === 'error' ? 'error' : 'warning'];
  const message = f.messages?.[lang] ?? f.message;
  const hint = f.hints?.[lang] ?? f.hint;
  return `${file}:${f.line}:${f.column}: ${severity} ${f.code}: ${message}${hint ? ` (${hint})` : ''}`;
}
