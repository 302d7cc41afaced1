import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import {CONTRACT_KEYWORDS} from '../src/contract/request-schemas.js';
import type {JsonSchema, OpenApiDocument} from '../src/contract/openapi-types.js';
import {EMBEDDED_SCHEMAS, embedSchemas} from './embedded-schemas.js';
import {SOURCE_FILE, openapiSource} from './openapi-artifacts.js';

const readJson = (file: string | URL) => JSON.parse(readFileSync(file, 'utf8'));
const document: OpenApiDocument = readJson(SOURCE_FILE);

test('openapi.json embeds the current source schemas (run scripts/write-openapi-module.ts after editing one)', async () => {
  assert.equal(readFileSync(SOURCE_FILE, 'utf8'), await openapiSource());
});

test('each embedded copy is its source file: $defs as components, refs rewritten, nothing else changed', () => {
  for (const entry of EMBEDDED_SCHEMAS) {
    const {$schema: _s, $id: _i, $defs = {}, ...root} = readJson(entry.file);
    const rewritten = (schema: JsonSchema) =>
      JSON.parse(
        JSON.stringify(schema).replace(
          /"\$ref":"#\/\$defs\/(\w)(\w*)"/g,
          (_m, first: string, rest: string) =>
            `"$ref":"#/components/schemas/${entry.name}${first.toUpperCase()}${rest}"`,
        ),
      );
    const {
      'x-crmkit-source': source,
      'x-crmkit-request-check': requestCheck,
      ...copy
    } = document.components.schemas[entry.name]!;
    assert.equal(source, entry.source);
    assert.deepEqual(requestCheck, entry.requestCheck);
    assert.deepEqual(copy, rewritten(root), entry.name);
    for (const [def, schema] of Object.entries($defs as Record<string, JsonSchema>)) {
      const name = `${entry.name}${def[0]!.toUpperCase()}${def.slice(1)}`;
      const {'x-crmkit-source': defSource, ...defCopy} = document.components.schemas[name] ?? {};
      assert.equal(defSource, `${entry.source}#/$defs/${def}`, name);
      assert.deepEqual(defCopy, rewritten(schema), name);
    }
  }
});

test('an embedded copy accepts and refuses exactly what its source schema does', () => {
  const ajv = (strict: boolean) =>
    new Ajv2020({strict, strictRequired: false, strictTypes: false, allErrors: true});
  const contract = ajv(true);
  for (const keyword of CONTRACT_KEYWORDS) contract.addKeyword(keyword);
  contract.addSchema({$id: 'doc', components: document.components});
  const ruleset = readJson(new URL('../../../rules/lead-assignment.json', import.meta.url));
  const manifest = readJson(new URL('../../../plugins/reject-lead/plugin.json', import.meta.url));
  const samples: Record<string, unknown[]> = {
    Ruleset: [
      ruleset,
      {...ruleset, recordType: 'opportunity'},
      {...ruleset, rules: [{...ruleset.rules[0], event: {type: 'assign', params: {to: 'user'}}}]},
      {...ruleset, rules: [{name: 'x', conditions: {fact: 'lead'}, event: ruleset.rules[0].event}]},
      {recordType: 'lead', unassignedOwner: 'desk', rules: [], extra: 1},
    ],
    PluginManifest: [
      manifest,
      {...manifest, id: 'Not An Id'},
      {...manifest, displayName: {de: 'Nur Deutsch'}},
      {...manifest, config: {type: 'object', properties: {x: {type: 'boolean'}}}},
      {...manifest, elements: [{tag: 'crm-x', extensionPoint: 'lead.detail.nowhere'}]},
    ],
  };
  for (const entry of EMBEDDED_SCHEMAS) {
    const original = ajv(true).compile(readJson(entry.file));
    const copy = contract.getSchema(`doc#/components/schemas/${entry.name}`)!;
    const verdicts = samples[entry.name]!.map((value) => [original(value), copy(value)]);
    assert.deepEqual(verdicts[0], [true, true], `${entry.name}: the shipped one is valid`);
    for (const [i, [a, b]] of verdicts.entries()) assert.equal(b, a, `${entry.name} sample ${i}`);
    assert.ok(
      verdicts.slice(1).every(([a]) => a === false),
      `${entry.name}: every other sample is invalid`,
    );
  }
});

test('embedSchemas keeps the order, drops copies of $defs that are gone, and refuses a taken name', () => {
  const own = {type: 'string'};
  const stale = {'x-crmkit-source': `${EMBEDDED_SCHEMAS[0]!.source}#/$defs/removed`};
  const input = {
    ...document,
    components: {
      ...document.components,
      schemas: {First: own, RulesetRemoved: stale, Ruleset: {type: 'object'}, Last: own},
    },
  } as OpenApiDocument;
  const names = Object.keys(embedSchemas(input).components.schemas);
  assert.equal(names[0], 'First');
  assert.equal(names[1], 'Ruleset');
  assert.ok(!names.includes('RulesetRemoved'));
  assert.ok(names.indexOf('RulesetRule') < names.indexOf('Last'));
  assert.ok(names.includes('PluginManifest'), 'a missing root is added');
  assert.deepEqual(embedSchemas(embedSchemas(input)), embedSchemas(input));
  const taken = {
    ...document,
    components: {...document.components, schemas: {RulesetRule: own}},
  } as OpenApiDocument;
  assert.throws(() => embedSchemas(taken), /RulesetRule is the document's own/);
});
