import {readdirSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {checkRuleCaseShape, runRuleCase, type RuleCase} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {loadRuleset} from './load-ruleset.js';
import {parseRulesArgs} from './rules-args.js';
import {UsageError, absolute, loadUsers, parseJson, readText, shown} from './rules-files.js';
import {RULES_TEXT, type RulesText} from './rules-text.js';

/** The usage lines of `crmkit rules test` (English; each language's is in RULES_TEXT). */
export const testUsage = RULES_TEXT.en.usage.test;

function caseFiles(paths: string[], t: RulesText): string[] {
  return paths.flatMap((p) => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(t.noSuchCase(p));
    }
    if (!stat.isDirectory()) return [p];
    return readdirSync(p)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(p, n));
  });
}

/** `crmkit rules test <ruleset> [cases…]`: runs rule test cases, printing each pass/fail with a diff. */
export const rulesTest: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    users: {type: 'string', value: '<file>', example: 'users.json'},
    json: {type: 'boolean'},
  });
  if (positionals.length < 1) {
    io.stderr(`crmkit rules test: ${t.testNoRuleset}\n${t.usage.test}`);
    return EXIT.usage;
  }
  const json = (v: unknown) => JSON.stringify(v);
  const file = absolute(io.cwd, positionals[0] as string);
  const compiled = await loadRuleset(io, file, lang);
  if (!compiled) return EXIT.findings;
  const users = await loadUsers(io.cwd, file, values.users, t);
  const given = positionals.slice(1).map((p) => absolute(io.cwd, p));
  const files = caseFiles(given.length ? given : [join(dirname(file), 'tests')], t);
  if (files.length === 0) throw new UsageError(t.noCases);
  const results = [];
  for (const caseFile of files) {
    const name = shown(io.cwd, caseFile);
    const value = parseJson(await readText(caseFile, 'case', t), caseFile, t);
    const problems = checkRuleCaseShape(value, lang);
    if (problems.length) throw new UsageError(t.caseShape(name, problems.join('; ')));
    const result = await runRuleCase(compiled, value as RuleCase, users?.users ?? []);
    results.push({file: name, ...result});
    if (!values.json) {
      io.stdout(`${result.pass ? '✓' : '✗'} ${result.name} (${name})\n`);
      for (const m of result.mismatches) {
        const line =
          m.key === 'decision'
            ? t.caseUnexpectedDecision(
                String((m.actual as {ownerId: string}).ownerId),
                json((m.actual as {rule: string | null}).rule),
              )
            : t.caseMismatch(m.key, json(m.expected), json(m.actual));
        io.stdout(`    ${line}\n`);
      }
    }
  }
  const failed = results.filter((r) => !r.pass).length;
  if (values.json)
    io.stdout(JSON.stringify({passed: results.length - failed, failed, results}, null, 2) + '\n');
  else io.stdout(`${t.casesSummary(results.length - failed, failed)}\n`);
  return failed > 0 ? EXIT.findings : EXIT.ok;
};
