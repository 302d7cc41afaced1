// The server half of `npm run bench:host`, in its own process so that server and load generator each
// get a core: `bench-server.ts dev-host|bare <db file>` prints `{"port": n}` and serves until SIGTERM;
// then it prints the CPU time it spent serving, `{"cpuMs": n}`.
import {writeFileSync} from 'node:fs';
import {Session} from 'node:inspector';
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
// BENCH_PROFILE=<file>: a CPU profile of the serving only (started after listening), for DevTools.
const profileFile = process.env.BENCH_PROFILE;
const session = profileFile ? new Session() : undefined;
if (session) {
  session.connect();
  await new Promise((resolve) => session.post('Profiler.enable', () => resolve(undefined)));
  await new Promise((resolve) => session.post('Profiler.start', () => resolve(undefined)));
}
const cpuAtStart = process.cpuUsage();
process.on('SIGTERM', () => {
  const {user, system} = process.cpuUsage(cpuAtStart);
  console.log(JSON.stringify({cpuMs: (user + system) / 1000}));
  const finish = () => void stop().then(() => process.exit(0));
  if (!session) return finish();
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(`${profileFile}.${mode}.cpuprofile`, JSON.stringify(result.profile));
    finish();
  });
});
