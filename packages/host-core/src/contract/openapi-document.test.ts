import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {PRIVILEGES} from '@crmkit/sdk';
import {
  DOCUMENT_MODULE_FILE,
  REQUEST_VALIDATORS_FILE,
  documentModuleSource,
  requestValidatorsSource,
} from '../../scripts/openapi-artifacts.js';
import {OPENAPI_DOCUMENT} from './openapi-document.js';
import {PROBLEM_CODES} from './problem-codes.js';
import type {OpenApiOperation} from './openapi-types.js';

const json = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'));

const operations = (): Array<[string, string, OpenApiOperation]> =>
  Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, item]) =>
    Object.entries(item).map(
      ([method, op]) =>
        [path, method, op as OpenApiOperation] as [string, string, OpenApiOperation],
    ),
  );

test('the generated module is openapi.json (run scripts/write-openapi-module.ts after editing the JSON)', async () => {
  assert.deepEqual(OPENAPI_DOCUMENT, json);
  assert.equal(readFileSync(DOCUMENT_MODULE_FILE, 'utf8'), await documentModuleSource());
});

test('the generated request validators are up to date and need no CommonJS runtime', async () => {
  const code = readFileSync(REQUEST_VALIDATORS_FILE, 'utf8');
  assert.equal(code, await requestValidatorsSource());
  assert.doesNotMatch(code, /\brequire\(/);
});

test('PROBLEM_CODES lists exactly the enum of the document, with its statuses and titles', () => {
  const schema = json.components.schemas.ProblemCode;
  assert.deepEqual(Object.keys(PROBLEM_CODES), schema.enum);
  for (const [code, {status, title}] of Object.entries(PROBLEM_CODES)) {
    assert.equal(schema['x-crmkit-status'][code], status, code);
    assert.equal(schema['x-crmkit-title'][code], title, code);
  }
});

test('every operation names its privilege (a known key or null) and declares 401', () => {
  for (const [path, method, op] of operations()) {
    const where = `${method.toUpperCase()} ${path}`;
    assert.ok('x-crmkit-privilege' in op, `${where} lacks x-crmkit-privilege`);
    const privilege = op['x-crmkit-privilege'];
    assert.ok(privilege === null || (PRIVILEGES as readonly string[]).includes(privilege), where);
    assert.ok(op.responses['401'], `${where} must declare 401`);
    if (privilege !== null) assert.ok(op.responses['403'], `${where} must declare 403`);
  }
});

test('the routes of DESIGN.md and the issue are all in the contract, with their privileges', () => {
  const expected: Record<string, string | null> = {
    'GET /api/me': null,
    'GET /api/leads': 'leads.read',
    'GET /api/leads/{id}': 'leads.read',
    'POST /api/leads/{id}/reject': 'leads.reject',
    'GET /api/picklists/reject-codes': 'leads.read',
    'GET /api/settings/lead': 'leads.read',
    'GET /api/plugins': null,
    'POST /api/sessions': null,
    'DELETE /api/sessions/current': null,
    'POST /api/plugin-sessions': null,
    'GET /api/admin/settings/lead': 'plugins.manage',
    'PUT /api/admin/settings/lead': 'plugins.manage',
    'GET /api/admin/reject-codes': 'plugins.manage',
    'PUT /api/admin/reject-codes': 'plugins.manage',
    'GET /api/admin/assignment-rules': 'assignment.manage',
    'PUT /api/admin/assignment-rules': 'assignment.manage',
    'GET /api/admin/assignment-rules/stats': 'assignment.manage',
    'GET /api/admin/assignment-rules/versions': 'assignment.manage',
    'GET /api/admin/assignment-rules/versions/{version}': 'assignment.manage',
    'POST /api/admin/assignment-rules/versions/{version}/activate': 'assignment.manage',
    'POST /api/admin/assignment-rules/preview': 'assignment.manage',
    'GET /api/admin/plugins': 'plugins.manage',
    'POST /api/admin/plugins': 'plugins.manage',
    'PUT /api/admin/plugins/{pluginId}': 'plugins.manage',
    'DELETE /api/admin/plugins/{pluginId}': 'plugins.manage',
    'GET /api/admin/roles': 'plugins.manage',
    'PUT /api/admin/roles/{roleId}': 'plugins.manage',
    'GET /api/admin/users': 'plugins.manage',
    'PUT /api/admin/users/{userId}': 'plugins.manage',
    'GET /api/admin/audit': 'plugins.manage',
  };
  const actual = Object.fromEntries(
    operations().map(([path, method, op]) => [
      `${method.toUpperCase()} ${path}`,
      op['x-crmkit-privilege'],
    ]),
  );
  assert.deepEqual(actual, expected);
});

test('every error response is application/problem+json of the Problem schema', () => {
  for (const [name, response] of Object.entries(json.components.responses) as [
    string,
    {content: Record<string, {schema: {$ref: string}}>},
  ][]) {
    assert.deepEqual(Object.keys(response.content), ['application/problem+json'], name);
    assert.equal(
      response.content['application/problem+json']!.schema.$ref,
      '#/components/schemas/Problem',
    );
  }
  for (const [path, method, op] of operations()) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) >= 400) {
        assert.match(
          String((response as {$ref?: string}).$ref),
          /^#\/components\/responses\//,
          `${method} ${path} ${status}`,
        );
      }
    }
  }
});

test('operation ids are unique', () => {
  const ids = operations().map(([, , op]) => op.operationId);
  assert.equal(new Set(ids).size, ids.length);
});

test('every $ref resolves, and every path parameter of a template is declared as required', () => {
  const text = JSON.stringify(json);
  for (const [, kind, name] of text.matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)) {
    assert.ok(json.components[kind!]?.[name!], `#/components/${kind}/${name} does not exist`);
  }
  for (const [path, method, op] of operations()) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? [])
      .map((p) => ('$ref' in p ? json.components.parameters[p.$ref.split('/').pop()!] : p))
      .filter((p: {in: string}) => p.in === 'path');
    assert.deepEqual(
      declared.map((p: {name: string}) => p.name).sort(),
      [...names].sort(),
      `${method} ${path}`,
    );
    assert.ok(
      declared.every((p: {required?: boolean}) => p.required === true),
      `${method} ${path}`,
    );
  }
});
