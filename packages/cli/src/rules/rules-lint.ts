import {lintRuleset} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {parseRulesArgs} from './rules-args.js';
import {absolute, formatFinding, loadUsers, readText, shown} from './rules-files.js';
import {RULES_TEXT} from './rules-text.js';

/** The usage line of `crmkit rules lint` (English; each language's is in RULES_TEXT). */
export const lintUsage = RULES_TEXT.en.usage.lint;

/**
 * `crmkit rules lint <ruleset>`: every finding as `file:line:col: severity CODE: message (hint)`, in
 * the language asked for (the findings carry both), then a summary line.
 */
export const rulesLint: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    users: {type: 'string', value: '<file>', example: 'users.json'},
    json: {type: 'boolean'},
  });
  if (positionals.length !== 1) {
    io.stderr(`crmkit rules lint: ${t.lintOneFile}\n${t.usage.lint}`);
    return EXIT.usage;
  }
  const file = absolute(io.cwd, positionals[0] as string);
  const name = shown(io.cwd, file);
  const text = await readText(file, 'ruleset', t);
  const users = await loadUsers(io.cwd, file, values.users, t);
  const {findings} = lintRuleset(text, {
    file: name,
    language: lang,
    ...(users ? {users: users.users} : {}),
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (values.json) io.stdout(JSON.stringify({file: name, errors, findings}, null, 2) + '\n');
  else {
    for (const f of findings) io.stdout(formatFinding(f, name, lang) + '\n');
    const usersNote = users ? t.usersNote(shown(io.cwd, users.file)) : '';
    io.stdout(`${t.lintSummary(name, errors, findings.length - errors)}${usersNote}\n`);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
};
