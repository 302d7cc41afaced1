// The server half of `npm run attack:faults`: a dev host on `<db file>` in a process of its own, so
// that it can be killed with SIGKILL mid-write. Prints `{"port": n}` once it listens, then serves.
//
//   node --conditions=@crmkit/source --import tsx test/hostile/faults/fault-server.ts <db file>
import {startDevHost} from '@crmkit/dev-host';

const file = process.argv[2];
if (!file) {
  console.error('usage: fault-server.ts <db file>');
  process.exit(2);
}
const host = await startDevHost({db: file, log: (line) => console.error(line)});
console.log(JSON.stringify({port: host.port}));
process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
