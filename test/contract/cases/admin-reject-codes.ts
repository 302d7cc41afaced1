// Admin: the reject codes, their labels per language, new and deactivated codes, and the invalid
// lists that are refused.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {QUALIFIED, adminCodes, get, picklistLabel, put, reject} from './contract-case.js';

const otherRenamed = adminCodes().map((c) =>
  c.key === 'OTHER' ? {...c, labels: {en: '  Miscellaneous ', de: 'Diverses'}} : c,
);

export const adminRejectCodeCases: ContractCase[] = [
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
];
