// `npm run attack:faults`: the slow fault runs of the attack suite (issue 15), printing figures and
// `N attacks, N held` lines like test/hostile/hostile.test.ts. Exit 1 when any broke.
//
// 1. kill -9 under load (three times): clients reject leads with reassignment for 20 s against a dev
//    host process on a SQLite file, which is then killed with SIGKILL while requests are in flight;
//    it restarts on the same file and every lead is checked: 0 partial, lost or duplicate rejections.
// 2. a full disk under load (SQLite's page limit, in-process): 503 store-unavailable while full, no
//    500, writes again once there is room, nothing half written.
// 3. the database's -shm file truncated under `npm start` (SIGBUS, which no process can catch):
//    `npm start` says so and starts the server again on the same file, with the data kept.
// 4. GET /api/leads with 150,050 leads: the size and time of the answer, the server's memory and
//    GET /api/me meanwhile (before paging: 42 MB in 1.3 s, 110 → 590 MB, 0.8 s).
// 5. kill -9 on PostgreSQL (kill9-postgres.ts): two nodes on one database, each killed and restarted
//    under load, then the PostgreSQL server itself (pg_ctl stop -m immediate) under load and idle.
//
//   npm run attack:faults [-- --runs 3 --seconds 20 --clients 16 --skip-start]
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, truncateSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {once} from 'node:events';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import {startDevHost} from '@crmkit/dev-host';
import {seedBenchLeads} from '../../../packages/dev-host/bench/seed-bench-leads.js';
import {tallyLine} from '../lib/attack.js';
import {killPostgresAttacks} from './kill9-postgres.js';

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '3'},
    seconds: {type: 'string', default: '20'},
    clients: {type: 'string', default: '16'},
    leads: {type: 'string', default: '250000'},
    'skip-start': {type: 'boolean', default: false},
  },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const LEADS = Number(values.leads);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = fileURLToPath(new URL('./fault-server.ts', import.meta.url));
const CODES = ['DUPLICATE', 'INVALID_PHONE_NUMBER', 'FAILED_TO_REACH_CONTACT', 'OTHER'];
const faultId = (i: number) => `F-${String(i).padStart(6, '0')}`;

const results: Array<{category: string; attacks: number; held: number}> = [];
let failed = false;
/** Counts one attack of `category`; prints what broke. */
function held(category: string, name: string, ok: boolean, why = '') {
  let entry = results.find((r) => r.category === category);
  if (!entry) results.push((entry = {category, attacks: 0, held: 0}));
  entry.attacks++;
  if (ok) entry.held++;
  else {
    failed = true;
    console.log(`  BROKE ${name}${why ? `: ${why}` : ''}`);
  }
}

/** A dev host process on `file`: its port, and the process to kill. */
async function startServer(file: string): Promise<{port: number; child: ChildProcess; ms: number}> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--conditions=@crmkit/source', '--import', 'tsx', SERVER, file],
    {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']},
  );
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const lines = createInterface({input: child.stdout!});
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as {port: number}).port));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${errors}`)));
  });
  return {port, child, ms: performance.now() - started};
}

interface Sent {
  status: number;
  body: string;
}

/** One request over `agent` to 127.0.0.1:port; rejects on a connection error. */
function send(agent: Agent, port: number, method: string, path: string, body?: string) {
  return new Promise<Sent>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          authorization: 'Bearer max',
          ...(body
            ? {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)}
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString()}),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Ack {
  code: string;
  ownerId: string;
}

/**
 * `clients` loops rejecting the next unused lead (with reassignment) until `stop()` resolves;
 * the answers seen: 200s by lead, and how many requests failed or answered otherwise.
 */
async function load(port: number, next: () => number, stop: Promise<void>, clients = CLIENTS) {
  const agent = new Agent({keepAlive: true, maxSockets: clients});
  const acked = new Map<string, Ack>();
  const statuses = new Map<number, number>();
  let broken = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  await Promise.all(
    Array.from({length: clients}, async () => {
      while (!stopped) {
        const i = next();
        if (i >= LEADS) return;
        const code = CODES[i % CODES.length]!;
        const body = JSON.stringify({
          rejectCode: code,
          reassignOwner: true,
          ...(code === 'OTHER' ? {rejectReason: `fault run ${i}`} : {}),
        });
        try {
          const answer = await send(agent, port, 'POST', `/api/leads/${faultId(i)}/reject`, body);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 200) {
            const {lead} = JSON.parse(answer.body) as {lead: {ownerId: string}};
            acked.set(faultId(i), {code, ownerId: lead.ownerId});
          }
        } catch {
          broken++; // the server was killed under this request
          if (stopped) return;
        }
      }
    }),
  );
  agent.destroy();
  return {acked, statuses, broken};
}

/** Every fault lead checked against its audit rows and what was acknowledged. */
function integrity(file: string, acked: ReadonlyMap<string, Ack>) {
  const db = new BetterSqlite3(file, {readonly: true});
  try {
    // The audit once, grouped (the audit has no index by lead: a subquery per lead would scan it
    // for every one of them).
    const audits = new Map(
      (
        db
          .prepare(
            `SELECT lead_id AS id, COUNT(*) AS n, MAX(detail) AS detail FROM audit
             WHERE action = 'lead.rejected' AND lead_id LIKE 'F-%' GROUP BY lead_id`,
          )
          .all() as Array<{id: string; n: number; detail: string}>
      ).map((a) => [a.id, a]),
    );
    const rows = (
      db
        .prepare(
          `SELECT id, status, reject_code AS code, reject_reason AS reason, rejected_by AS by,
             rejected_at AS at, owner_id AS owner, version FROM leads WHERE id LIKE 'F-%'`,
        )
        .all() as Array<{
        id: string;
        status: string;
        code: string | null;
        reason: string | null;
        by: string | null;
        at: string | null;
        owner: string | null;
        version: number;
      }>
    ).map((row) => ({
      ...row,
      audits: audits.get(row.id)?.n ?? 0,
      detail: audits.get(row.id)?.detail ?? null,
    }));
    let rejected = 0;
    const partial: string[] = [];
    const duplicate: string[] = [];
    const lost: string[] = [];
    for (const row of rows) {
      if (row.audits > 1 || row.version > 2) duplicate.push(row.id);
      if (row.status === 'Rejected') {
        rejected++;
        const detail = row.detail
          ? (JSON.parse(row.detail) as {code?: string; ownerId?: string})
          : {};
        const complete =
          row.code !== null &&
          row.by === 'max' &&
          row.at !== null &&
          row.version === 2 &&
          row.audits === 1 &&
          detail.code === row.code &&
          detail.ownerId === row.owner &&
          (row.code !== 'OTHER' || row.reason !== null);
        if (!complete) partial.push(row.id);
      } else if (row.audits > 0 || row.code !== null || row.version !== 1) {
        partial.push(row.id);
      }
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, ack] of acked) {
      const row = byId.get(id);
      if (!row || row.status !== 'Rejected' || row.code !== ack.code || row.owner !== ack.ownerId)
        lost.push(id);
    }
    return {rejected, partial, duplicate, lost};
  } finally {
    db.close();
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'crmkit-faults-'));
try {
  // ── 1. kill -9 under load ────────────────────────────────────────────────────────────────────
  const file = join(dir, 'kill.sqlite');
  let t = performance.now();
  seedBenchLeads(file, LEADS, faultId);
  console.log(
    `seeded ${LEADS.toLocaleString('en')} Qualified leads in ${Math.round(performance.now() - t)} ms`,
  );
  let cursor = 0;
  const next = () => cursor++;
  let server = await startServer(file);
  const allAcked = new Map<string, Ack>();
  for (let run = 1; run <= RUNS; run++) {
    const killAt = SECONDS * 1000 * (0.75 + Math.random() * 0.25);
    t = performance.now();
    const running = server;
    const stop = new Promise<void>((resolve) =>
      setTimeout(() => {
        running.child.kill('SIGKILL');
        resolve();
      }, killAt),
    );
    const {acked, statuses, broken} = await load(running.port, next, stop);
    if (running.child.exitCode === null && running.child.signalCode === null)
      await once(running.child, 'exit');
    for (const [id, ack] of acked) allAcked.set(id, ack);
    const seconds = (performance.now() - t) / 1000;
    // Restart on the same file: SQLite recovers from its WAL.
    let restarted = true;
    try {
      server = await startServer(file);
    } catch (error) {
      restarted = false;
      console.log(`  the server did not restart: ${(error as Error).message}`);
    }
    const check = integrity(file, allAcked);
    const others = [...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${n}×${s}`);
    console.log(
      `kill -9 run ${run}: ${acked.size.toLocaleString('en')} acknowledged rejects in ${seconds.toFixed(1)} s ` +
        `(${Math.round(acked.size / seconds).toLocaleString('en')}/s, ${CLIENTS} clients, killed at ${(killAt / 1000).toFixed(1)} s ` +
        `with ${broken} requests in flight${others.length ? `; also ${others.join(', ')}` : ''}); ` +
        `restart ${restarted ? `${Math.round(server.ms)} ms` : 'FAILED'}; ` +
        `${check.rejected.toLocaleString('en')} rejected leads: ${check.partial.length} partial, ${check.lost.length} lost, ${check.duplicate.length} duplicate`,
    );
    held('kill -9 under load', `run ${run}: restart on the same file`, restarted);
    held(
      'kill -9 under load',
      `run ${run}: no partial rejection`,
      check.partial.length === 0,
      check.partial.slice(0, 5).join(', '),
    );
    held(
      'kill -9 under load',
      `run ${run}: no lost rejection`,
      check.lost.length === 0,
      check.lost.slice(0, 5).join(', '),
    );
    held(
      'kill -9 under load',
      `run ${run}: no duplicate rejection`,
      check.duplicate.length === 0,
      check.duplicate.slice(0, 5).join(', '),
    );
    held(
      'kill -9 under load',
      `run ${run}: only 200 answers before the kill`,
      others.length === 0,
      others.join(', '),
    );
    if (!restarted) break;
  }
  const answered = await send(new Agent(), server.port, 'GET', '/api/me');
  held('kill -9 under load', 'the restarted server answers', answered.status === 200);
  server.child.kill('SIGTERM');

  // ── 2. a full disk under load ────────────────────────────────────────────────────────────────
  {
    const fullFile = join(dir, 'full.sqlite');
    seedBenchLeads(fullFile, 20_000, faultId);
    const logged: string[] = [];
    const host = await startDevHost({db: fullFile, log: (line) => logged.push(line)});
    let i = 0;
    const phases = new Promise<void>((resolve) => {
      setTimeout(
        () => host.db.pragma(`max_page_count = ${host.db.pragma('page_count', {simple: true})}`),
        1500,
      );
      setTimeout(() => host.db.pragma('max_page_count = 1073741823'), 3500);
      setTimeout(resolve, 5000);
    });
    const {acked, statuses} = await load(host.port, () => (i < 20_000 ? i++ : 20_000), phases, 8);
    // Room again: the next write goes through.
    const after = await send(
      new Agent(),
      host.port,
      'POST',
      `/api/leads/${faultId(i++)}/reject`,
      '{"rejectCode":"DUPLICATE","reassignOwner":false}',
    );
    if (after.status === 200)
      acked.set(faultId(i - 1), {code: 'DUPLICATE', ownerId: JSON.parse(after.body).lead.ownerId});
    await host.close();
    const check = integrity(fullFile, acked);
    const count = (s: number) => statuses.get(s) ?? 0;
    console.log(
      `full disk: ${count(200)} rejects answered 200, ${count(503)} 503 store-unavailable, ${count(500)} 500 while full; ` +
        `${check.partial.length} partial, ${check.lost.length} lost, ${check.duplicate.length} duplicate`,
    );
    held('full disk', 'answers 503 while full', count(503) > 0);
    held('full disk', 'never 500', count(500) === 0);
    held('full disk', 'writes again once there is room', after.status === 200);
    held(
      'full disk',
      'nothing half written, lost or doubled',
      check.partial.length + check.lost.length + check.duplicate.length === 0,
    );
    held(
      'full disk',
      'logged',
      logged.some((l) => /database or disk is full/.test(l)),
    );
  }

  // ── 3. a truncated -shm under npm start ──────────────────────────────────────────────────────
  if (!values['skip-start']) {
    const startFile = join(dir, 'start.sqlite');
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts/start.mjs'), '--db', startFile, '--port', String(port)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const waitFor = async (pattern: RegExp, ms: number) => {
      const until = Date.now() + ms;
      while (!pattern.test(out) && Date.now() < until && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      return pattern.test(out);
    };
    // npm start may build the packages first.
    const started = await waitFor(/dev host running at/, 300_000);
    held('truncated -shm', 'npm start starts the server', started, out.trim().slice(0, 600));
    if (started) {
      const agent = new Agent();
      const first = await send(
        agent,
        port,
        'POST',
        '/api/leads/L-1001/reject',
        '{"rejectCode":"DUPLICATE","reassignOwner":false}',
      );
      truncateSync(`${startFile}-shm`, 0);
      const died = performance.now();
      await send(new Agent(), port, 'GET', '/api/me').catch(() => undefined);
      const reported = await waitFor(/killed by SIG\w+/, 20_000);
      let back = false;
      while (!back && performance.now() - died < 60_000) {
        back =
          (
            await send(new Agent(), port, 'GET', '/api/leads/L-1001').catch(() => ({
              status: 0,
              body: '',
            }))
          ).status === 200;
        if (!back) await new Promise((r) => setTimeout(r, 200));
      }
      const downMs = performance.now() - died;
      const kept =
        back &&
        JSON.parse((await send(new Agent(), port, 'GET', '/api/leads/L-1001')).body).status ===
          'Rejected';
      console.log(
        `truncated -shm under npm start: the server ${/killed by (SIG\w+)/.exec(out)?.[1] ?? 'did not die'}; ` +
          `${reported ? 'reported' : 'NOT reported'}; ${back ? `serving again after ${Math.round(downMs)} ms` : 'NOT back'}; ` +
          `the reject before it ${kept ? 'kept' : 'LOST'} (first answer ${first.status})`,
      );
      held('truncated -shm', 'npm start reports the killed server', reported);
      held('truncated -shm', 'and starts it again on the same file', back);
      held('truncated -shm', 'the data stays', kept);
    }
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }

  // ── 4. GET /api/leads with 150,050 leads ─────────────────────────────────────────────────────
  {
    const pagingFile = join(dir, 'paging.sqlite');
    seedBenchLeads(pagingFile, 150_000, (n) => `P-${String(n).padStart(6, '0')}`);
    const {port, child} = await startServer(pagingFile);
    const rss = (field: 'VmRSS' | 'VmHWM') =>
      existsSync(`/proc/${child.pid}/status`)
        ? Number(
            new RegExp(`${field}:\\s+(\\d+)`).exec(
              readFileSync(`/proc/${child.pid}/status`, 'utf8'),
            )?.[1] ?? 0,
          ) / 1024
        : NaN;
    const agent = new Agent({keepAlive: true});
    await send(agent, port, 'GET', '/api/me');
    const before = rss('VmRSS');
    t = performance.now();
    const listing = send(agent, port, 'GET', '/api/leads');
    const meStarted = performance.now();
    await send(new Agent(), port, 'GET', '/api/me');
    const meMs = performance.now() - meStarted;
    const page = await listing;
    const pageMs = performance.now() - t;
    t = performance.now();
    let pages = 0;
    let leads = 0;
    for (let path: string | undefined = '/api/leads?limit=1000'; path; pages++) {
      const answer = await new Promise<{body: string; link: string | undefined}>(
        (resolve, reject) => {
          request(
            {agent, host: '127.0.0.1', port, path, headers: {authorization: 'Bearer max'}},
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({
                  body: Buffer.concat(chunks).toString(),
                  link: String(res.headers.link ?? ''),
                }),
              );
            },
          )
            .on('error', reject)
            .end();
        },
      );
      leads += (JSON.parse(answer.body) as unknown[]).length;
      path = /^<([^>]+)>; rel="next"$/.exec(answer.link ?? '')?.[1];
    }
    const walkMs = performance.now() - t;
    console.log(
      `150,050 leads: GET /api/leads answers ${(page.body.length / 1024).toFixed(1)} KB (${(JSON.parse(page.body) as unknown[]).length} leads) in ${Math.round(pageMs)} ms; ` +
        `GET /api/me meanwhile ${Math.round(meMs)} ms; server memory ${Math.round(before)} → ${Math.round(rss('VmHWM'))} MB peak; ` +
        `every page at limit=1000: ${pages} pages, ${leads.toLocaleString('en')} leads in ${(walkMs / 1000).toFixed(1)} s`,
    );
    held('150,050 leads', 'one page, not all', (JSON.parse(page.body) as unknown[]).length === 200);
    // Before paging it waited for the whole 42 MB answer (0.8 to 1.7 s).
    held('150,050 leads', 'GET /api/me not held up (< 1 s)', meMs < 1000);
    held('150,050 leads', 'every lead reachable by the links', leads === 150_050);
    agent.destroy();
    child.kill('SIGTERM');
  }

  // ── 5. kill -9 on PostgreSQL: two nodes, and the server itself (kill9-postgres.ts) ───────────
  await killPostgresAttacks(held, {runs: RUNS, seconds: SECONDS, clients: CLIENTS, leads: 300_000});
} finally {
  rmSync(dir, {recursive: true, force: true});
}
for (const r of results) console.log(tallyLine(r));
console.log(
  tallyLine({
    category: 'total',
    attacks: results.reduce((n, r) => n + r.attacks, 0),
    held: results.reduce((n, r) => n + r.held, 0),
  }),
);
process.exit(failed ? 1 : 0);
