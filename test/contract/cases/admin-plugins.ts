// Admin: plugin packages (upload, the same bytes again, a version that exists), consent by enabling,
// an upgrade that asks for more (pending until accepted), roll back, disable and uninstall; every
// refusal of a bad package with its own code; roles and users.
import assert from 'node:assert/strict';
import {
  FIXTURE_ENTRY,
  gzip,
  pluginPackage,
  sri,
  tarArchive,
} from '../../../packages/host-core/test/plugin-package-fixture.js';
import type {ContractCase, ContractRequest} from './contract-case.js';
import {PLUGIN_ID, get, put} from './contract-case.js';

const ID = 'dev.crmkit.fixture';
const upload = (bytes: Uint8Array, as = 'anna'): ContractRequest => ({
  as,
  method: 'POST',
  path: '/api/admin/plugins',
  bytes,
});
const v1 = pluginPackage();
const v2 = pluginPackage({
  manifest: {version: '1.1.0', permissions: ['leads.read', 'leads.qualify']},
});
const ids = (body: Array<{id: string}>) => body.map((p) => p.id);
const ok = {
  name: 'plugin.json',
  body: JSON.stringify({...manifest(), integrity: sri(FIXTURE_ENTRY)}),
};

function manifest() {
  return {
    id: ID,
    name: 'fixture',
    version: '1.0.0',
    sdk: '^0.1.0',
    displayName: {en: 'Fixture', de: 'Testobjekt'},
    entry: 'dist/index.js',
    elements: [{tag: 'crm-fixture-panel', extensionPoint: 'lead.detail.panel'}],
    actions: [],
    permissions: ['leads.read'],
  };
}

export const adminPluginCases: ContractCase[] = [
  {
    name: 'admin: a package is stored disabled (201), the same bytes 200, other bytes 409; enabling is consent; pages get it then',
    steps: [
      {
        request: upload(v1),
        status: 201,
        check: ({body}) => {
          assert.equal(body.id, ID);
          assert.equal(body.enabled, false);
          assert.deepEqual(body.permissions, ['leads.read']);
          assert.equal(body.integrity, sri(FIXTURE_ENTRY));
        },
      },
      {request: upload(v1), status: 200},
      {
        request: upload(pluginPackage({entry: `${FIXTURE_ENTRY}// other\n`})),
        status: 409,
        code: 'plugin-version-exists',
      },
      {
        request: get('max', '/api/plugins'),
        status: 200,
        check: ({body}) => assert.deepEqual(ids(body), [PLUGIN_ID]),
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {enabled: true}),
        status: 200,
        check: ({body}) => assert.deepEqual(body.acceptedPermissions, ['leads.read']),
      },
      {
        request: get('max', '/api/plugins'),
        status: 200,
        check: ({body}) => {
          assert.deepEqual(ids(body), [PLUGIN_ID, ID]);
          assert.equal(body[1].entryUrl, `/plugins/${ID}/1.0.0/dist/index.js`);
          assert.equal(body[1].isolation, 'frame');
        },
      },
      {
        request: get('anna', `/api/admin/audit?pluginId=${ID}`),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((e: {action: string}) => e.action),
            ['plugin.enabled', 'plugin.installed'],
          ),
      },
    ],
  },
  {
    name: 'admin: an upgrade asking for more is 409 permissions-not-accepted until accepted; roll back; disable; uninstall',
    steps: [
      {request: upload(v1), status: 201},
      {request: put('anna', `/api/admin/plugins/${ID}`, {enabled: true}), status: 200},
      {
        request: upload(v2),
        status: 201,
        check: ({body}) =>
          assert.deepEqual(body.plugin.upgrade, {
            version: '1.1.0',
            permissions: ['leads.read', 'leads.qualify'],
            addedPermissions: ['leads.qualify'],
          }),
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {version: '1.1.0'}),
        status: 409,
        code: 'permissions-not-accepted',
        check: ({body}) => assert.deepEqual(body.added, ['leads.qualify']),
      },
      {
        request: get('max', '/api/plugins'),
        status: 200,
        check: ({body}) => assert.equal(body[1].version, '1.0.0'),
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {
          version: '1.1.0',
          acceptPermissions: ['leads.read', 'leads.qualify'],
        }),
        status: 200,
        check: ({body}) => assert.equal(body.version, '1.1.0'),
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {version: '1.0.0'}),
        status: 200,
        check: ({body}) => assert.equal(body.previousVersion, '1.1.0'),
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {version: '7.0.0'}),
        status: 422,
        code: 'unknown-plugin-version',
        fields: [['/version', 'unknown-plugin-version']],
      },
      {
        request: put('anna', `/api/admin/plugins/${ID}`, {config: {greeting: 1}}),
        status: 422,
        code: 'invalid-plugin-config',
      },
      {request: put('anna', `/api/admin/plugins/${ID}`, {enabled: false}), status: 200},
      {
        request: get('max', '/api/plugins'),
        status: 200,
        check: ({body}) => assert.deepEqual(ids(body), [PLUGIN_ID]),
      },
      {request: {as: 'anna', method: 'DELETE', path: `/api/admin/plugins/${ID}`}, status: 204},
      {
        request: {as: 'anna', method: 'DELETE', path: `/api/admin/plugins/${ID}`},
        status: 404,
        code: 'plugin-not-found',
      },
    ],
  },
  {
    name: 'admin: every bad package is refused with its own code naming the file, and nothing is stored',
    steps: [
      ...(
        [
          [new TextEncoder().encode('not a package at all, just text'), '', 'not-gzip'],
          [gzip(new TextEncoder().encode('text '.repeat(300))), '', 'not-tar'],
          [
            gzip(tarArchive([ok, {name: 'dist/index.js', type: '2', linkName: '/etc/passwd'}])),
            'dist/index.js',
            'link',
          ],
          [
            gzip(
              tarArchive([
                ok,
                {name: 'dist/index.js', body: FIXTURE_ENTRY},
                {name: 'dev', type: '3'},
              ]),
            ),
            'dev',
            'special-file',
          ],
          [
            gzip(
              tarArchive([
                ok,
                {name: 'dist/index.js', body: FIXTURE_ENTRY},
                {name: '../x.js', body: 'x'},
              ]),
            ),
            '../x.js',
            'path-outside',
          ],
          [
            gzip(tarArchive([{name: 'dist/index.js', body: FIXTURE_ENTRY}])),
            'plugin.json',
            'manifest-missing',
          ],
          [gzip(tarArchive([ok])), 'dist/index.js', 'entry-missing'],
          [pluginPackage({integrity: sri('else')}), 'dist/index.js', 'integrity-mismatch'],
          [new Uint8Array(5 * 1024 * 1024 + 1), '', 'too-large'],
        ] as const
      ).map(([bytes, field, code]) => ({
        request: upload(bytes as Uint8Array),
        status: 422,
        code: 'invalid-plugin-package' as const,
        fields: [[field, code]] as Array<[string, string]>,
      })),
      {
        request: upload(pluginPackage({manifest: {permissions: ['leads.delete']}})),
        status: 422,
        code: 'invalid-manifest',
      },
      {
        request: {...upload(v1), headers: {'Content-Type': 'application/zip'}},
        status: 415,
        code: 'unsupported-media-type',
      },
      {request: upload(v1, 'max'), status: 403, code: 'missing-privilege'},
      {
        request: get('anna', '/api/admin/plugins'),
        status: 200,
        check: ({body}) => assert.deepEqual(ids(body), [PLUGIN_ID]),
      },
    ],
  },
  {
    name: 'admin: roles hold the privileges; taking leads.reject from Sales Rep refuses max at once; the last admin stays',
    steps: [
      {
        request: get('anna', '/api/admin/roles'),
        status: 200,
        check: ({body}) =>
          assert.deepEqual(
            body.map((r: {id: string}) => r.id),
            ['administrator', 'sales-manager', 'sales-rep', 'marketing'],
          ),
      },
      {
        request: put('anna', '/api/admin/roles/sales-rep', {
          privileges: ['leads.read', 'leads.qualify', 'leads.convert'],
        }),
        status: 200,
      },
      {
        request: {
          as: 'max',
          method: 'POST',
          path: '/api/leads/L-1001/reject',
          body: {rejectCode: 'DUPLICATE', reassignOwner: false},
        },
        status: 403,
        code: 'missing-privilege',
      },
      {
        request: put('anna', '/api/admin/roles/sales-rep', {privileges: ['leads.fly']}),
        status: 422,
        code: 'unknown-privilege',
        fields: [['/privileges/0', 'unknown-privilege']],
      },
      {
        request: put('anna', '/api/admin/roles/administrator', {privileges: ['leads.read']}),
        status: 409,
        code: 'last-admin',
      },
      {
        request: put('anna', '/api/admin/users/anna', {roleId: 'marketing'}),
        status: 409,
        code: 'last-admin',
      },
      {
        request: put('anna', '/api/admin/users/max', {roleId: 'astronaut'}),
        status: 422,
        code: 'unknown-role',
      },
      {
        request: put('anna', '/api/admin/users/nobody', {roleId: 'marketing'}),
        status: 404,
        code: 'user-not-found',
      },
      {
        request: put('anna', '/api/admin/roles/nobody', {privileges: []}),
        status: 404,
        code: 'role-not-found',
      },
      {
        request: put('anna', '/api/admin/users/max', {roleId: 'sales-manager'}),
        status: 200,
        check: ({body}) => assert.equal(body.roleId, 'sales-manager'),
      },
      {
        request: get('max', '/api/me'),
        status: 200,
        check: ({body}) => assert.ok(body.privileges.includes('leads.archive')),
      },
    ],
  },
];
