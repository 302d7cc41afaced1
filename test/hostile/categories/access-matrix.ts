// Every route of the contract (OPENAPI_DOCUMENT) × every demo user who can sign in, and nobody: a
// well-formed request must succeed (2xx) exactly when the user's role holds the route's
// x-crmkit-privilege, be 403 missing-privilege when it does not, and 401 without a token. The
// requests change nothing lasting (they write back what they read), except rejects (of fresh leads)
// and the fixture plugin's install, update and removal, in that order.
import assert from 'node:assert/strict';
import {DEMO_ROLES, DEMO_USERS, OPENAPI_DOCUMENT} from '@crmkit/host-core';
import {pluginPackage} from '../../../packages/host-core/test/plugin-package-fixture.js';
import {attack, type Attack, type Category} from '../lib/attack.js';
import type {CallInit, HostileHost} from '../lib/hostile-host.js';

const FIXTURE_PLUGIN = 'dev.crmkit.fixture';

interface Sample {
  path: string;
  init?: Omit<CallInit, 'as' | 'method'>;
}

export function accessMatrixCategory(host: HostileHost, qualified: () => string): Category {
  return {
    name: 'access matrix',
    attacks: async () => {
      const read = async (path: string) => (await host.call(path, {as: 'anna'})).body;
      const codes = await read('/api/admin/reject-codes');
      const ruleset = (await host.call('/api/admin/assignment-rules', {as: 'anna'})).text;
      const roles = (await read('/api/admin/roles')) as Array<{id: string; privileges: string[]}>;
      const settings = await read('/api/admin/settings/lead');
      const bytes = pluginPackage({manifest: {id: FIXTURE_PLUGIN, permissions: ['leads.read']}});

      /** A well-formed request of each operation (`METHOD path` of the contract). */
      const samples: Record<string, () => Sample> = {
        'GET /api/me': () => ({path: '/api/me'}),
        'GET /api/leads': () => ({path: '/api/leads?limit=5'}),
        'GET /api/leads/{id}': () => ({path: '/api/leads/L-1001'}),
        'POST /api/leads/{id}/reject': () => ({
          path: `/api/leads/${qualified()}/reject`,
          init: {body: {rejectCode: 'DUPLICATE', reassignOwner: false}},
        }),
        'GET /api/picklists/reject-codes': () => ({path: '/api/picklists/reject-codes'}),
        'GET /api/settings/lead': () => ({path: '/api/settings/lead'}),
        'GET /api/plugins': () => ({path: '/api/plugins'}),
        'GET /api/admin/settings/lead': () => ({path: '/api/admin/settings/lead'}),
        'PUT /api/admin/settings/lead': () => ({
          path: '/api/admin/settings/lead',
          init: {body: settings},
        }),
        'GET /api/admin/reject-codes': () => ({path: '/api/admin/reject-codes'}),
        'PUT /api/admin/reject-codes': () => ({
          path: '/api/admin/reject-codes',
          init: {body: codes},
        }),
        'GET /api/admin/assignment-rules': () => ({path: '/api/admin/assignment-rules'}),
        'PUT /api/admin/assignment-rules': () => ({
          path: '/api/admin/assignment-rules',
          init: {body: ruleset},
        }),
        'GET /api/admin/assignment-rules/stats': () => ({
          path: '/api/admin/assignment-rules/stats',
        }),
        'GET /api/admin/assignment-rules/versions': () => ({
          path: '/api/admin/assignment-rules/versions',
        }),
        'GET /api/admin/assignment-rules/versions/{version}': () => ({
          path: '/api/admin/assignment-rules/versions/1',
        }),
        'POST /api/admin/assignment-rules/versions/{version}/activate': () => ({
          path: '/api/admin/assignment-rules/versions/1/activate',
        }),
        'POST /api/admin/assignment-rules/preview': () => ({
          path: '/api/admin/assignment-rules/preview?replay=5',
          init: {body: ruleset},
        }),
        'GET /api/admin/plugins': () => ({path: '/api/admin/plugins'}),
        'POST /api/admin/plugins': () => ({
          path: '/api/admin/plugins',
          init: {body: bytes, headers: {'content-type': 'application/gzip'}},
        }),
        'PUT /api/admin/plugins/{pluginId}': () => ({
          path: `/api/admin/plugins/${FIXTURE_PLUGIN}`,
          init: {body: {enabled: true}},
        }),
        'DELETE /api/admin/plugins/{pluginId}': () => ({
          path: `/api/admin/plugins/${FIXTURE_PLUGIN}`,
        }),
        'GET /api/admin/audit': () => ({path: '/api/admin/audit?limit=5'}),
        'GET /api/admin/roles': () => ({path: '/api/admin/roles'}),
        'PUT /api/admin/roles/{roleId}': () => ({
          path: '/api/admin/roles/marketing',
          init: {body: {privileges: roles.find((r) => r.id === 'marketing')!.privileges}},
        }),
        'GET /api/admin/users': () => ({path: '/api/admin/users'}),
        'PUT /api/admin/users/{userId}': () => ({
          path: '/api/admin/users/lena',
          init: {body: {roleId: 'marketing'}},
        }),
        'POST /api/sessions': () => ({path: '/api/sessions'}),
        'DELETE /api/sessions/current': () => ({path: '/api/sessions/current'}),
        'POST /api/plugin-sessions': () => ({
          path: '/api/plugin-sessions',
          init: {body: {pluginId: 'dev.crmkit.reject-lead'}},
        }),
      };

      const users = DEMO_USERS.filter((u) => u.token !== null);
      const privilegesOf = (roleId: string) =>
        new Set(DEMO_ROLES.find((r) => r.id === roleId)?.privileges ?? []);
      const attacks: Attack[] = [];
      // Every operation of the document must have a sample: a new route cannot slip past.
      const operations = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, op]) => typeof op === 'object' && op !== null && 'responses' in op)
          .map(([method, op]) => ({
            key: `${method.toUpperCase()} ${path}`,
            method: method.toUpperCase(),
            privilege: (op as {'x-crmkit-privilege'?: string | null})['x-crmkit-privilege'] ?? null,
          })),
      );
      attacks.push(
        attack('every operation of the contract is in the matrix', () => {
          assert.deepEqual(
            operations.map((o) => o.key).filter((k) => !samples[k]),
            [],
          );
        }),
      );
      for (const {key, method, privilege} of operations) {
        const sample = samples[key];
        if (!sample) continue;
        attacks.push(
          attack(`${key} without a token: 401`, async () => {
            const {path, init} = sample();
            const answer = await host.call(path, {...init, method});
            assert.equal(answer.status, 401, answer.text.slice(0, 200));
          }),
        );
        for (const user of users) {
          const allowed = privilege === null || privilegesOf(user.roleId).has(privilege as never);
          attacks.push(
            attack(`${key} as ${user.id}: ${allowed ? '2xx' : '403'}`, async () => {
              const {path, init} = sample();
              const answer = await host.call(path, {...init, method, as: user.token!});
              if (allowed) {
                assert.ok(
                  answer.status >= 200 && answer.status < 300,
                  `${answer.status} ${answer.text.slice(0, 300)}`,
                );
              } else {
                assert.equal(answer.status, 403, answer.text.slice(0, 200));
                assert.equal(answer.body.code, 'missing-privilege');
                assert.equal(answer.body.privilege, privilege);
              }
            }),
          );
        }
      }
      return attacks;
    },
  };
}
