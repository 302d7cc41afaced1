import {writeFile} from 'node:fs/promises';
import {EXIT, type Command} from '../cli-io.js';
import {reportHostFailure, unexpected} from './host-report.js';
import {connectHost, hostEndpoint, hostRequest} from './host-request.js';
import {parseRulesArgs} from './rules-args.js';
import {UsageError, absolute, shown} from './rules-files.js';
import {RULES_TEXT} from './rules-text.js';

/** The usage lines of `crmkit rules pull` (English; each language's is in RULES_TEXT). */
export const pullUsage = RULES_TEXT.en.usage.pull;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The ruleset as pull writes it: JSON with two-space indentation and a final newline. */
export const formatRuleset = (ruleset: unknown) => `${JSON.stringify(ruleset, null, 2)}\n`;

/**
 * `crmkit rules pull --host <url> [--token <t>] [--version <n>] [--output <file>]`: the active ruleset
 * of the host (`GET /api/admin/assignment-rules`), or version n (`GET …/versions/{n}`), as JSON on
 * stdout (nothing else there, for a pipe) or in `--output <file>`, then a line saying which version
 * was written where. The host keeps a ruleset's structure, not its formatting: pull writes it with
 * two-space indentation.
 */
export const rulesPull: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    host: {type: 'string', value: '<url>', example: 'http://127.0.0.1:3000'},
    token: {type: 'string', value: '<token>', example: '<token>'},
    version: {type: 'string', value: '<n>', example: '3'},
    output: {type: 'string', value: '<file>', example: 'rules/lead-assignment.json'},
  });
  if (positionals.length > 0) throw new UsageError(t.pullNoFile(positionals[0] as string));
  let version: number | undefined;
  if (values.version !== undefined) {
    if (!/^[1-9]\d{0,15}$/.test(values.version)) throw new UsageError(t.badVersion(values.version));
    version = Number(values.version);
  }
  const host = connectHost(values, lang, t, (line) => io.stderr(`${line}\n`));
  const url = hostEndpoint(
    host.base,
    version === undefined
      ? 'api/admin/assignment-rules'
      : `api/admin/assignment-rules/versions/${version}`,
  );
  const answer = await hostRequest(url, {method: 'GET', headers: host.headers}, t);
  const body = answer.kind === 'json' ? answer.body : undefined;
  // The active ruleset is the body itself; a version comes as {version, active, …, ruleset}.
  const ruleset = version === undefined ? body : isObject(body) ? body.ruleset : undefined;
  if (answer.kind !== 'json' || answer.status !== 200 || !isObject(ruleset))
    return reportHostFailure(io, t, {
      command: 'crmkit rules pull',
      refused: t.refusedPull,
      url,
      answer: unexpected(answer),
      context: {step: 'pull', ...(version !== undefined ? {version} : {})},
    });
  const text = formatRuleset(ruleset);
  if (values.output === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  const file = absolute(io.cwd, values.output);
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(t.cannotWrite(values.output, (error as Error).message));
  }
  let what: string;
  if (version !== undefined) what = t.theVersion(version, isObject(body) && body.active === true);
  else {
    // Which version is active, for the message only (the ruleset is what GET answered).
    const versionsUrl = hostEndpoint(host.base, 'api/admin/assignment-rules/versions');
    const listed = await hostRequest(versionsUrl, {method: 'GET', headers: host.headers}, t);
    const active =
      listed.kind === 'json' && Array.isArray(listed.body)
        ? (listed.body as Array<{version?: unknown; active?: unknown}>).find((v) => v.active)
        : undefined;
    what = t.theActive(typeof active?.version === 'number' ? active.version : undefined);
  }
  io.stdout(`${t.pulledTo(what, host.shown, shown(io.cwd, file))}\n`);
  return EXIT.ok;
};
