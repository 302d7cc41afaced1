import {EXIT, type CliIo} from '../cli-io.js';
import type {HostAnswer, HostProblemDocument} from './host-request.js';
import type {RulesText} from './rules-text.js';

/** What `crmkit rules deploy --json` prints when the ruleset was not activated. */
export interface RulesHostFailure {
  ok: false;
  /** Where it stopped: the local lint (nothing sent), or the request to the host. */
  step: 'lint' | 'deploy' | 'pull';
  url?: string;
  /** The HTTP status; absent when no answer came. */
  status?: number;
  /** The host's problem document, when it sent one. */
  problem?: HostProblemDocument;
  /** Why no answer came, or what came instead of JSON. */
  error?: string;
  hint: string;
}

/** A field error as the host writes it for a ruleset: its lint finding, with position. */
interface RulesetFieldError {
  field: string;
  code?: string;
  message: string;
  line?: number;
  column?: number;
}

/** What the command was doing, for the hint: deploying a file, or pulling (a version). */
export interface HostContext {
  step: 'deploy' | 'pull';
  /** The ruleset file as shown (deploy). */
  name?: string;
  /** The version asked for (pull --version). */
  version?: number;
}

/** The hint for a refusal: what the user can do about it. */
function hintFor(
  status: number,
  problem: HostProblemDocument | undefined,
  t: RulesText,
  context: HostContext,
): string {
  if (problem?.code === 'invalid-ruleset') return t.hintInvalidRuleset(context.name ?? '<file>');
  if (status === 401) return t.hintUnauthorized;
  if (status === 403) return t.hintForbidden(problem?.privilege ?? 'assignment.manage');
  if (status === 404 && problem?.code === 'not-found') {
    if (context.version !== undefined) return t.hintNoVersion;
    if (context.step === 'pull') return t.hintNoActive;
  }
  if (status === 404 || status === 405) return t.hintNotFound;
  if (status === 413) return t.hintTooLarge;
  return t.hintOther;
}

/** A JSON answer that is not what the API promises is reported like any other foreign answer. */
export const unexpected = (answer: HostAnswer): HostAnswer =>
  answer.kind === 'json'
    ? {kind: 'other', status: answer.status, contentType: 'application/json'}
    : answer;

/** One line for an answer that is not the expected JSON (for a message that names the reason). */
export function answerText(answer: HostAnswer, t: RulesText): string {
  if (answer.kind === 'unreachable') return answer.reason;
  if (answer.kind === 'problem')
    return `${answer.status} ${answer.problem.title ?? ''}${answer.problem.code ? ` (${answer.problem.code})` : ''}`.trimEnd();
  const contentType = answer.kind === 'other' ? answer.contentType : 'application/json';
  return t.hostNotJson(answer.status, contentType);
}

/**
 * Prints why a request failed (exit 1): no answer (the URL, the system's reason); a problem document
 * (status, title, code, detail, and every field error with its JSON pointer, position and code, as the
 * host wrote them in the language asked for); or an answer that is not the API's JSON. Then a hint.
 * With `json`, the same as a RulesHostFailure on stdout.
 */
export function reportHostFailure(
  io: CliIo,
  t: RulesText,
  options: {
    command: string;
    refused: (url: string) => string;
    url: string;
    answer: HostAnswer;
    json?: boolean;
    context: HostContext;
  },
): number {
  const {answer, url, context} = options;
  const failure: RulesHostFailure = {ok: false, step: context.step, url, hint: t.hintOther};
  const lines: string[] = [];
  if (answer.kind === 'unreachable') {
    failure.error = answer.reason;
    failure.hint = t.hintUnreachable;
    lines.push(`${options.command}: ${t.unreachable(url, answer.reason)}`);
  } else {
    failure.status = answer.status;
    lines.push(`${options.command}: ${options.refused(url)}`);
    if (answer.kind === 'problem') {
      const p = answer.problem;
      failure.problem = p;
      failure.hint = hintFor(answer.status, p, t, context);
      lines.push(`  ${answerText(answer, t)}`);
      if (p.detail) lines.push(`  ${p.detail}`);
      for (const e of (p.errors ?? []) as RulesetFieldError[]) {
        const at =
          context.name && e.line !== undefined ? ` (${context.name}:${e.line}:${e.column})` : '';
        lines.push(
          `  - ${e.field || t.wholeRuleset}${at}: ${e.message}${e.code ? ` [${e.code}]` : ''}`,
        );
      }
    } else {
      failure.error = answerText(answer, t);
      failure.hint =
        answer.status >= 400 ? hintFor(answer.status, undefined, t, context) : t.hintNotJson;
      lines.push(`  ${failure.error}`);
    }
  }
  lines.push(`${t.hint}: ${failure.hint}`);
  if (options.json) io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
  else io.stderr(`${lines.join('\n')}\n`);
  return EXIT.findings;
}
