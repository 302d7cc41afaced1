import {createReadStream, createWriteStream, statSync} from 'node:fs';
import {once} from 'node:events';
import {parseArgs} from 'node:util';
import {
  assignOwner,
  createAssigner,
  generateLeads,
  OWNERSHIP_MODES,
  type AssignmentContext,
  type AssignmentResult,
  type LeadFacts,
  type OwnershipMode,
} from '@crmkit/assignment';
import {EXIT, type CliIo, type Command} from '../cli-io.js';
import {MAX_LINE_LENGTH, lineBatches} from './line-batches.js';
import {loadRuleset} from './load-ruleset.js';
import {UsageError, absolute, loadUsers, outputLanguage, shown} from './rules-files.js';
import {RULES_TEXT, type RulesText} from './rules-text.js';

export const simulateUsage =
  'Usage: crmkit rules simulate <ruleset> (--leads <file.ndjson> | --generate <N> [--seed <n>]) [--users <file>] [--mode user|mixed|book] [--json] [--lang en|de]\n' +
  '       crmkit rules simulate --generate <N> [--seed <n>] --write <file.ndjson>   (write a leads file)\n';

/** Counts of a simulation. */
interface Tally {
  leads: number;
  invalid: number;
  byRule: Map<string, number>;
  byOutcome: Map<string, number>;
  byOwner: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** A progress bar on a terminal (redrawn at most every 100 ms); nothing otherwise. */
function progress(io: CliIo, t: RulesText) {
  let last = 0;
  const started = performance.now();
  return {
    update(done: number, fraction: number | undefined) {
      if (!io.isTTY) return;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const width = 30;
      const f = fraction === undefined ? 0 : Math.min(1, fraction);
      const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
      const rate = done / ((now - started) / 1000);
      io.stdout(
        `\r${bar} ${fraction === undefined ? '' : `${Math.floor(f * 100)}% `}${t.progress(done, rate)}`,
      );
    },
    clear() {
      if (io.isTTY) io.stdout('\r\x1b[2K');
    },
  };
}

async function writeLeads(
  io: CliIo,
  t: RulesText,
  file: string,
  count: number,
  seed: number,
): Promise<number> {
  const out = createWriteStream(file);
  const bar = progress(io, t);
  let n = 0;
  for (const lead of generateLeads({count, seed})) {
    if (!out.write(JSON.stringify(lead) + '\n')) await once(out, 'drain');
    if (++n % 8192 === 0) bar.update(n, n / count);
  }
  out.end();
  await once(out, 'finish');
  bar.clear();
  io.stdout(`${t.wrote(count, shown(io.cwd, file), seed)}\n`);
  return EXIT.ok;
}

/**
 * `crmkit rules simulate`: streams leads (from an NDJSON file, or generated on the fly) through the
 * ruleset, keeping only counts (memory stays flat), and prints matches per rule, outcomes, owners and
 * leads/s.
 */
export const rulesSimulate: Command = async (argv, io) => {
  const {values, positionals} = parseArgs({
    args: argv,
    options: {
      leads: {type: 'string'},
      generate: {type: 'string'},
      seed: {type: 'string', default: '1'},
      write: {type: 'string'},
      users: {type: 'string'},
      mode: {type: 'string', default: 'mixed'},
      json: {type: 'boolean', default: false},
      lang: {type: 'string'},
    },
    allowPositionals: true,
  });
  const t = RULES_TEXT[outputLanguage(values.lang)];
  const count = values.generate === undefined ? undefined : Number(values.generate);
  if (count !== undefined && !(Number.isSafeInteger(count) && count >= 0))
    throw new UsageError(`--generate needs a whole number of leads (got "${values.generate}").`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed))
    throw new UsageError(`--seed must be an integer (got "${values.seed}").`);
  if (values.write !== undefined) {
    if (count === undefined) throw new UsageError('--write needs --generate <N>.');
    return writeLeads(io, t, absolute(io.cwd, values.write), count, seed);
  }
  if (positionals.length !== 1 || (count === undefined) === (values.leads === undefined)) {
    io.stderr(
      `crmkit rules simulate: give one ruleset and either --leads <file> or --generate <N>.\n${simulateUsage}`,
    );
    return EXIT.usage;
  }
  if (!OWNERSHIP_MODES.includes(values.mode as OwnershipMode))
    throw new UsageError(`--mode must be user, mixed or book (got "${values.mode}").`);
  const file = absolute(io.cwd, positionals[0] as string);
  const compiled = await loadRuleset(io, file);
  if (!compiled) return EXIT.findings;
  const users = await loadUsers(io.cwd, file, values.users);
  if (!users)
    throw new UsageError('no users: pass --users <file>, or put users.json beside the ruleset.');
  const context: AssignmentContext = {
    compiled,
    users: new Map(users.users.map((u) => [u.id, u])),
    ownershipMode: values.mode as OwnershipMode,
    now: new Date(),
  };
  const tally: Tally = {
    leads: 0,
    invalid: 0,
    byRule: new Map(),
    byOutcome: new Map(),
    byOwner: new Map(),
  };
  for (const rule of compiled.rules) tally.byRule.set(rule.name, 0);
  // Outcomes follow from the rule (none = the unassigned owner), so they are counted at the end.
  const UNASSIGNED = '(unassigned owner)';
  const record = (r: AssignmentResult) => {
    tally.leads++;
    bump(tally.byRule, r.rule ?? UNASSIGNED);
    bump(tally.byOwner, r.ownerId);
  };
  // The compiled rules, prepared once for every lead; else json-rules-engine lead by lead.
  const assign = compiled.synchronous ? createAssigner(context) : undefined;
  const bar = progress(io, t);
  const started = performance.now();
  if (count !== undefined) {
    if (assign)
      for (const lead of generateLeads({count, seed})) {
        record(assign(lead));
        if ((tally.leads & 65535) === 0) bar.update(tally.leads, tally.leads / count);
      }
    else
      for (const lead of generateLeads({count, seed})) {
        record(await assignOwner(lead, context));
        if ((tally.leads & 1023) === 0) bar.update(tally.leads, tally.leads / count);
      }
  } else {
    const leadsFile = absolute(io.cwd, values.leads as string);
    let size: number;
    try {
      size = statSync(leadsFile).size;
    } catch {
      throw new UsageError(`cannot read the leads file ${values.leads}.`);
    }
    const stream = createReadStream(leadsFile, {highWaterMark: 1 << 16});
    const name = shown(io.cwd, leadsFile);
    let lineNo = 0;
    for await (const batch of lineBatches(stream)) {
      for (const line of batch) {
        lineNo++;
        if (typeof line !== 'string') {
          // Refused unread: a lead is a few hundred bytes, and a line of 100 MB would be held whole.
          if (++tally.invalid <= 5)
            io.stderr(
              `${t.notALead(`${name}:${lineNo}`, t.lineTooLong(line.length, MAX_LINE_LENGTH))}\n`,
            );
          continue;
        }
        if (line.trim() === '') continue;
        let lead: LeadFacts;
        try {
          lead = JSON.parse(line) as LeadFacts;
          if (!lead || typeof lead !== 'object' || Array.isArray(lead))
            throw new Error('not an object');
        } catch (error) {
          if (++tally.invalid <= 5)
            io.stderr(`${t.notALead(`${name}:${lineNo}`, (error as Error).message)}\n`);
          continue;
        }
        record(assign ? assign(lead) : await assignOwner(lead, context));
      }
      bar.update(tally.leads, stream.bytesRead / size);
    }
  }
  bar.clear();
  const unassignedCount = tally.byRule.get(UNASSIGNED) ?? 0;
  if (tally.leads - unassignedCount > 0)
    tally.byOutcome.set('assigned', tally.leads - unassignedCount);
  if (unassignedCount > 0) tally.byOutcome.set('unassigned-owner', unassignedCount);
  const seconds = (performance.now() - started) / 1000;
  const rate = tally.leads / Math.max(seconds, 1e-9);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          leads: tally.leads,
          invalid: tally.invalid,
          seconds,
          leadsPerSecond: Math.round(rate),
          evaluator: compiled.synchronous ? 'compiled' : 'json-rules-engine',
          rules: Object.fromEntries(tally.byRule),
          outcomes: Object.fromEntries(tally.byOutcome),
          owners: Object.fromEntries(sorted(tally.byOwner)),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const pct = (n: number) =>
      tally.leads ? ((100 * n) / tally.leads).toFixed(1).padStart(5) + '%' : '';
    const label = (k: string) => (k === UNASSIGNED ? t.unassignedOwner : k);
    const width = Math.max(...[...tally.byRule.keys()].map((k) => label(k).length), 20);
    const row = (k: string, n: number) =>
      `  ${label(k).padEnd(width)} ${String(n).padStart(10)} ${pct(n)}`;
    const out = [t.simulated(tally.leads, compiled.synchronous, String(values.mode)), '', t.byRule];
    for (const [k, n] of tally.byRule) out.push(row(k, n));
    out.push('', t.outcomes);
    for (const [k, n] of sorted(tally.byOutcome)) out.push(row(k, n));
    out.push('', t.newOwners);
    for (const [k, n] of sorted(tally.byOwner)) out.push(row(k, n));
    if (tally.invalid) out.push('', t.skipped(tally.invalid));
    out.push('', t.rate(rate, seconds));
    io.stdout(out.join('\n') + '\n');
  }
  return tally.invalid > 0 ? EXIT.findings : EXIT.ok;
};
