#!/usr/bin/env node
// `npm start`: runs the reference host CRM (packages/dev-host), passing on any arguments
// (`npm start -- --reset` reseeds the database).
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

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
