// `npm run bench:preview`: how long `POST /api/admin/assignment-rules/preview` takes on a dev host
// database with 50,000 pending (Qualified) leads and 10,000 recorded rejections, over real HTTP to the
// dev host in its own process, with `replay=10000`: once with the demo ruleset itself (nothing
// changes) and once with a changed one (the first rule sends rejected leads to the original owner's
// manager). Target: 1000 ms. In the same run, as the baselines: the same two rulesets decided by the
// compiled evaluator directly (`createAssigner` of @crmkit/assignment, both rulesets per lead, as the
// preview decides) over the same leads and rejections in this process, and `previewRuleset` of
// @crmkit/host-core called in this process on the same database (the route without HTTP, lint and
// JSON). Loopback only; bounded loops.
//
//   npm run bench:preview [-- --leads 50000 --rejections 10000 --replay 10000 --runs 7 --warmup 2]
//
// BENCH_DIR=/dev/shm puts the database on tmpfs. BENCH_PROFILE=/tmp/p writes a CPU profile of the
// server's measured part (`/tmp/p.dev-host.cpuprofile`, for DevTools) and prints where its time went.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {
  compileRuleset,
  createAssigner,
  parseRuleset,
  toLeadFacts,
  type LeadFacts,
  type Ruleset,
} from '@crmkit/assignment';
import {AUDIT_ACTIONS, leadFromRow} from '@crmkit/host-core';
import type {Lead} from '@crmkit/sdk';
// The route's own function, not exported by the package: a bench may look inside.
import {previewRuleset} from '../../host-core/src/routes/preview-ruleset.js';
import {rejectedRow} from '../../host-core/src/store/lead-row.js';
import {DevHostStore} from '../src/db/dev-host-store.js';
import {openDatabase} from '../src/db/open-database.js';
import {postJson} from './post-json.js';
import {seedBenchLeads} from './seed-bench-leads.js';

const {values} = parseArgs({
  options: {
    leads: {type: 'string', default: '50000'},
    rejections: {type: 'string', default: '10000'},
    replay: {type: 'string', default: '10000'},
    runs: {type: 'string', default: '7'},
    warmup: {type: 'string', default: '2'},
    clients: {type: 'string', default: '16'},
  },
});
const LEADS = Number(values.leads);
const REJECTIONS = Number(values.rejections);
const REPLAY = Number(values.replay);
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const CLIENTS = Number(values.clients);
const TARGET_MS = 1000;
const REJECT_CODE = 'OTHER';

/** Codes of the recorded rejections, in turn (OTHER with a reason, as the rule says). */
const CODES = [
  'DUPLICATE',
  'INVALID_PHONE_NUMBER',
  'FAILED_TO_REACH_CONTACT',
  'OTHER',
  'NO_BUSINESS_OPPORTUNITY',
  'DO_NOT_CONTACT_AGAIN',
];
const pendingId = (i: number) => `P-${String(i).padStart(6, '0')}`;
const rejectedId = (i: number) => `R-${String(i).padStart(6, '0')}`;

interface Timing {
  name: string;
  ms: number[];
  note?: string;
}

/** A ruleset compiled as the host compiles it: parsed from its text first. */
const compiled = (ruleset: Ruleset) => compileRuleset(parseRuleset(JSON.stringify(ruleset)));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Starts bench-server.ts (the dev host on `file`) in its own process. */
async function startServer(file: string) {
  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  const extra = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const args = [
    ...extra,
    '--conditions=@crmkit/source',
    '--import',
    'tsx',
    script,
    'dev-host',
    file,
  ];
  const child = spawn(process.execPath, args, {stdio: ['pipe', 'pipe', 'inherit']});
  const lines = createInterface({input: child.stdout!});
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as {port: number}).port));
  });
  child.removeAllListeners('exit');
  return {
    port,
    /** The server counts its CPU time (and profiles, with BENCH_PROFILE) from here. */
    mark: () =>
      new Promise<void>((resolve) => {
        lines.once('line', () => resolve());
        child.stdin!.write('mark\n');
      }),
    /** Stops the server; resolves with the CPU and GC milliseconds it spent since `mark()`. */
    stop: () =>
      new Promise<{cpuMs: number; gcMs: number; gcMaxPauseMs: number; heapMb: number}>(
        (resolve) => {
          let times = {cpuMs: NaN, gcMs: NaN, gcMaxPauseMs: NaN, heapMb: NaN};
          lines.on('line', (line) => (times = JSON.parse(line) as typeof times));
          child.once('exit', () => resolve(times));
          child.kill('SIGTERM');
        },
      ),
  };
}

function getJson<T>(agent: Agent, port: number, path: string, token: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      {agent, host: '127.0.0.1', port, path, headers: {authorization: `Bearer ${token}`}},
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Records the rejections the way users make them: `POST /api/leads/{id}/reject` with reassignment. */
async function recordRejections(agent: Agent, port: number): Promise<void> {
  let next = 0;
  const failures: string[] = [];
  const client = async () => {
    while (next < REJECTIONS) {
      const i = next++;
      const code = CODES[i % CODES.length]!;
      const body = JSON.stringify({
        rejectCode: code,
        ...(code === 'OTHER' ? {rejectReason: `Bench rejection ${i}`} : {}),
        reassignOwner: true,
      });
      const answer = await postJson(agent, port, `/api/leads/${rejectedId(i)}/reject`, body, {
        authorization: 'Bearer max',
      });
      if (answer.status !== 200) failures.push(`${rejectedId(i)}: ${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(Array.from({length: CLIENTS}, client));
  if (failures.length) {
    throw new Error(
      `${failures.length} rejections failed, e.g. ${failures.slice(0, 3).join('; ')}`,
    );
  }
}

interface PreviewAnswer {
  leads: {evaluated: number; changed: unknown[]};
  replayed: {evaluated: number; changed: unknown[]};
  candidate: {rules: Array<{name: string; matched: number}>; unassignedOwner: number};
}

/** The demo ruleset with its first rule sending rejected leads to the original owner's manager. */
function changedRuleset(demo: Ruleset): Ruleset {
  const changed = structuredClone(demo);
  changed.rules[0]!.event.params = {to: 'originalOwnerManager'};
  return changed;
}

/**
 * The baseline: both rulesets decided by the compiled evaluator over the leads and the recorded
 * rejections as the preview sees them (every lead not rejected, rejected now with OTHER; each
 * recorded rejection with its own code and its owner before), prepared before the clock starts.
 */
function evaluatorBaseline(
  store: DevHostStore,
  active: Ruleset,
  candidate: Ruleset,
): {run: () => {evaluated: number; changed: number}} {
  const at = new Date().toISOString();
  const rejectedNow = (
    lead: Lead,
    code: string,
    reason: string | null,
    by: string,
    when: string,
  ) => {
    const rejected: Lead = {
      ...lead,
      status: 'Rejected',
      version: lead.version + 1,
      rejection: {
        code,
        ...(reason ? {reason} : {}),
        rejectedBy: {id: by, name: store.user(by)?.name ?? ''},
        rejectedAt: when,
      },
    };
    return toLeadFacts(rejected);
  };
  const facts: LeadFacts[] = [];
  for (const row of store.leadRows()) {
    if (row.status === 'Rejected') continue;
    facts.push(rejectedNow(leadFromRow(row, store.users), REJECT_CODE, null, 'preview', at));
  }
  for (const entry of store.auditEntries(REPLAY, {action: AUDIT_ACTIONS.leadRejected})) {
    const row = entry.leadId ? store.leadRow(entry.leadId) : undefined;
    const data = entry.detail as {code?: string; reason?: string; previousOwnerId?: string | null};
    if (!row || typeof data.code !== 'string') continue;
    const lead = leadFromRow({...row, owner_id: data.previousOwnerId ?? row.owner_id}, store.users);
    facts.push(rejectedNow(lead, data.code, data.reason ?? null, entry.userId, entry.at));
  }
  const context = {users: store.users, ownershipMode: 'mixed' as const};
  const decideActive = createAssigner({...context, compiled: compiled(active)});
  const decideCandidate = createAssigner({...context, compiled: compiled(candidate)});
  return {
    run() {
      let changed = 0;
      for (const f of facts) {
        if (decideActive(f).ownerId !== decideCandidate(f).ownerId) changed++;
      }
      return {evaluated: facts.length, changed};
    },
  };
}

/**
 * The steps of `previewRuleset` (host-core/src/routes/preview-ruleset.ts, as of this bench) timed one
 * by one in this process, each named by the call that does it: where a preview's time goes without a
 * profiler's overhead. The sum is close to, not exactly, one previewRuleset call (no interleaving).
 */
async function previewSteps(
  store: DevHostStore,
  active: Ruleset,
  candidate: Ruleset,
): Promise<Array<[string, number]>> {
  const steps: Array<[string, number]> = [];
  const time = <T>(name: string, work: () => T): T => {
    const t = performance.now();
    const result = work();
    steps.push([name, performance.now() - t]);
    return result;
  };
  const at = new Date().toISOString();
  const context = {users: store.users, ownershipMode: 'mixed' as const};
  const decideActive = createAssigner({...context, compiled: compiled(active)});
  const decideCandidate = createAssigner({...context, compiled: compiled(candidate)});

  const rows = time('store.leadRows(): SELECT * FROM leads ORDER BY id, every row', () =>
    store.leadRows(),
  );
  const pending = time(".filter(status !== 'Rejected').map(rejectedRow(…)): copies", () =>
    rows
      .filter((row) => row.status !== 'Rejected')
      .map((row) => rejectedRow(row, {code: REJECT_CODE, reason: null, by: 'preview', at})),
  );
  const leads = time('evaluate: store.toLead(row) (leadFromRow) per lead', () =>
    pending.map((row) => store.toLead(row)),
  );
  const facts = time('decider: toLeadFacts(lead), twice per lead (once per ruleset)', () =>
    leads.map((lead) => {
      toLeadFacts(lead);
      return toLeadFacts(lead);
    }),
  );
  const outcomes = time('decider: assign(facts), candidate and active per lead', () =>
    facts.map((f) => [decideCandidate(f), decideActive(f)] as const),
  );
  const t = performance.now();
  for (const [to, from] of outcomes) {
    await to;
    await from;
  }
  steps.push(['evaluate: `await` of both (synchronous) decisions per lead', performance.now() - t]);
  time('evaluate: count() and changed.push({…, owner() with store.user()}) per change', () => {
    const changed: unknown[] = [];
    outcomes.forEach(([to, from], i) => {
      if (from.ownerId !== to.ownerId) {
        const lead = leads[i]!;
        changed.push({
          leadId: lead.id,
          name: `${lead.firstName} ${lead.lastName}`,
          from: {ownerId: from.ownerId, ownerName: store.user(from.ownerId)?.name ?? null},
          to: {ownerId: to.ownerId, ownerName: store.user(to.ownerId)?.name ?? null},
        });
      }
    });
    return changed;
  });
  const recorded = time(
    `store.auditEntries(${REPLAY}, {action: 'lead.rejected'}): SELECT + JSON.parse(detail)`,
    () => store.auditEntries(REPLAY, {action: AUDIT_ACTIONS.leadRejected}),
  );
  const replayRows = time(
    `store.leadRow(id) per recorded rejection (${recorded.length} SELECTs)`,
    () => recorded.map((entry) => (entry.leadId ? store.leadRow(entry.leadId) : undefined)),
  );
  time('replay: rejectedRow + toLead + toLeadFacts ×2 + assign ×2 per rejection', () => {
    replayRows.forEach((row, i) => {
      if (!row) return;
      const data = recorded[i]!.detail as {code: string; previousOwnerId?: string | null};
      const lead = store.toLead(
        rejectedRow(
          {...row, owner_id: data.previousOwnerId ?? row.owner_id},
          {code: data.code, reason: null, by: recorded[i]!.userId, at: recorded[i]!.at},
        ),
      );
      decideCandidate(toLeadFacts(lead));
      decideActive(toLeadFacts(lead));
    });
  });
  return steps;
}

/** Where the server's measured time went, from its CPU profile: self time and time inside. */
function summarizeProfile(file: string): void {
  interface Node {
    id: number;
    callFrame: {functionName: string; url: string; lineNumber: number};
    children?: number[];
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) => {
    const url = n.callFrame.url
      .replace(/^file:\/\//, '')
      .replace(/.*\/(packages|node_modules)\//, '$1/');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const inside = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const leaf = byId.get(id)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      inside.set(l, (inside.get(l) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, count: number, filter = (_: string) => true) =>
    [...m]
      .filter(([l]) => filter(l) && !/^\((root|program|idle)\)/.test(l))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([l, ms]) =>
          `  ${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${l}`,
      )
      .join('\n');
  console.log(
    `\nCPU profile of the server's measured part: ${file} (${total.toFixed(0)} ms sampled)`,
  );
  console.log(`self time, top 25:\n${top(self, 25)}`);
  console.log(
    `time inside (self + callees), functions of host-core, dev-host and assignment, top 30:\n${top(
      inside,
      30,
      (l) => /packages\/(host-core|dev-host|assignment)\//.test(l),
    )}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'crmkit-bench-preview-'));
  const file = join(dir, 'preview.sqlite');
  try {
    let started = performance.now();
    seedBenchLeads(file, LEADS + REJECTIONS, (i) =>
      i < LEADS ? pendingId(i) : rejectedId(i - LEADS),
    );
    console.log(
      `seeded ${LEADS} + ${REJECTIONS} Qualified leads (and the demo data) in ${Math.round(performance.now() - started)} ms → ${file}`,
    );
    const server = await startServer(file);
    const agent = new Agent({keepAlive: true, maxSockets: CLIENTS});
    started = performance.now();
    await recordRejections(agent, server.port);
    console.log(
      `recorded ${REJECTIONS} rejections (POST …/reject with reassignment, ${CLIENTS} clients) in ${Math.round(performance.now() - started)} ms`,
    );

    const demo = await getJson<Ruleset>(agent, server.port, '/api/admin/assignment-rules', 'anna');
    const rulesets = [
      {name: 'demo ruleset (unchanged)', ruleset: demo},
      {name: 'changed ruleset', ruleset: changedRuleset(demo)},
    ];
    const path = `/api/admin/assignment-rules/preview?replay=${REPLAY}&rejectCode=${REJECT_CODE}`;
    const preview = async (ruleset: Ruleset) => {
      const answer = await postJson(agent, server.port, path, JSON.stringify(ruleset), {
        authorization: 'Bearer anna',
      });
      if (answer.status !== 200) throw new Error(`preview: ${answer.status} ${answer.body}`);
      return {
        ms: answer.ms,
        bytes: Buffer.byteLength(answer.body),
        body: JSON.parse(answer.body) as PreviewAnswer,
      };
    };
    // Warm-up (unmeasured): the server's code JIT-compiled, SQLite's page cache filled.
    for (let i = 0; i < WARMUP; i++) for (const r of rulesets) await preview(r.ruleset);
    await server.mark();
    const http: Timing[] = [];
    const answers = new Map<string, PreviewAnswer>();
    for (const r of rulesets) {
      const timing: Timing = {name: `HTTP preview, ${r.name}`, ms: []};
      for (let i = 0; i < RUNS; i++) {
        const {ms, bytes, body} = await preview(r.ruleset);
        timing.ms.push(ms);
        timing.note = `${body.leads.evaluated} + ${body.replayed.evaluated} evaluated, ${body.leads.changed.length} + ${body.replayed.changed.length} changed, answer ${(bytes / 1024).toFixed(0)} KB`;
        answers.set(r.name, body);
      }
      http.push(timing);
    }
    const serverTimes = await server.stop();
    agent.destroy();

    // Correctness of what was measured: every pending lead and every recorded rejection evaluated.
    const problems: string[] = [];
    for (const [name, body] of answers) {
      if (body.leads.evaluated < LEADS)
        problems.push(`${name}: ${body.leads.evaluated} leads evaluated`);
      if (body.replayed.evaluated !== Math.min(REPLAY, REJECTIONS))
        problems.push(`${name}: ${body.replayed.evaluated} rejections replayed`);
    }
    const unchanged = answers.get(rulesets[0]!.name)!;
    if (unchanged.leads.changed.length + unchanged.replayed.changed.length !== 0)
      problems.push('the unchanged demo ruleset changed owners');

    // The baselines, in this process on the same database (the server has stopped).
    const db = openDatabase(file);
    const store = new DevHostStore(db);
    const baselines: Timing[] = [];
    const activeRecord = store.activeRuleset();
    if (!activeRecord) throw new Error('the bench database has no active ruleset');
    const active = {
      version: activeRecord.id,
      compiled: compileRuleset(parseRuleset(activeRecord.body)),
    };
    for (const r of rulesets) {
      const baseline = evaluatorBaseline(store, demo, r.ruleset);
      baseline.run();
      const evaluator: Timing = {name: `evaluator only, ${r.name}`, ms: []};
      const inProcess: Timing = {name: `previewRuleset in-process, ${r.name}`, ms: []};
      for (let i = 0; i < WARMUP; i++) {
        await previewRuleset(store, active, compiled(r.ruleset), {
          rejectCode: REJECT_CODE,
          replay: REPLAY,
        });
      }
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        const {evaluated, changed} = baseline.run();
        evaluator.ms.push(performance.now() - t);
        evaluator.note = `${evaluated} evaluated (both rulesets each), ${changed} changed`;
        t = performance.now();
        const result = await previewRuleset(store, active, compiled(r.ruleset), {
          rejectCode: REJECT_CODE,
          replay: REPLAY,
        });
        inProcess.ms.push(performance.now() - t);
        inProcess.note = `${result.leads.evaluated} + ${result.replayed.evaluated} evaluated, ${result.leads.changed.length} + ${result.replayed.changed.length} changed`;
        const http = answers.get(r.name)!;
        if (
          result.leads.changed.length !== http.leads.changed.length ||
          result.replayed.changed.length !== http.replayed.changed.length
        )
          problems.push(`${r.name}: in-process and HTTP previews differ`);
        if (changed !== result.leads.changed.length + result.replayed.changed.length)
          problems.push(
            `${r.name}: the evaluator baseline found ${changed} changes, the preview ${result.leads.changed.length + result.replayed.changed.length}`,
          );
      }
      baselines.push(evaluator, inProcess);
    }
    const steps = new Map<string, number[]>();
    for (let i = 0; i < RUNS; i++) {
      for (const [name, ms] of await previewSteps(store, demo, rulesets[1]!.ruleset)) {
        steps.set(name, [...(steps.get(name) ?? []), ms]);
      }
    }
    db.close();

    const rows = [...http, ...baselines];
    const width = Math.max(...rows.map((r) => r.name.length));
    console.log(
      `\n${RUNS} runs each after ${WARMUP} warm-up runs; replay=${REPLAY}, rejectCode=${REJECT_CODE}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    console.log(
      `${'what'.padEnd(width)}  median ms     min     max  ÷ target 1000 ms  ÷ evaluator`,
    );
    for (const r of rows) {
      const m = median(r.ms);
      const evaluator = baselines.find(
        (b) => b.name.startsWith('evaluator only') && r.name.endsWith(b.name.split(', ')[1]!),
      );
      console.log(
        `${r.name.padEnd(width)}  ${m.toFixed(1).padStart(9)} ${Math.min(...r.ms)
          .toFixed(1)
          .padStart(7)} ${Math.max(...r.ms)
          .toFixed(1)
          .padStart(
            7,
          )}  ${(m / TARGET_MS).toFixed(2).padStart(16)}  ${evaluator ? (m / median(evaluator.ms)).toFixed(1).padStart(11) : ''}`,
      );
      if (r.note) console.log(`${''.padEnd(width)}  (${r.note})`);
    }
    console.log(
      `\nthe steps of previewRuleset one by one (changed ruleset, in this process, median of ${RUNS}):`,
    );
    let sum = 0;
    for (const [name, ms] of steps) {
      sum += median(ms);
      console.log(`  ${median(ms).toFixed(1).padStart(7)} ms  ${name}`);
    }
    console.log(
      `  ${sum.toFixed(1).padStart(7)} ms  in all (garbage collection included where it fell)`,
    );
    const perPreview = serverTimes.cpuMs / (RUNS * rulesets.length);
    console.log(
      `\nserver CPU per preview ${perPreview.toFixed(0)} ms, GC ${(serverTimes.gcMs / (RUNS * rulesets.length)).toFixed(0)} ms per preview (longest pause ${serverTimes.gcMaxPauseMs.toFixed(0)} ms), heap at the end ${serverTimes.heapMb.toFixed(0)} MB`,
    );
    const worst = Math.max(...http.map((t) => median(t.ms)));
    console.log(
      worst <= TARGET_MS
        ? `target met: median ${worst.toFixed(0)} ms ≤ ${TARGET_MS} ms`
        : `target NOT met: median ${worst.toFixed(0)} ms > ${TARGET_MS} ms (${(worst / TARGET_MS).toFixed(2)}×)`,
    );
    if (process.env.BENCH_PROFILE)
      summarizeProfile(`${process.env.BENCH_PROFILE}.dev-host.cpuprofile`);
    if (problems.length) {
      console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

await main();
