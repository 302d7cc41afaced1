// The attack suite of issue 15, part of `npm test`: hostile input, tokens, paging, connections, the
// command line, start-up and database faults, network exposure, the demo sign-in, races and the
// access matrix of every route × every demo user, against a real dev host (startDevHost, port 0, a
// temporary SQLite file). Each category prints `<category>: N attacks, N held`, then a total line;
// every attack must hold. The slow fault runs (kill -9 under load, a truncated -shm, a full disk)
// are `npm run attack:faults`.
//
//   node --conditions=@crmkit/source --import tsx --test test/hostile/hostile.test.ts
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {seedBenchLeads} from '../../packages/dev-host/bench/seed-bench-leads.js';
import {runCategory, tallyLine, type Category, type Tally} from './lib/attack.js';
import {startHostileHost, type HostileHost} from './lib/hostile-host.js';
import {accessMatrixCategory} from './categories/access-matrix.js';
import {bearerTokenCategory} from './categories/bearer-tokens.js';
import {cliCategory} from './categories/cli.js';
import {connectionsCategory} from './categories/connections.js';
import {deepJsonCategory} from './categories/deep-json.js';
import {exposureCategory, pageSignInCategory} from './categories/exposure.js';
import {faultsCategory} from './categories/faults.js';
import {pagingCategory} from './categories/paging.js';
import {racesCategory} from './categories/races.js';
import {textEncodingCategory} from './categories/text-encoding.js';

/** Qualified leads beyond the demo's, so that every attack that rejects has a fresh one. */
const EXTRA_LEADS = 5000;

let host: HostileHost;
let dir: string;
const tallies: Tally[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-hostile-seed-'));
  const file = join(dir, 'crmkit.sqlite');
  seedBenchLeads(file, EXTRA_LEADS, (i) => `H-${String(i).padStart(5, '0')}`);
  host = await startHostileHost({db: file});
});
after(async () => {
  await host?.dispose();
  rmSync(dir, {recursive: true, force: true});
  const total = tallies.reduce(
    (t, x) => ({attacks: t.attacks + x.attacks, held: t.held + x.held}),
    {attacks: 0, held: 0},
  );
  console.log(tallyLine({category: 'total', ...total}));
});

let next = 0;
/** A Qualified lead no attack has used yet. */
const qualified = () => `H-${String(next++).padStart(5, '0')}`;

const categories: Array<[string, () => Category]> = [
  ['deep JSON', () => deepJsonCategory(host)],
  ['text encoding', () => textEncodingCategory(host, qualified)],
  ['bearer tokens', () => bearerTokenCategory(host, qualified)],
  ['start-up and database faults', () => faultsCategory()],
  ['paging', () => pagingCategory(host, 50 + EXTRA_LEADS)],
  ['connections', () => connectionsCategory(host)],
  ['cli', () => cliCategory()],
  ['network exposure', () => exposureCategory()],
  ['page sign-in', () => pageSignInCategory()],
  ['races', () => racesCategory(host, qualified)],
  ['access matrix', () => accessMatrixCategory(host, qualified)],
];

for (const [name, make] of categories) {
  test(`every ${name} attack holds`, async () => {
    const category = make();
    const tally = await runCategory(category);
    tallies.push(tally);
    console.log(`${tallyLine(tally)} (${(tally.ms / 1000).toFixed(1)} s)`);
    assert.deepEqual(
      tally.broken.map((b) => `${b.name}: ${b.why}`),
      [],
      `${tally.broken.length} of ${tally.attacks} ${category.name} attacks broke something`,
    );
  });
}

test('no answer of the attacked host broke the contract, and it logged no crash', () => {
  assert.deepEqual(
    host.logged.filter((l) => l.startsWith('contract:') || /Maximum call stack/.test(l)),
    [],
  );
});
