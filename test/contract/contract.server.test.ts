// The contract cases against the real dev host over HTTP: a free port, an in-memory SQLite database
// seeded with the demo data; a fresh host whenever a case changed something. The next fresh host is
// started while the current case runs, so that waiting for it costs little.
import {after} from 'node:test';
import {startDevHost} from '@crmkit/dev-host';
import type {DevHost} from '@crmkit/dev-host';
import {runContractCases} from './run-contract-cases.js';

const log: string[] = [];
const start = () => startDevHost({port: 0, db: ':memory:', log: (line) => log.push(line)});
let host: DevHost | undefined;
let next: Promise<DevHost> | undefined;

after(async () => {
  await host?.close();
  await (await next)?.close();
  const breaches = log.filter((line) => line.startsWith('contract:'));
  if (breaches.length) console.log(`dev host contract log:\n${breaches.join('\n')}`);
});

/** Where the dev host does not follow the contract yet (reported to its owner; run as todo). */
const KNOWN_GAPS: Record<string, string> = {};

runContractCases(
  () => ({
    get baseUrl() {
      return host!.url;
    },
    reset: async () => {
      const previous = host;
      host = await (next ?? start());
      next = start();
      await previous?.close();
    },
  }),
  {todo: KNOWN_GAPS},
);
