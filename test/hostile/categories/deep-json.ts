// Item 1: bodies and rulesets nested far deeper than any document of the contract. Every JSON route
// must refuse them with 400 invalid-json naming the limit (1000 levels), never 500 from a parser that
// ran out of stack, and change nothing.
import assert from 'node:assert/strict';
import {OPENAPI_DOCUMENT} from '@crmkit/host-core';
import {attack, lastly, type Category} from '../lib/attack.js';
import type {HostileHost} from '../lib/hostile-host.js';

const rulesetWith = (conditions: string) =>
  `{"recordType": "lead", "unassignedOwner": "lead-desk", "rules": [{"name": "deep", "conditions": ${conditions}, "event": {"type": "assign", "params": {"to": "originalOwner"}}}]}`;

/** The hostile bodies, by what they are. */
export const DEEP_BODIES: Record<string, string> = {
  '500,000 [ unterminated': '['.repeat(500_000),
  '100,000 nested arrays': '['.repeat(100_000) + ']'.repeat(100_000),
  '20,000 nested objects': '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
  'a field 5,000 levels deep': `{"rejectCode": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
  'a ruleset nested 100,000 arrays': rulesetWith(
    `{"all": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
  ),
  'a ruleset 5,000 all groups deep': rulesetWith('{"all": ['.repeat(5000) + ']}'.repeat(5000)),
};

/** Every operation that reads a JSON body, with a path to send it to. */
function jsonOperations(): Array<{method: string; path: string}> {
  const out: Array<{method: string; path: string}> = [];
  for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const content = (operation as {requestBody?: {content?: object}}).requestBody?.content;
      if (!content || !('application/json' in content)) continue;
      out.push({
        method: method.toUpperCase(),
        path: path
          .replace('{id}', 'L-1001')
          .replace('{pluginId}', 'dev.crmkit.reject-lead')
          .replace('{roleId}', 'sales-rep')
          .replace('{userId}', 'max')
          .replace('{version}', '1'),
      });
    }
  }
  return out;
}

export function deepJsonCategory(host: HostileHost): Category {
  return {
    name: 'deep JSON',
    concurrency: 4,
    attacks: async () => {
      const before = (await host.call('/api/leads/L-1001', {as: 'anna'})).body;
      const rulesBefore = (await host.call('/api/admin/assignment-rules', {as: 'anna'})).text;
      const auditBefore = (await host.call('/api/admin/audit?limit=500', {as: 'anna'})).body
        .length as number;
      const attacks = jsonOperations().flatMap(({method, path}) =>
        Object.entries(DEEP_BODIES).map(([what, body]) =>
          attack(`${method} ${path} with ${what}`, async () => {
            const answer = await host.call(path, {as: 'anna', method, body});
            assert.equal(answer.status, 400, `${answer.status} ${answer.text.slice(0, 300)}`);
            assert.equal(answer.body.code, 'invalid-json');
            assert.deepEqual(
              answer.body.errors.map((e: {field: string; code: string}) => [e.field, e.code]),
              [['', 'max-depth']],
            );
            // anna reads German: the detail names the limit in her language.
            assert.match(answer.body.detail, /tiefer als 1000 Ebenen/);
          }),
        ),
      );
      attacks.push(
        attack('the same bodies in English name the limit too', async () => {
          const answer = await host.call('/api/leads/L-1001/reject', {
            as: 'max',
            headers: {'accept-language': 'en'},
            body: DEEP_BODIES['500,000 [ unterminated'],
          });
          assert.match(answer.body.detail, /deeper than 1000 levels/);
        }),
        lastly('after all of them nothing changed and the host still answers', async () => {
          assert.deepEqual((await host.call('/api/leads/L-1001', {as: 'anna'})).body, before);
          assert.equal(
            (await host.call('/api/admin/assignment-rules', {as: 'anna'})).text,
            rulesBefore,
          );
          const audit = (await host.call('/api/admin/audit?limit=500', {as: 'anna'})).body;
          assert.equal(audit.length, auditBefore);
          assert.equal((await host.call('/api/me', {as: 'max'})).status, 200);
          assert.deepEqual(
            host.logged.filter((l) => /Maximum call stack|internal-error/.test(l)),
            [],
          );
        }),
        attack(
          'exactly 1000 levels is still read (the limit is not lower than documented)',
          async () => {
            const body = `{"rejectCode": "DUPLICATE", "reassignOwner": false, "x": ${'['.repeat(999)}${']'.repeat(999)}}`;
            const answer = await host.call('/api/leads/L-1001/reject', {as: 'max', body});
            // Read and checked against the contract: an unknown member, not a JSON problem.
            assert.equal(answer.status, 400);
            assert.equal(answer.body.code, 'invalid-body');
          },
        ),
      );
      return attacks;
    },
  };
}
