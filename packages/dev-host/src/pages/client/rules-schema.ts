/**
 * A copy of a JSON Schema with every `description` replaced by its translation (looked up by the
 * English text; one without a translation stays English). The editor's completion and hover read the
 * descriptions from the schema they are given, so this is how they speak the page's language.
 */
export function localizeSchema<T>(schema: T, translations: Readonly<Record<string, string>>): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] =
        key === 'description' && typeof child === 'string'
          ? (translations[child] ?? child)
          : walk(child);
    }
    return out;
  };
  return walk(schema) as T;
}

/** Every `description` text of a schema, each once (what a translation table must cover). */
export function schemaDescriptions(schema: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'description' && typeof child === 'string') found.add(child);
        else walk(child);
      }
    }
  };
  walk(schema);
  return [...found];
}

/** The values a (sub)schema allows when it lists them: `enum`, `const`, or those of its `anyOf`/`oneOf`. */
export function schemaValues(schema: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const values = branches.flatMap((b) =>
      b && typeof b === 'object' ? (schemaValues(b as Record<string, unknown>) ?? []) : [],
    );
    if (values.length) return values;
  }
  return undefined;
}

type Schema = Record<string, unknown>;

/** Keywords that only constrain (the linter checks them) and that the completion cannot follow. */
const CONSTRAINT_ONLY = new Set(['if', 'then', 'else', 'propertyNames', 'not']);

/**
 * The schema the editor's completion and hover read: `$ref`s inlined (down to `maxDepth` nested
 * references, which is a rule's root condition and five levels of all/any/not below it; deeper,
 * anything goes), `allOf` branches that add properties merged into their parent,
 * and the constraint-only keywords (`if`/`then`, `propertyNames`, the schema keyword `not`) left out.
 * codemirror-json-schema (through json-schema-library) offers nothing below a second `$ref` or inside
 * an `if`/`then`, which is where the ruleset's operators, facts and targets are. Validation is not
 * this schema's job: crmkit's linter checks the text against the real one.
 */
export function completionSchema(schema: Schema, maxDepth = 8): Schema {
  const resolved = new Map<string, Schema>();
  const resolveRef = (ref: string, depth: number): Schema => {
    const key = `${depth}:${ref}`;
    const known = resolved.get(key);
    if (known) return known; // the same object for every use at this depth: a DAG, not a tree
    const target = depth >= maxDepth ? undefined : pointerTarget(schema, ref);
    const out = target ? walk(target, depth + 1) : {};
    resolved.set(key, out);
    return out;
  };
  const walk = (node: Schema, depth: number): Schema => {
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === '$ref' && typeof node.$ref === 'string') {
      return resolveRef(node.$ref, depth);
    }
    let out: Schema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs' || key === 'definitions' || key === '$id' || key === '$schema') continue;
      if (key === '$ref' && typeof value === 'string') {
        out = {...resolveRef(value, depth), ...out};
      } else if (key === 'allOf' && Array.isArray(value)) {
        for (const branch of value as Schema[]) {
          const merged = walk(branch, depth);
          out = {
            ...merged,
            ...out,
            ...(merged.properties || out.properties
              ? {properties: {...(merged.properties as Schema), ...(out.properties as Schema)}}
              : {}),
          };
        }
      } else if (CONSTRAINT_ONLY.has(key)) {
        // Only keywords reach here: a property named `not` (a condition's) is a key of `properties`.
        continue;
      } else {
        out[key] = sub(key, value, depth);
      }
    }
    return out;
  };
  // Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
  const sub = (key: string, value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (key === 'properties' || key === 'patternProperties') {
      return Object.fromEntries(
        Object.entries(value as Schema).map(([name, s]) => [name, walk(s as Schema, depth)]),
      );
    }
    if (key === 'items' || key === 'additionalProperties' || key === 'contains') {
      return Array.isArray(value)
        ? value.map((s) => walk(s as Schema, depth))
        : walk(value as Schema, depth);
    }
    if (key === 'anyOf' || key === 'oneOf' || key === 'prefixItems') {
      return (value as Schema[]).map((s) => walk(s, depth));
    }
    return value; // enum, const, required, examples, default: data, not schemas
  };
  return walk(schema, 0);
}

/** The schema a local `#/…` JSON pointer names inside `root` (undefined for any other reference). */
function pointerTarget(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Schema)[part];
  }
  return node !== null && typeof node === 'object' ? (node as Schema) : undefined;
}
