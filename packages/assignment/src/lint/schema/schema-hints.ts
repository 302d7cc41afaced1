import type {ErrorObject} from 'ajv/dist/2020.js';

/** The property names allowed where an unknown one was found. */
export function allowedKeys(e: ErrorObject): string[] {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  if (e.keyword === 'propertyNames') {
    const names = (e.schema as {enum?: string[]}).enum;
    if (names) return names;
  }
  return Object.keys((parent?.properties as object) ?? {});
}
