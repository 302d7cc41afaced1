// The contract cases against the real dev host over HTTP on PostgreSQL: the same cases, texts and
// checks as on SQLite (contract.server.test.ts), on a throwaway cluster. A fresh host on a fresh
// database whenever a case changed something: each database a copy of one seeded template (CREATE
// DATABASE … TEMPLATE), so a reset costs a file copy, not a migration and a seed.
import {after, before} from 'node:test';
import pg from 'pg';
import {startDevHost} from '@crmkit/dev-host';
import type {DevHost} from '@crmkit/dev-host';
import {startPostgres} from '../../packages/dev-host/test/start-postgres.js';
import type {TestPostgres} from '../../packages/dev-host/test/start-postgres.js';
import {runContractCases} from './run-contract-cases.js';

const log: string[] = [];
let cluster: TestPostgres;
let admin: pg.Client;
let copies = 0;
let host: DevHost | undefined;
let next: Promise<DevHost> | undefined;

/** A host on a new copy of the seeded template database. */
async function start(): Promise<DevHost> {
  const name = `contract_${++copies}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE contract_seed`);
  return startDevHost({
    port: 0,
    db: cluster.url.replace('/crmkit?', `/${name}?`),
    log: (line) => log.push(line),
  });
}

before(async () => {
  cluster = await startPostgres();
  admin = new pg.Client({connectionString: cluster.url});
  await admin.connect();
  // Migrated and seeded once; a template may have no connections while it is copied.
  const seeding = await startDevHost({port: 0, db: await cluster.database('contract_seed')});
  await seeding.close();
});

after(async () => {
  await host?.close();
  await (await next)?.close();
  await admin?.end();
  await cluster?.stop();
  const breaches = log.filter((line) => line.startsWith('contract:'));
  if (breaches.length) console.log(`dev host (PostgreSQL) contract log:\n${breaches.join('\n')}`);
});

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
  {},
);
