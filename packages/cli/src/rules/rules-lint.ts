import {parseArgs} from 'node:util';
import {lintRuleset} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {
  absolute,
  formatFinding,
  loadUsers,
  outputLanguage,
  readText,
  shown,
} from './rules-files.js';

export const lintUsage =
  'Usage: crmkit rules lint <ruleset> [--users <file>] [--json] [--lang en|de]\n';

/** `crmkit rules lint <ruleset>`: every finding as `file:line:col: severity CODE: message (hint)`. */
export const rulesLint: Command = async (argv, io) => {
  const {values, positionals} = parseArgs({
    args: argv,
    options: {
      users: {type: 'string'},
      json: {type: 'boolean', default: false},
      lang: {type: 'string'},
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    io.stderr(`crmkit rules lint: give exactly one ruleset file.\n${lintUsage}`);
    return EXIT.usage;
  }
  const lang = outputLanguage(values.lang);
  const file = absolute(io.cwd, positionals[0] as string);
  const name = shown(io.cwd, file);
  const text = await readText(file, 'ruleset');
  const users = await loadUsers(io.cwd, file, values.users);
  const {findings} = lintRuleset(text, {file: name, ...(users ? {users: users.users} : {})});
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (values.json) io.stdout(JSON.stringify({file: name, errors, findings}, null, 2) + '\n');
  else {
    for (const f of findings) io.stdout(formatFinding(f, name, lang) + '\n');
    const warnings = findings.length - errors;
    const usersNote = users
      ? ` (${lang === 'de' ? 'Benutzer' : 'users'}: ${shown(io.cwd, users.file)})`
      : '';
    io.stdout(
      lang === 'de'
        ? `${name}: ${errors} Fehler, ${warnings} Warnung${warnings === 1 ? '' : 'en'}${usersNote}\n`
        : `${name}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${usersNote}\n`,
    );
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
};
