// A dev host process with the REST API only, on the SQLite file given as the first argument: what
// the two-process test starts twice. Prints one JSON line {url} once it listens; stops on SIGTERM.
import {startDevHost} from '../src/start-dev-host.js';

const host = await startDevHost({port: 0, db: process.argv[2] ?? ':memory:'});
process.stdout.write(`${JSON.stringify({url: host.url})}\n`);
process.once('SIGTERM', () => void host.close().then(() => process.exit(0)));
