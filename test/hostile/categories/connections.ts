// Item 6: a kept-alive connection must be closed by the client, never by the server while a request
// may be on its way. With keepAliveTimeout at 5 s (the same as Node's agent) 32 requests hung up
// right after a 5 s idle pause under load. The server now keeps idle connections 65 s, with
// headersTimeout above that.
import assert from 'node:assert/strict';
import {Agent, request} from 'node:http';
import {attack, type Category} from '../lib/attack.js';
import type {HostileHost} from '../lib/hostile-host.js';

/** One GET over `agent`: status, whether it reused a connection, the Keep-Alive header. */
function get(agent: Agent, port: number, path: string) {
  return new Promise<{status: number; reused: boolean; keepAlive: string | undefined}>(
    (resolve, reject) => {
      const req = request(
        {agent, host: '127.0.0.1', port, path, headers: {authorization: 'Bearer max'}},
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              reused: req.reusedSocket,
              keepAlive: String(res.headers['keep-alive'] ?? ''),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

export function connectionsCategory(host: HostileHost): Category {
  const sockets = 24;
  return {
    name: 'connections',
    attacks: () => [
      attack(
        'the server announces a keep-alive of 65 s, above the clients’ idle timeouts',
        async () => {
          const agent = new Agent({keepAlive: true, maxSockets: 1});
          try {
            const answer = await get(agent, host.port, '/api/me');
            assert.equal(answer.keepAlive, 'timeout=65');
          } finally {
            agent.destroy();
          }
        },
      ),
      attack(
        `${sockets} connections idle for 5.5 s are all still open and answer the next burst (no hang-up)`,
        async () => {
          // A client that keeps idle sockets longer than the old 5 s (undici, browsers, proxies).
          const agent = new Agent({keepAlive: true, maxSockets: sockets, timeout: 60_000});
          try {
            const first = await Promise.all(
              Array.from({length: sockets}, () => get(agent, host.port, '/api/me')),
            );
            assert.ok(first.every((a) => a.status === 200));
            await new Promise((resolve) => setTimeout(resolve, 5500));
            const burst = await Promise.allSettled(
              Array.from({length: sockets * 2}, () => get(agent, host.port, '/api/leads?limit=20')),
            );
            const failed = burst.filter((r) => r.status === 'rejected');
            assert.deepEqual(
              failed.map((r) => String((r as PromiseRejectedResult).reason)),
              [],
              'socket hang ups',
            );
            const answers = burst.map(
              (r) => (r as PromiseFulfilledResult<{reused: boolean; status: number}>).value,
            );
            assert.ok(answers.every((a) => a.status === 200));
            // Before: the server had closed every idle connection at 5 s, so none was reused.
            assert.ok(
              answers.filter((a) => a.reused).length >= sockets,
              'the idle connections were reused',
            );
          } finally {
            agent.destroy();
          }
        },
      ),
    ],
  };
}
