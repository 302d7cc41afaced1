// The JSON Schemas that openapi.json embeds from the packages that own them, so that the published
// document is self-contained (no $ref into another package's tarball) and still cannot drift:
// write-openapi-module.ts rewrites the copies from the source files, and embedded-schemas.test.ts
// fails when openapi.json holds anything else.
//
// A schema is embedded as `components.schemas[<name>]`; each of its `$defs` becomes its own
// components schema `<name><Def>` (e.g. `#/$defs/localizedText` → `PluginManifestLocalizedText`), so
// that every `$ref` is a plain `#/components/schemas/...` that every OpenAPI tool resolves. `$schema`
// and `$id` are dropped (the document's `jsonSchemaDialect` is 2020-12; an `$id` would re-base the
// `$ref`s). Each copy names its source in `x-crmkit-source`.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {JsonSchema, OpenApiDocument} from '../src/contract/openapi-types.js';

export interface EmbeddedSchema {
  /** The components schema name of the schema's root. */
  name: string;
  /** The schema as its package exports it (recorded in `x-crmkit-source`). */
  source: string;
  /** The source file in this repository. */
  file: string;
  /**
   * What a request body is checked against instead before the handler runs (the
   * `x-crmkit-request-check` of src/contract/request-schemas.ts): the owner's validator answers 422.
   */
  requestCheck?: JsonSchema;
}

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const EMBEDDED_SCHEMAS: readonly EmbeddedSchema[] = [
  {
    name: 'Ruleset',
    source: '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json',
    file: repoFile('assignment/schema/lead-assignment-ruleset.schema.json'),
    requestCheck: {
      type: 'object',
      description:
        'In a request only this is checked before the linter: a ruleset that breaks the schema is 422 `invalid-ruleset` with every lint error (and its line and column), not 400 `invalid-body`.',
    },
  },
  {
    name: 'PluginManifest',
    source: '@crmkit/sdk/schema/plugin-manifest.schema.json',
    file: repoFile('sdk/schema/plugin-manifest.schema.json'),
    requestCheck: {
      type: 'object',
      description:
        'In a request only this is checked before `validateManifest`: a manifest that breaks the schema is 422 `invalid-manifest` with every issue, not 400 `invalid-body`.',
    },
  },
];

const SOURCE = 'x-crmkit-source';
// Keywords whose values are data, not schemas: a `$ref` in there is no reference.
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples']);

const defName = (root: string, def: string) => `${root}${def[0]!.toUpperCase()}${def.slice(1)}`;

/** The components schemas of one embedded schema, root first, then its `$defs` in their order. */
export function embeddedComponents(entry: EmbeddedSchema): Array<[string, JsonSchema]> {
  const source = JSON.parse(readFileSync(entry.file, 'utf8')) as JsonSchema;
  const {$schema: _schema, $id: _id, $defs = {}, ...root} = source;
  const defs = $defs as Record<string, JsonSchema>;
  const refTarget = (ref: string, at: string): string => {
    if (ref === '#') return `#/components/schemas/${entry.name}`;
    const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
    if (match && match[1]! in defs) return `#/components/schemas/${defName(entry.name, match[1]!)}`;
    throw new Error(
      `${entry.file}${at}: cannot embed the $ref "${ref}" (only "#" and "#/$defs/<name>")`,
    );
  };
  const rewrite = (value: unknown, at: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => rewrite(item, `${at}/${i}`));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (
        typeof child === 'string' &&
        ['$id', '$anchor', '$dynamicAnchor', '$dynamicRef'].includes(key)
      ) {
        throw new Error(`${entry.file}${at}: cannot embed a schema with ${key}`);
      }
      if (key === '$ref' && typeof child === 'string') out[key] = refTarget(child, at);
      else out[key] = DATA_KEYWORDS.has(key) ? child : rewrite(child, `${at}/${key}`);
    }
    return out;
  };
  return [
    [
      entry.name,
      {
        [SOURCE]: entry.source,
        ...(entry.requestCheck ? {'x-crmkit-request-check': entry.requestCheck} : {}),
        ...(rewrite(root, '') as JsonSchema),
      },
    ],
    ...Object.entries(defs).map(([def, schema]): [string, JsonSchema] => [
      defName(entry.name, def),
      {
        [SOURCE]: `${entry.source}#/$defs/${def}`,
        ...(rewrite(schema, `/$defs/${def}`) as JsonSchema),
      },
    ]),
  ];
}

const embeddedFrom = (schema: JsonSchema, entry: EmbeddedSchema) => {
  const source: unknown = schema[SOURCE];
  return (
    source === entry.source || (typeof source === 'string' && source.startsWith(`${entry.source}#`))
  );
};

/**
 * The document with fresh copies of every embedded schema: each root stays where it was in
 * `components.schemas` (new ones go last), its `$defs` follow it, and copies of `$defs` the source
 * no longer has are dropped. Throws when a copy's name is taken by a schema of the document's own.
 */
export function embedSchemas(document: OpenApiDocument): OpenApiDocument {
  const fresh = new Map(EMBEDDED_SCHEMAS.map((entry) => [entry.name, embeddedComponents(entry)]));
  const generatedNames = new Set([...fresh.values()].flatMap((list) => list.map(([name]) => name)));
  const schemas: Record<string, JsonSchema> = {};
  const add = (list: Array<[string, JsonSchema]>) => {
    for (const [name, schema] of list) schemas[name] = schema;
  };
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    const copies = fresh.get(name);
    if (copies) {
      add(copies);
      fresh.delete(name);
    } else if (!EMBEDDED_SCHEMAS.some((entry) => embeddedFrom(schema, entry))) {
      if (generatedNames.has(name)) {
        throw new Error(
          `components.schemas.${name} is the document's own, but an embedded copy needs the name`,
        );
      }
      schemas[name] = schema;
    }
  }
  for (const copies of fresh.values()) add(copies);
  return {...document, components: {...document.components, schemas}};
}
