import type {FieldError} from '@crmkit/sdk';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
};

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value;

const fits = (value: unknown, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
};

/**
 * Checks a plugin's config against its manifest's config schema, as far as such schemas go (an object
 * of named properties): unknown properties when `additionalProperties` is false, `required`, and each
 * property's `type` and `enum`. Field pointers start with `/config`. The dev host validates the full
 * JSON Schema; the mock stays without a schema compiler so that it runs in browsers too.
 */
export function checkPluginConfig(
  schema: Schema | undefined,
  config: Record<string, unknown>,
  locale: string,
): FieldError[] {
  if (!schema) return [];
  const de = locale === 'de';
  const errors: FieldError[] = [];
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    if (!(name in config)) {
      errors.push({
        field: `/config/${name}`,
        code: 'required',
        message: de
          ? `"/config/${name}" fehlt; es ist erforderlich.`
          : `"/config/${name}" is missing; it is required.`,
      });
    }
  }
  for (const [name, value] of Object.entries(config)) {
    const field = `/config/${name}`;
    const property = properties[name];
    if (!property) {
      if (schema.additionalProperties === false) {
        errors.push({
          field,
          code: 'additionalProperties',
          message: de
            ? `"${field}" ist hier nicht erlaubt; entfernen Sie es.`
            : `"${field}" is not allowed here; remove it.`,
        });
      }
      continue;
    }
    const types = property.type === undefined ? [] : [property.type].flat();
    if (types.length && !types.some((t) => fits(value, t))) {
      const list = types.join(de ? ' oder ' : ' or ');
      errors.push({
        field,
        code: 'type',
        message: de
          ? `"${field}" muss vom Typ ${list} sein.`
          : `"${field}" must be of type ${list}.`,
      });
    } else if (
      property.enum &&
      !property.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))
    ) {
      const list = property.enum.map((v) => JSON.stringify(v)).join(', ');
      errors.push({
        field,
        code: 'enum',
        message: de
          ? `"${field}" muss einer dieser Werte sein: ${list}.`
          : `"${field}" must be one of: ${list}.`,
      });
    }
  }
  return errors;
}
