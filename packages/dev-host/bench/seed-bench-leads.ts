// The benches' database: the demo data plus `count` Qualified leads spread over regions and owners,
// each id made by `idOf(i)`. Checkpointed and closed, ready for a server process to open.
import {openDatabase} from '../src/db/open-database.js';
import {seedDemoData} from '../src/db/seed-demo-data.js';

const REGIONS: [string, string][] = [
  ['DE', 'EMEA'],
  ['GB', 'EMEA'],
  ['US', 'NA'],
  ['JP', 'APAC'],
];
/** [original owner, current owner]. */
const OWNERS: [string, string][] = [
  ['max', 'max'],
  ['jonas', 'max'],
  ['petra', 'jonas'],
  ['sofia', 'max'],
];

export function seedBenchLeads(file: string, count: number, idOf: (i: number) => string): void {
  const db = openDatabase(file);
  seedDemoData(db);
  const insert = db.prepare(
    `INSERT INTO leads (id, first_name, last_name, company, status, owner_id, original_owner_id, version,
       country, region, rating, source)
     VALUES (?, 'Bench', ?, 'Load Test GmbH', 'Qualified', ?, ?, 1, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const [country, region] = REGIONS[i % REGIONS.length]!;
      const [original, owner] = OWNERS[i % OWNERS.length]!;
      insert.run(
        idOf(i),
        `Lead ${i}`,
        owner,
        original,
        country,
        region,
        'ABC'[i % 3],
        i % 2 ? 'Web' : 'Referral',
      );
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
