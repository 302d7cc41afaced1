// The contract cases against the real dev host over HTTP: a free port, an in-memory SQLite database
// seeded with the demo data; a fresh host whenever a case changed something.
import {after} from 'node:test';
import {startDevHost} from '@crmkit/dev-host';
import type {DevHost} from '@crmkit/dev-host';
import {runContractCases} from './run-contract-cases.js';

let host: DevHost | undefined;
const log: string[] = [];

after(async () => {
  await host?.close();
  const breaches = log.filter((line) => line.startsWith('contract:'));
  if (breaches.length) console.log(`dev host contract log:\n${breaches.join('\n')}`);
});

runContractCases(() => ({
  get baseUrl() {
    return host!.url;
  },
  reset: async () => {
    await host?.close();
    host = await startDevHost({port: 0, db: ':memory:', log: (line) => log.push(line)});
  },
}));
