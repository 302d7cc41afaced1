import {parseArgs} from 'node:util';
import {
  assignOwner,
  OWNERSHIP_MODES,
  toLeadFacts,
  type ConditionTrace,
  type LeadFacts,
  type LeadRecordLike,
  type OwnershipMode,
  type RuleTrace,
} from '@crmkit/assignment';
import {EXIT, type Command} from '../cli-io.js';
import {loadRuleset} from './load-ruleset.js';
import {
  UsageError,
  absolute,
  loadUsers,
  outputLanguage,
  parseJson,
  readText,
} from './rules-files.js';
import {RULES_TEXT, type RulesText} from './rules-text.js';

export const explainUsage =
  'Usage: crmkit rules explain <ruleset> --lead <file> [--users <file>] [--mode user|mixed|book] [--now <ISO time>] [--json] [--lang en|de]\n';

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

function ruleLines(rule: RuleTrace, out: string[], t: RulesText, lang: 'en' | 'de'): void {
  let status: string;
  if (!rule.matched) status = t.didNotMatch;
  else if (rule.applied) status = t.matchedAssigned(String(rule.resolution?.ownerId));
  else if (rule.afterWinner) status = t.matchedAfterWinner;
  else {
    const r = rule.resolution;
    const reason = r && r.ownerId === null ? (lang === 'de' ? r.reasonDe : r.reason) : undefined;
    status = t.matchedUnresolved(reason ?? t.noActiveUser);
  }
  out.push(`${rule.index + 1}. ${rule.name} → ${targetText(rule, t)}: ${status}`);
  conditionLines(rule.conditions, '     ', out, t);
}

/** `crmkit rules explain <ruleset> --lead <file>`: the trace of one decision, readably or as JSON. */
export const rulesExplain: Command = async (argv, io) => {
  const {values, positionals} = parseArgs({
    args: argv,
    options: {
      lead: {type: 'string'},
      users: {type: 'string'},
      mode: {type: 'string', default: 'mixed'},
      now: {type: 'string'},
      json: {type: 'boolean', default: false},
      lang: {type: 'string'},
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || !values.lead) {
    io.stderr(`crmkit rules explain: give one ruleset and --lead <file>.\n${explainUsage}`);
    return EXIT.usage;
  }
  if (!OWNERSHIP_MODES.includes(values.mode as OwnershipMode))
    throw new UsageError(`--mode must be user, mixed or book (got "${values.mode}").`);
  const lang = outputLanguage(values.lang);
  const t = RULES_TEXT[lang];
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime()))
    throw new UsageError(`--now must be an ISO 8601 time (got "${values.now}").`);
  const file = absolute(io.cwd, positionals[0] as string);
  const compiled = await loadRuleset(io, file);
  if (!compiled) return EXIT.findings;
  const users = await loadUsers(io.cwd, file, values.users);
  if (!users)
    throw new UsageError('no users: pass --users <file>, or put users.json beside the ruleset.');
  const leadFile = absolute(io.cwd, values.lead);
  const raw = parseJson(await readText(leadFile, 'lead file'), leadFile) as Record<string, unknown>;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(`${values.lead} must hold one lead as a JSON object.`);
  if (typeof raw.status !== 'string')
    throw new UsageError(
      `${values.lead} must hold one lead with at least "status" (e.g. "Rejected"), "ownerId" and "originalOwnerId".`,
    );
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
      ownershipMode: values.mode as OwnershipMode,
      ...(now ? {now} : {}),
    },
    {trace: true},
  );
  if (values.json) {
    io.stdout(JSON.stringify({lead, ...result}, null, 2) + '\n');
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
  out.push(`Lead ${lead.id ?? t.noId}: ${fields.join(', ')}`);
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
