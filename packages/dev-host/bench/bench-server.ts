// The server half of `npm run bench:host`, in its own process so that server and load generator each
// get a core: `bench-server.ts dev-host|bare <db file>` prints `{"port": n}` and serves until SIGTERM;
// a `mark` line on stdin (answered with `{"marked": true}`) starts the measurement, and on SIGTERM it
// prints the CPU and GC time it spent since and its heap, `{"cpuMs", "systemMs", "gcMs", "gcMaxPauseMs", "heapMb"}`.
// Run with `--expose-gc` (bench-idempotency-memory.ts does), a `memory` line is answered with
// `{"memory": {rss, heapUsed, heapTotal, external, cpuMs}}` (bytes after a full GC; the CPU time the
// process spent so far, taken before that GC), and `map-reference <n>`
// with `{"mapReference": {keys, heapUsedDelta}}`: what n keys cost in a Map like the one the store kept
// before migration 7 (`user \0 key` to an audit row id), measured the same way.
import {randomUUID} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import {Session} from 'node:inspector';
import {PerformanceObserver} from 'node:perf_hooks';
import {createInterface} from 'node:readline';
import {startDevHost} from '../src/start-dev-host.js';
import {startBareRejectServer} from './bare-reject-server.js';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'dev-host' && mode !== 'bare')) {
  console.error('usage: bench-server.ts dev-host|bare <db file>');
  process.exit(2);
}
let stop: () => Promise<void>;
if (mode === 'dev-host') {
  const host = await startDevHost({db: file, log: (line) => console.error(line)});
  stop = host.close;
  console.log(JSON.stringify({port: host.port}));
} else {
  const {server, port} = await startBareRejectServer(file);
  stop = () => new Promise((resolve) => server.close(() => resolve()));
  server.keepAliveTimeout = 5000;
  console.log(JSON.stringify({port}));
}
// BENCH_PROFILE=<file>: a CPU profile of the measured part only, for DevTools.
const profileFile = process.env.BENCH_PROFILE;
const session = profileFile ? new Session() : undefined;
const post = (method: string) =>
  new Promise<unknown>((resolve, reject) =>
    session!.post(method, (error, result) => (error ? reject(error) : resolve(result))),
  );
if (session) {
  session.connect();
  await post('Profiler.enable');
}
// A `mark` line on stdin starts the measurement (after the warm-up): CPU and GC time count from there.
let cpuAtMark = process.cpuUsage();
const gc = {ms: 0, maxPauseMs: 0};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.ms += entry.duration;
    gc.maxPauseMs = Math.max(gc.maxPauseMs, entry.duration);
  }
}).observe({entryTypes: ['gc']});
/** A full collection (twice, a turn apart, so that weak callbacks and finalizers ran too). */
const collect = async () => {
  if (!globalThis.gc) throw new Error('start bench-server.ts with --expose-gc to measure memory');
  globalThis.gc();
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
};
const answer = (work: () => Promise<unknown>) =>
  void work().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => console.log(JSON.stringify({error: String(error)})),
  );
createInterface({input: process.stdin}).on('line', (line) => {
  if (line === 'memory') {
    const {user, system} = process.cpuUsage();
    return answer(async () => {
      await collect();
      const {rss, heapUsed, heapTotal, external} = process.memoryUsage();
      return {memory: {rss, heapUsed, heapTotal, external, cpuMs: (user + system) / 1000}};
    });
  }
  if (line.startsWith('map-reference ')) {
    const keys = Number(line.slice('map-reference '.length));
    return answer(async () => {
      await collect();
      const before = process.memoryUsage().heapUsed;
      const map = new Map<string, number>();
      for (let i = 0; i < keys; i++) {
        // A flat string, as a key read from SQLite or a header is (randomUUID() returns a rope).
        const key = Buffer.from(randomUUID(), 'latin1').toString('latin1');
        map.set(`max\0${key}`, i + 1);
      }
      await collect();
      const heapUsedDelta = process.memoryUsage().heapUsed - before;
      if (map.size !== keys) throw new Error('map-reference: lost keys');
      return {mapReference: {keys, heapUsedDelta}};
    });
  }
  if (line !== 'mark') return;
  void (session ? post('Profiler.start') : Promise.resolve()).then(() => {
    cpuAtMark = process.cpuUsage();
    gc.ms = 0;
    gc.maxPauseMs = 0;
    console.log(JSON.stringify({marked: true}));
  });
});
process.on('SIGTERM', () => {
  const {user, system} = process.cpuUsage(cpuAtMark);
  console.log(
    JSON.stringify({
      cpuMs: (user + system) / 1000,
      systemMs: system / 1000,
      gcMs: gc.ms,
      gcMaxPauseMs: gc.maxPauseMs,
      heapMb: process.memoryUsage().heapUsed / 1e6,
    }),
  );
  const finish = () => void stop().then(() => process.exit(0));
  if (!session) return finish();
  void post('Profiler.stop').then((result) => {
    const {profile} = result as {profile: unknown};
    writeFileSync(`${profileFile}.${mode}.cpuprofile`, JSON.stringify(profile));
    finish();
  }, finish);
});
