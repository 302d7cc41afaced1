import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {startDevHost} from '../start-dev-host.js';
import type {DevHost} from '../start-dev-host.js';
import {SEED_FILES} from '../db/seed-demo-data.js';
import {FIXTURE_ENTRY, pluginPackage, sri} from '../../../host-core/test/plugin-package-fixture.js';
import {apiTestClient} from './api-test-client.js';
import type {ApiAnswer, ApiCall} from './api-test-client.js';

let host: DevHost;
let call: (path: string, call?: ApiCall) => Promise<ApiAnswer>;
const logged: string[] = [];
const anna = (path: string, extra: ApiCall = {}) => call(path, {token: 'anna', ...extra});
const shippedRuleset = () => readFileSync(SEED_FILES.ruleset, 'utf8');
const auditCount = () => host.db.prepare('SELECT count(*) FROM audit').pluck().get() as number;

before(async () => {
  host = await startDevHost({log: (line) => logged.push(line)});
  call = apiTestClient(host.url);
});
after(() => host.close());

describe('ownership mode', () => {
  test('GET/PUT /api/admin/settings/lead, visible to plugins through GET /api/settings/lead', async () => {
    assert.deepEqual((await anna('/api/admin/settings/lead')).body, {ownershipMode: 'mixed'});
    const put = await anna('/api/admin/settings/lead', {
      method: 'PUT',
      body: {ownershipMode: 'book'},
    });
    assert.deepEqual(put.body, {ownershipMode: 'book'});
    assert.deepEqual((await call('/api/settings/lead', {token: 'max'})).body, {
      ownershipMode: 'book',
    });
    const bad = await anna('/api/admin/settings/lead', {
      method: 'PUT',
      body: {ownershipMode: 'team'},
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'invalid-body');
    assert.equal(bad.body.errors[0].field, '/ownershipMode');
    assert.equal(bad.body.errors[0].code, 'enum');
    await anna('/api/admin/settings/lead', {method: 'PUT', body: {ownershipMode: 'mixed'}});
    assert.deepEqual((await call('/api/settings/lead', {token: 'lena'})).body, {
      ownershipMode: 'mixed',
    });
  });
});

describe('reject codes', () => {
  test('the 14 default codes in order, labelled by Accept-Language or the user locale', async () => {
    const admin = await anna('/api/admin/reject-codes');
    assert.equal(admin.body.length, 14);
    assert.deepEqual(admin.body[9], {
      key: 'OTHER',
      labels: {en: 'Other', de: 'Sonstige'},
      active: true,
    });
    const de = await call('/api/picklists/reject-codes', {token: 'max'}); // max's locale is de
    assert.equal(de.body[9].label, 'Sonstige');
    const en = await call('/api/picklists/reject-codes', {
      token: 'max',
      headers: {'accept-language': 'fr-FR, en;q=0.8, de;q=0.5'},
    });
    assert.equal(en.body[9].label, 'Other');
    const deAt = await call('/api/picklists/reject-codes', {
      token: 'sofia',
      headers: {'accept-language': 'de-AT'},
    });
    assert.equal(deAt.body[2].label, 'Duplikat');
  });

  test('rename OTHER, add a code, deactivate one and reorder: stored; OTHER still needs a reason', async () => {
    const codes = (await anna('/api/admin/reject-codes')).body as {
      key: string;
      labels: Record<string, string>;
      active: boolean;
    }[];
    const other = codes.find((c) => c.key === 'OTHER')!;
    other.labels = {en: '  Something else ', de: 'Etwas anderes'};
    codes.find((c) => c.key === 'DUPLICATE')!.active = false;
    codes.reverse();
    codes.push({
      key: 'COMPETITOR_CUSTOMER',
      labels: {en: 'Customer of a competitor', de: 'Kunde eines Mitbewerbers'},
      active: true,
    });
    const put = await anna('/api/admin/reject-codes', {method: 'PUT', body: codes});
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.length, 15);
    assert.equal(put.body[0].key, 'TARGETING_CRITERIA_NOT_MET');
    assert.equal(put.body[14].key, 'COMPETITOR_CUSTOMER');
    assert.deepEqual(put.body.find((c: {key: string}) => c.key === 'OTHER').labels, {
      en: 'Something else',
      de: 'Etwas anderes',
    });
    const picklist = await call('/api/picklists/reject-codes', {
      token: 'max',
      headers: {'accept-language': 'en'},
    });
    assert.deepEqual(
      picklist.body.find((c: {key: string}) => c.key === 'DUPLICATE'),
      {key: 'DUPLICATE', label: 'Duplicate', active: false},
    );
    const lead = host.db
      .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
      .pluck()
      .get() as string;
    const noReason = await call(`/api/leads/${lead}/reject`, {
      token: 'max',
      body: {rejectCode: 'OTHER', reassignOwner: false},
      headers: {'accept-language': 'en'},
    });
    assert.equal(noReason.body.code, 'reason-required');
    assert.match(noReason.body.detail, /Something else/);
    const inactive = await call(`/api/leads/${lead}/reject`, {
      token: 'max',
      body: {rejectCode: 'DUPLICATE', reassignOwner: false},
    });
    assert.equal(inactive.body.code, 'inactive-reject-code');
    const added = await call(`/api/leads/${lead}/reject`, {
      token: 'max',
      body: {rejectCode: 'COMPETITOR_CUSTOMER', reassignOwner: false},
    });
    assert.equal(added.status, 200);
  });

  test('duplicate keys and removed codes are refused with every problem; the list stays', async () => {
    const before = (await anna('/api/admin/reject-codes')).body as {key: string}[];
    const audit = auditCount();
    const codes = structuredClone(before).filter((c) => c.key !== 'OTHER' && c.key !== 'DUPLICATE');
    codes.push(structuredClone(codes[0]!));
    const answer = await anna('/api/admin/reject-codes', {
      method: 'PUT',
      body: codes,
      headers: {'accept-language': 'en'},
    });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'invalid-reject-codes');
    const problems = answer.body.errors.map(
      (e: {field: string; code: string}) => `${e.field} ${e.code}`,
    );
    assert.deepEqual(
      problems.sort(),
      [
        ` reject-code-removed`,
        ` reject-code-removed`,
        `/${codes.length - 1}/key duplicate-key`,
      ].sort(),
    );
    assert.ok(answer.body.errors.some((e: {message: string}) => /OTHER/.test(e.message)));
    assert.deepEqual((await anna('/api/admin/reject-codes')).body, before);
    assert.equal(auditCount(), audit);
  });

  test('labels in German and English are required (400 invalid-body naming the field)', async () => {
    const codes = (await anna('/api/admin/reject-codes')).body;
    codes[0].labels = {en: 'Only English'};
    codes[1].labels.de = '   ';
    const answer = await anna('/api/admin/reject-codes', {method: 'PUT', body: codes});
    assert.equal(answer.status, 400);
    const fields = answer.body.errors.map((e: {field: string}) => e.field);
    assert.ok(fields.includes('/0/labels/de'), fields.join());
    assert.ok(fields.includes('/1/labels/de'), fields.join());
  });
});

describe('assignment rules', () => {
  test('GET returns the shipped ruleset as stored', async () => {
    const answer = await anna('/api/admin/assignment-rules');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, JSON.parse(shippedRuleset()));
  });

  test('an invalid ruleset is refused with every lint error and position; the active one stays', async () => {
    const audit = auditCount();
    const text = shippedRuleset()
      .replace(
        '"operator": "equal", "value": "Rejected"',
        '"operator": "equalz", "value": "Rejected"',
      )
      .replace('"userId": "sofia"', '"userId": "nobody-here"');
    const answer = await anna('/api/admin/assignment-rules', {method: 'PUT', body: text});
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.code, 'invalid-ruleset');
    assert.ok(answer.body.errors.length >= 2, JSON.stringify(answer.body.errors));
    for (const error of answer.body.errors) {
      assert.match(error.field, /^\//);
      assert.ok(error.line >= 1 && error.column >= 1, JSON.stringify(error));
    }
    const operator = answer.body.errors.find((e: {field: string}) => e.field.endsWith('/operator'));
    assert.ok(operator, 'the unknown operator is named');
    assert.equal(
      text.split('\n')[operator.line - 1]!.includes('equalz'),
      true,
      'line points at it',
    );
    assert.deepEqual(
      (await anna('/api/admin/assignment-rules')).body,
      JSON.parse(shippedRuleset()),
    );
    assert.equal(auditCount(), audit);
    const malformed = await anna('/api/admin/assignment-rules', {
      method: 'PUT',
      body: '{"rules": [',
    });
    assert.equal(malformed.body.code, 'invalid-json');
  });

  test('a valid ruleset is activated, compiled once, and used by the next reject', async () => {
    const ruleset = JSON.parse(shippedRuleset());
    ruleset.rules = [
      {
        name: 'everything-to-jonas',
        conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
        event: {type: 'assign', params: {to: 'user', userId: 'jonas'}},
      },
    ];
    const put = await anna('/api/admin/assignment-rules', {method: 'PUT', body: ruleset});
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.ruleset, ruleset);
    assert.ok(Array.isArray(put.body.warnings));
    const stats = await anna('/api/admin/assignment-rules/stats');
    assert.deepEqual(stats.body, {
      rules: [{name: 'everything-to-jonas', matched: 50}],
      unassignedOwner: 0,
      total: 50,
    });
    const lead = host.db
      .prepare("SELECT id FROM leads WHERE status = 'Qualified' LIMIT 1")
      .pluck()
      .get() as string;
    const answer = await call(`/api/leads/${lead}/reject`, {
      token: 'max',
      body: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
    });
    assert.deepEqual(answer.body.assignment, {
      outcome: 'assigned',
      ownerId: 'jonas',
      rule: 'everything-to-jonas',
    });
    const back = await anna('/api/admin/assignment-rules', {method: 'PUT', body: shippedRuleset()});
    assert.equal(back.status, 200);
  });

  test('a ruleset only json-rules-engine can run (asynchronous) still reassigns in one commit', async () => {
    const ruleset = {
      recordType: 'lead',
      unassignedOwner: 'lead-desk',
      rules: [
        {
          name: 'emea-by-descent',
          conditions: {all: [{fact: 'lead', path: '$..region', operator: 'equal', value: 'EMEA'}]},
          event: {type: 'assign', params: {to: 'user', userId: 'jonas'}},
        },
        {
          name: 'everything-else',
          conditions: {
            all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}],
          },
          event: {type: 'assign', params: {to: 'user', userId: 'max'}},
        },
      ],
    };
    const put = await anna('/api/admin/assignment-rules', {method: 'PUT', body: ruleset});
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.ok(put.body.warnings.some((w: {code: string}) => w.code === 'path-not-compiled'));
    try {
      const leads = host.db
        .prepare("SELECT id, region, version FROM leads WHERE status = 'Qualified' ORDER BY id")
        .all() as {id: string; region: string; version: number}[];
      const emea = leads.find((l) => l.region === 'EMEA')!;
      const other = leads.find((l) => l.region !== 'EMEA')!;
      for (const [lead, rule, owner] of [
        [emea, 'emea-by-descent', 'jonas'],
        [other, 'everything-else', 'max'],
      ] as const) {
        const answer = await call(`/api/leads/${lead.id}/reject`, {
          token: 'sofia',
          body: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
          headers: {'if-match': String(lead.version)},
        });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(answer.body.assignment, {outcome: 'assigned', ownerId: owner, rule});
        assert.equal(answer.body.lead.version, lead.version + 1);
      }
      const stats = (await anna('/api/admin/assignment-rules/stats')).body;
      assert.equal(stats.total, 50);
      assert.deepEqual(
        stats.rules.map((r: {name: string}) => r.name),
        ['emea-by-descent', 'everything-else'],
      );
      // racing rejects of one lead under the asynchronous path: one wins, one 409, one audit row
      const [lead] = leads.filter((l) => l.id !== emea.id && l.id !== other.id);
      const race = await Promise.all(
        ['max', 'sofia'].map((token) =>
          call(`/api/leads/${lead!.id}/reject`, {
            token,
            body: {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: true},
          }),
        ),
      );
      assert.deepEqual(
        race.map((a) => a.status).sort(),
        [200, 409],
        JSON.stringify(race.map((a) => a.body)),
      );
      assert.equal(
        host.db.prepare('SELECT count(*) FROM audit WHERE lead_id = ?').pluck().get(lead!.id),
        1,
      );
    } finally {
      await anna('/api/admin/assignment-rules', {method: 'PUT', body: shippedRuleset()});
    }
  });

  test('stats: every rule in order, counts adding up to all current leads', async () => {
    const stats = (await anna('/api/admin/assignment-rules/stats')).body;
    const names = JSON.parse(shippedRuleset()).rules.map((r: {name: string}) => r.name);
    assert.deepEqual(
      stats.rules.map((r: {name: string}) => r.name),
      names,
    );
    const leads = host.db.prepare('SELECT count(*) FROM leads').pluck().get();
    assert.equal(stats.total, leads);
    const sum = stats.rules.reduce((n: number, r: {matched: number}) => n + r.matched, 0);
    assert.equal(sum + stats.unassignedOwner, stats.total);
    assert.ok(stats.rules[0].matched > 0, 'the first rule catches rejected leads');
  });
});

describe('plugins', () => {
  test('GET /api/plugins: the seeded reject-lead, its stored manifest and files, config defaults', async () => {
    const answer = await call('/api/plugins', {token: 'max'});
    const [plugin] = answer.body;
    assert.deepEqual(
      {...plugin, manifest: undefined},
      {
        id: 'dev.crmkit.reject-lead',
        version: '0.1.0',
        manifest: undefined,
        baseUrl: '/plugins/dev.crmkit.reject-lead/0.1.0/',
        entryUrl: '/plugins/dev.crmkit.reject-lead/0.1.0/index.js',
        integrity: plugin.manifest.integrity,
        config: {reassignOwnerDefault: false},
        isolation: 'page',
      },
    );
    const entry = await fetch(`${host.url}${plugin.entryUrl}`);
    assert.equal(entry.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(entry.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(
      Buffer.from(await entry.arrayBuffer()),
      readFileSync(new URL('../../../../plugins/reject-lead/dist/index.js', import.meta.url)),
    );
  });

  test('a package over real HTTP: stored (201), its bytes served exactly, listed after enabling; a bad one refused (422)', async () => {
    const entry = `${FIXTURE_ENTRY}// ${'x'.repeat(70_000)}\n`; // more than one TCP chunk
    const bytes = pluginPackage({manifest: {id: 'dev.example.second', version: '2.0.0'}, entry});
    const stored = await anna('/api/admin/plugins', {body: bytes});
    assert.equal(stored.status, 201);
    assert.equal(stored.body.size, bytes.length);
    const served = await fetch(`${host.url}/plugins/dev.example.second/2.0.0/dist/index.js`);
    assert.equal(await served.text(), entry);
    assert.equal(
      (await fetch(`${host.url}/plugins/dev.example.second/2.0.0/..%2f..%2f..%2fpackage.json`))
        .status,
      404,
    );
    const enabled = await anna('/api/admin/plugins/dev.example.second', {
      method: 'PUT',
      body: {enabled: true},
    });
    assert.equal(enabled.status, 200);
    const pages = (await call('/api/plugins', {token: 'lena'})).body;
    assert.deepEqual(
      pages.map((p: {id: string}) => p.id),
      ['dev.crmkit.reject-lead', 'dev.example.second'],
    );
    const audits = auditCount();
    const refused = await anna('/api/admin/plugins', {
      body: pluginPackage({manifest: {id: 'dev.example.third'}, integrity: sri('other bytes')}),
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors[0].code, 'integrity-mismatch');
    assert.equal(auditCount(), audits);
    assert.equal(
      host.db
        .prepare("SELECT count(*) FROM plugin_packages WHERE plugin_id = 'dev.example.third'")
        .pluck()
        .get(),
      0,
    );
    const tooBig = await anna('/api/admin/plugins', {body: new Uint8Array(5 * 1024 * 1024 + 1)});
    assert.equal(tooBig.status, 422);
    assert.equal(tooBig.body.errors[0].code, 'too-large');
    const removed = await anna('/api/admin/plugins/dev.example.second', {method: 'DELETE'});
    assert.equal(removed.status, 204);
    assert.equal(
      (await fetch(`${host.url}/plugins/dev.example.second/2.0.0/dist/index.js`)).status,
      404,
    );
  });
});

describe('audit', () => {
  test('newest first, filtered by lead, with the actor; limit checked', async () => {
    const all = await anna('/api/admin/audit?limit=500');
    assert.equal(all.status, 200);
    assert.ok(all.body.length >= 5);
    const ids = all.body.map((e: {id: number}) => e.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a: number, b: number) => b - a),
    );
    const rejection = all.body.find(
      (e: {action: string; actor: {id: string}}) =>
        e.action === 'lead.rejected' && e.actor.id === 'max',
    );
    assert.deepEqual(rejection.actor, {id: 'max', name: 'Max Müller'});
    const one = await anna(`/api/admin/audit?leadId=${rejection.leadId}`);
    assert.ok(one.body.every((e: {leadId: string}) => e.leadId === rejection.leadId));
    const bad = await anna('/api/admin/audit?limit=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'invalid-query');
    assert.equal(bad.body.errors[0].field, 'limit');
  });
});

test('no answer in these tests broke the contract', () => {
  assert.deepEqual(
    logged.filter((line) => line.startsWith('contract:')),
    [],
  );
});
