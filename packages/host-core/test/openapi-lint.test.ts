// The REST contract passes both OpenAPI linters with this package's configs (redocly.yaml,
// .spectral.yaml), and its ruleset, manifest and plugin config bodies are real types, not `{}`.
// Run: node --conditions=@crmkit/source --import tsx --test packages/host-core/openapi-lint.test.ts
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** A path relative to the package folder. */
const here = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const DOCUMENT = here('./openapi.json');
const bin = (name: string) => here(`../../node_modules/.bin/${name}`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const document: Json = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
const readJson = (path: string): Json => JSON.parse(readFileSync(here(path), 'utf8'));

/** Runs a linter's bin; its whole output goes into every assertion message. */
function lint(name: string, args: string[]) {
  const result = spawnSync(bin(name), args, {
    cwd: here('.'),
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    },
  });
  const output = `$ ${name} ${args.join(' ')}\nexit ${result.status}\n${result.stdout}\n${result.stderr}`;
  assert.equal(result.error, undefined, output);
  return {...result, output};
}

/** The embedded schemas' names (each carries `x-crmkit-source`, see scripts/embedded-schemas.ts). */
const embedded = new Set(
  Object.entries(document.components.schemas as Record<string, Json>)
    .filter(([, schema]) => typeof schema['x-crmkit-source'] === 'string')
    .map(([name]) => name),
);
const inEmbeddedSchema = (pointer: string) => {
  const [, name] = /^#\/components\/schemas\/([^/]+)/.exec(pointer) ?? [];
  return name !== undefined && embedded.has(name);
};

test('redocly lint (recommended-strict and redocly.yaml) finds no error', () => {
  const run = lint('redocly', [
    'lint',
    DOCUMENT,
    '--config',
    here('./redocly.yaml'),
    '--format=json',
  ]);
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  assert.equal(report.totals.errors, 0, run.output);
  assert.equal(run.status, 0, run.output);
  // The warnings that stay are in the embedded ruleset schema (see redocly.yaml), nowhere else.
  const elsewhere = (report.problems as Json[]).filter(
    (p) => !inEmbeddedSchema(p.location[0].pointer),
  );
  assert.deepEqual(elsewhere, [], run.output);
});

test('spectral lint (spectral:oas and .spectral.yaml) finds no error', () => {
  const run = lint('spectral', [
    'lint',
    '-r',
    here('./.spectral.yaml'),
    DOCUMENT,
    '--format',
    'json',
  ]);
  // The JSON array, then (when nothing was found) spectral's own sentence on the same line.
  const json = run.stdout.slice(run.stdout.indexOf('['));
  const results = JSON.parse(json.startsWith('[]') ? '[]' : json);
  const errors = (results as Json[]).filter((r) => r.severity === 0);
  assert.deepEqual(errors, [], run.output);
  assert.equal(run.status, 0, run.output);
  const elsewhere = (results as Json[]).filter(
    (r) => !(r.path[0] === 'components' && r.path[1] === 'schemas' && embedded.has(r.path[2])),
  );
  assert.deepEqual(elsewhere, [], run.output);
});

// --- the bodies are real schemas ---------------------------------------------------------------

/** Follows `#/components/...` references. */
function resolve(schema: Json): Json {
  let current = schema;
  while (current && typeof current.$ref === 'string') {
    const [, kind, name] = /^#\/components\/(\w+)\/([^/]+)$/.exec(current.$ref) ?? [];
    assert.ok(kind && name, `unexpected $ref ${current.$ref}`);
    current = document.components[kind][name];
    assert.ok(current, `${schema.$ref} does not resolve`);
  }
  return current;
}

const jsonBody = (path: string, method: string): Json =>
  document.paths[path][method].requestBody.content['application/json'].schema;
const jsonAnswer = (path: string, method: string, status: string): Json =>
  resolve(document.paths[path][method].responses[status]).content['application/json'].schema;

/**
 * What openapi-typescript prints as `Record<string, never>`: an object type that names no property
 * and allows no other (no `properties`, `patternProperties`, `additionalProperties` or composition).
 */
function isEmptyObjectType(schema: Json): boolean {
  const s = resolve(schema);
  const keys = [
    'properties',
    'patternProperties',
    'additionalProperties',
    'allOf',
    'anyOf',
    'oneOf',
  ];
  return s.type === 'object' && !keys.some((k) => s[k] !== undefined && s[k] !== false);
}

/** Asserts `schema` has the root `required` and `properties` of a source JSON Schema file. */
function assertCarries(schema: Json, source: Json, what: string) {
  const s = resolve(schema);
  assert.equal(isEmptyObjectType(s), false, `${what} is an empty object type`);
  assert.deepEqual(s.required, source.required, `${what}: required`);
  assert.deepEqual(
    Object.keys(s.properties),
    Object.keys(source.properties),
    `${what}: properties`,
  );
  assert.equal(
    s.additionalProperties,
    source.additionalProperties,
    `${what}: additionalProperties`,
  );
}

const RULESET_SCHEMA = readJson('../assignment/schema/lead-assignment-ruleset.schema.json');
const MANIFEST_SCHEMA = readJson('../sdk/schema/plugin-manifest.schema.json');

test('the ruleset of PUT and GET /api/admin/assignment-rules is the ruleset JSON Schema', () => {
  assertCarries(jsonBody('/api/admin/assignment-rules', 'put'), RULESET_SCHEMA, 'PUT body');
  assertCarries(
    jsonAnswer('/api/admin/assignment-rules', 'get', '200'),
    RULESET_SCHEMA,
    'GET answer',
  );
  const activated = resolve(jsonAnswer('/api/admin/assignment-rules', 'put', '200'));
  assertCarries(activated.properties.ruleset, RULESET_SCHEMA, 'PUT answer .ruleset');
  // Its $defs are components too, so a rule is typed all the way down.
  const rule = resolve(
    resolve(jsonBody('/api/admin/assignment-rules', 'put')).properties.rules.items,
  );
  assert.deepEqual(rule.required, RULESET_SCHEMA.$defs.rule.required);
});

test('the stored manifest in every plugin answer is the manifest JSON Schema; a package is sent as gzip bytes', () => {
  const upload = document.paths['/api/admin/plugins'].post.requestBody.content;
  assert.deepEqual(Object.keys(upload), ['application/gzip']);
  for (const status of ['200', '201']) {
    const uploaded = resolve(jsonAnswer('/api/admin/plugins', 'post', status));
    assertCarries(
      resolve(uploaded.properties.plugin).properties.manifest,
      MANIFEST_SCHEMA,
      `upload ${status} .plugin.manifest`,
    );
  }
  const page = resolve(jsonAnswer('/api/plugins', 'get', '200').items);
  assertCarries(page.properties.manifest, MANIFEST_SCHEMA, 'GET /api/plugins .manifest');
  const localized = resolve(resolve(page.properties.manifest).properties.displayName);
  assert.deepEqual(localized.required, ['en']);
});

test('a plugin config is an object of plugin-defined values, not an empty object', () => {
  const changes = resolve(jsonBody('/api/admin/plugins/{pluginId}', 'put'));
  const lists: Array<[string, Json]> = [
    ['PUT body .config', changes.properties.config],
    [
      'GET /api/plugins .config',
      resolve(jsonAnswer('/api/plugins', 'get', '200').items).properties.config,
    ],
    [
      'GET /api/admin/plugins .config',
      resolve(jsonAnswer('/api/admin/plugins', 'get', '200').items).properties.config,
    ],
  ];
  for (const [what, schema] of lists) {
    assert.equal(schema.$ref, '#/components/schemas/PluginConfig', what);
    const config = resolve(schema);
    assert.equal(config.type, 'object', what);
    assert.equal(config.additionalProperties, true, what);
    assert.equal(isEmptyObjectType(config), false, what);
  }
});

test('no schema of the document itself is an empty object type', () => {
  const empty: string[] = [];
  const walk = (value: Json, at: string) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}/${i}`));
    if (value.type === 'object' && isEmptyObjectType(value)) empty.push(at);
    for (const [key, child] of Object.entries(value)) {
      if (!['enum', 'const', 'default', 'examples', 'x-crmkit-request-check'].includes(key))
        walk(child, `${at}/${key}`);
    }
  };
  for (const [name, schema] of Object.entries(document.components.schemas as Record<string, Json>))
    if (!embedded.has(name)) walk(schema, `#/components/schemas/${name}`);
  walk(document.paths, '#/paths');
  assert.deepEqual(empty, []);
});
