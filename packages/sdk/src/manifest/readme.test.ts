import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {MANIFEST_ISSUE_CODES} from './manifest-issue-codes.js';
import {PLUGIN_MANIFEST_SCHEMA} from './schema/plugin-manifest-schema.js';

/** The sources of validateManifest: this folder and its subfolders, without tests. */
function manifestSources(): string[] {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The text of the README section under `## title`. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first-column code spans of a section's table rows. */
const tableKeys = (text: string) =>
  [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string);

type Node = Record<string, unknown>;
const defs = PLUGIN_MANIFEST_SCHEMA.$defs as unknown as Record<string, Node>;
const resolve = (node: Node): Node =>
  typeof node['$ref'] === 'string' ? (defs[node['$ref'].split('/').pop() as string] as Node) : node;

/** Every field path of the schema, as the README writes it (`elements[].tag`, `config.properties.*.type`). */
function schemaPaths(): string[] {
  const paths: string[] = [];
  const walk = (node: Node, prefix: string) => {
    const resolved = resolve(node);
    if (resolved === defs['localizedText']) return; // a localized text's keys are languages
    const properties = resolved['properties'] as Record<string, Node> | undefined;
    for (const [name, child] of Object.entries(properties ?? {})) {
      const path = `${prefix}${name}`;
      paths.push(path);
      const items = (resolve(child)['items'] as Node | undefined) ?? undefined;
      if (items && resolve(items)['properties']) walk(items, `${path}[].`);
      else walk(child, `${path}.`);
    }
    const additional = resolved['additionalProperties'];
    if (additional && typeof additional === 'object') walk(additional as Node, `${prefix}*.`);
  };
  walk(PLUGIN_MANIFEST_SCHEMA as unknown as Node, '');
  return paths;
}

test('the README manifest table lists exactly the fields of the schema', () => {
  const documented = tableKeys(section('Manifest reference'));
  const fields = schemaPaths();
  assert.ok(fields.includes('elements[].tag') && fields.includes('config.properties.*.x-label'));
  assert.deepEqual(
    fields.filter((f) => !documented.includes(f)),
    [],
    'schema fields missing from the README table',
  );
  assert.deepEqual(
    documented.filter((f) => !fields.includes(f)),
    [],
    'README rows for fields the schema does not have',
  );
});

test('the README lists every manifest issue code, and only those', () => {
  const documented = tableKeys(section('Validate'));
  assert.deepEqual([...documented].sort(), Object.keys(MANIFEST_ISSUE_CODES).sort());
});

test('validateManifest and crmkit validate only emit documented codes', () => {
  const sources = [
    ...manifestSources(),
    readFileSync(new URL('../../../cli/src/validate-command.ts', import.meta.url), 'utf8'),
  ].join('\n');
  const emitted = new Set(
    [...sources.matchAll(/code: (?:[^'\n]*\? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g)].flatMap((m) =>
      m.slice(1).filter(Boolean),
    ),
  );
  for (const m of sources.matchAll(/\? '([a-z]+(?:-[a-z]+)+)' : '([a-z]+(?:-[a-z]+)+)'/g)) {
    emitted.add(m[1] as string).add(m[2] as string);
  }
  assert.ok(emitted.size >= 30, `found ${emitted.size} codes in the sources`);
  assert.deepEqual(
    [...emitted].filter((c) => !(c in MANIFEST_ISSUE_CODES)),
    [],
  );
});
