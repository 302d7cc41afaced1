// POST /api/leads/:id/reject on both engines the dev host runs on: the same tests, faults and SQL
// reads against a host on SQLite (`:memory:`) and one on PostgreSQL (a throwaway cluster).
import {after, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {apiTestClient} from './api-test-client.js';
import type {ApiAnswer, ApiCall} from './api-test-client.js';
import {sqlOf} from '../../test/engine-sql.js';
import type {EngineSql} from '../../test/engine-sql.js';
import {startPostgres} from '../../test/start-postgres.js';

/** Where a host's data is (`db` of startDevHost), its PostgreSQL URL for the SQL reads, how to end it. */
interface EngineData {
  db: string;
  pgUrl?: string;
  close(): Promise<void>;
}

const ENGINES: Array<{name: string; open(): Promise<EngineData>}> = [
  {name: 'SQLite', open: async () => ({db: ':memory:', close: async () => {}})},
  {
    name: 'PostgreSQL',
    open: async () => {
      const cluster = await startPostgres();
      try {
        const url = await cluster.database('reject_route');
        return {db: url, pgUrl: url, close: () => cluster.stop()};
      } catch (error) {
        await cluster.stop();
        throw error;
      }
    },
  },
];

/** Each started host's log lines, by engine: the last test checks them all. */
const logs = new Map<string, string[]>();

for (const engine of ENGINES) {
  describe(`on ${engine.name}`, () => {
    let data: EngineData | undefined;
    let host: DevHost | undefined;
    let sql: EngineSql;
    let call: (path: string, call?: ApiCall) => Promise<ApiAnswer>;
    let failAfterLeadUpdate = false;
    let failDuringReassign = false;
    const logged: string[] = [];

    const reject = (id: string, body: unknown, extra: Omit<ApiCall, 'body'> = {}) =>
      call(`/api/leads/${id}/reject`, {token: 'max', method: 'POST', body, ...extra});

    /** Everything a reject could change: the lead rows, the audit trail (which keeps the idempotency records). */
    const snapshot = async () => ({
      leads: await sql.all('SELECT * FROM leads ORDER BY id'),
      audit: await sql.all('SELECT * FROM audit ORDER BY id'),
    });

    /** Asserts that `request` is refused with `status` and `code` and changes nothing at all. */
    async function refused(request: () => Promise<ApiAnswer>, status: number, code: string) {
      const before = await snapshot();
      const answer = await request();
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.code, code);
      assert.equal(answer.body.type, `urn:crmkit:problem:${code}`);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(answer.body.detail.length > 10, 'a specific detail');
      assert.deepEqual(await snapshot(), before, `${code} changed nothing`);
      return answer;
    }

    const qualified = () =>
      sql.all<{id: string; version: number}>(
        "SELECT id, version FROM leads WHERE status = 'Qualified' ORDER BY id",
      );

    before(async () => {
      data = await engine.open();
      host = await startDevHost({
        db: data.db,
        log: (line) => logged.push(line),
        faults: {
          afterLeadUpdate: () => {
            if (failAfterLeadUpdate) throw new Error('injected failure after the lead update');
          },
          duringReassign: () => {
            if (failDuringReassign) throw new Error('injected failure of the Assignment Manager');
          },
        },
      });
      logs.set(engine.name, logged);
      sql = sqlOf(host, data.pgUrl);
      call = apiTestClient(host.url);
    });
    after(async () => {
      await sql?.close();
      await host?.close();
      await data?.close();
    });
    beforeEach(() => {
      failAfterLeadUpdate = false;
      failDuringReassign = false;
    });

    describe('POST /api/leads/:id/reject refusals: each with its code, each changing nothing', () => {
      test('401 unauthorized without a token and with an unknown one, with WWW-Authenticate', async () => {
        const [id] = await qualified();
        for (const token of [undefined, 'mallory']) {
          const answer = await refused(
            () => reject(id!.id, {rejectCode: 'DUPLICATE', reassignOwner: false}, {token}),
            401,
            'unauthorized',
          );
          assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
        }
      });

      test('403 missing-privilege for lena (Marketing), naming the privilege', async () => {
        const [lead] = await qualified();
        const answer = await refused(
          () => reject(lead!.id, {rejectCode: 'DUPLICATE', reassignOwner: false}, {token: 'lena'}),
          403,
          'missing-privilege',
        );
        assert.equal(answer.body.privilege, 'leads.reject');
      });

      test('403 comes before 404: a user without the privilege learns nothing about lead ids', async () => {
        await refused(
          () => reject('L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}, {token: 'lena'}),
          403,
          'missing-privilege',
        );
      });

      test('400 invalid-header for a malformed If-Match and an over-long Idempotency-Key', async () => {
        const [lead] = await qualified();
        const body = {rejectCode: 'DUPLICATE', reassignOwner: false};
        for (const ifMatch of ['abc', '0', '-1', '1.5', 'W/"1"']) {
          const answer = await refused(
            () => reject(lead!.id, body, {headers: {'if-match': ifMatch}}),
            400,
            'invalid-header',
          );
          assert.equal(answer.body.errors[0].field, 'If-Match');
        }
        const answer = await refused(
          () => reject(lead!.id, body, {headers: {'idempotency-key': 'k'.repeat(256)}}),
          400,
          'invalid-header',
        );
        assert.equal(answer.body.errors[0].field, 'Idempotency-Key');
      });

      test('415 for a body that is not JSON by its content type', async () => {
        const [lead] = await qualified();
        await refused(
          () =>
            reject(lead!.id, '{"rejectCode":"DUPLICATE","reassignOwner":false}', {
              headers: {'content-type': 'text/plain'},
            }),
          415,
          'unsupported-media-type',
        );
      });

      test('400 invalid-json with line and column of the mistake', async () => {
        const [lead] = await qualified();
        const answer = await refused(
          () => reject(lead!.id, '{\n  "rejectCode": "DUPLICATE",\n  "reassignOwner": tru\n}'),
          400,
          'invalid-json',
        );
        assert.equal(answer.body.errors[0].line, 3);
        assert.ok(answer.body.errors[0].column >= 20, JSON.stringify(answer.body.errors[0]));
      });

      test('400 invalid-body with one field error per problem, as JSON pointers', async () => {
        const [lead] = await qualified();
        const answer = await refused(
          () => reject(lead!.id, {rejectReason: 7, reassignOwner: 'yes', extra: 1}),
          400,
          'invalid-body',
        );
        const fields = answer.body.errors.map(
          (e: {field: string; code: string}) => `${e.field} ${e.code}`,
        );
        assert.deepEqual(fields.sort(), [
          '/extra additionalProperties',
          '/reassignOwner type',
          '/rejectCode required',
          '/rejectReason type',
        ]);
      });

      test('404 lead-not-found', async () => {
        await refused(
          () => reject('L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}),
          404,
          'lead-not-found',
        );
      });

      test('409 lead-not-qualified for every other status', async () => {
        for (const status of ['Qualifying', 'Converted', 'Rejected', 'Archived']) {
          const id = await sql.value<string>(
            'SELECT id FROM leads WHERE status = ? ORDER BY id LIMIT 1',
            status,
          );
          const answer = await refused(
            () => reject(id!, {rejectCode: 'DUPLICATE', reassignOwner: false}),
            409,
            'lead-not-qualified',
          );
          assert.equal(answer.body.errors[0].field, '');
        }
      });

      test('409 version-conflict when If-Match is not the current version (quoted or not)', async () => {
        const [lead] = await qualified();
        for (const ifMatch of [String(lead!.version + 1), `"${lead!.version + 3}"`]) {
          const answer = await refused(
            () =>
              reject(
                lead!.id,
                {rejectCode: 'DUPLICATE', reassignOwner: false},
                {headers: {'if-match': ifMatch}},
              ),
            409,
            'version-conflict',
          );
          assert.equal(answer.body.currentVersion, lead!.version);
          assert.equal(answer.body.errors[0].field, 'If-Match');
        }
      });

      test('422 unknown-reject-code and inactive-reject-code', async () => {
        const [lead] = await qualified();
        let answer = await refused(
          () => reject(lead!.id, {rejectCode: 'NOPE', reassignOwner: false}),
          422,
          'unknown-reject-code',
        );
        assert.equal(answer.body.errors[0].field, '/rejectCode');
        const setActive = async (active: boolean) => {
          const codes = (await call('/api/admin/reject-codes', {token: 'anna'})).body;
          codes.find((c: {key: string}) => c.key === 'DUPLICATE').active = active;
          const put = await call('/api/admin/reject-codes', {
            token: 'anna',
            method: 'PUT',
            body: codes,
          });
          assert.equal(put.status, 200);
        };
        await setActive(false);
        try {
          answer = await refused(
            () => reject(lead!.id, {rejectCode: 'DUPLICATE', reassignOwner: false}),
            422,
            'inactive-reject-code',
          );
          assert.equal(answer.body.errors[0].field, '/rejectCode');
        } finally {
          await setActive(true);
        }
      });

      test('422 reason-required for OTHER without a reason, with a blank one, and null', async () => {
        const [lead] = await qualified();
        for (const rejectReason of [undefined, '', '   \n\t ', null]) {
          const answer = await refused(
            () => reject(lead!.id, {rejectCode: 'OTHER', reassignOwner: false, rejectReason}),
            422,
            'reason-required',
          );
          assert.equal(answer.body.errors[0].field, '/rejectReason');
        }
      });

      test('422 reason-too-long over 2000 characters after trimming (2000 plus spaces is fine)', async () => {
        const [lead] = await qualified();
        await refused(
          () =>
            reject(lead!.id, {
              rejectCode: 'OTHER',
              reassignOwner: false,
              rejectReason: 'x'.repeat(2001),
            }),
          422,
          'reason-too-long',
        );
      });

      test('422 reassign-not-allowed-in-book-mode', async () => {
        const [lead] = await qualified();
        const put = await call('/api/admin/settings/lead', {
          token: 'anna',
          method: 'PUT',
          body: {ownershipMode: 'book'},
        });
        assert.equal(put.status, 200);
        try {
          const answer = await refused(
            () => reject(lead!.id, {rejectCode: 'DUPLICATE', reassignOwner: true}),
            422,
            'reassign-not-allowed-in-book-mode',
          );
          assert.equal(answer.body.errors[0].field, '/reassignOwner');
        } finally {
          await call('/api/admin/settings/lead', {
            token: 'anna',
            method: 'PUT',
            body: {ownershipMode: 'mixed'},
          });
        }
      });

      test('the checks run in the documented order: 404 before 409 before 422', async () => {
        await refused(
          () => reject('L-9999', {rejectCode: 'NOPE', reassignOwner: true}),
          404,
          'lead-not-found',
        );
        const rejected = await sql.value<string>(
          "SELECT id FROM leads WHERE status = 'Rejected' ORDER BY id LIMIT 1",
        );
        await refused(
          () =>
            reject(
              rejected!,
              {rejectCode: 'NOPE', reassignOwner: false},
              {headers: {'if-match': '99'}},
            ),
          409,
          'lead-not-qualified',
        );
        const [lead] = await qualified();
        await refused(
          () =>
            reject(
              lead!.id,
              {rejectCode: 'NOPE', reassignOwner: false},
              {headers: {'if-match': '99'}},
            ),
          409,
          'version-conflict',
        );
      });

      test('500 assignment-failed when reassignment fails midway: the lead update is rolled back', async () => {
        const [lead] = await qualified();
        failDuringReassign = true;
        const answer = await refused(
          () =>
            reject(
              lead!.id,
              {rejectCode: 'DUPLICATE', reassignOwner: true},
              {
                headers: {'idempotency-key': 'fault-1', 'accept-language': 'en'},
              },
            ),
          500,
          'assignment-failed',
        );
        assert.match(answer.body.detail, /nothing was changed/);
        // the same key works once the failure is gone: nothing of the failed attempt was remembered
        failDuringReassign = false;
        const retry = await reject(
          lead!.id,
          {rejectCode: 'DUPLICATE', reassignOwner: true},
          {
            headers: {'idempotency-key': 'fault-1'},
          },
        );
        assert.equal(retry.status, 200);
        assert.equal(retry.headers.get('idempotent-replayed'), null);
      });

      test('500 internal-error on any other failure after the lead update: rolled back too', async () => {
        const [lead] = await qualified();
        failAfterLeadUpdate = true;
        await refused(
          () => reject(lead!.id, {rejectCode: 'DUPLICATE', reassignOwner: false}),
          500,
          'internal-error',
        );
        assert.match(logged.at(-1)!, /^error: POST .*injected failure after the lead update/s);
      });
    });

    describe('POST /api/leads/:id/reject success', () => {
      test('rejects: status, code, trimmed reason, who, when, version + 1, one audit row', async () => {
        const [lead] = await qualified();
        const auditBefore = (await sql.value<number>('SELECT count(*) FROM audit'))!;
        const answer = await reject(
          lead!.id,
          {rejectCode: 'OTHER', rejectReason: '  Company was sold.  ', reassignOwner: false},
          {headers: {'if-match': String(lead!.version), 'accept-language': 'en'}},
        );
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const {lead: updated, assignment} = answer.body;
        assert.equal(assignment, undefined);
        assert.equal(updated.status, 'Rejected');
        assert.equal(updated.version, lead!.version + 1);
        assert.equal(updated.rejection.code, 'OTHER');
        assert.equal(updated.rejection.reason, 'Company was sold.');
        assert.deepEqual(updated.rejection.rejectedBy, {id: 'max', name: 'Max Müller'});
        assert.ok(Math.abs(Date.parse(updated.rejection.rejectedAt) - Date.now()) < 60_000);
        const row = (await sql.get('SELECT * FROM leads WHERE id = ?', lead!.id))!;
        assert.equal(row.status, 'Rejected');
        assert.equal(row.reject_reason, 'Company was sold.');
        assert.equal(row.rejected_by, 'max');
        const audit = await sql.all<{action: string; detail: string}>(
          'SELECT * FROM audit WHERE lead_id = ?',
          lead!.id,
        );
        assert.equal(await sql.value('SELECT count(*) FROM audit'), auditBefore + 1);
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.action, 'lead.rejected');
        assert.deepEqual(JSON.parse(audit[0]!.detail), {
          code: 'OTHER',
          reason: 'Company was sold.',
          fromVersion: lead!.version,
          toVersion: lead!.version + 1,
          previousOwnerId: row.owner_id,
          ownerId: row.owner_id,
        });
        const again = await call(`/api/leads/${lead!.id}`, {token: 'max'});
        assert.deepEqual(again.body, updated);
      });

      test('a blank reason with another code is stored as none', async () => {
        const [lead] = await qualified();
        const answer = await reject(lead!.id, {
          rejectCode: 'DUPLICATE',
          rejectReason: '   ',
          reassignOwner: false,
        });
        assert.equal(answer.status, 200);
        assert.equal('reason' in answer.body.lead.rejection, false);
        assert.equal(
          await sql.value('SELECT reject_reason FROM leads WHERE id = ?', lead!.id),
          null,
        );
      });

      test('a reason of exactly 2000 characters after trimming is accepted', async () => {
        const [lead] = await qualified();
        const answer = await reject(lead!.id, {
          rejectCode: 'OTHER',
          rejectReason: `  ${'y'.repeat(2000)}  `,
          reassignOwner: false,
        });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.lead.rejection.reason.length, 2000);
      });

      test('Idempotency-Key: a retry returns the first answer and changes nothing more', async () => {
        const [lead] = await qualified();
        const body = {rejectCode: 'DUPLICATE', rejectReason: 'seen twice', reassignOwner: false};
        const key = {'idempotency-key': 'intent-42'};
        const first = await reject(lead!.id, body, {headers: key});
        assert.equal(first.status, 200);
        assert.equal(first.headers.get('idempotent-replayed'), null);
        const between = await snapshot();
        const retry = await reject(
          lead!.id,
          {...body, rejectReason: '  seen twice '},
          {headers: key},
        );
        assert.equal(retry.status, 200);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(retry.body, first.body);
        assert.deepEqual(await snapshot(), between);
        // the same key with another body is refused, and changes nothing either
        await refused(
          () => reject(lead!.id, {...body, rejectCode: 'INSUFFICIENT_DATA'}, {headers: key}),
          422,
          'idempotency-key-reused',
        );
        // keys belong to a user: sofia may use the same key for her own request
        const [other] = await qualified();
        const sofia = await reject(other!.id, body, {headers: key, token: 'sofia'});
        assert.equal(sofia.status, 200);
        assert.equal(sofia.headers.get('idempotent-replayed'), null);
      });

      test('after a refusal the same Idempotency-Key may be used again', async () => {
        const [lead] = await qualified();
        const key = {'idempotency-key': 'intent-after-refusal'};
        const first = await reject(
          lead!.id,
          {rejectCode: 'OTHER', reassignOwner: false},
          {headers: key},
        );
        assert.equal(first.body.code, 'reason-required');
        const second = await reject(
          lead!.id,
          {rejectCode: 'OTHER', rejectReason: 'now with one', reassignOwner: false},
          {headers: key},
        );
        assert.equal(second.status, 200);
      });

      test('with Reassign Owner the Assignment Manager picks the owner in the same commit', async () => {
        const lead = await sql.get<{
          id: string;
          owner_id: string;
          original_owner_id: string;
          version: number;
        }>(
          "SELECT id, owner_id, original_owner_id, version FROM leads WHERE status = 'Qualified' AND original_owner_id = 'petra' ORDER BY id LIMIT 1",
        );
        assert.ok(lead, 'a Qualified demo lead whose original owner (petra) is inactive');
        const answer = await reject(lead.id, {rejectCode: 'DUPLICATE', reassignOwner: true});
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const {assignment, lead: updated} = answer.body;
        assert.equal(assignment.outcome, 'assigned');
        assert.notEqual(assignment.ownerId, 'petra', 'never an inactive user');
        assert.equal(updated.ownerId, assignment.ownerId);
        assert.equal(updated.originalOwnerId, 'petra', 'the original owner stays');
        assert.equal(updated.version, lead.version + 1, 'one change, one version');
        const audit = (await sql.value<string>(
          'SELECT detail FROM audit WHERE lead_id = ?',
          lead.id,
        ))!;
        assert.deepEqual(JSON.parse(audit).assignment, assignment);
      });

      test('two users racing on one lead: exactly one wins, the other gets a 409', async () => {
        const [lead] = await qualified();
        const body = {rejectCode: 'DUPLICATE', reassignOwner: true};
        const headers = {'if-match': String(lead!.version)};
        const answers = await Promise.all([
          reject(lead!.id, body, {headers, token: 'max'}),
          reject(lead!.id, body, {headers, token: 'sofia'}),
          reject(lead!.id, body, {headers, token: 'anna'}),
        ]);
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409]);
        for (const a of answers.filter((a) => a.status === 409)) {
          assert.ok(['lead-not-qualified', 'version-conflict'].includes(a.body.code));
        }
        assert.equal(await sql.value('SELECT count(*) FROM audit WHERE lead_id = ?', lead!.id), 1);
      });
    });
  });
}

test('no answer in these tests broke the contract', () => {
  // Both hosts started (each adds its log when it does) and neither logged a contract mismatch.
  assert.deepEqual(
    Object.fromEntries(
      [...logs].map(([name, lines]) => [
        name,
        lines.filter((line) => line.startsWith('contract:')),
      ]),
    ),
    Object.fromEntries(ENGINES.map(({name}) => [name, []])),
  );
});
