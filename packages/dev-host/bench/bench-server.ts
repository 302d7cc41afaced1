// The server half of `npm run bench:host`, in its own process so that server and load generator each
// get a core: `bench-server.ts dev-host|bare <db file>` prints `{"port": n}` and serves until SIGTERM;
// then it prints the CPU time it spent serving, `{"cpuMs": n}`.
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
const cpuAtStart = process.cpuUsage();
process.on('SIGTERM', () => {
  const {user, system} = process.cpuUsage(cpuAtStart);
  console.log(JSON.stringify({cpuMs: (user + system) / 1000}));
  void stop().then(() => process.exit(0));
});
