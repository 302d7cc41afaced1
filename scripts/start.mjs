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
const child = spawn(
  process.execPath,
  ['--conditions=@crmkit/source', '--import', 'tsx', main, ...process.argv.slice(2)],
  {stdio: 'inherit'},
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
