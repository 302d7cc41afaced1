import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  SCHEMA_FILE,
  VALIDATOR_FILE,
  schemaJson,
  validatorSource,
} from '../../../scripts/manifest-artifacts.js';
import {PLUGIN_MANIFEST_SCHEMA} from './plugin-manifest-schema.js';

const regenerate =
  'run: node --conditions=@crmkit/source --import tsx packages/sdk/scripts/write-schema.ts';

test('schema/plugin-manifest.schema.json is up to date with PLUGIN_MANIFEST_SCHEMA', async () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), await schemaJson(), regenerate);
});

test('the generated standalone validator is up to date and needs no CommonJS runtime', async () => {
  const source = readFileSync(VALIDATOR_FILE, 'utf8');
  assert.equal(source, await validatorSource(), regenerate);
  assert.doesNotMatch(source, /\brequire\s*\(/);
});

test('the schema compiles as strict draft 2020-12 and has an $id', () => {
  const ajv = new Ajv2020({strict: true});
  assert.doesNotThrow(() => ajv.compile(PLUGIN_MANIFEST_SCHEMA));
  assert.equal(PLUGIN_MANIFEST_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.match(PLUGIN_MANIFEST_SCHEMA.$id, /^https:\/\/.+\.schema\.json$/);
});

test('every field of the schema has a title and a description, so editors can show them', () => {
  const missing: string[] = [];
  const walk = (node: Record<string, unknown>, path: string) => {
    for (const key of ['properties', '$defs'] as const) {
      const children = node[key] as Record<string, Record<string, unknown>> | undefined;
      for (const [name, child] of Object.entries(children ?? {})) {
        const at = `${path}/${key}/${name}`;
        if (!child['title'] || !child['description']) missing.push(at);
        walk(child, at);
        const items = child['items'] as Record<string, unknown> | undefined;
        if (items && !('$ref' in items)) {
          if (!items['title'] || !items['description']) missing.push(`${at}/items`);
          walk(items, `${at}/items`);
        }
      }
    }
  };
  walk(PLUGIN_MANIFEST_SCHEMA, '');
  assert.deepEqual(missing, []);
});

test('the package exports the schema file under @crmkit/sdk/schema/', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  assert.equal(
    pkg.exports['./schema/plugin-manifest.schema.json'],
    './schema/plugin-manifest.schema.json',
  );
  assert.ok(pkg.files.includes('schema'));
});
