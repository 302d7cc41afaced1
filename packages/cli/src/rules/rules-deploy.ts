import {lintRuleset, type LintFinding} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {answerText, reportHostFailure, unexpected} from './host-report.js';
import {connectHost, hostEndpoint, hostRequest} from './host-request.js';
import {parseRulesArgs} from './rules-args.js';
import {absolute, formatFinding, loadUsers, readText, shown} from './rules-files.js';
import {RULES_TEXT} from './rules-text.js';

/** The usage lines of `crmkit rules deploy` (English; each language's is in RULES_TEXT). */
export const deployUsage = RULES_TEXT.en.usage.deploy;

/** A warning of the host's linter, as `PUT /api/admin/assignment-rules` answers it. */
export interface HostRulesetWarning {
  field: string;
  code: string;
  message: string;
  line?: number;
  column?: number;
}

/** What `crmkit rules deploy --json` prints when the host activated the ruleset. */
export interface RulesDeploySummary {
  ok: true;
  url: string;
  /** The version the host lists as active after the PUT; absent when the list could not be read. */
  version?: number;
  warnings: HostRulesetWarning[];
}

/** What `crmkit rules deploy --json` prints when the local lint refused the ruleset (nothing sent). */
export interface RulesDeployLintFailure {
  ok: false;
  step: 'lint';
  file: string;
  errors: number;
  findings: LintFinding[];
}

interface RulesetVersion {
  version: number;
  active?: boolean;
}

const isVersionList = (body: unknown): body is RulesetVersion[] =>
  Array.isArray(body) && body.every((v) => v && typeof v.version === 'number');

/**
 * `crmkit rules deploy <ruleset> --host <url> [--token <t>]`: lints the ruleset here first (with the
 * users file beside it or `--users`); with errors it prints them, sends nothing and exits 1. Else it
 * sends the file as it is to `PUT <url>/api/admin/assignment-rules` (the host lints it again with its
 * own users and activates it, or refuses it with 422 and every error, keeping its active ruleset),
 * then reads `GET …/versions` for the version that is now active, and prints it.
 */
export const rulesDeploy: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    host: {type: 'string', value: '<url>', example: 'http://127.0.0.1:3000'},
    token: {type: 'string', value: '<token>', example: '<token>'},
    users: {type: 'string', value: '<file>', example: 'users.json'},
    json: {type: 'boolean'},
  });
  if (positionals.length !== 1) {
    io.stderr(`crmkit rules deploy: ${t.deployOneFile}\n${t.usage.deploy}`);
    return EXIT.usage;
  }
  const host = connectHost(values, lang, t, (line) => io.stderr(`${line}\n`));
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
  if (errors > 0) {
    if (values.json) {
      const failure: RulesDeployLintFailure = {
        ok: false,
        step: 'lint',
        file: name,
        errors,
        findings,
      };
      io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
    } else {
      for (const f of findings) io.stderr(`${formatFinding(f, name, lang)}\n`);
      io.stderr(`${t.notDeployed(name, errors)}\n`);
    }
    return EXIT.findings;
  }

  const url = hostEndpoint(host.base, 'api/admin/assignment-rules');
  const answer = await hostRequest(
    url,
    {method: 'PUT', headers: {...host.headers, 'content-type': 'application/json'}, body: text},
    t,
  );
  if (answer.kind !== 'json' || answer.status !== 200)
    return reportHostFailure(io, t, {
      command: 'crmkit rules deploy',
      refused: t.refusedDeploy,
      url,
      answer: unexpected(answer),
      json: values.json,
      context: {step: 'deploy', name},
    });
  const body = answer.body as {warnings?: HostRulesetWarning[]} | null;
  const warnings = Array.isArray(body?.warnings) ? body.warnings : [];

  // The PUT answers the ruleset, not its number: the versions list marks the active one.
  const versionsUrl = hostEndpoint(host.base, 'api/admin/assignment-rules/versions');
  const listed = await hostRequest(versionsUrl, {method: 'GET', headers: host.headers}, t);
  let version: number | undefined;
  let versionProblem: string | undefined;
  if (listed.kind === 'json' && isVersionList(listed.body)) {
    version = listed.body.find((v) => v.active)?.version;
    if (version === undefined) versionProblem = t.noActiveVersion;
  } else versionProblem = answerText(unexpected(listed), t);

  if (values.json) {
    const summary: RulesDeploySummary = {
      ok: true,
      url,
      ...(version !== undefined ? {version} : {}),
      warnings,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.stdout(`${t.deployed(name, host.shown, version)}\n`);
    if (warnings.length) {
      io.stdout(`${t.hostWarnings(warnings.length)}\n`);
      for (const w of warnings) {
        const at = w.line !== undefined ? `${name}:${w.line}:${w.column}: ` : '';
        io.stdout(`  ${at}${t.severity.warning} ${w.code}: ${w.message} (${w.field || '/'})\n`);
      }
    }
  }
  if (versionProblem) io.stderr(`${t.versionUnknown(versionProblem)}\n`);
  return EXIT.ok;
};
