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
import {UsageError, absolute, loadUsers, parseJson, readText} from './rules-files.js';

export const explainUsage =
  'Usage: crmkit rules explain <ruleset> --lead <file> [--users <file>] [--mode user|mixed|book] [--now <ISO time>] [--json]\n';

const mark = (r: boolean | null) => (r === null ? '–' : r ? '✓' : '✗');
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function conditionLines(c: ConditionTrace, indent: string, out: string[]): void {
  switch (c.kind) {
    case 'all':
    case 'any':
      out.push(
        `${indent}${mark(c.result)} ${c.kind}${c.conditions.length ? ' of' : ' (empty: true)'}`,
      );
      for (const child of c.conditions) conditionLines(child, indent + '    ', out);
      return;
    case 'not':
      out.push(`${indent}${mark(c.result)} not`);
      conditionLines(c.condition, indent + '    ', out);
      return;
    case 'reference':
      out.push(`${indent}${mark(c.result)} condition "${c.name}"`);
      if (c.condition) conditionLines(c.condition, indent + '    ', out);
      return;
    default: {
      const subject = `${c.fact}${c.path ? ' ' + c.path : ''}`;
      const seen = c.result === null ? 'not evaluated' : `saw ${show(c.seen)}`;
      const expected =
        c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value)
          ? `${JSON.stringify(c.value)} = ${show(c.expected)}`
          : show(c.value);
      out.push(`${indent}${mark(c.result)} ${subject} ${c.operator} ${expected}: ${seen}`);
    }
  }
}

function targetText(rule: RuleTrace): string {
  const t = rule.target;
  return t.to === 'user' ? `user ${t.userId}` : t.to;
}

function ruleLines(rule: RuleTrace, out: string[]): void {
  let status: string;
  if (!rule.matched) status = 'did not match';
  else if (rule.applied) status = `matched → assigned to ${rule.resolution?.ownerId}`;
  else if (rule.afterWinner) status = 'matched, but an earlier rule had already assigned the lead';
  else
    status = `matched, but its target does not resolve (${rule.resolution && 'reason' in rule.resolution ? rule.resolution.reason : 'no active user'}); evaluation continues`;
  out.push(`${rule.index + 1}. ${rule.name} → ${targetText(rule)}: ${status}`);
  conditionLines(rule.conditions, '     ', out);
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
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || !values.lead) {
    io.stderr(`crmkit rules explain: give one ruleset and --lead <file>.\n${explainUsage}`);
    return EXIT.usage;
  }
  if (!OWNERSHIP_MODES.includes(values.mode as OwnershipMode))
    throw new UsageError(`--mode must be user, mixed or book (got "${values.mode}").`);
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
  out.push(`Lead ${lead.id ?? '(no id)'}: ${fields.join(', ')}`);
  if (lead.status !== 'Rejected')
    out.push(
      `Note: the rules normally see the lead after rejection (status "Rejected"); this one is "${lead.status}".`,
    );
  out.push(
    result.outcome === 'assigned'
      ? `Decision: assigned to ${result.ownerId} by rule "${result.rule}"`
      : `Decision: no rule assigned it; the unassigned owner ${result.ownerId} gets it`,
  );
  out.push('');
  for (const rule of result.trace?.rules ?? []) ruleLines(rule, out);
  out.push('', '✓ true  ✗ false  – not evaluated');
  io.stdout(out.join('\n') + '\n');
  return EXIT.ok;
};
