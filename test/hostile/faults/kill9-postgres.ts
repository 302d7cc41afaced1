// The kill -9 runs of `npm run attack:faults` on PostgreSQL: two dev host processes ("nodes") on one
// database of a throwaway cluster (startPostgres), clients rejecting leads with reassignment against
// both (a third of them with an Idempotency-Key, retried on the other node after a failure).
//
// 1. kill -9 of a node under load (three runs: node A twice, node B twice, both at once twice), each
//    restarted on the same database while the other serves on; after every run the database is
//    checked with SQL: 0 partial, lost or duplicate rejections, one audit row per key.
// 2. PostgreSQL itself killed under load (pg_ctl stop -m immediate, then started again on the same
//    data directory, which recovers from its WAL): meanwhile every answer is 503 store-unavailable
//    with Retry-After (never 500, never slower than a bound), afterwards both nodes serve again
//    without a restart and the same check holds.
// 3. Over the REST API at the end: GET /api/me on both (restarted) nodes, every acknowledged lead
//    listed as Rejected with its owner and version 2, keyed rejects replayed on the other node, one
//    lead.rejected audit entry per lead.
//
// Part of run-faults.ts; alone:
//   node --conditions=@crmkit/source --import tsx test/hostile/faults/kill9-postgres.ts \
//     [--runs 3 --seconds 20 --clients 16 --leads 300000]
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {Agent, request} from 'node:http';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {isDeepStrictEqual, parseArgs, promisify} from 'node:util';
import pg from 'pg';
import {POSTGRES_BIN, startPostgres} from '../../../packages/dev-host/test/start-postgres.js';
import type {TestPostgres} from '../../../packages/dev-host/test/start-postgres.js';
import {tallyLine} from '../lib/attack.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = fileURLToPath(new URL('./fault-server.ts', import.meta.url));
const CODES = ['DUPLICATE', 'INVALID_PHONE_NUMBER', 'FAILED_TO_REACH_CONTACT', 'OTHER'];
const leadId = (i: number) => `K-${String(i).padStart(6, '0')}`;
/** Every third lead is rejected with an Idempotency-Key. */
const keyOf = (i: number) => (i % 3 === 0 ? `kill-${i}` : undefined);
/** The longest an answer may take while PostgreSQL is down (a 503 must come, not a hang). */
const OUTAGE_BOUND_MS = 5000;
/** A request not answered in this long counts as hanging (and is given up). */
const REQUEST_TIMEOUT_MS = 30_000;
/** How long PostgreSQL stays down. */
const DOWN_MS = 3000;

export type Held = (category: string, name: string, ok: boolean, why?: string) => void;

export interface PostgresKillOptions {
  runs: number;
  seconds: number;
  clients: number;
  leads: number;
}

const NODE_KILLS = 'kill -9 on PostgreSQL, two nodes';
const SERVER_KILL = 'PostgreSQL killed';

interface Sent {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

/** One request to 127.0.0.1:port; rejects on a connection error or after REQUEST_TIMEOUT_MS. */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  options: {body?: string; key?: string; token?: string} = {},
): Promise<Sent> {
  const started = performance.now();
  return new Promise<Sent>((resolve, reject) => {
    const {body, key, token = 'max'} = options;
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(key ? {'idempotency-key': key} : {}),
          ...(body
            ? {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)}
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A dev host process on the database (fault-server.ts), killed and started again by the runs. */
class DevNode {
  port = 0;
  up = false;
  child: ChildProcess | undefined;
  agent = new Agent({keepAlive: true});
  inFlight = 0;
  starts = 0;
  /** What it logged (stderr), over all its lives: `error:` and `contract:` lines counted. */
  errors = 0;
  contract = 0;
  lastErrors: string[] = [];
  /** How it ended when nobody killed or stopped it: its exit and the end of its stderr. */
  died: string | undefined;
  #ending = false;

  constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  /** Starts the process; resolves how long it took until it listened. */
  async start(): Promise<number> {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--conditions=@crmkit/source', '--import', 'tsx', SERVER, this.url],
      {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']},
    );
    let stderr = '';
    createInterface({input: child.stderr!}).on('line', (line) => {
      stderr = `${stderr}${line}\n`.slice(-4000);
      if (line.startsWith('error:')) {
        this.errors++;
        this.lastErrors = [...this.lastErrors, line.slice(0, 300)].slice(-5);
      }
      if (line.startsWith('contract:')) this.contract++;
    });
    const lines = createInterface({input: child.stdout!});
    this.port = await new Promise<number>((resolve, reject) => {
      lines.once('line', (line) => resolve((JSON.parse(line) as {port: number}).port));
      child.once('exit', (code, signal) =>
        reject(new Error(`node ${this.name} exited (${code ?? signal}): ${stderr}`)),
      );
    });
    this.child = child;
    child.once('exit', (code, signal) => {
      this.up = false;
      if (!this.#ending)
        this.died ??= `node ${this.name} exited by itself (${code ?? signal}): ${stderr.slice(-3000)}`;
    });
    this.#ending = false;
    this.agent = new Agent({keepAlive: true});
    this.up = true;
    this.starts++;
    return performance.now() - started;
  }

  /** Whether the process runs (it was not killed and did not die). */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL; resolves once it is gone. Requests in flight meanwhile: returned. */
  async kill(): Promise<number> {
    this.up = false;
    this.#ending = true;
    const inFlight = this.inFlight;
    const child = this.child!;
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    this.agent.destroy();
    return inFlight;
  }

  async stop(): Promise<void> {
    this.up = false;
    this.#ending = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    this.agent.destroy();
  }

  async send(
    method: string,
    path: string,
    options?: {body?: string; key?: string; token?: string},
  ) {
    this.inFlight++;
    try {
      return await send(this.agent, this.port, method, path, options);
    } finally {
      this.inFlight--;
    }
  }
}

interface Ack {
  code: string;
  ownerId: string;
  key?: string;
  /** The node that answered 200 (a replay sent to the other one). */
  node: string;
  /** The request's body and the answer's. */
  request: string;
  body: string;
}

/** What the clients saw in one run. */
interface RunStats {
  acked: number;
  statuses: Map<string, number>;
  /** Requests that got no answer (their node was killed under them, or a timeout). */
  broken: number;
  /** Unkeyed requests without a 200 (their lead may or may not be rejected). */
  unknown: number;
  keyedRetries: number;
  replayed: number;
  fresh: number;
  /** Keyed retries that ended otherwise than with a 200. */
  wrong: string[];
}

/** An answer while PostgreSQL was down. */
interface OutageAnswer {
  status: number;
  code?: string;
  retryAfter?: string;
  ms: number;
  error?: string;
}

/** Every K- lead checked against its audit rows, and every acknowledged reject against the lead. */
async function integrity(url: string, acked: ReadonlyMap<string, Ack>) {
  const db = new pg.Client({connectionString: url});
  await db.connect();
  try {
    const audits = new Map(
      (
        await db.query<{id: string; n: number; detail: string; key: string | null; keys: number}>(
          `SELECT lead_id AS id, count(*)::int AS n, max(detail) AS detail,
             max(idempotency_key) AS key, count(idempotency_key)::int AS keys
           FROM audit WHERE action = 'lead.rejected' AND lead_id LIKE 'K-%' GROUP BY lead_id`,
        )
      ).rows.map((a) => [a.id, a]),
    );
    // The leads that were touched (the rest must be as seeded: no audit row either, checked below).
    const rows = (
      await db.query<{
        id: string;
        status: string;
        code: string | null;
        reason: string | null;
        by: string | null;
        at: string | null;
        owner: string | null;
        version: number;
      }>(
        `SELECT id, status, reject_code AS code, reject_reason AS reason, rejected_by AS by,
           rejected_at AS at, owner_id AS owner, version FROM leads
         WHERE id LIKE 'K-%' AND (status <> 'Qualified' OR version <> 1 OR reject_code IS NOT NULL
           OR rejected_by IS NOT NULL OR rejected_at IS NOT NULL)`,
      )
    ).rows;
    const keyDuplicates = (
      await db.query<{key: string}>(
        `SELECT idempotency_key AS key FROM audit WHERE idempotency_key LIKE 'kill-%'
         GROUP BY idempotency_key HAVING count(*) > 1`,
      )
    ).rows.map((r) => r.key);
    let rejected = 0;
    const partial: string[] = [];
    const duplicate: string[] = [...keyDuplicates];
    const lost: string[] = [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) {
      const audit = audits.get(row.id);
      if ((audit?.n ?? 0) > 1 || row.version > 2) duplicate.push(row.id);
      if (row.status === 'Rejected') {
        rejected++;
        const detail = audit
          ? (JSON.parse(audit.detail) as {code?: string; ownerId?: string; idempotencyKey?: string})
          : {};
        const complete =
          row.code !== null &&
          row.by === 'max' &&
          row.at !== null &&
          row.version === 2 &&
          audit?.n === 1 &&
          detail.code === row.code &&
          detail.ownerId === row.owner &&
          (row.code !== 'OTHER' || row.reason !== null) &&
          // A keyed reject's audit row carries its key (what replays it), an unkeyed one none.
          audit.key === (keyOf(Number(row.id.slice(2))) ?? null) &&
          detail.idempotencyKey === keyOf(Number(row.id.slice(2)));
        if (!complete) partial.push(row.id);
      } else {
        partial.push(row.id); // touched but not rejected
      }
    }
    // An audit row for a lead that is as seeded: the audit without the lead change.
    for (const id of audits.keys()) if (!byId.has(id)) partial.push(id);
    for (const [id, ack] of acked) {
      const row = byId.get(id);
      if (!row || row.status !== 'Rejected' || row.code !== ack.code || row.owner !== ack.ownerId)
        lost.push(id);
    }
    return {rejected, partial, duplicate, lost, audits: audits.size};
  } finally {
    await db.end();
  }
}

/** The PostgreSQL server's programs, as start-postgres.ts runs them (as `postgres` when root). */
function pgCtl(cluster: TestPostgres, args: string[]) {
  const program = join(POSTGRES_BIN, 'pg_ctl');
  const [file, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', program, '-D', join(cluster.dir, 'data'), ...args]]
      : [program, ['-D', join(cluster.dir, 'data'), ...args]];
  return run(file, argv, {cwd: cluster.dir});
}

/** start-postgres.ts's settings (a socket in the cluster's directory, no TCP). */
const settingsOf = (dir: string) =>
  [
    `-k ${dir}`,
    "-c listen_addresses=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=32MB',
    '-c deadlock_timeout=100ms',
  ].join(' ');

/** Inserts `count` Qualified leads K-000000… spread over regions and owners like seedBenchLeads. */
async function seedLeads(url: string, count: number) {
  const db = new pg.Client({connectionString: url});
  await db.connect();
  await db.query(
    `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id,
       version, country, region, rating, source)
     SELECT 'K-' || lpad(i::text, 6, '0'), 'Bench', 'Lead ' || i, 'Load Test GmbH', 'Qualified',
       (ARRAY['max', 'max', 'jonas', 'max'])[i % 4 + 1], (ARRAY['max', 'jonas', 'petra', 'sofia'])[i % 4 + 1],
       1, (ARRAY['DE', 'GB', 'US', 'JP'])[i % 4 + 1], (ARRAY['EMEA', 'EMEA', 'NA', 'APAC'])[i % 4 + 1],
       substr('ABC', i % 3 + 1, 1), CASE WHEN i % 2 = 1 THEN 'Web' ELSE 'Referral' END
     FROM generate_series(0, $1::int - 1) AS i`,
    [count],
  );
  await db.query('VACUUM ANALYZE leads');
  await db.end();
}

/** A request that got no answer, as an answer with status 0. */
const failed = (error: unknown): Sent => ({
  status: 0,
  body: (error as Error).message,
  headers: {},
  ms: 0,
});

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** The attacks; `held` counts each one (and prints what broke). */
export async function killPostgresAttacks(held: Held, options: PostgresKillOptions): Promise<void> {
  const {runs, seconds, clients, leads} = options;
  let t = performance.now();
  const cluster = await startPostgres();
  const nodes: DevNode[] = [];
  try {
    // The cluster runs with synchronous_commit=off (for the speed of the unit tests): a commit is
    // answered before its WAL is written, so an immediate stop loses the last ~0.6 s of answered
    // commits by design. A CRM's database commits synchronously: so does this one.
    const admin = new pg.Client({connectionString: cluster.url});
    await admin.connect();
    await admin.query('ALTER DATABASE crmkit SET synchronous_commit = on');
    await admin.end();
    const a = new DevNode('A', cluster.url);
    const b = new DevNode('B', cluster.url);
    nodes.push(a, b);
    await a.start(); // migrates and seeds the demo data
    await seedLeads(cluster.url, leads);
    await b.start();
    console.log(
      `PostgreSQL: seeded ${fmt(leads)} Qualified leads, two nodes up in ${fmt(performance.now() - t)} ms`,
    );

    const acked = new Map<string, Ack>();
    let cursor = 0;
    let outage: OutageAnswer[] | undefined;
    const otherThan = (name: string) => {
      const live = nodes.filter((n) => n.up);
      return live.find((n) => n.name !== name) ?? live[0];
    };

    /** A keyed reject that failed, sent again (the other node first) until it is answered. */
    async function retryKeyed(
      stats: RunStats,
      id: string,
      code: string,
      body: string,
      key: string,
      failedOn: string,
    ) {
      stats.keyedRetries++;
      const until = performance.now() + 60_000;
      let last = failedOn;
      while (performance.now() < until) {
        const node = otherThan(last);
        if (!node) {
          await sleep(50);
          continue;
        }
        last = node.name;
        let answer: Sent;
        try {
          answer = await node.send('POST', `/api/leads/${id}/reject`, {body, key});
        } catch (error) {
          outage?.push({status: 0, ms: 0, error: (error as Error).message});
          await sleep(100);
          continue;
        }
        if (outage) outage.push(outageAnswer(answer));
        if (answer.status === 503) {
          await sleep(100);
          continue;
        }
        count(stats, answer);
        if (answer.status === 200) {
          const lead = (JSON.parse(answer.body) as {lead: {ownerId: string}}).lead;
          acked.set(id, {
            code,
            ownerId: lead.ownerId,
            key,
            node: node.name,
            request: body,
            body: answer.body,
          });
          stats.acked++;
          if (answer.headers['idempotent-replayed'] === 'true') stats.replayed++;
          else stats.fresh++;
        } else {
          stats.wrong.push(`${id} ${answer.status} ${answer.body.slice(0, 120)}`);
        }
        return;
      }
      stats.wrong.push(`${id}: no answer in 60 s`);
    }

    const outageAnswer = (answer: Sent): OutageAnswer => {
      let code: string | undefined;
      try {
        code = (JSON.parse(answer.body) as {code?: string}).code;
      } catch {
        // not JSON
      }
      return {
        status: answer.status,
        ms: answer.ms,
        ...(code ? {code} : {}),
        ...(typeof answer.headers['retry-after'] === 'string'
          ? {retryAfter: answer.headers['retry-after']}
          : {}),
      };
    };

    function count(stats: RunStats, answer: Sent) {
      let key = String(answer.status);
      if (answer.status !== 200) {
        try {
          key += ` ${(JSON.parse(answer.body) as {code?: string}).code}`;
        } catch {
          // a body that is no problem document
        }
      }
      stats.statuses.set(key, (stats.statuses.get(key) ?? 0) + 1);
    }

    /** `clients` loops rejecting the next lead on a random live node until `stop` resolves. */
    async function load(stop: Promise<void>): Promise<RunStats> {
      const stats: RunStats = {
        acked: 0,
        statuses: new Map(),
        broken: 0,
        unknown: 0,
        keyedRetries: 0,
        replayed: 0,
        fresh: 0,
        wrong: [],
      };
      let stopped = false;
      void stop.then(() => (stopped = true));
      await Promise.all(
        Array.from({length: clients}, async () => {
          while (!stopped) {
            const live = nodes.filter((n) => n.up);
            if (!live.length) {
              await sleep(20);
              continue;
            }
            const i = cursor++;
            if (i >= leads - 4) return; // the last four: a reject per node after PostgreSQL is back
            const node = live[Math.floor(Math.random() * live.length)]!;
            const id = leadId(i);
            const code = CODES[i % CODES.length]!;
            const key = keyOf(i);
            const body = JSON.stringify({
              rejectCode: code,
              reassignOwner: true,
              ...(code === 'OTHER' ? {rejectReason: `kill run ${i}`} : {}),
            });
            let answer: Sent | undefined;
            try {
              answer = await node.send('POST', `/api/leads/${id}/reject`, {body, key});
            } catch (error) {
              stats.broken++; // its node was killed under it (or it timed out)
              outage?.push({status: 0, ms: 0, error: (error as Error).message});
            }
            if (answer) {
              if (outage) outage.push(outageAnswer(answer));
              count(stats, answer);
              if (answer.status === 200) {
                const lead = (JSON.parse(answer.body) as {lead: {ownerId: string}}).lead;
                acked.set(id, {
                  code,
                  ownerId: lead.ownerId,
                  ...(key ? {key} : {}),
                  node: node.name,
                  request: body,
                  body: answer.body,
                });
                stats.acked++;
                continue;
              }
            }
            if (answer && answer.status !== 503) continue; // counted: anything else is a finding
            if (key) await retryKeyed(stats, id, code, body, key, node.name);
            else {
              stats.unknown++;
              if (answer) await sleep(100); // a 503: the client waits a little
            }
          }
        }),
      );
      return stats;
    }

    /** The integrity check after a run: one line of figures and the attacks it counts. */
    async function check(category: string, run: string, stats: RunStats) {
      const result = await integrity(cluster.url, acked);
      const others = [...stats.statuses].filter(([s]) => s !== '200');
      held(
        category,
        `${run}: no partial rejection`,
        result.partial.length === 0,
        result.partial.slice(0, 5).join(', '),
      );
      held(
        category,
        `${run}: no lost rejection`,
        result.lost.length === 0,
        result.lost.slice(0, 5).join(', '),
      );
      held(
        category,
        `${run}: no duplicate rejection`,
        result.duplicate.length === 0,
        result.duplicate.slice(0, 5).join(', '),
      );
      held(
        category,
        `${run}: a keyed reject retried after a failure replays or rejects once`,
        stats.wrong.length === 0,
        stats.wrong.slice(0, 3).join('; '),
      );
      return {result, others};
    }

    // ── 1. kill -9 of a node under load ───────────────────────────────────────────────────────
    const victimsOf = (run: number) => [[a], [b], [a, b]][(run - 1) % 3]!;
    for (let run = 1; run <= runs; run++) {
      const victims = victimsOf(run);
      const killAt = [0.15 + Math.random() * 0.3, 0.55 + Math.random() * 0.3].map(
        (f) => f * seconds * 1000,
      );
      const kills: Array<{at: number; inFlight: number; restartMs: number[]; failed?: string}> = [];
      t = performance.now();
      const killing = (async () => {
        for (const at of killAt) {
          await sleep(Math.max(0, at - (performance.now() - t)));
          const inFlight = (await Promise.all(victims.map((v) => v.kill()))).reduce(
            (x, y) => x + y,
            0,
          );
          const kill: (typeof kills)[number] = {
            at: performance.now() - t,
            inFlight,
            restartMs: [],
          };
          kills.push(kill);
          try {
            kill.restartMs = await Promise.all(victims.map((v) => v.start()));
          } catch (error) {
            kill.failed = (error as Error).message.slice(0, 600);
            return;
          }
        }
      })();
      const stats = await load(sleep(seconds * 1000));
      await killing;
      const elapsed = (performance.now() - t) / 1000;
      const name = `run ${run} (${victims.map((v) => v.name).join(' and ')})`;
      const restarted = kills.length === killAt.length && kills.every((k) => !k.failed);
      held(
        NODE_KILLS,
        `${name}: restart on the same database`,
        restarted,
        kills.find((k) => k.failed)?.failed,
      );
      const {result, others} = await check(NODE_KILLS, name, stats);
      held(NODE_KILLS, `${name}: only 200 answers from the nodes up`, others.length === 0);
      if (others.length)
        console.log(`  answers: ${others.map(([s, n]) => `${n}×${s}`).join(', ')}`);
      console.log(
        `kill -9 on PostgreSQL run ${run}: ${fmt(stats.acked)} acknowledged rejects in ${elapsed.toFixed(1)} s ` +
          `(${fmt(stats.acked / elapsed)}/s over 2 nodes, ${clients} clients); ` +
          `killed node ${victims.map((v) => v.name).join(' and node ')} at ${kills.map((k) => `${(k.at / 1000).toFixed(1)} s`).join(' and ')} ` +
          `with ${kills.map((k) => k.inFlight).join(' and ')} requests in flight (${stats.broken} without answer` +
          `${others.length ? `; also ${others.map(([s, n]) => `${n}×${s}`).join(', ')}` : ''}); ` +
          `restart ${restarted ? kills.map((k) => k.restartMs.map((ms) => `${fmt(ms)} ms`).join(' + ')).join(', ') : 'FAILED'}; ` +
          `${stats.keyedRetries} keyed retries on the other node: ${stats.replayed} replayed, ${stats.fresh} rejected there, ${stats.wrong.length} otherwise; ` +
          `${fmt(result.rejected)} rejected leads: ${result.partial.length} partial, ${result.lost.length} lost, ${result.duplicate.length} duplicate`,
      );
      if (!restarted) return;
    }

    // ── 2. PostgreSQL killed: under load, and with the nodes idle (load while it is down) ──────
    const variants = [
      {name: 'under load', idle: false},
      {name: 'with the nodes idle', idle: true},
    ];
    for (const [v, variant] of variants.entries()) {
      t = performance.now();
      const downAt = variant.idle ? 0 : (0.25 + Math.random() * 0.2) * seconds * 1000;
      const phase: {
        stopMs?: number;
        startMs?: number;
        stopped?: number;
        back?: number;
        serving: Record<string, number>;
        rejecting: Record<string, number>;
        error?: string;
      } = {serving: {}, rejecting: {}};
      const meanwhile: OutageAnswer[] = [];
      const starts = nodes.map((n) => n.starts);
      const down = async () => {
        outage = meanwhile;
        const stopping = performance.now();
        await pgCtl(cluster, ['stop', '-m', 'immediate', '-w']);
        phase.stopMs = performance.now() - stopping;
        phase.stopped = performance.now() - t;
      };
      const up = async () => {
        await sleep(DOWN_MS);
        const starting = performance.now();
        await pgCtl(cluster, [
          '-o',
          settingsOf(cluster.dir),
          '-l',
          join(cluster.dir, 'log'),
          '-w',
          '-t',
          '60',
          'start',
        ]);
        phase.startMs = performance.now() - starting;
        phase.back = performance.now() - t;
      };
      /** Each node, not restarted: GET /api/me 200, then a reject 200 (a lead of its own). */
      const serving = async () => {
        const back = performance.now();
        await Promise.all(
          nodes.map(async (node, n) => {
            while (node.running && performance.now() - back < 15_000) {
              const me = await node.send('GET', '/api/me').catch(() => undefined);
              if (me?.status === 200) {
                phase.serving[node.name] = performance.now() - back;
                break;
              }
              await sleep(50);
            }
            if (!node.running) return;
            const i = leads - 1 - n - 2 * v;
            const key = keyOf(i);
            const request = '{"rejectCode":"DUPLICATE","reassignOwner":true}';
            const answer = await node
              .send('POST', `/api/leads/${leadId(i)}/reject`, {
                body: request,
                ...(key ? {key} : {}),
              })
              .catch(() => undefined);
            if (answer?.status === 200) {
              phase.rejecting[node.name] = performance.now() - back;
              acked.set(leadId(i), {
                code: 'DUPLICATE',
                ownerId: (JSON.parse(answer.body) as {lead: {ownerId: string}}).lead.ownerId,
                ...(key ? {key} : {}),
                node: node.name,
                request,
                body: answer.body,
              });
            }
          }),
        );
        // A node that died is started again (as a supervisor would): the run goes on, the check
        // after it still means something; the attacks above count it as broken.
        for (const node of nodes) if (!node.running) await node.start().catch(() => {});
      };
      let killing: Promise<void>;
      const outageOver = () => (outage = undefined);
      if (variant.idle) {
        // Nothing in flight: the nodes' pooled connections are idle when the server goes.
        try {
          await down();
        } catch (error) {
          phase.error = (error as Error).message.slice(0, 600);
        }
        killing = up()
          .catch((error: unknown) => void (phase.error = (error as Error).message.slice(0, 600)))
          .finally(outageOver)
          .then(serving);
      } else {
        killing = sleep(downAt)
          .then(down)
          .then(up)
          .catch((error: unknown) => void (phase.error = (error as Error).message.slice(0, 600)))
          .finally(outageOver)
          .then(serving);
      }
      const stats = await load(sleep(seconds * 1000));
      await killing;
      const elapsed = (performance.now() - t) / 1000;
      const answered = meanwhile.filter((m) => m.status !== 0);
      const noAnswer = meanwhile.filter((m) => m.status === 0);
      const statuses = new Map<string, number>();
      for (const m of meanwhile) {
        const key =
          m.status === 0 ? `no answer (${m.error})` : `${m.status}${m.code ? ` ${m.code}` : ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
      const unavailable = answered.filter((m) => m.status === 503);
      const badUnavailable = unavailable.filter(
        (m) => m.code !== 'store-unavailable' || m.retryAfter === undefined,
      );
      const otherThan200or503 = answered.filter((m) => m.status !== 200 && m.status !== 503);
      const slowest = Math.max(0, ...answered.map((m) => m.ms));
      const died = nodes.filter((n) => n.died);
      const notRestarted = nodes.every((n, i) => n.starts === starts[i]);
      const name = (attack: string) => `${variant.name}: ${attack}`;
      held(
        SERVER_KILL,
        name('pg_ctl stop -m immediate and start again'),
        !phase.error,
        phase.error,
      );
      held(
        SERVER_KILL,
        name('answers 503 store-unavailable meanwhile'),
        unavailable.length > 0,
        `${unavailable.length} 503s`,
      );
      held(
        SERVER_KILL,
        name('every 503 is store-unavailable with Retry-After'),
        badUnavailable.length === 0,
        JSON.stringify(badUnavailable.slice(0, 3)),
      );
      held(
        SERVER_KILL,
        name('never 500 (nor any other status) meanwhile'),
        otherThan200or503.length === 0,
        JSON.stringify(otherThan200or503.slice(0, 3)),
      );
      held(
        SERVER_KILL,
        name(`every request answered (within ${OUTAGE_BOUND_MS / 1000} s) meanwhile`),
        noAnswer.length === 0 && slowest <= OUTAGE_BOUND_MS,
        `${noAnswer.length} without answer (${[...statuses]
          .filter(([s]) => s.startsWith('no answer'))
          .map(([s, n]) => `${n}×${s}`)
          .join(', ')}), slowest ${fmt(slowest)} ms`,
      );
      held(
        SERVER_KILL,
        name('both nodes keep running'),
        died.length === 0,
        died.map((n) => n.died!.split('\n').slice(0, 5).join(' | ')).join('; '),
      );
      held(
        SERVER_KILL,
        name('both nodes serve again without restart (GET /api/me 200, a reject 200)'),
        notRestarted &&
          nodes.every((n) => phase.serving[n.name] !== undefined) &&
          nodes.every((n) => phase.rejecting[n.name] !== undefined),
        JSON.stringify(phase),
      );
      const {result, others} = await check(
        SERVER_KILL,
        name('after the restart of PostgreSQL'),
        stats,
      );
      const outside = others.filter(([s]) => !s.startsWith('503'));
      held(
        SERVER_KILL,
        name('only 200 or 503 answers over the whole run'),
        outside.length === 0,
        outside.map(([s, n]) => `${n}×${s}`).join(', '),
      );
      console.log(
        `PostgreSQL killed ${variant.name} (pg_ctl stop -m immediate, ${fmt(phase.stopMs ?? NaN)} ms) at ${((phase.stopped ?? NaN) / 1000).toFixed(1)} s, ` +
          `down ${DOWN_MS / 1000} s, started again on its data directory in ${fmt(phase.startMs ?? NaN)} ms: ` +
          `${meanwhile.length} answers meanwhile (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; ` +
          `${unavailable.length - badUnavailable.length} with Retry-After ${unavailable[0]?.retryAfter ?? '-'}), slowest ${fmt(slowest)} ms; ` +
          `${died.length ? `node ${died.map((n) => n.name).join(' and ')} DIED; ` : ''}` +
          `nodes serving again after ${nodes.map((n) => `${fmt(phase.serving[n.name] ?? NaN)} ms`).join(' and ')}, ` +
          `rejecting after ${nodes.map((n) => `${fmt(phase.rejecting[n.name] ?? NaN)} ms`).join(' and ')} (${notRestarted ? 'not restarted' : 'RESTARTED'}); ` +
          `the run: ${fmt(stats.acked)} acknowledged rejects in ${elapsed.toFixed(1)} s, ${stats.unknown} unkeyed without a 200, ` +
          `${stats.keyedRetries} keyed retries: ${stats.replayed} replayed, ${stats.fresh} rejected then, ${stats.wrong.length} otherwise; ` +
          `${fmt(result.rejected)} rejected leads: ${result.partial.length} partial, ${result.lost.length} lost, ${result.duplicate.length} duplicate`,
      );
      console.log(
        `  logged: ${nodes.map((n) => `node ${n.name} ${n.errors} error lines, ${n.contract} contract lines`).join('; ')}`,
      );
      for (const node of died) {
        console.log(`  ${node.died}`);
        node.died = undefined;
      }
    }

    // ── 3. over the REST API ──────────────────────────────────────────────────────────────────
    {
      for (const node of nodes) {
        const me = await node.send('GET', '/api/me').catch(failed);
        held(
          NODE_KILLS,
          `node ${node.name} (started ${node.starts} times) answers GET /api/me`,
          me.status === 200,
          `${me.status} ${me.body.slice(0, 200)}`,
        );
      }
      // Every rejected lead as the API lists it (node A), against what was acknowledged.
      t = performance.now();
      const listed = new Map<string, {status: string; ownerId: string; version: number}>();
      for (let path: string | undefined = '/api/leads?status=Rejected&limit=1000'; path;) {
        const page: Sent = await a.send('GET', path).catch(failed);
        if (page.status !== 200) break;
        for (const lead of JSON.parse(page.body) as Array<{
          id: string;
          status: string;
          ownerId: string;
          version: number;
        }>) {
          if (lead.id.startsWith('K-')) listed.set(lead.id, lead);
        }
        path = /^<([^>]+)>; rel="next"$/.exec(String(page.headers.link ?? ''))?.[1];
      }
      const final = await integrity(cluster.url, acked);
      const missing = [...acked].filter(([id, ack]) => {
        const lead = listed.get(id);
        return !lead || lead.ownerId !== ack.ownerId || lead.version !== 2;
      });
      held(
        NODE_KILLS,
        'the API lists every acknowledged reject (owner as answered, version 2), no other',
        missing.length === 0 && listed.size === final.rejected,
        `${missing.length} missing, ${listed.size} listed, ${final.rejected} in the database`,
      );
      // Keyed rejects sent again on the other node: the same answer, replayed.
      const keyed = [...acked].filter(([, ack]) => ack.key).slice(-300);
      let replays = 0;
      const notReplayed: string[] = [];
      for (const [id, ack] of keyed) {
        const node = ack.node === 'A' ? b : a;
        const answer = await node
          .send('POST', `/api/leads/${id}/reject`, {body: ack.request, key: ack.key})
          .catch(failed);
        if (
          answer.status === 200 &&
          answer.headers['idempotent-replayed'] === 'true' &&
          isDeepStrictEqual(JSON.parse(answer.body), JSON.parse(ack.body))
        )
          replays++;
        else notReplayed.push(`${id} ${answer.status}`);
      }
      held(
        NODE_KILLS,
        'keyed rejects replay on the other node after the kills (same answer)',
        notReplayed.length === 0,
        notReplayed.slice(0, 5).join(', '),
      );
      // The audit as the API shows it, for a sample of the acknowledged leads.
      const sample = [...acked.keys()].filter((_, i) => i % Math.ceil(acked.size / 200) === 0);
      const badAudit: string[] = [];
      for (const id of sample) {
        const audit = await b
          .send('GET', `/api/admin/audit?leadId=${id}`, {token: 'anna'})
          .catch(failed);
        const rejected =
          audit.status === 200
            ? (JSON.parse(audit.body) as Array<{action: string}>).filter(
                (e) => e.action === 'lead.rejected',
              ).length
            : -1;
        if (rejected !== 1) badAudit.push(`${id} ${audit.status} ${rejected}`);
      }
      held(
        NODE_KILLS,
        'one lead.rejected audit entry per acknowledged lead (API, a sample)',
        badAudit.length === 0,
        badAudit.slice(0, 5).join(', '),
      );
      console.log(
        `kill -9 on PostgreSQL over the REST API: GET /api/me 200 on both nodes (started ${nodes.map((n) => n.starts).join(' and ')} times); ` +
          `${fmt(listed.size)} rejected K- leads listed in ${fmt(performance.now() - t)} ms, ${missing.length} acknowledged ones missing or different; ` +
          `${replays} of ${keyed.length} keyed rejects replayed on the other node; audit of ${sample.length} leads: ${badAudit.length} without exactly one lead.rejected; ` +
          `${fmt(acked.size)} acknowledged in all, ${fmt(final.audits)} lead.rejected audit rows`,
      );
      if (nodes.some((n) => n.contract > 0))
        console.log(`  contract lines logged: ${nodes.map((n) => n.contract).join(', ')}`);
      held(
        NODE_KILLS,
        'no answer off the contract logged',
        nodes.every((n) => n.contract === 0),
      );
    }
  } finally {
    await Promise.all(nodes.map((n) => n.stop().catch(() => {})));
    await cluster.stop();
  }
}

// Alone: the same figures and `N attacks, N held` lines.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const {values} = parseArgs({
    options: {
      runs: {type: 'string', default: '3'},
      seconds: {type: 'string', default: '20'},
      clients: {type: 'string', default: '16'},
      leads: {type: 'string', default: '300000'},
    },
  });
  const results: Array<{category: string; attacks: number; held: number}> = [];
  let failed = false;
  await killPostgresAttacks(
    (category, name, ok, why = '') => {
      let entry = results.find((r) => r.category === category);
      if (!entry) results.push((entry = {category, attacks: 0, held: 0}));
      entry.attacks++;
      if (ok) entry.held++;
      else {
        failed = true;
        console.log(`  BROKE ${name}${why ? `: ${why}` : ''}`);
      }
    },
    {
      runs: Number(values.runs),
      seconds: Number(values.seconds),
      clients: Number(values.clients),
      leads: Number(values.leads),
    },
  );
  for (const r of results) console.log(tallyLine(r));
  process.exit(failed ? 1 : 0);
}
