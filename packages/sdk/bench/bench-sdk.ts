// Prints how fast the SDK's hot paths are: manifest validation (JSON text, with positions), guarded
// context creation, and a guarded host call over an in-memory host. Figures, not assertions.
// Run: node --conditions=@crmkit/source --import tsx packages/sdk/bench/bench-sdk.ts
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {createGuardedContext, validateManifest, type HostApi, type Lead} from '@crmkit/sdk';

const text = readFileSync(
  new URL('../../../plugins/reject-lead/plugin.json', import.meta.url),
  'utf8',
);
const broken = text.replace('"leads.read", "leads.reject"', '"leads.read", "leads.delete"');
const manifest = JSON.parse(text);
const lead: Lead = {
  id: 'L-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Engines',
  status: 'Qualified',
  ownerId: 'u',
  originalOwnerId: 'u',
  version: 1,
};
const host = {getLead: async () => lead} as unknown as HostApi;
const user = {
  id: 'u',
  name: 'U',
  locale: 'de',
  privileges: ['leads.read', 'leads.reject'] as const,
};

async function measure(label: string, runs: number, fn: () => unknown) {
  for (let i = 0; i < Math.min(runs, 200); i++) await fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(48)} ${Math.round((runs / ms) * 1000).toLocaleString('en')}/s  (${((ms * 1000) / runs).toFixed(1)} µs each)`,
  );
}

await measure('validateManifest(reject-lead text), valid', 5000, () => validateManifest(text));
await measure('validateManifest(text with an unknown privilege)', 5000, () =>
  validateManifest(broken),
);
await measure('createGuardedContext', 20000, () =>
  createGuardedContext(host, manifest, {...user, privileges: [...user.privileges]}),
);
const context = createGuardedContext(host, manifest, {...user, privileges: [...user.privileges]});
await measure('context.getLead (guard + clone), in-memory host', 50000, () =>
  context.getLead('L-1'),
);
await measure('host.getLead directly, for comparison', 50000, () => host.getLead('L-1'));
