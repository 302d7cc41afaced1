// `npm run bench:host`: the reject throughput of the dev host against a bare node:http + better-sqlite3
// baseline doing the same transaction, on temp databases seeded with the demo data plus many Qualified
// leads. 32 clients reject distinct leads (with reassignment) while racers reject the same leads; then
// every lead must be rejected exactly once, with exactly one audit row. Loopback only; bounded loops.
//
//   npm run bench:host [-- --leads 20000 --clients 32 --racers 8 --warmup 3000]
import {spawn} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {Agent} from 'node:http';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import {postJson} from './post-json.js';
import {seedBenchLeads} from './seed-bench-leads.js';

const {values} = parseArgs({
  options: {
    leads: {type: 'string', default: '20000'},
    clients: {type: 'string', default: '32'},
    racers: {type: 'string', default: '8'},
    warmup: {type: 'string', default: '3000'},
  },
});
const LEADS = Number(values.leads);
const CLIENTS = Number(values.clients);
const RACERS = Number(values.racers);
const WARMUP = Number(values.warmup);
const TARGET = {rejectsPerSecond: 5000, p99Ms: 25};

const CODES = [
  'DUPLICATE',
  'INVALID_PHONE_NUMBER',
  'FAILED_TO_REACH_CONTACT',
  'OTHER',
  'NO_BUSINESS_OPPORTUNITY',
];
const benchId = (i: number) => `B-${String(i).padStart(6, '0')}`;
const warmupId = (i: number) => `W-${String(i).padStart(6, '0')}`;

/**
 * A seeded database file with `LEADS` extra Qualified leads (ids B-000000 …) for the measurement and
 * `WARMUP` more (W-000000 …) rejected first, unmeasured, so that both servers run JIT-compiled code.
 */
function prepareDatabase(file: string): void {
  seedBenchLeads(file, LEADS + WARMUP, (i) => (i < LEADS ? benchId(i) : warmupId(i - LEADS)));
}

/** Starts bench-server.ts in its own process and resolves with its port and a stop function. */
async function startServer(mode: 'dev-host' | 'bare', file: string) {
  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  // BENCH_SERVER_NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server process.
  const extra = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const args = [...extra, '--conditions=@crmkit/source', '--import', 'tsx', script, mode, file];
  const child = spawn(process.execPath, args, {stdio: ['pipe', 'pipe', 'inherit']});
  const lines = createInterface({input: child.stdout!});
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as {port: number}).port));
  });
  child.removeAllListeners('exit');
  return {
    port,
    /** Starts the measured part: the server counts its CPU time from here. */
    mark: () =>
      new Promise<void>((resolve) => {
        lines.once('line', () => resolve());
        child.stdin!.write('mark\n');
      }),
    /** Stops the server; resolves with the CPU and GC milliseconds it spent since `mark()`. */
    stop: () =>
      new Promise<ServerTimes>((resolve) => {
        let times: ServerTimes = {
          cpuMs: NaN,
          systemMs: NaN,
          gcMs: NaN,
          gcMaxPauseMs: NaN,
          heapMb: NaN,
        };
        lines.on('line', (line) => {
          times = JSON.parse(line) as ServerTimes;
        });
        child.once('exit', () => resolve(times));
        child.kill('SIGTERM');
      }),
  };
}

interface ServerTimes {
  cpuMs: number;
  /** The part of cpuMs spent in the kernel (sockets, WAL writes, fsync). */
  systemMs: number;
  gcMs: number;
  gcMaxPauseMs: number;
  heapMb: number;
}

interface Result {
  status: number;
  ms: number;
}

const post = (
  agent: Agent,
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<Result> => postJson(agent, port, path, body, headers);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Runs the load against one server; returns the figures and the per-lead 200 counts. */
/** Rejects the warm-up leads with the same requests as the measurement, unmeasured. */
async function warmUp(agent: Agent, port: number) {
  let next = 0;
  const client = async (c: number) => {
    for (let guard = 0; guard < WARMUP + 1 && next < WARMUP; guard++) {
      const i = next++;
      const body = JSON.stringify({
        rejectCode: CODES[i % CODES.length],
        rejectReason: `warm-up ${i}`,
        reassignOwner: true,
      });
      await post(agent, port, `/api/leads/${warmupId(i)}/reject`, body, {
        authorization: 'Bearer max',
        'if-match': '1',
        'idempotency-key': `warm-up-${c}-${i}`,
      });
    }
  };
  await Promise.all(Array.from({length: CLIENTS}, (_, c) => client(c)));
}

async function load(port: number, mark: () => Promise<void>) {
  const agent = new Agent({keepAlive: true, maxSockets: CLIENTS + RACERS});
  await warmUp(agent, port);
  await mark();
  const tokens = ['max', 'sofia', 'anna'];
  const wins = new Map<string, number>();
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  let done = false;
  const record = (id: string, r: Result) => {
    latencies.push(r.ms);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status === 200) wins.set(id, (wins.get(id) ?? 0) + 1);
  };
  const rejectOnce = async (i: number, token: string, key: string) => {
    const code = CODES[i % CODES.length]!;
    const body = JSON.stringify({
      rejectCode: code,
      ...(code === 'OTHER' ? {rejectReason: `bench ${i}`} : {}),
      reassignOwner: true,
    });
    const id = benchId(i);
    record(
      id,
      await post(agent, port, `/api/leads/${id}/reject`, body, {
        authorization: `Bearer ${token}`,
        'if-match': '1',
        'idempotency-key': key,
      }),
    );
  };
  const client = async (c: number) => {
    for (let guard = 0; guard < LEADS + 1 && next < LEADS; guard++) {
      const i = next++;
      await rejectOnce(i, tokens[c % tokens.length]!, `client-${c}-${i}`);
    }
  };
  // Racers reject leads the clients are working on right now: real races on the same rows.
  const racer = async (r: number) => {
    for (let guard = 0; guard < LEADS && !done; guard++) {
      const i = Math.max(0, next - 1 - (guard % CLIENTS));
      if (i >= LEADS) break;
      await rejectOnce(i, tokens[(r + 1) % tokens.length]!, `racer-${r}-${guard}`);
    }
  };
  const started = process.hrtime.bigint();
  const racing = Array.from({length: RACERS}, (_, r) => racer(r));
  await Promise.all(Array.from({length: CLIENTS}, (_, c) => client(c)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  done = true;
  await Promise.all(racing);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const rejected = [...wins.values()].reduce((a, b) => a + b, 0);
  return {
    seconds,
    rejected,
    rejectsPerSecond: rejected / seconds,
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
    wins,
  };
}

/** Exactly once: every bench lead Rejected, one 200 per lead, one audit row per lead. */
function verify(file: string, wins: Map<string, number>) {
  const db = new BetterSqlite3(file, {readonly: true});
  const notRejected = db
    .prepare("SELECT count(*) FROM leads WHERE id LIKE 'B-%' AND status != 'Rejected'")
    .pluck()
    .get() as number;
  const auditWrong = db
    .prepare(
      `SELECT count(*) FROM (SELECT l.id, count(a.id) AS n FROM leads l LEFT JOIN audit a ON a.lead_id = l.id
         WHERE l.id LIKE 'B-%' GROUP BY l.id HAVING n != 1)`,
    )
    .pluck()
    .get() as number;
  const versionsWrong = db
    .prepare("SELECT count(*) FROM leads WHERE id LIKE 'B-%' AND version != 2")
    .pluck()
    .get() as number;
  db.close();
  const doubled = [...wins.values()].filter((n) => n !== 1).length;
  const missing = LEADS - wins.size;
  return {
    notRejected,
    auditWrong,
    versionsWrong,
    doubled,
    missing,
    ok: !notRejected && !auditWrong && !versionsWrong && !doubled && !missing,
  };
}

const loadBefore = loadavg();
// BENCH_DIR puts the databases elsewhere (e.g. /dev/shm, to take the disk out of the figures).
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'crmkit-bench-'));
try {
  const seedFile = join(dir, 'seed.sqlite');
  prepareDatabase(seedFile);
  const report: Record<
    string,
    ReturnType<typeof verify> &
      Omit<Awaited<ReturnType<typeof load>>, 'wins'> &
      ServerTimes & {cpuMsPerReject: number}
  > = {};
  for (const mode of ['bare', 'dev-host'] as const) {
    const file = join(dir, `${mode}.sqlite`);
    copyFileSync(seedFile, file);
    const server = await startServer(mode, file);
    const {wins, ...figures} = await load(server.port, server.mark);
    const times = await server.stop();
    report[mode] = {
      ...figures,
      ...times,
      cpuMsPerReject: times.cpuMs / figures.rejected,
      ...verify(file, wins),
    };
  }
  console.log(
    `bench:host: ${LEADS} Qualified leads (after ${WARMUP} unmeasured warm-up rejects), ${CLIENTS} clients on distinct leads + ${RACERS} racers on the same leads, keep-alive, loopback\n`,
  );
  const row = (name: string, r: (typeof report)[string]) =>
    [
      name.padEnd(9),
      `${r.rejectsPerSecond.toFixed(0).padStart(6)} rejects/s`,
      `p50 ${r.p50.toFixed(2).padStart(6)} ms`,
      `p99 ${r.p99.toFixed(2).padStart(6)} ms`,
      `server CPU ${(r.cpuMsPerReject * 1000).toFixed(0).padStart(4)} µs/reject (kernel ${((r.systemMs / r.rejected) * 1000).toFixed(0)})`,
      `GC ${r.gcMs.toFixed(0)} ms (longest ${r.gcMaxPauseMs.toFixed(1)} ms), heap ${r.heapMb.toFixed(0)} MB`,
      `${r.requests} requests ${JSON.stringify(r.statuses)}`,
      `exactly once: ${r.ok ? 'yes' : `NO ${JSON.stringify({notRejected: r.notRejected, auditWrong: r.auditWrong, versionsWrong: r.versionsWrong, doubled: r.doubled, missing: r.missing})}`}`,
    ].join('  ');
  console.log(row('bare', report.bare!));
  console.log(row('dev-host', report['dev-host']!));
  const host = report['dev-host']!;
  const bare = report.bare!;
  console.log(
    `\ndev-host / bare: throughput ${(host.rejectsPerSecond / bare.rejectsPerSecond).toFixed(2)}, ` +
      `p99 ${(host.p99 / bare.p99).toFixed(2)}, server CPU per reject ${(host.cpuMsPerReject / bare.cpuMsPerReject).toFixed(2)}`,
  );
  const meets = host.rejectsPerSecond >= TARGET.rejectsPerSecond && host.p99 <= TARGET.p99Ms;
  console.log(
    `target >= ${TARGET.rejectsPerSecond} rejects/s and p99 <= ${TARGET.p99Ms} ms: ${meets ? 'met' : 'NOT met'} ` +
      `(load average before the run ${loadBefore.map((l) => l.toFixed(1)).join(' ')}: other work on the machine skews both servers)`,
  );
  if (!host.ok || !report.bare!.ok) process.exitCode = 1;
} finally {
  rmSync(dir, {recursive: true, force: true});
}
