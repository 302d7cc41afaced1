// Reading: the user, the leads (all, by status, one), the reject-code picklist by language, the
// ownership mode and the installed plugins.
import assert from 'node:assert/strict';
import type {Lead} from '@crmkit/sdk';
import {DEFAULT_REJECT_CODES} from '@crmkit/host-core';
import type {ContractCase} from './contract-case.js';
import {
  PLUGIN_ID,
  QUALIFIED,
  QUALIFIED_INACTIVE_ORIGINAL,
  REJECTED,
  demo,
  get,
  picklistLabel,
} from './contract-case.js';

export const readCases: ContractCase[] = [
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
          assert.deepEqual(
            {...plugin, manifest: undefined, integrity: undefined},
            {
              id: PLUGIN_ID,
              version: '0.1.0',
              manifest: undefined,
              baseUrl: `/plugins/${PLUGIN_ID}/0.1.0/`,
              entryUrl: `/plugins/${PLUGIN_ID}/0.1.0/index.js`,
              integrity: undefined,
              config: {reassignOwnerDefault: false},
              isolation: 'page',
            },
          );
          assert.equal(plugin.integrity, plugin.manifest.integrity);
        },
      },
    ],
  },
];
