// Admin: installing, replacing, listing and uninstalling a plugin; invalid manifests and configs.
import assert from 'node:assert/strict';
import type {ContractCase} from './contract-case.js';
import {PLUGIN_ID, get} from './contract-case.js';

export const adminPluginCases: ContractCase[] = [
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
