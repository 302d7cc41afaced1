// The classes that held in the attack run, kept so they stay held: many rejects of one lead at once
// (exactly one wins, the rest are 409, one audit row), the same Idempotency-Key raced (one reject,
// every answer the same), and an admin write storm on the picklist (the last write wins whole).
import assert from 'node:assert/strict';
import {attack, type Category} from '../lib/attack.js';
import type {HostileHost} from '../lib/hostile-host.js';

export function racesCategory(host: HostileHost, qualified: () => string): Category {
  const rejectAll = (id: string, n: number, headers: Record<string, string> = {}) =>
    Promise.all(
      Array.from({length: n}, (_, i) =>
        host.call(`/api/leads/${id}/reject`, {
          as: i % 2 ? 'max' : 'sofia',
          headers,
          body: {rejectCode: 'DUPLICATE', reassignOwner: true},
        }),
      ),
    );
  const auditOf = async (id: string) =>
    (await host.call(`/api/admin/audit?leadId=${id}`, {as: 'anna'})).body as Array<{
      action: string;
    }>;
  return {
    name: 'races',
    attacks: () => [
      ...[0, 1, 2].map((run) =>
        attack(
          `32 rejects of one lead at once (${run + 1}): one 200, 31 409, one audit row`,
          async () => {
            const id = qualified();
            const answers = await rejectAll(id, 32);
            const statuses = answers.map((a) => a.status).sort();
            assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(','));
            assert.equal(statuses.filter((s) => s === 409).length, 31, statuses.join(','));
            const audit = await auditOf(id);
            assert.equal(audit.filter((a) => a.action === 'lead.rejected').length, 1);
          },
        ),
      ),
      attack(
        'one Idempotency-Key raced 16 times by one user: one reject, the same answer',
        async () => {
          const id = qualified();
          const answers = await Promise.all(
            Array.from({length: 16}, () =>
              host.call(`/api/leads/${id}/reject`, {
                as: 'max',
                headers: {'idempotency-key': `race-${id}`},
                body: {rejectCode: 'DUPLICATE', reassignOwner: false},
              }),
            ),
          );
          assert.ok(
            answers.every((a) => a.status === 200),
            answers.map((a) => a.status).join(','),
          );
          assert.equal(new Set(answers.map((a) => JSON.stringify(a.body.lead))).size, 1);
          assert.equal((await auditOf(id)).filter((a) => a.action === 'lead.rejected').length, 1);
        },
      ),
      attack(
        '20 concurrent picklist replacements: the picklist is one of them, whole',
        async () => {
          const codes = (await host.call('/api/admin/reject-codes', {as: 'anna'})).body as Array<{
            key: string;
            labels: Record<string, string>;
          }>;
          const variant = (n: number) =>
            codes.map((c) => ({...c, labels: {...c.labels, en: `${c.labels.en} ${n}`}}));
          const answers = await Promise.all(
            Array.from({length: 20}, (_, n) =>
              host.call('/api/admin/reject-codes', {as: 'anna', method: 'PUT', body: variant(n)}),
            ),
          );
          assert.ok(answers.every((a) => a.status === 200));
          const now = (await host.call('/api/admin/reject-codes', {as: 'anna'}))
            .body as typeof codes;
          const suffix = / (\d+)$/.exec(now[0]!.labels.en!)?.[1];
          assert.ok(suffix !== undefined);
          assert.deepEqual(now, variant(Number(suffix)), 'one write, not a mix of several');
          await host.call('/api/admin/reject-codes', {as: 'anna', method: 'PUT', body: codes});
        },
      ),
    ],
  };
}
