#!/usr/bin/env node
// `npm start`: runs the reference host CRM (packages/dev-host), passing on any arguments
// (`npm start -- --reset` reseeds the database).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The built files the pages serve, and the source folders they are built from. */
const BUILT = [
  ['packages/sdk', 'dist/index.js'],
  ['packages/rest-client', 'dist/index.js'],
  ['packages/host-elements', 'dist/define.js'],
  ['plugins/reject-lead', 'dist/plugin.json'],
];

/** The newest modification time of the files below `dir`. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

// The pages load the packages' built dist/ (what ships), so build them when any is missing or older
// than its sources.
const stale = BUILT.some(([pkg, file]) => {
  const built = join(root, pkg, file);
  return !existsSync(built) || statSync(built).mtimeMs < newest(join(root, pkg, 'src'));
});
if (stale) {
  console.log('Building the packages (npm run build)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const main = fileURLToPath(new URL('../packages/dev-host/src/main.ts', import.meta.url));
if (!existsSync(main)) {
  console.log(
    'The reference host (packages/dev-host) is not built yet: see its issue. `npm test` runs every test.',
  );
  process.exit(0);
}
// The server runs as a child: when something outside it kills it (SIGBUS when a database file is
// truncated under SQLite's memory map, SIGKILL from the out-of-memory killer), this process says so
// and starts it again on the same database, which SQLite brings back from its journal. It used to
// exit 0 without a word. A server that keeps dying (4 times in a minute) is left down.
const deaths = [];
let stopping = false;
let child;
function run(args) {
  child = spawn(
    process.execPath,
    ['--conditions=@crmkit/source', '--import', 'tsx', main, ...args],
    {
      stdio: 'inherit',
    },
  );
  child.on('exit', (code, signal) => {
    if (stopping || signal === null) process.exit(code ?? 1);
    const now = Date.now();
    deaths.push(now);
    while (deaths[0] < now - 60_000) deaths.shift();
    console.error(
      `crmkit dev host: the server process was killed by ${signal} (not an error of its own: a database file truncated or deleted under it, a full disk, or out of memory).`,
    );
    if (deaths.length > 3) {
      console.error(
        'It died 4 times within a minute: not starting it again. Check the disk and the database file.',
      );
      process.exit(1);
    }
    console.error('Starting it again on the same database…');
    // Never reseed on a restart: the data is what the restart is for.
    run(args.filter((a) => a !== '--reset'));
  });
}
run(process.argv.slice(2));
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
