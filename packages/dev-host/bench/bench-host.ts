// `npm run bench:host`: the reject throughput of the dev host against a bare node:http + better-sqlite3
// baseline doing the same transaction, on temp databases seeded with the demo data plus many Qualified
// leads. 32 clients reject distinct leads (with reassignment) while racers reject the same leads; then
// every lead must be rejected exactly once, with exactly one audit row. Loopback only; bounded loops.
// With `--db postgres` the same load also runs against the dev host on PostgreSQL (a throwaway cluster
// started here, durable: fsync and synchronous_commit on), with one node and with two nodes on one
// database (the clients spread over both), in the same run as the SQLite dev host and the bare
// baseline.
//
//   npm run bench:host [-- --db sqlite|postgres --leads 20000 --clients 32 --racers 8 --warmup 3000]
//
// Where PostgreSQL's time goes, by statement (the two-node run; nested statements of functions too):
//   CRMKIT_POSTGRES_SETTINGS='-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all
//     -c pg_stat_statements.track_planning=on' BENCH_PG_STATEMENTS=1 npm run bench:host -- --db postgres
import {spawn} from 'node:child_process';
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {Agent} from 'node:http';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {startDevHost} from '../src/start-dev-host.js';
import {startPostgres} from '../test/start-postgres.js';
import type {TestPostgres} from '../test/start-postgres.js';
import {postJson} from './post-json.js';
import {seedBenchLeads} from './seed-bench-leads.js';

const {values} = parseArgs({
  options: {
    leads: {type: 'string', default: '20000'},
    clients: {type: 'string', default: '32'},
    racers: {type: 'string', default: '8'},
    warmup: {type: 'string', default: '3000'},
    db: {type: 'string', default: 'sqlite'},
  },
});
if (values.db !== 'sqlite' && values.db !== 'postgres') {
  console.error(`bench:host: --db must be sqlite or postgres, not "${values.db}"`);
  process.exit(2);
}
const LEADS = Number(values.leads);
const CLIENTS = Number(values.clients);
const RACERS = Number(values.racers);
const WARMUP = Number(values.warmup);
const TARGET = {rejectsPerSecond: 5000, p99Ms: 25};
/** The issue's target for two nodes on PostgreSQL on this 2-core machine. */
const POSTGRES_TARGET = {rejectsPerSecond: 3000, p99Ms: 25};

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
async function warmUp(agent: Agent, ports: readonly number[]) {
  let next = 0;
  const client = async (c: number) => {
    for (let guard = 0; guard < WARMUP + 1 && next < WARMUP; guard++) {
      const i = next++;
      const body = JSON.stringify({
        rejectCode: CODES[i % CODES.length],
        rejectReason: `warm-up ${i}`,
        reassignOwner: true,
      });
      await post(agent, ports[c % ports.length]!, `/api/leads/${warmupId(i)}/reject`, body, {
        authorization: 'Bearer max',
        'if-match': '1',
        'idempotency-key': `warm-up-${c}-${i}`,
      });
    }
  };
  await Promise.all(Array.from({length: CLIENTS}, (_, c) => client(c)));
}

async function load(ports: readonly number[], mark: () => Promise<void>) {
  const agent = new Agent({keepAlive: true, maxSockets: CLIENTS + RACERS});
  await warmUp(agent, ports);
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
  const rejectOnce = async (i: number, token: string, key: string, port: number) => {
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
      await rejectOnce(i, tokens[c % tokens.length]!, `client-${c}-${i}`, ports[c % ports.length]!);
    }
  };
  // Racers reject leads the clients are working on right now: real races on the same rows.
  const racer = async (r: number) => {
    for (let guard = 0; guard < LEADS && !done; guard++) {
      const i = Math.max(0, next - 1 - (guard % CLIENTS));
      if (i >= LEADS) break;
      // A racer on another node than the client of the same lead (with two nodes).
      const port = ports[(r + 1) % ports.length]!;
      await rejectOnce(i, tokens[(r + 1) % tokens.length]!, `racer-${r}-${guard}`, port);
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

/** Runs a `SELECT count(*) …` on the bench's database (SQLite file or PostgreSQL URL). */
async function counter(
  db: string,
): Promise<{count(sql: string): Promise<number>; close(): Promise<void>}> {
  if (db.startsWith('postgres')) {
    const client = new pg.Client({connectionString: db});
    await client.connect();
    return {
      count: async (sql) => Number((await client.query<{n: string}>(sql)).rows[0]!.n),
      close: () => client.end(),
    };
  }
  const sqlite = new BetterSqlite3(db, {readonly: true});
  return {
    count: async (sql) => Number(sqlite.prepare(sql).pluck().get()),
    close: async () => void sqlite.close(),
  };
}

/** Exactly once: every bench lead Rejected, one 200 per lead, one audit row per lead. */
async function verify(db: string, wins: Map<string, number>) {
  const q = await counter(db);
  const notRejected = await q.count(
    "SELECT count(*) AS n FROM leads WHERE id LIKE 'B-%' AND status != 'Rejected'",
  );
  const auditWrong = await q.count(
    `SELECT count(*) AS n FROM (SELECT l.id, count(a.id) AS c FROM leads l LEFT JOIN audit a ON a.lead_id = l.id
       WHERE l.id LIKE 'B-%' GROUP BY l.id HAVING count(a.id) != 1) wrong`,
  );
  const versionsWrong = await q.count(
    "SELECT count(*) AS n FROM leads WHERE id LIKE 'B-%' AND version != 2",
  );
  await q.close();
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

/**
 * A PostgreSQL database seeded like the SQLite file: the demo data (a dev host's first start on it)
 * and the same bench leads, made a template so each run starts from a copy.
 */
async function preparePostgres(cluster: TestPostgres): Promise<(name: string) => Promise<string>> {
  const url = await cluster.database('bench_seed');
  const seeding = await startDevHost({db: url});
  await seeding.close();
  const client = new pg.Client({connectionString: url});
  await client.connect();
  const sqlite = new BetterSqlite3(join(dir, 'seed.sqlite'), {readonly: true});
  const rows = sqlite
    .prepare(
      `SELECT id, first_name, last_name, company, status, owner_id, original_owner_id, version,
         country, region, rating, source FROM leads WHERE id LIKE 'B-%' OR id LIKE 'W-%'`,
    )
    .raw()
    .all() as unknown[][];
  sqlite.close();
  for (let at = 0; at < rows.length; at += 1000) {
    const chunk = rows.slice(at, at + 1000);
    const values = chunk
      .map((_, r) => `(${Array.from({length: 12}, (_, c) => `$${r * 12 + c + 1}`).join(', ')})`)
      .join(', ');
    await client.query(
      `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
         version, country, region, rating, source) VALUES ${values}`,
      chunk.flat(),
    );
  }
  await client.query('VACUUM ANALYZE leads');
  await client.end();
  const admin = new pg.Client({connectionString: cluster.url});
  // The cluster stops at the end of the run with this connection open.
  admin.on('error', () => {});
  await admin.connect();
  return async (name) => {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE bench_seed`);
    return cluster.url.replace('/crmkit?', `/${name}?`);
  };
}

type Report = Awaited<ReturnType<typeof verify>> &
  Omit<Awaited<ReturnType<typeof load>>, 'wins'> &
  ServerTimes & {cpuMsPerReject: number; nodes: number; postgresMs: number};

/**
 * CPU milliseconds the PostgreSQL server's processes spent so far (Linux /proc; its backends serve
 * the nodes' connections), or NaN where there is no /proc.
 */
function postgresCpuMs(): number {
  try {
    const tick = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * (1000 / tick);
    }
    return total;
  } catch {
    return NaN;
  }
}

/** One measured run: `nodes` server processes of `mode` on `db`, the load spread over them. */
async function measure(mode: 'dev-host' | 'bare', db: string, nodes = 1): Promise<Report> {
  const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
  for (let n = 0; n < nodes; n++) servers.push(await startServer(mode, db));
  let postgresAtMark = NaN;
  const {wins, ...figures} = await load(
    servers.map((s) => s.port),
    async () => {
      await Promise.all(servers.map((s) => s.mark()));
      postgresAtMark = postgresCpuMs();
    },
  );
  // Before the servers stop: backends that end take their CPU time out of /proc.
  const postgresMs = db.startsWith('postgres') ? postgresCpuMs() - postgresAtMark : 0;
  const all = await Promise.all(servers.map((s) => s.stop()));
  const sum = (key: keyof ServerTimes) => all.reduce((total, t) => total + t[key], 0);
  const times: ServerTimes = {
    cpuMs: sum('cpuMs'),
    systemMs: sum('systemMs'),
    gcMs: sum('gcMs'),
    gcMaxPauseMs: Math.max(...all.map((t) => t.gcMaxPauseMs)),
    heapMb: sum('heapMb'),
  };
  return {
    ...figures,
    ...times,
    postgresMs,
    nodes,
    cpuMsPerReject: times.cpuMs / figures.rejected,
    ...(await verify(db, wins)),
  };
}

/**
 * BENCH_PG_STATEMENTS=1 (with CRMKIT_POSTGRES_SETTINGS='-c shared_preload_libraries=pg_stat_statements'):
 * where PostgreSQL's time went in the two-node run, by statement.
 */
async function printStatements(url: string) {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const {rows} = await client.query<Record<string, unknown>>(
    `SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round(total_plan_time::numeric, 1) AS plan_ms,
       rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`,
  );
  console.table(rows);
  await client.end();
}

const loadBefore = loadavg();
// BENCH_DIR puts the databases elsewhere (e.g. /dev/shm, to take the disk out of the figures).
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'crmkit-bench-'));
let cluster: TestPostgres | undefined;
try {
  const seedFile = join(dir, 'seed.sqlite');
  prepareDatabase(seedFile);
  const report: Record<string, Report> = {};
  for (const mode of ['bare', 'dev-host'] as const) {
    const file = join(dir, `${mode}.sqlite`);
    copyFileSync(seedFile, file);
    report[mode] = await measure(mode, file);
  }
  if (values.db === 'postgres') {
    // As in production: each commit flushed to disk before it is answered.
    cluster = await startPostgres({durable: true});
    const copy = await preparePostgres(cluster);
    report['postgres ×1'] = await measure('dev-host', await copy('bench_one'));
    const two = await copy('bench_two');
    report['postgres ×2'] = await measure('dev-host', two, 2);
    if (process.env.BENCH_PG_STATEMENTS) await printStatements(two);
  }
  console.log(
    `bench:host: ${LEADS} Qualified leads (after ${WARMUP} unmeasured warm-up rejects), ${CLIENTS} clients on distinct leads + ${RACERS} racers on the same leads, keep-alive, loopback\n`,
  );
  const row = (name: string, r: Report) =>
    [
      name.padEnd(12),
      `${r.rejectsPerSecond.toFixed(0).padStart(6)} rejects/s`,
      `p50 ${r.p50.toFixed(2).padStart(6)} ms`,
      `p99 ${r.p99.toFixed(2).padStart(6)} ms`,
      `server CPU ${(r.cpuMsPerReject * 1000).toFixed(0).padStart(4)} µs/reject (kernel ${((r.systemMs / r.rejected) * 1000).toFixed(0)})`,
      ...(r.postgresMs
        ? [`PostgreSQL CPU ${((r.postgresMs / r.rejected) * 1000).toFixed(0)} µs/reject`]
        : []),
      `GC ${r.gcMs.toFixed(0)} ms (longest ${r.gcMaxPauseMs.toFixed(1)} ms), heap ${r.heapMb.toFixed(0)} MB`,
      `${r.requests} requests ${JSON.stringify(r.statuses)}`,
      `exactly once: ${r.ok ? 'yes' : `NO ${JSON.stringify({notRejected: r.notRejected, auditWrong: r.auditWrong, versionsWrong: r.versionsWrong, doubled: r.doubled, missing: r.missing})}`}`,
    ].join('  ');
  for (const [name, r] of Object.entries(report)) console.log(row(name, r));
  const bare = report.bare!;
  console.log('');
  for (const [name, r] of Object.entries(report)) {
    if (name === 'bare') continue;
    console.log(
      `${name} / bare: throughput ${(r.rejectsPerSecond / bare.rejectsPerSecond).toFixed(2)}, ` +
        `p99 ${(r.p99 / bare.p99).toFixed(2)}, server CPU per reject ${(r.cpuMsPerReject / bare.cpuMsPerReject).toFixed(2)}`,
    );
  }
  const host = report['dev-host']!;
  const meets = host.rejectsPerSecond >= TARGET.rejectsPerSecond && host.p99 <= TARGET.p99Ms;
  console.log(
    `target (SQLite dev host) >= ${TARGET.rejectsPerSecond} rejects/s and p99 <= ${TARGET.p99Ms} ms: ${meets ? 'met' : 'NOT met'}`,
  );
  const two = report['postgres ×2'];
  if (two) {
    const met =
      two.rejectsPerSecond >= POSTGRES_TARGET.rejectsPerSecond && two.p99 <= POSTGRES_TARGET.p99Ms;
    console.log(
      `target (2 nodes on PostgreSQL) >= ${POSTGRES_TARGET.rejectsPerSecond} rejects/s and p99 <= ${POSTGRES_TARGET.p99Ms} ms: ${met ? 'met' : 'NOT met'} ` +
        '(server CPU counts the node processes; PostgreSQL’s own is beside it)',
    );
  }
  console.log(
    `(load average before the run ${loadBefore.map((l) => l.toFixed(1)).join(' ')}: other work on the machine skews every server)`,
  );
  if (Object.values(report).some((r) => !r.ok)) process.exitCode = 1;
} finally {
  await cluster?.stop();
  rmSync(dir, {recursive: true, force: true});
}
