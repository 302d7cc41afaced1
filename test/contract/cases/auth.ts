// 401 and 403 for every operation of the contract, generated from openapi.json: 401 without a token,
// with an unknown one and with another scheme; 403 where a demo user lacks the operation's privilege.
import assert from 'node:assert/strict';
import type {Privilege} from '@crmkit/sdk';
import {DEMO_ROLES, DEMO_USERS, OPENAPI_DOCUMENT} from '@crmkit/host-core';
import type {OpenApiOperation} from '@crmkit/host-core';
import {pluginPackage} from '../../../packages/host-core/test/plugin-package-fixture.js';
import {SHIPPED_RULESET_TEXT} from '../contract-assignment.js';
import type {ContractCase, ContractRequest, ContractStep} from './contract-case.js';
import {PLUGIN_ID, QUALIFIED, adminCodes, get, unchanged} from './contract-case.js';

const samplePath = (template: string) =>
  template
    .replace('{id}', QUALIFIED)
    .replace('{pluginId}', PLUGIN_ID)
    .replace('{roleId}', 'sales-rep')
    .replace('{userId}', 'max');
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
  uploadPluginPackage: pluginPackage(),
  updatePlugin: {enabled: false},
  updateRole: {privileges: ['leads.read']},
  updateUser: {roleId: 'marketing'},
  createPluginSession: {pluginId: PLUGIN_ID},
};
const tokenUsers = DEMO_USERS.filter((u) => u.token !== null);

export const authCases: ContractCase[] = operations.flatMap(({path, method, op}) => {
  const request = (extra: Partial<ContractRequest>): ContractRequest => ({
    method,
    path: samplePath(path),
    ...(validBodies[op.operationId] instanceof Uint8Array
      ? {bytes: validBodies[op.operationId] as Uint8Array}
      : validBodies[op.operationId] !== undefined
        ? {body: validBodies[op.operationId]}
        : {}),
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
  const privilegesOf = (u: (typeof tokenUsers)[number]) =>
    DEMO_ROLES.find((r) => r.id === u.roleId)!.privileges;
  const lacking = privilege && tokenUsers.find((u) => !privilegesOf(u).includes(privilege));
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
