import {createReadStream, createWriteStream, statSync} from 'node:fs';
import {once} from 'node:events';
import {
  assignOwner,
  createAssigner,
  generateLeads,
  type AssignmentContext,
  type AssignmentResult,
} from '@crmkit/assignment';
import {EXIT, type CliIo, type Command} from '../cli-io.js';
import {asLead} from './lead-shape.js';
import {MAX_LINE_LENGTH, lineBatches} from './line-batches.js';
import {loadRuleset} from './load-ruleset.js';
import {parseMode, parseNow, parseRulesArgs} from './rules-args.js';
import {UsageError, absolute, loadUsers, shown} from './rules-files.js';
import {NOW_EXAMPLE, RULES_TEXT, type RulesText} from './rules-text.js';

/** The usage lines of `crmkit rules simulate` (English; each language's is in RULES_TEXT). */
export const simulateUsage = RULES_TEXT.en.usage.simulate;

/** How many skipped lines are listed one by one on stderr (all of them are counted). */
export const MAX_LISTED_SKIPS = 10;

/** Counts of a simulation. */
interface Tally {
  leads: number;
  /** Lines skipped because they were not leads: the sum of `skipped`. */
  invalid: number;
  /** The skipped lines by why: not JSON, JSON but not a lead, over the length limit. */
  skipped: {notJson: number; notALead: number; tooLong: number};
  /** Lines read from a leads file, blank ones included. */
  lines: number;
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

/** The size of the leads file, or a UsageError saying why it cannot be read. */
function leadsFileSize(file: string, given: string, t: RulesText): number {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(
      e.code === 'ENOENT'
        ? t.fileMissing(t.what.leads, given)
        : t.cannotRead(t.what.leads, given, e.message),
    );
  }
  if (stat.isDirectory()) throw new UsageError(t.fileIsFolder(t.what.leads, given));
  return stat.size;
}

/**
 * `crmkit rules simulate`: streams leads (from an NDJSON file, or generated on the fly) through the
 * ruleset, keeping only counts (memory stays flat), and prints matches per rule, outcomes, owners and
 * leads/s. Every lead of a run sees the same `now`: `--now`, else the time the run started.
 *
 * A line of the leads file that is not a lead (not JSON; JSON that is not a lead object, e.g.
 * `{"hello": "world"}`, an array or a number; a line over MAX_LINE_LENGTH, refused unread) is skipped:
 * the first MAX_LISTED_SKIPS are listed on stderr with their line number and why, all are counted
 * apart from the leads in the summary, and the exit code is 1 (findings, as for lint errors), after
 * the full report of the leads that were read.
 */
export const rulesSimulate: Command = async (argv, io) => {
  const {values, positionals, lang, t} = parseRulesArgs(argv, {
    leads: {type: 'string', value: '<file.ndjson>', example: 'leads.ndjson'},
    generate: {type: 'string', value: '<N>', example: '100000'},
    seed: {type: 'string', value: '<n>', example: '7'},
    write: {type: 'string', value: '<file.ndjson>', example: 'leads.ndjson'},
    users: {type: 'string', value: '<file>', example: 'users.json'},
    mode: {type: 'string', value: 'user|mixed|book', example: 'user'},
    now: {type: 'string', value: '<ISO 8601 time>', example: NOW_EXAMPLE},
    json: {type: 'boolean'},
  });
  const generate = values.generate;
  const count = generate === undefined ? undefined : Number(generate);
  if (
    generate !== undefined &&
    (generate.trim() === '' || !(Number.isSafeInteger(count) && (count as number) >= 0))
  )
    throw new UsageError(t.badGenerate(generate));
  const seedText = values.seed ?? '1';
  const seed = Number(seedText);
  if (seedText.trim() === '' || !Number.isSafeInteger(seed))
    throw new UsageError(t.badSeed(seedText));
  if (values.write !== undefined) {
    if (count === undefined) throw new UsageError(t.writeNeedsGenerate);
    return writeLeads(io, t, absolute(io.cwd, values.write), count, seed);
  }
  if (positionals.length !== 1 || (count === undefined) === (values.leads === undefined)) {
    io.stderr(`crmkit rules simulate: ${t.simulateArgs}\n${t.usage.simulate}`);
    return EXIT.usage;
  }
  const mode = parseMode(values.mode, t);
  const now = parseNow(values.now, t) ?? new Date();
  const file = absolute(io.cwd, positionals[0] as string);
  const compiled = await loadRuleset(io, file, lang);
  if (!compiled) return EXIT.findings;
  const users = await loadUsers(io.cwd, file, values.users, t);
  if (!users) throw new UsageError(t.noUsers);
  const context: AssignmentContext = {
    compiled,
    users: new Map(users.users.map((u) => [u.id, u])),
    ownershipMode: mode,
    now,
  };
  const tally: Tally = {
    leads: 0,
    invalid: 0,
    skipped: {notJson: 0, notALead: 0, tooLong: 0},
    lines: 0,
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
    const given = values.leads as string;
    const leadsFile = absolute(io.cwd, given);
    const size = leadsFileSize(leadsFile, given, t);
    const stream = createReadStream(leadsFile, {highWaterMark: 1 << 16});
    const name = shown(io.cwd, leadsFile);
    const skip = (kind: keyof Tally['skipped'], why: string) => {
      tally.skipped[kind]++;
      if (++tally.invalid <= MAX_LISTED_SKIPS)
        io.stderr(`${t.notALead(`${name}:${tally.lines}`, why)}\n`);
    };
    for await (const batch of lineBatches(stream)) {
      for (const line of batch) {
        tally.lines++;
        if (typeof line !== 'string') {
          // Refused unread: a lead is a few hundred bytes, and a line of 100 MB would be held whole.
          skip('tooLong', t.lineTooLong(line.length, MAX_LINE_LENGTH));
          continue;
        }
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          skip('notJson', t.notJsonLine((error as Error).message));
          continue;
        }
        const checked = asLead(value);
        if ('notALead' in checked) {
          skip('notALead', t.notALeadReason(checked.notALead));
          continue;
        }
        record(assign ? assign(checked.lead) : await assignOwner(checked.lead, context));
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
          ...(values.leads !== undefined ? {lines: tally.lines, skipped: tally.skipped} : {}),
          now: now.toISOString(),
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
    const pct = (n: number) => (tally.leads ? t.percent((100 * n) / tally.leads).padStart(6) : '');
    const label = (k: string) => (k === UNASSIGNED ? t.unassignedOwner : k);
    const width = Math.max(...[...tally.byRule.keys()].map((k) => label(k).length), 20);
    const row = (k: string, n: number) =>
      `  ${label(k).padEnd(width)} ${String(n).padStart(10)} ${pct(n)}`;
    const out = [t.simulated(tally.leads, compiled.synchronous, mode)];
    // Only when it matters: a ruleset that never reads `now` decides the same at any time.
    if (compiled.facts.has('now')) out.push(t.simulatedAt(now.toISOString()));
    out.push('', t.byRule);
    for (const [k, n] of tally.byRule) out.push(row(k, n));
    out.push('', t.outcomes);
    for (const [k, n] of sorted(tally.byOutcome)) out.push(row(k, n));
    out.push('', t.newOwners);
    for (const [k, n] of sorted(tally.byOwner)) out.push(row(k, n));
    if (tally.invalid) {
      out.push('', t.skipped(tally.invalid, tally.lines));
      if (tally.invalid > MAX_LISTED_SKIPS) out.push(t.skippedListed(MAX_LISTED_SKIPS));
    }
    out.push('', t.rate(rate, seconds));
    io.stdout(out.join('\n') + '\n');
  }
  return tally.invalid > 0 ? EXIT.findings : EXIT.ok;
};
