// How fast the mock host answers, so plugin authors know what a test suite over it costs.
// Run: node --conditions=@crmkit/source --import tsx packages/rest-client/bench/bench-mock-host.ts
// Prints requests/s for reads and rejects through host.fetch (no msw) and through msw/node.
import {setupServer} from 'msw/node';
import {createRestHostApi} from '../src/create-rest-host-api.js';
import {createMockHost} from '../src/msw/create-mock-host.js';

async function measure(label: string, rounds: number, run: (i: number) => Promise<unknown>) {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await run(i);
  const ms = performance.now() - started;
  console.log(
    `${label}: ${Math.round((rounds / ms) * 1000)} req/s (${(ms / rounds).toFixed(2)} ms each, ${rounds} requests)`,
  );
}

const qualified = (host: ReturnType<typeof createMockHost>) =>
  [...host.state.leads.values()].filter((l) => l.status === 'Qualified').map((l) => l.id);

{
  const host = createMockHost();
  const api = createRestHostApi({token: 'max', fetch: host.fetch});
  await measure('host.fetch  GET /api/leads/{id}', 2000, () => api.getLead('L-1001'));
  await measure('host.fetch  POST reject (reset each 14)', 1400, async (i) => {
    if (i % 14 === 0) host.reset();
    const id = qualified(host)[0]!;
    return api.rejectLead(id, {rejectCode: 'DUPLICATE', reassignOwner: true});
  });
}
{
  const host = createMockHost({baseUrl: 'http://crm.test'});
  const server = setupServer(...host.handlers);
  server.listen({onUnhandledRequest: 'error'});
  const api = createRestHostApi({token: 'max', baseUrl: 'http://crm.test'});
  await measure('msw/node    GET /api/leads/{id}', 1000, () => api.getLead('L-1001'));
  await measure('msw/node    POST reject (reset each 14)', 700, async (i) => {
    if (i % 14 === 0) host.reset();
    return api.rejectLead(qualified(host)[0]!, {rejectCode: 'DUPLICATE', reassignOwner: true});
  });
  server.close();
}
