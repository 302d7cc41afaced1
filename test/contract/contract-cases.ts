// The REST contract's cases, run unchanged against the msw mock host (contract.msw.test.ts) and the
// real dev host over HTTP (contract.server.test.ts). Each case starts from the demo data; its steps run
// in order, and every response is also validated against openapi.json by the runner.
import assert from 'node:assert/strict';
import type {Lead, Privilege} from '@crmkit/sdk';
import {OPENAPI_DOCUMENT} from '@crmkit/host-core';
import type {OpenApiOperation, ProblemCode} from '@crmkit/host-core';
import {DEFAULT_REJECT_CODES, DEMO_USERS, demoLeads} from '@crmkit/host-core';
import {SHIPPED_RULESET_TEXT, expectedAssignment} from './contract-assignment.js';

export interface ContractRequest {
  /** The demo user's bearer token; omitted: no Authorization header. */
  as?: string;
  /** A raw Authorization header (wins over `as`). */
  authorization?: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json` (unless `headers` says otherwise). */
  body?: unknown;
  /** Sent verbatim instead of `body`. */
  rawBody?: string;
}

export interface ContractResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ContractStep {
  request: ContractRequest;
  status: number;
  /** The problem's `code` (for error statuses). */
  code?: ProblemCode;
  /** `[field, code]` pairs that must be among the problem's `errors`. */
  fields?: Array<[string, string]>;
  /** More assertions; `previous` are the earlier steps' responses of this case. */
  check?: (response: ContractResponse, previous: ContractResponse[]) => void;
}

export interface ContractCase {
  name: string;
  steps: ContractStep[];
}

const QUALIFIED = 'L-1001'; // owner max, original owner max
const QUALIFIED_INACTIVE_ORIGINAL = 'L-1003'; // original owner petra (inactive), owner jonas
const QUALIFIED_OTHER = 'L-1002';
const QUALIFYING = 'L-1015';
const REJECTED = 'L-1035';
const PLUGIN_ID = 'dev.crmkit.reject-lead';
const demo = new Map(demoLeads().map((l) => [l.id, l]));

const get = (as: string | undefined, path: string, headers?: Record<string, string>) =>
  ({as, method: 'GET', path, headers}) as ContractRequest;
const put = (as: string, path: string, body: unknown): ContractRequest => ({
  as,
  method: 'PUT',
  path,
  body,
});
const reject = (
  as: string | undefined,
  id: string,
  body: unknown,
  headers?: Record<string, string>,
): ContractRequest => ({as, method: 'POST', path: `/api/leads/${id}/reject`, body, headers});

/** The lead is exactly as the demo data has it (a refused request changed nothing). */
const unchanged = (id: string): ContractStep => ({
  request: get('anna', `/api/leads/${id}`),
  status: 200,
  check: ({body}) => {
    const {ownerName: _a, originalOwnerName: _b, ...lead} = body as Lead;
    assert.deepEqual(lead, demo.get(id), `lead ${id} must be unchanged`);
  },
});
const noAudit = (id: string): ContractStep => ({
  request: get('anna', `/api/admin/audit?leadId=${id}`),
  status: 200,
  check: ({body}) => assert.deepEqual(body, [], `no audit row for ${id}`),
});
const picklistLabel = (body: Array<{key: string; label: string}>, key: string) =>
  body.find((c) => c.key === key)?.label;

/** The problem has a field error for `field` (headers and query parameters: the code is the host's). */
const namesField =
  (field: string) =>
  ({body}: ContractResponse): void =>
    assert.ok(
      body.errors?.some((e: {field: string}) => e.field === field),
      `a field error for ${field} in ${JSON.stringify(body.errors)}`,
    );

const adminCodes = () => DEFAULT_REJECT_CODES.map((c) => structuredClone(c));

// --- 401 and 403 for every operation of the contract --------------------------------------------

const samplePath = (template: string) =>
  template.replace('{id}', QUALIFIED).replace('{pluginId}', PLUGIN_ID);
const operations = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    path,
    method: method.toUpperCase() as ContractRequest['method'],
    op: op as OpenApiOperation,
  })),
);
/** A valid body for each operation that takes one, so a 403 cannot come from the body. */
const validBodies: Record<string, unknown> = {
  rejectLead: {rejectCode: 'DUPLICATE', reassignOwner: false},
  putAdminLeadSettings: {ownershipMode: 'book'},
  putAdminRejectCodes: adminCodes(),
  putAssignmentRules: JSON.parse(SHIPPED_RULESET_TEXT),
  installPlugin: {manifestUrl: '/x/plugin.json', manifest: {}},
};
const tokenUsers = DEMO_USERS.filter((u) => u.token !== null);

const authCases: ContractCase[] = operations.flatMap(({path, method, op}) => {
  const request = (extra: Partial<ContractRequest>): ContractRequest => ({
    method,
    path: samplePath(path),
    ...(validBodies[op.operationId] !== undefined ? {body: validBodies[op.operationId]} : {}),
    ...extra,
  });
  const cases: ContractCase[] = [
    {
      name: `401 ${method} ${path} without a token, with an unknown one and with another scheme`,
      steps: [
        ...[
          {},
          {as: 'mallory'},
          {authorization: 'Basic bWF4Om1heA=='},
          {authorization: 'Bearer'},
        ].map((extra): ContractStep => ({
          request: request(extra),
          status: 401,
          code: 'unauthorized',
          check: ({headers}) => assert.match(headers.get('WWW-Authenticate') ?? '', /^Bearer/i),
        })),
        unchanged(QUALIFIED),
      ],
    },
  ];
  const privilege = op['x-crmkit-privilege'] as Privilege | null;
  const lacking = privilege && tokenUsers.find((u) => !u.privileges.includes(privilege));
  if (lacking) {
    cases.push({
      name: `403 ${method} ${path} as ${lacking.token}, who lacks ${privilege}`,
      steps: [
        {
          request: request({as: lacking.token!}),
          status: 403,
          code: 'missing-privilege',
          check: ({body}) => assert.equal(body.privilege, privilege),
        },
        unchanged(QUALIFIED),
        {
          request: get('anna', '/api/admin/settings/lead'),
          status: 200,
          check: ({body}) => assert.equal(body.ownershipMode, 'mixed'),
        },
      ],
    });
  }
  return cases;
});

// --- reading ------------------------------------------------------------------------------------

const readCases: ContractCase[] = [
  {
    name: 'GET /api/me names the user, their locale and privileges',
    steps: [
      {
        request: get('max', '/api/me'),
        status: 200,
        check: ({body}) => {
          assert.equal(body.id, 'max');
          assert.equal(body.name, 'Max Müller');
          assert.equal(body.locale, 'de');
          assert.deepEqual([...body.privileges].sort(), [
            'leads.convert',
            'leads.qualify',
            'leads.read',
            'leads.reject',
          ]);
        },
      },
      {
        request: get('lena', '/api/me'),
        status: 200,
        check: ({body}) => assert.ok(!body.privileges.includes('leads.reject')),
      },
    ],
  },
  {
    name: 'GET /api/leads lists the 50 demo leads in id order with owner names',
    steps: [
      {
        request: get('lena', '/api/leads'),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(
            body.map((l: Lead) => l.id),
            [...demo.keys()].sort(),
          );
          const l1003 = body.find((l: Lead) => l.id === QUALIFIED_INACTIVE_ORIGINAL);
          assert.equal(l1003.ownerName, 'Jonas Weber');
          assert.equal(l1003.originalOwnerName, 'Petra Wagner');
        },
      },
    ],
  },
  {
    name: 'GET /api/leads?status= filters; an unknown status is 400 invalid-query',
    steps: [
      {
        request: get('max', '/api/leads?status=Qualified'),
        status: 200,
        check: ({body}) => {
          assert.equal(body.length, 14);
          assert.ok(body.every((l: Lead) => l.status === 'Qualified'));
        },
      },
      {
        request: get('max', '/api/leads?status=Rejected'),
        status: 200,
        check: ({body}) => assert.ok(body.length > 0 && body.every((l: Lead) => l.rejection)),
      },
      {
        request: get('max', '/api/leads?status=Lost'),
        status: 400,
        code: 'invalid-query',
        fields: [['status', 'enum']],
      },
    ],
  },
  {
    name: 'GET /api/leads/{id} answers the lead, a rejected one with its rejection; 404 lead-not-found',
    steps: [
      {
        request: get('max', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}) => {
          const {ownerName, originalOwnerName, ...lead} = body;
          assert.deepEqual(lead, demo.get(QUALIFIED));
          assert.equal(ownerName, 'Max Müller');
          assert.equal(originalOwnerName, 'Max Müller');
        },
      },
      {
        request: get('max', `/api/leads/${REJECTED}`),
        status: 200,
        check: ({body}) => assert.deepEqual(body.rejection, demo.get(REJECTED)!.rejection),
      },
      {request: get('max', '/api/leads/L-9999'), status: 404, code: 'lead-not-found'},
      {
        request: get('max', '/api/leads/L-%E0%A4%A'),
        status: 404,
        check: ({body}) =>
          assert.match(body.code, /^(lead-)?not-found$/, 'a malformed id is no lead'),
      },
    ],
  },
  {
    name: 'the picklist is labelled by Accept-Language, else the user locale, in picklist order',
    steps: [
      {
        request: get('max', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(
            body.map((c: {key: string}) => c.key),
            DEFAULT_REJECT_CODES.map((c) => c.key),
          );
          assert.equal(picklistLabel(body, 'OTHER'), 'Sonstige');
          assert.ok(body.every((c: {active: boolean}) => c.active));
        },
      },
      {
        request: get('max', '/api/picklists/reject-codes', {'Accept-Language': 'en'}),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'OTHER'), 'Other'),
      },
      {
        request: get('sofia', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'DUPLICATE'), 'Duplicate'),
      },
      {
        request: get('sofia', '/api/picklists/reject-codes', {
          'Accept-Language': 'fr-FR, de-AT;q=0.9, en;q=0.5',
        }),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'DUPLICATE'), 'Duplikat'),
      },
      {
        request: get('max', '/api/picklists/reject-codes', {'Accept-Language': 'fr'}),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'OTHER'), 'Sonstige'),
      },
    ],
  },
  {
    name: 'GET /api/settings/lead gives any leads.read user the ownership mode',
    steps: [
      {
        request: get('lena', '/api/settings/lead'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, {ownershipMode: 'mixed'}),
      },
    ],
  },
  {
    name: 'GET /api/plugins lists the installed reject-lead plugin with its config for any user',
    steps: [
      {
        request: get('lena', '/api/plugins'),
        status: 200,
        check: ({body}) => {
          const plugin = body.find((p: {id: string}) => p.id === PLUGIN_ID);
          assert.deepEqual(plugin, {
            id: PLUGIN_ID,
            manifestUrl: '/plugins/reject-lead/plugin.json',
            config: {reassignOwnerDefault: false},
          });
        },
      },
    ],
  },
  {
    name: 'the auth scheme is case-insensitive and a JSON body may name its charset',
    steps: [
      {
        request: {authorization: 'bearer max', method: 'GET', path: '/api/me'},
        status: 200,
        check: ({body}) => assert.equal(body.id, 'max'),
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Content-Type': 'application/json; charset=utf-8'},
        ),
        status: 200,
      },
    ],
  },
  {
    name: 'an unknown /api/ path is 404 not-found; a known path with another method is 405 with Allow',
    steps: [
      {request: get('max', '/api/nothing-here'), status: 404, code: 'not-found'},
      {request: get(undefined, '/api/nothing-here'), status: 404, code: 'not-found'},
      {
        request: {as: 'max', method: 'DELETE', path: '/api/leads'},
        status: 405,
        code: 'method-not-allowed',
        check: ({headers}) => assert.match(headers.get('Allow') ?? '', /GET/),
      },
    ],
  },
];

// --- rejecting ----------------------------------------------------------------------------------

const rejectCases: ContractCase[] = [
  {
    name: 'reject: status Rejected, version + 1, the rejection recorded, the owner kept, an audit row',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(Object.keys(body), ['lead']);
          const lead = body.lead;
          assert.equal(lead.status, 'Rejected');
          assert.equal(lead.version, 2);
          assert.equal(lead.ownerId, 'max');
          assert.equal(lead.rejection.code, 'DUPLICATE');
          assert.equal('reason' in lead.rejection, false);
          assert.deepEqual(lead.rejection.rejectedBy, {id: 'max', name: 'Max Müller'});
          assert.ok(Math.abs(Date.parse(lead.rejection.rejectedAt) - Date.now()) < 60_000);
        },
      },
      {
        request: get('lena', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}, [rejected]) => assert.deepEqual(body, rejected!.body.lead),
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) => {
          assert.equal(body.length, 1);
          assert.equal(body[0].action, 'lead.rejected');
          assert.deepEqual(body[0].actor, {id: 'max', name: 'Max Müller'});
        },
      },
    ],
  },
  {
    name: 'reject: the reason is trimmed; a blank or null reason counts as none',
    steps: [
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: '  \n Budget frozen until Q3.\t ',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason, 'Budget frozen until Q3.'),
      },
      {
        request: reject('max', QUALIFIED_OTHER, {
          rejectCode: 'DUPLICATE',
          rejectReason: ' \n  ',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal('reason' in body.lead.rejection, false),
      },
      {
        request: reject('sofia', 'L-1004', {
          rejectCode: 'DUPLICATE',
          rejectReason: null,
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal('reason' in body.lead.rejection, false),
      },
    ],
  },
  {
    name: 'reject with Reassign Owner: the Assignment Manager decides on the rejected lead, the original owner stays',
    steps: [
      {
        request: reject('max', QUALIFIED_INACTIVE_ORIGINAL, {
          rejectCode: 'OTHER',
          rejectReason: 'Wrong contact.',
          reassignOwner: true,
        }),
        status: 200,
        check: ({body}) => {
          const before = demo.get(QUALIFIED_INACTIVE_ORIGINAL)!;
          const expected = expectedAssignment({...body.lead, ownerId: before.ownerId});
          assert.deepEqual(body.assignment, expected);
          assert.equal(body.lead.ownerId, expected.ownerId);
          assert.equal(body.lead.originalOwnerId, 'petra');
          assert.equal(body.lead.version, 2);
          const owner = DEMO_USERS.find((u) => u.id === body.lead.ownerId)!;
          assert.ok(owner.active, 'assigned to an active user');
          assert.equal(body.lead.ownerName, owner.name);
        },
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(body.assignment, expectedAssignment({...body.lead, ownerId: 'max'}));
        },
      },
    ],
  },
  {
    name: 'reject: 404 lead-not-found, and the privilege is checked before the lead is looked up',
    steps: [
      {
        request: reject('max', 'L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 404,
        code: 'lead-not-found',
      },
      {
        request: reject('lena', 'L-9999', {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 403,
        code: 'missing-privilege',
      },
    ],
  },
  {
    name: 'reject: 409 lead-not-qualified for every status but Qualified, before the code is checked',
    steps: [
      ...[QUALIFYING, REJECTED, 'L-1027', 'L-1043'].map((id): ContractStep => ({
        request: reject('max', id, {rejectCode: 'NOPE', reassignOwner: false}),
        status: 409,
        code: 'lead-not-qualified',
        fields: [['', 'lead-not-qualified']],
      })),
      unchanged(QUALIFYING),
      noAudit(QUALIFYING),
    ],
  },
  {
    name: 'reject: a second user rejecting the same lead gets 409 lead-not-qualified',
    steps: [
      {
        request: reject('sofia', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'INSUFFICIENT_DATA', reassignOwner: false}),
        status: 409,
        code: 'lead-not-qualified',
        check: (_r, [first]) => assert.equal(first!.body.lead.rejection.code, 'DUPLICATE'),
      },
    ],
  },
  {
    name: 'reject: If-Match (plain or quoted) must be the current version, else 409 version-conflict',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '2'},
        ),
        status: 409,
        code: 'version-conflict',
        fields: [['If-Match', 'version-conflict']],
        check: ({body}) => assert.equal(body.currentVersion, 1),
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '"1"'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.version, 2),
      },
      {
        request: reject(
          'max',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': '1'},
        ),
        status: 200,
      },
    ],
  },
  {
    name: 'reject: a malformed If-Match or Idempotency-Key is 400 invalid-header',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'If-Match': 'abc'},
        ),
        status: 400,
        code: 'invalid-header',
        check: namesField('If-Match'),
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k'.repeat(256)},
        ),
        status: 400,
        code: 'invalid-header',
        check: namesField('Idempotency-Key'),
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 unknown-reject-code',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'NOT_A_CODE', reassignOwner: false}),
        status: 422,
        code: 'unknown-reject-code',
        fields: [['/rejectCode', 'unknown-reject-code']],
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 inactive-reject-code after an admin deactivated it; the picklist shows it inactive',
    steps: [
      {
        request: put(
          'anna',
          '/api/admin/reject-codes',
          adminCodes().map((c) => (c.key === 'DUPLICATE' ? {...c, active: false} : c)),
        ),
        status: 200,
      },
      {
        request: get('max', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) =>
          assert.equal(body.find((c: {key: string}) => c.key === 'DUPLICATE').active, false),
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 422,
        code: 'inactive-reject-code',
        fields: [['/rejectCode', 'inactive-reject-code']],
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 reason-required for OTHER without a reason (missing, blank, null)',
    steps: [
      ...[undefined, '   \n\t ', null, ''].map((rejectReason): ContractStep => ({
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          ...(rejectReason !== undefined ? {rejectReason} : {}),
          reassignOwner: true,
        }),
        status: 422,
        code: 'reason-required',
        fields: [['/rejectReason', 'reason-required']],
      })),
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
  {
    name: 'reject: 422 reason-too-long over 2000 characters after trimming; exactly 2000 is fine',
    steps: [
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: 'x'.repeat(2001),
          reassignOwner: false,
        }),
        status: 422,
        code: 'reason-too-long',
        fields: [['/rejectReason', 'reason-too-long']],
      },
      unchanged(QUALIFIED),
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'OTHER',
          rejectReason: `   ${'y'.repeat(2000)}   `,
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason.length, 2000),
      },
    ],
  },
  {
    name: 'reject: Book mode refuses Reassign Owner with 422, but rejects without it',
    steps: [
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: get('max', '/api/settings/lead'),
        status: 200,
        check: ({body}) => assert.equal(body.ownershipMode, 'book'),
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 422,
        code: 'reassign-not-allowed-in-book-mode',
        fields: [['/reassignOwner', 'reassign-not-allowed-in-book-mode']],
      },
      unchanged(QUALIFIED),
      {
        request: reject('max', QUALIFIED_INACTIVE_ORIGINAL, {
          rejectCode: 'DUPLICATE',
          reassignOwner: false,
        }),
        status: 200,
        check: ({body}) => {
          assert.equal(body.assignment, undefined);
          assert.equal(body.lead.ownerId, 'jonas');
        },
      },
    ],
  },
  {
    name: 'reject: a body that breaks the schema is 400 invalid-body naming each field',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 42, comment: 'x'}),
        status: 400,
        code: 'invalid-body',
        fields: [
          ['/rejectCode', 'type'],
          ['/reassignOwner', 'required'],
          ['/comment', 'additionalProperties'],
        ],
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: '', reassignOwner: 'yes'}),
        status: 400,
        code: 'invalid-body',
        fields: [
          ['/rejectCode', 'minLength'],
          ['/reassignOwner', 'type'],
        ],
      },
      {
        request: reject('max', QUALIFIED, ['DUPLICATE']),
        status: 400,
        code: 'invalid-body',
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: a body that is not JSON is 400 invalid-json; not declared as JSON, 415',
    steps: [
      {
        request: {
          as: 'max',
          method: 'POST',
          path: `/api/leads/${QUALIFIED}/reject`,
          rawBody: '{"rejectCode": "DUPLICATE",\n  reassignOwner: true}',
        },
        status: 400,
        code: 'invalid-json',
        check: ({body}) => assert.equal(body.errors?.[0]?.line, 2),
      },
      {
        request: {
          as: 'max',
          method: 'POST',
          path: `/api/leads/${QUALIFIED}/reject`,
          headers: {'Content-Type': 'text/plain'},
          rawBody: JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
        },
        status: 415,
        code: 'unsupported-media-type',
      },
      unchanged(QUALIFIED),
    ],
  },
  {
    name: 'reject: the same Idempotency-Key replays the first answer and changes nothing more',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: 'Moved abroad.', reassignOwner: true},
          {'Idempotency-Key': 'reject-L-1001-a'},
        ),
        status: 200,
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: '  Moved abroad. ', reassignOwner: true},
          {'Idempotency-Key': 'reject-L-1001-a', 'If-Match': '1'},
        ),
        status: 200,
        check: ({body, headers}, [first]) => {
          assert.deepEqual(body, first!.body);
          assert.equal(headers.get('Idempotent-Replayed'), 'true');
        },
      },
      {
        request: get('max', `/api/leads/${QUALIFIED}`),
        status: 200,
        check: ({body}) => assert.equal(body.version, 2),
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) => assert.equal(body.length, 1),
      },
    ],
  },
  {
    name: 'reject: an Idempotency-Key reused for another request is 422; keys are per user',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 200,
      },
      {
        request: reject(
          'max',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 422,
        code: 'idempotency-key-reused',
      },
      unchanged(QUALIFIED_OTHER),
      {
        request: reject(
          'sofia',
          QUALIFIED_OTHER,
          {rejectCode: 'DUPLICATE', reassignOwner: false},
          {'Idempotency-Key': 'k-1'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.id, QUALIFIED_OTHER),
      },
    ],
  },
  {
    name: 'reject: after a refusal the same Idempotency-Key may carry the corrected request',
    steps: [
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Idempotency-Key': 'k-2'},
        ),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', rejectReason: 'Retired.', reassignOwner: false},
          {'Idempotency-Key': 'k-2'},
        ),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.reason, 'Retired.'),
      },
    ],
  },
];

const orderCases: ContractCase[] = [
  {
    name: 'reject: the checks run in the documented order (version, code, reason, Book mode)',
    steps: [
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'NOPE', rejectReason: 'z'.repeat(3000), reassignOwner: true},
          {'If-Match': '7'},
        ),
        status: 409,
        code: 'version-conflict',
      },
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'NOPE',
          rejectReason: 'z'.repeat(3000),
          reassignOwner: true,
        }),
        status: 422,
        code: 'unknown-reject-code',
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'OTHER', reassignOwner: true}),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject('max', QUALIFIED, {
          rejectCode: 'DUPLICATE',
          rejectReason: 'z'.repeat(3000),
          reassignOwner: true,
        }),
        status: 422,
        code: 'reason-too-long',
      },
      unchanged(QUALIFIED),
      noAudit(QUALIFIED),
    ],
  },
  {
    name: 'problems: the detail follows Accept-Language (else the user locale); code and title do not',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'OTHER', reassignOwner: false}),
        status: 422,
        code: 'reason-required',
      },
      {
        request: reject(
          'max',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Accept-Language': 'en-GB, en;q=0.8'},
        ),
        status: 422,
        code: 'reason-required',
        check: ({body}, [german]) => {
          assert.equal(body.title, german!.body.title);
          assert.equal(body.type, 'urn:crmkit:problem:reason-required');
          assert.notEqual(body.detail, german!.body.detail, 'German for max, English when asked');
          assert.notEqual(body.errors[0].message, german!.body.errors[0].message);
        },
      },
      {
        request: reject(
          'sofia',
          QUALIFIED,
          {rejectCode: 'OTHER', reassignOwner: false},
          {'Accept-Language': 'de'},
        ),
        status: 422,
        check: ({body}, [german]) => assert.equal(body.detail, german!.body.detail),
      },
    ],
  },
];

// --- admin --------------------------------------------------------------------------------------

const otherRenamed = adminCodes().map((c) =>
  c.key === 'OTHER' ? {...c, labels: {en: '  Miscellaneous ', de: 'Diverses'}} : c,
);

const adminCases: ContractCase[] = [
  {
    name: 'admin: the ownership mode is read and replaced; an unknown mode is 400 invalid-body',
    steps: [
      {
        request: get('anna', '/api/admin/settings/lead'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, {ownershipMode: 'mixed'}),
      },
      {
        request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'team'}),
        status: 400,
        code: 'invalid-body',
        fields: [['/ownershipMode', 'enum']],
      },
      {
        request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'user', book: 'EMEA'}),
        status: 400,
        code: 'invalid-body',
        fields: [['/book', 'additionalProperties']],
      },
      {
        request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'user'}),
        status: 200,
        check: ({body}) => assert.deepEqual(body, {ownershipMode: 'user'}),
      },
      {
        request: get('max', '/api/settings/lead'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, {ownershipMode: 'user'}),
      },
    ],
  },
  {
    name: 'admin: the reject codes come with both labels in picklist order',
    steps: [
      {
        request: get('anna', '/api/admin/reject-codes'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, adminCodes()),
      },
    ],
  },
  {
    name: 'admin: renaming OTHER changes the picklist label, and it still requires a reason',
    steps: [
      {
        request: put('anna', '/api/admin/reject-codes', otherRenamed),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body.find((c: {key: string}) => c.key === 'OTHER').labels, {
            en: 'Miscellaneous',
            de: 'Diverses',
          }),
      },
      {
        request: get('max', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'OTHER'), 'Diverses'),
      },
      {
        request: get('sofia', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) => assert.equal(picklistLabel(body, 'OTHER'), 'Miscellaneous'),
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'OTHER', reassignOwner: false}),
        status: 422,
        code: 'reason-required',
      },
    ],
  },
  {
    name: 'admin: labels in more languages are kept and used for callers who ask for them',
    steps: [
      {
        request: put(
          'anna',
          '/api/admin/reject-codes',
          adminCodes().map((c) =>
            c.key === 'OTHER' ? {...c, labels: {...c.labels, fr: 'Autre', 'de-CH': 'Anderes'}} : c,
          ),
        ),
        status: 200,
      },
      {
        request: get('sofia', '/api/picklists/reject-codes', {
          'Accept-Language': 'fr-BE, en;q=0.5',
        }),
        status: 200,
        check: ({body}) => {
          assert.equal(picklistLabel(body, 'OTHER'), 'Autre');
          assert.equal(
            picklistLabel(body, 'DUPLICATE'),
            'Duplicate',
            'falls back to the next range',
          );
        },
      },
      {
        request: get('sofia', '/api/picklists/reject-codes', {'Accept-Language': 'de-CH'}),
        status: 200,
        check: ({body}) => {
          assert.equal(picklistLabel(body, 'OTHER'), 'Anderes');
          assert.equal(picklistLabel(body, 'DUPLICATE'), 'Duplikat');
        },
      },
      {
        request: get('anna', '/api/admin/reject-codes'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body.find((c: {key: string}) => c.key === 'OTHER').labels, {
            en: 'Other',
            de: 'Sonstige',
            fr: 'Autre',
            'de-CH': 'Anderes',
          }),
      },
    ],
  },
  {
    name: 'admin: a new code appears in the picklist where it was put and can be used',
    steps: [
      {
        request: put('anna', '/api/admin/reject-codes', [
          {key: 'WRONG_REGION', labels: {en: 'Wrong Region', de: 'Falsche Region'}, active: true},
          ...adminCodes(),
        ]),
        status: 200,
      },
      {
        request: get('sofia', '/api/picklists/reject-codes'),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(body[0], {key: 'WRONG_REGION', label: 'Wrong Region', active: true});
          assert.equal(body.length, 15);
        },
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'WRONG_REGION', reassignOwner: false}),
        status: 200,
        check: ({body}) => assert.equal(body.lead.rejection.code, 'WRONG_REGION'),
      },
    ],
  },
  {
    name: 'admin: a duplicate or a missing key is 422 invalid-reject-codes and changes nothing',
    steps: [
      {
        request: put('anna', '/api/admin/reject-codes', [...adminCodes(), adminCodes()[2]]),
        status: 422,
        code: 'invalid-reject-codes',
        fields: [['/14/key', 'duplicate-key']],
      },
      {
        request: put(
          'anna',
          '/api/admin/reject-codes',
          adminCodes().filter((c) => c.key !== 'OTHER'),
        ),
        status: 422,
        code: 'invalid-reject-codes',
        fields: [['', 'reject-code-removed']],
      },
      {
        request: put('anna', '/api/admin/reject-codes', [
          {key: 'lower case', labels: {en: ' ', de: 'x'}, active: true},
        ]),
        status: 400,
        code: 'invalid-body',
        fields: [
          ['/0/key', 'pattern'],
          ['/0/labels/en', 'pattern'],
        ],
      },
      {
        request: get('anna', '/api/admin/reject-codes'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, adminCodes()),
      },
    ],
  },
  {
    name: 'admin: the active ruleset is the shipped one',
    steps: [
      {
        request: get('anna', '/api/admin/assignment-rules'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, JSON.parse(SHIPPED_RULESET_TEXT)),
      },
    ],
  },
  {
    name: 'admin: an invalid ruleset is refused with every lint error and line numbers; the active one stays',
    steps: [
      {
        request: {
          as: 'anna',
          method: 'PUT',
          path: '/api/admin/assignment-rules',
          rawBody: SHIPPED_RULESET_TEXT.replace(
            '"operator": "equal"',
            '"operator": "equalz"',
          ).replace('"to": "originalOwner"', '"to": "territory"'),
        },
        status: 422,
        code: 'invalid-ruleset',
        check: ({body}) => {
          assert.ok(body.errors.length >= 2, 'every error is listed');
          for (const e of body.errors) {
            assert.match(e.field, /^\//);
            assert.ok(e.line >= 1 && e.column >= 1, 'each error has a position');
          }
          const lines = SHIPPED_RULESET_TEXT.split('\n');
          const operatorLine = lines.findIndex((l) => l.includes('"operator": "equal"')) + 1;
          assert.ok(body.errors.some((e: {line: number}) => e.line === operatorLine));
        },
      },
      {
        request: get('anna', '/api/admin/assignment-rules'),
        status: 200,
        check: ({body}) => assert.deepEqual(body, JSON.parse(SHIPPED_RULESET_TEXT)),
      },
      {
        request: put('anna', '/api/admin/assignment-rules', [1, 2]),
        status: 400,
        code: 'invalid-body',
      },
    ],
  },
  {
    name: 'admin: a valid ruleset becomes active and decides the next reassignment',
    steps: [
      {
        request: put('anna', '/api/admin/assignment-rules', {
          recordType: 'lead',
          unassignedOwner: 'lead-desk',
          rules: [
            {
              name: 'everything-to-jonas',
              conditions: {
                all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}],
              },
              event: {type: 'assign', params: {to: 'user', userId: 'jonas'}},
            },
          ],
        }),
        status: 200,
        check: ({body}) => {
          assert.equal(body.ruleset.rules[0].name, 'everything-to-jonas');
          assert.ok(Array.isArray(body.warnings));
        },
      },
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: true}),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body.assignment, {
            outcome: 'assigned',
            ownerId: 'jonas',
            rule: 'everything-to-jonas',
          }),
      },
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(body, {
            rules: [{name: 'everything-to-jonas', matched: 50}],
            unassignedOwner: 0,
            total: 50,
          }),
      },
    ],
  },
  {
    name: 'admin: the stats count, per rule of the active ruleset, the current leads as if rejected now',
    steps: [
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}) => {
          const ruleset = JSON.parse(SHIPPED_RULESET_TEXT);
          const counts = new Map<string, number>(
            ruleset.rules.map((r: {name: string}) => [r.name, 0]),
          );
          let unassigned = 0;
          for (const lead of demo.values()) {
            const {rule} = expectedAssignment({...lead, status: 'Rejected'});
            if (rule === null) unassigned++;
            else counts.set(rule, counts.get(rule)! + 1);
          }
          assert.deepEqual(body, {
            rules: [...counts].map(([name, matched]) => ({name, matched})),
            unassignedOwner: unassigned,
            total: 50,
          });
        },
      },
    ],
  },
  {
    name: 'admin: the stats do not depend on the ownership mode (Book mode still shows what the rules would do)',
    steps: [
      {request: get('anna', '/api/admin/assignment-rules/stats'), status: 200},
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'book'}), status: 200},
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}, [mixed]) => assert.deepEqual(body, mixed!.body),
      },
      {request: put('anna', '/api/admin/settings/lead', {ownershipMode: 'user'}), status: 200},
      {
        request: get('anna', '/api/admin/assignment-rules/stats'),
        status: 200,
        check: ({body}, [mixed]) => assert.deepEqual(body, mixed!.body),
      },
    ],
  },
  {
    name: 'admin: a plugin is installed (201), replaced (200), listed for pages and uninstalled (204, then 404)',
    steps: [
      {
        request: {
          as: 'anna',
          method: 'POST',
          path: '/api/admin/plugins',
          body: {
            manifestUrl: '/plugins/contract-test/plugin.json',
            manifest: testManifest(),
            config: {greeting: 'Hallo'},
          },
        },
        status: 201,
        check: ({body}) => {
          assert.equal(body.id, 'dev.crmkit.contract-test');
          assert.deepEqual(body.config, {greeting: 'Hallo', loud: false});
        },
      },
      {
        request: {
          as: 'anna',
          method: 'POST',
          path: '/api/admin/plugins',
          body: {manifestUrl: '/plugins/contract-test/plugin.json', manifest: testManifest()},
        },
        status: 200,
        check: ({body}) => assert.deepEqual(body.config, {greeting: 'Hello', loud: false}),
      },
      {
        request: get('max', '/api/plugins'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.find((p: {id: string}) => p.id === 'dev.crmkit.contract-test'),
            {
              id: 'dev.crmkit.contract-test',
              manifestUrl: '/plugins/contract-test/plugin.json',
              config: {greeting: 'Hello', loud: false},
            },
          ),
      },
      {
        request: get('anna', '/api/admin/plugins'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((p: {id: string}) => p.id).sort(),
            [PLUGIN_ID, 'dev.crmkit.contract-test'].sort(),
          ),
      },
      {
        request: {
          as: 'anna',
          method: 'DELETE',
          path: '/api/admin/plugins/dev.crmkit.contract-test',
        },
        status: 204,
      },
      {
        request: {
          as: 'anna',
          method: 'DELETE',
          path: '/api/admin/plugins/dev.crmkit.contract-test',
        },
        status: 404,
        code: 'plugin-not-found',
      },
    ],
  },
  {
    name: 'admin: an invalid manifest is 422 invalid-manifest with its issues; a bad config is 422 invalid-plugin-config',
    steps: [
      {
        request: {
          as: 'anna',
          method: 'POST',
          path: '/api/admin/plugins',
          body: {
            manifestUrl: '/x/plugin.json',
            manifest: {...testManifest(), id: 'Not An Id', permissions: ['leads.delete']},
          },
        },
        status: 422,
        code: 'invalid-manifest',
        check: ({body}) => {
          assert.ok(body.errors.length >= 2);
          assert.ok(body.errors.every((e: {field: string}) => e.field.startsWith('/manifest')));
          assert.ok(
            body.errors.some((e: {field: string}) => e.field.startsWith('/manifest/permissions')),
          );
        },
      },
      {
        request: {
          as: 'anna',
          method: 'POST',
          path: '/api/admin/plugins',
          body: {manifestUrl: '/x/plugin.json', manifest: testManifest(), config: {loud: 'yes'}},
        },
        status: 422,
        code: 'invalid-plugin-config',
        fields: [['/config/loud', 'type']],
      },
      {
        request: get('anna', '/api/admin/plugins'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((p: {id: string}) => p.id),
            [PLUGIN_ID],
          ),
      },
    ],
  },
  {
    name: 'admin: the audit trail is newest first and filters by lead',
    steps: [
      {
        request: reject('max', QUALIFIED, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: reject('sofia', QUALIFIED_OTHER, {rejectCode: 'DUPLICATE', reassignOwner: false}),
        status: 200,
      },
      {
        request: get('anna', '/api/admin/audit?limit=1'),
        status: 200,
        check: ({body}) => {
          assert.equal(body.length, 1);
          assert.equal(body[0].leadId, QUALIFIED_OTHER);
        },
      },
      {
        request: get('anna', `/api/admin/audit?leadId=${QUALIFIED}`),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((r: {leadId: string}) => r.leadId),
            [QUALIFIED],
          ),
      },
      {
        request: get('anna', '/api/admin/audit?limit=0'),
        status: 400,
        code: 'invalid-query',
        check: namesField('limit'),
      },
    ],
  },
];

function testManifest() {
  return {
    id: 'dev.crmkit.contract-test',
    name: 'contract-test',
    version: '1.0.0',
    sdk: '^0.1.0',
    displayName: {en: 'Contract Test', de: 'Vertragstest'},
    entry: 'dist/index.js',
    elements: [{tag: 'crm-contract-test', extensionPoint: 'lead.detail.panel'}],
    actions: [],
    permissions: ['leads.read'],
    config: {
      type: 'object',
      properties: {
        greeting: {type: 'string', default: 'Hello'},
        loud: {type: 'boolean', default: false},
      },
      additionalProperties: false,
    },
  };
}

/** Every case of the contract, in a stable order. */
export const CONTRACT_CASES: readonly ContractCase[] = [
  ...readCases,
  ...rejectCases,
  ...orderCases,
  ...adminCases,
  ...authCases,
];
