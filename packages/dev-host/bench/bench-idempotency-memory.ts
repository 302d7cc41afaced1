// Memory of the dev host under keyed rejects: since migration 7 the Idempotency-Keys live in the store
// (audit rows with a partial index), so the server's heap must stay flat while keys pile up. Seeds a temp
// database (BENCH_DIR or the OS temp dir) with enough Qualified leads, runs the dev host in its own
// process (bench-server.ts, with --expose-gc), and does `--runs` runs of `--seconds` each in which
// `--clients` keep-alive clients reject distinct leads, each request with a fresh Idempotency-Key; every
// 10th request is sent once more with the same key and body and must replay the same body with
// `Idempotent-Replayed: true`. After each run the server reports its memory after a full GC. Prints a
// table and the heap growth from run 1 to the last run per 10k keys; then checks that every replay
// matched, every lead was rejected exactly once and has one audit row, and exits 1 if not. Loopback only.
//
//   node --conditions=@crmkit/source --import tsx packages/dev-host/bench/bench-idempotency-memory.ts \
//     [--seconds 30 --runs 3 --clients 16 --leads <default: seconds * runs * 15000>]
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent} from 'node:http';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import {IDEMPOTENCY_KEY_LIFETIME_MS} from '@crmkit/host-core';
import {postJson} from './post-json.js';
import {seedBenchLeads} from './seed-bench-leads.js';

const {values} = parseArgs({
  options: {
    seconds: {type: 'string', default: '30'},
    runs: {type: 'string', default: '3'},
    clients: {type: 'string', default: '16'},
    leads: {type: 'string'},
  },
});
const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const SECONDS = positive('seconds', values.seconds);
const RUNS = positive('runs', values.runs);
const CLIENTS = positive('clients', values.clients);
/** More than the dev host can reject on this machine (the bare baseline of bench:host is about 15k/s). */
const MAX_REJECTS_PER_SECOND = 15_000;
const LEADS = positive('leads', values.leads ?? String(SECONDS * RUNS * MAX_REJECTS_PER_SECOND));
/** Every REPLAY_EVERY-th request is sent a second time with the same key and body. */
const REPLAY_EVERY = 10;
const TOKENS = ['max', 'sofia', 'anna'];
const CODES = [
  'DUPLICATE',
  'INVALID_PHONE_NUMBER',
  'FAILED_TO_REACH_CONTACT',
  'OTHER',
  'NO_BUSINESS_OPPORTUNITY',
];
const PREFIX = 'M-';
const leadId = (i: number) => `${PREFIX}${String(i).padStart(7, '0')}`;
const MB = 1024 * 1024;

/** The demo data plus `LEADS` Qualified leads (M-0000000 …), as in bench-host.ts. */
function prepareDatabase(file: string): void {
  seedBenchLeads(file, LEADS, leadId);
}

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** The server's CPU time since it started. */
  cpuMs: number;
}

/** bench-server.ts (dev-host mode, --expose-gc) in its own process, asked one line at a time. */
async function startServer(file: string) {
  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  const args = ['--expose-gc', '--conditions=@crmkit/source', '--import', 'tsx', script];
  const child = spawn(process.execPath, [...args, 'dev-host', file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({input: child.stdout!});
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Rejects once the server is gone, for a question still waiting for its answer.
  const gone = exit.then((code) => {
    throw new Error(`bench server exited with ${code}`);
  });
  gone.catch(() => {});
  const nextLine = () =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve) =>
        lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>)),
      ),
      gone,
    ]);
  const {port} = (await nextLine()) as {port: number};
  const ask = async <T>(command: string, field: string): Promise<T> => {
    const answer = nextLine();
    child.stdin!.write(`${command}\n`);
    const result = await answer;
    if (!(field in result)) throw new Error(`bench server: ${JSON.stringify(result)}`);
    return result[field] as T;
  };
  return {
    port,
    /** rss, heapUsed, … of the server process after a full GC. */
    memory: () => ask<Memory>('memory', 'memory'),
    /** The heap that `keys` keys take in a Map like the store's before migration 7. */
    mapReference: (keys: number) =>
      ask<{keys: number; heapUsedDelta: number}>(`map-reference ${keys}`, 'mapReference'),
    stop: async () => {
      lines.removeAllListeners('line');
      child.kill('SIGTERM');
      await exit;
    },
  };
}

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
}

const post = async (
  agent: Agent,
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<Answer> => {
  const answer = await postJson(agent, port, path, body, headers);
  return {
    status: answer.status,
    body: answer.body,
    replayed: answer.headers['idempotent-replayed'] === 'true',
  };
};

/** Counts over all runs, for the checks at the end. */
const totals = {
  /** Per lead: the 200 answers to its first (non-replayed) request. */
  wins: new Uint8Array(LEADS),
  /** Leads handed out so far (M-0000000 … leadId(next - 1)). */
  next: 0,
  replays: 0,
  replaysMatched: 0,
  /** First answers that said `Idempotent-Replayed: true` although their key was fresh. */
  falseReplays: 0,
  statuses: new Map<number, number>(),
};

/** One run: CLIENTS clients reject distinct leads with fresh keys until `SECONDS` passed. */
async function run(agent: Agent, port: number) {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(SECONDS) * 1_000_000_000n;
  const first = totals.next;
  let rejects = 0;
  let replays = 0;
  const count = (status: number) =>
    totals.statuses.set(status, (totals.statuses.get(status) ?? 0) + 1);
  const client = async (c: number) => {
    const token = TOKENS[c % TOKENS.length]!;
    for (
      let guard = 0;
      guard < LEADS && totals.next < LEADS && process.hrtime.bigint() < deadline;
      guard++
    ) {
      const i = totals.next++;
      const code = CODES[i % CODES.length]!;
      const body = JSON.stringify({
        rejectCode: code,
        ...(code === 'OTHER' ? {rejectReason: `memory bench ${i}`} : {}),
        reassignOwner: true,
      });
      const path = `/api/leads/${leadId(i)}/reject`;
      const headers = {
        authorization: `Bearer ${token}`,
        'if-match': '1',
        'idempotency-key': randomUUID(),
      };
      const answer = await post(agent, port, path, body, headers);
      count(answer.status);
      if (answer.status === 200) {
        totals.wins[i]!++;
        rejects++;
      }
      if (answer.replayed) totals.falseReplays++;
      if (i % REPLAY_EVERY !== REPLAY_EVERY - 1) continue;
      const again = await post(agent, port, path, body, headers);
      count(again.status);
      replays++;
      totals.replays++;
      if (again.status === answer.status && again.body === answer.body && again.replayed) {
        totals.replaysMatched++;
      }
    }
  };
  await Promise.all(Array.from({length: CLIENTS}, (_, c) => client(c)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {seconds, rejects, replays, leads: totals.next - first};
}

/** The audit rows that carry an Idempotency-Key (read through a second connection). */
function keyedRows(file: string): number {
  const db = new BetterSqlite3(file, {readonly: true});
  try {
    return db
      .prepare('SELECT count(*) FROM audit WHERE idempotency_key IS NOT NULL')
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

/**
 * Exactly once: the leads handed out are Rejected with version 2, one 200 each and one keyed audit row
 * each; the others are untouched; every replay matched.
 */
function verify(file: string, keyedBefore: number) {
  const used = totals.next;
  const db = new BetterSqlite3(file, {readonly: true});
  const audits = new Uint8Array(LEADS);
  let unkeyedAudits = 0;
  let wrongState = 0;
  let keyedAfter: number;
  try {
    const audit = db
      .prepare<[string, string], {lead_id: string; keyed: number}>(
        `SELECT lead_id, idempotency_key IS NOT NULL AS keyed FROM audit
         WHERE lead_id >= ? AND lead_id < ?`,
      )
      .iterate(PREFIX, `${PREFIX}~`);
    for (const row of audit) {
      const i = Number(row.lead_id.slice(PREFIX.length));
      audits[i] = Math.min(255, audits[i]! + 1);
      if (!row.keyed) unkeyedAudits++;
    }
    const leads = db
      .prepare<[string, string], {id: string; status: string; version: number}>(
        'SELECT id, status, version FROM leads WHERE id >= ? AND id < ?',
      )
      .iterate(PREFIX, `${PREFIX}~`);
    for (const row of leads) {
      const i = Number(row.id.slice(PREFIX.length));
      const rejected = row.status === 'Rejected' && row.version === 2;
      const untouched = row.status === 'Qualified' && row.version === 1;
      if (i < used ? !rejected : !untouched) wrongState++;
    }
    keyedAfter = db
      .prepare('SELECT count(*) FROM audit WHERE idempotency_key IS NOT NULL')
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
  let notOnce = 0;
  let auditNotOne = 0;
  for (let i = 0; i < LEADS; i++) {
    if (i < used && totals.wins[i] !== 1) notOnce++;
    if (audits[i] !== (i < used ? 1 : 0)) auditNotOne++;
  }
  const checks = {
    'every replay matched (same status and body, Idempotent-Replayed: true)':
      totals.replaysMatched === totals.replays && totals.falseReplays === 0,
    'every lead rejected exactly once (one 200, Rejected, version 2; the rest untouched)':
      notOnce === 0 && wrongState === 0,
    'one audit row per lead, with its Idempotency-Key': auditNotOne === 0 && unkeyedAudits === 0,
    'one keyed audit row per reject': keyedAfter - keyedBefore === used,
  };
  const detail = {
    leadsUsed: used,
    replays: totals.replays,
    replaysMatched: totals.replaysMatched,
    falseReplays: totals.falseReplays,
    notOnce,
    wrongState,
    auditNotOne,
    unkeyedAudits,
    keyedRowsAdded: keyedAfter - keyedBefore,
    statuses: Object.fromEntries([...totals.statuses].sort((a, b) => a[0] - b[0])),
  };
  return {checks, detail, ok: Object.values(checks).every(Boolean)};
}

const loadBefore = loadavg();
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'crmkit-bench-memory-'));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const file = join(dir, 'memory.sqlite');
  const seeding = Date.now();
  prepareDatabase(file);
  console.log(
    `bench:idempotency-memory: ${RUNS} runs of ${SECONDS} s, ${CLIENTS} keep-alive clients rejecting distinct ` +
      `leads, a fresh Idempotency-Key per request, every ${REPLAY_EVERY}th request replayed once; ` +
      `${LEADS} Qualified leads seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s into ${file}; ` +
      `key lifetime ${IDEMPOTENCY_KEY_LIFETIME_MS / 3_600_000} h (no key expires during the bench)\n`,
  );
  server = await startServer(file);
  const agent = new Agent({keepAlive: true, maxSockets: CLIENTS});
  const keyedBefore = keyedRows(file);
  const rows: {
    run: string;
    seconds: number;
    rejects: number;
    replays: number;
    keyed: number;
    memory: Memory;
  }[] = [
    {
      run: 'start',
      seconds: 0,
      rejects: 0,
      replays: 0,
      keyed: keyedBefore,
      memory: await server.memory(),
    },
  ];
  let ranOut = false;
  for (let r = 1; r <= RUNS; r++) {
    const figures = await run(agent, server.port);
    if (totals.next >= LEADS) ranOut = true;
    rows.push({
      run: String(r),
      ...figures,
      keyed: keyedRows(file),
      memory: await server.memory(),
    });
  }
  agent.destroy();

  const table = [
    [
      'run',
      'seconds',
      'rejects',
      'rejects/s',
      'server CPU µs/request',
      'replays',
      'keyed rows in audit',
      'heapUsed MB',
      'rss MB',
      'external MB',
    ],
    ...rows.map((row, r) => [
      row.run,
      row.seconds.toFixed(1),
      String(row.rejects),
      row.seconds ? (row.rejects / row.seconds).toFixed(0) : '',
      r
        ? (
            ((row.memory.cpuMs - rows[r - 1]!.memory.cpuMs) * 1000) /
            (row.rejects + row.replays)
          ).toFixed(0)
        : '',
      String(row.replays),
      String(row.keyed),
      (row.memory.heapUsed / MB).toFixed(2),
      (row.memory.rss / MB).toFixed(1),
      (row.memory.external / MB).toFixed(2),
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((cells) => cells[c]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  console.log(line(table[0]!));
  console.log(
    `| ${widths.map((w, c) => (c ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`,
  );
  for (const cells of table.slice(1)) console.log(line(cells));

  const firstRun = rows[1]!;
  const lastRun = rows[rows.length - 1]!;
  const keys = lastRun.keyed - firstRun.keyed;
  const per10k = (bytes: number) => ((bytes / 1024) * 10_000) / keys;
  console.log('');
  if (RUNS < 2 || keys <= 0) {
    console.log('growth: needs at least two runs with rejects');
  } else {
    const heap = lastRun.memory.heapUsed - firstRun.memory.heapUsed;
    const rss = lastRun.memory.rss - firstRun.memory.rss;
    const reference = await server.mapReference(keys);
    console.log(
      `heapUsed growth from run 1 to run ${RUNS}: ${(heap / 1024).toFixed(0)} KB over ${keys} more keys = ` +
        `${per10k(heap).toFixed(1)} KB per 10k keys (rss: ${per10k(rss).toFixed(1)} KB per 10k keys; rss also ` +
        `holds SQLite's page cache, which fills up to its 64 MB cache_size)`,
    );
    console.log(
      `for scale: the same ${keys} keys in a Map like the store's before migration 7 (user \\0 key to audit ` +
        `row id) take ${per10k(reference.heapUsedDelta).toFixed(1)} KB of heap per 10k keys`,
    );
  }
  if (ranOut) {
    console.log(
      `note: the ${LEADS} seeded leads ran out, so the last run was shorter than ${SECONDS} s: raise --leads`,
    );
  }
  console.log(
    `load average before the bench: ${loadBefore.map((l) => l.toFixed(1)).join(' ')} (other work on the machine slows the rejects/s, not the memory)`,
  );

  await server.stop();
  server = undefined;
  const {checks, detail, ok} = verify(file, keyedBefore);
  console.log('');
  for (const [name, passed] of Object.entries(checks)) {
    console.log(`${passed ? 'ok  ' : 'FAIL'} ${name}`);
  }
  console.log(JSON.stringify(detail));
  if (!ok) process.exitCode = 1;
} finally {
  await server?.stop();
  rmSync(dir, {recursive: true, force: true});
}
