import {
  assignOwner,
  toLeadFacts,
  type ConditionTrace,
  type LeadFacts,
  type LeadRecordLike,
  type RuleTrace,
} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {loadRuleset} from './load-ruleset.js';
import {parseMode, parseNow, parseRulesArgs} from './rules-args.js';
import {UsageError, absolute, loadUsers, parseJson, readText} from './rules-files.js';
import {NOW_EXAMPLE, RULES_TEXT, type Lang, type RulesText} from './rules-text.js';

/** The usage line of `crmkit rules explain` (English; each language's is in RULES_TEXT). */
export const explainUsage = RULES_TEXT.en.usage.explain;

const mark = (r: boolean | null) => (r === null ? '–' : r ? '✓' : '✗');

function conditionLines(c: ConditionTrace, indent: string, out: string[], t: RulesText): void {
  const show = (v: unknown) => (v === undefined ? t.nothing : JSON.stringify(v));
  switch (c.kind) {
    case 'all':
    case 'any':
      out.push(`${indent}${mark(c.result)} ${c.kind}${c.conditions.length ? t.of : t.empty}`);
      for (const child of c.conditions) conditionLines(child, indent + '    ', out, t);
      return;
    case 'not':
      out.push(`${indent}${mark(c.result)} not`);
      conditionLines(c.condition, indent + '    ', out, t);
      return;
    case 'reference':
      out.push(`${indent}${mark(c.result)} ${t.condition} "${c.name}"`);
      if (c.condition) conditionLines(c.condition, indent + '    ', out, t);
      return;
    default: {
      const subject = `${c.fact}${c.path ? ' ' + c.path : ''}`;
      const seen = c.result === null ? t.notEvaluated : `${t.saw} ${show(c.seen)}`;
      const expected =
        c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value)
          ? `${JSON.stringify(c.value)} = ${show(c.expected)}`
          : show(c.value);
      out.push(`${indent}${mark(c.result)} ${subject} ${c.operator} ${expected}: ${seen}`);
    }
  }
}

function targetText(rule: RuleTrace, t: RulesText): string {
  const target = rule.target;
  return target.to === 'user' ? `${t.user} ${target.userId}` : target.to;
}

/** What happened to a rule, in words: matched and applied, passed over, or never reached. */
function ruleStatus(rule: RuleTrace, t: RulesText, lang: Lang): string {
  if (rule.applied) return t.matchedAssigned(String(rule.resolution?.ownerId));
  if (rule.afterWinner) {
    // The decision stopped at the winner; the trace evaluated this rule on its own.
    if (!rule.evaluated) {
      const e = rule.error;
      return t.afterWinnerFailed(e ? (e.messages?.[lang] ?? e.message) : '');
    }
    return rule.matched ? t.afterWinnerMatched : t.afterWinnerNotMatched;
  }
  if (!rule.matched) return t.didNotMatch;
  const r = rule.resolution;
  const reason = r && r.ownerId === null ? (lang === 'de' ? r.reasonDe : r.reason) : undefined;
  return t.matchedUnresolved(reason ?? t.noActiveUser);
}

function ruleLines(rule: RuleTrace, out: string[], t: RulesText, lang: Lang): void {
  out.push(
    `${rule.index + 1}. ${rule.name} → ${targetText(rule, t)}: ${ruleStatus(rule, t, lang)}`,
  );
  conditionLines(rule.conditions, '     ', out, t);
}

/** `crmkit rules explain <ruleset> --lead <file>`: the trace of one decision, readably or as JSON. */
export const rulesExplain: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    lead: {type: 'string', value: '<file>', example: 'lead.json'},
    users: {type: 'string', value: '<file>', example: 'users.json'},
    mode: {type: 'string', value: 'user|mixed|book', example: 'user'},
    now: {type: 'string', value: '<ISO 8601 time>', example: NOW_EXAMPLE},
    json: {type: 'boolean'},
  });
  if (positionals.length !== 1 || !values.lead) {
    io.stderr(`crmkit rules explain: ${t.explainArgs}\n${t.usage.explain}`);
    return EXIT.usage;
  }
  const mode = parseMode(values.mode, t);
  // The instant the rules see as "now" (their `now` fact): --now, else the current time.
  const now = parseNow(values.now, t) ?? new Date();
  const file = absolute(io.cwd, positionals[0] as string);
  const compiled = await loadRuleset(io, file, lang);
  if (!compiled) return EXIT.findings;
  const users = await loadUsers(io.cwd, file, values.users, t);
  if (!users) throw new UsageError(t.noUsers);
  const leadFile = absolute(io.cwd, values.lead);
  const raw = parseJson(await readText(leadFile, 'lead', t), leadFile, t) as Record<
    string,
    unknown
  >;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(t.leadNotObject(values.lead));
  if (typeof raw.status !== 'string') throw new UsageError(t.leadNeedsStatus(values.lead));
  // A lead record with a nested rejection (as the REST API returns it) is flattened into the lead fact.
  const lead: LeadFacts =
    raw.rejection && typeof raw.rejection === 'object'
      ? toLeadFacts(raw as unknown as LeadRecordLike)
      : (raw as unknown as LeadFacts);
  const result = await assignOwner(
    lead,
    {
      compiled,
      users: new Map(users.users.map((u) => [u.id, u])),
      ownershipMode: mode,
      now,
    },
    {trace: true},
  );
  if (values.json) {
    io.stdout(JSON.stringify({lead, now: now.toISOString(), ...result}, null, 2) + '\n');
    return EXIT.ok;
  }
  const out: string[] = [];
  const fields = [
    'status',
    'ownerId',
    'originalOwnerId',
    'region',
    'country',
    'rating',
    'source',
    'rejectCode',
  ]
    .filter((k) => (lead as unknown as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${k} ${JSON.stringify((lead as unknown as Record<string, unknown>)[k])}`);
  out.push(t.leadLine(lead.id ?? t.noId, fields.join(', ')));
  if (compiled.facts.has('now')) out.push(t.nowLine(now.toISOString()));
  if (lead.status !== 'Rejected') out.push(t.notRejected(lead.status));
  out.push(
    result.outcome === 'assigned'
      ? t.decisionAssigned(result.ownerId, String(result.rule))
      : t.decisionUnassigned(result.ownerId),
  );
  out.push('');
  for (const rule of result.trace?.rules ?? []) ruleLines(rule, out, t, lang);
  out.push('', t.legend);
  io.stdout(out.join('\n') + '\n');
  return EXIT.ok;
};
