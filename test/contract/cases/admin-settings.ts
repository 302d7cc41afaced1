// Admin: the lead settings (the ownership mode), read and replaced, and who sees the change.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {get, put} from './contract-case.js';

export const adminSettingsCases: ContractCase[] = [
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
];
