import type {FieldError} from '@crmkit/sdk';

/** The parts of an ajv error (runtime or standalone) this reads. */
export interface SchemaErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown> | object;
  message?: string;
}

/** The contract's pattern of a text that may hold anything but NUL (U+0000), which PostgreSQL cannot store. */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';

/**
 * Turns one ajv error into a field error of the contract: `field` is the JSON pointer of the offending
 * value (for `required` and `additionalProperties`, of the missing or extra property itself), `code` the
 * schema keyword, `message` a sentence in German or English that says how to fix it.
 */
export function describeSchemaError(error: SchemaErrorLike, locale = 'en'): FieldError {
  const de = locale.toLowerCase().startsWith('de');
  const p = error.params as Record<string, unknown>;
  let field = error.instancePath;
  if (error.keyword === 'required') field += `/${escape(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties') field += `/${escape(String(p.additionalProperty))}`;
  const name = field === '' ? (de ? 'Der Inhalt' : 'The body') : `"${field}"`;
  const list = (v: unknown) =>
    Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : String(v);
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = de ? `${name} fehlt; es ist erforderlich.` : `${name} is missing; it is required.`;
      break;
    case 'additionalProperties':
      message = de
        ? `${name} ist hier nicht erlaubt; entfernen Sie es.`
        : `${name} is not allowed here; remove it.`;
      break;
    case 'type': {
      const types = String(p.type)
        .split(',')
        .join(de ? ' oder ' : ' or ');
      message = de ? `${name} muss vom Typ ${types} sein.` : `${name} must be of type ${types}.`;
      break;
    }
    case 'enum':
      message = de
        ? `${name} muss einer dieser Werte sein: ${list(p.allowedValues)}.`
        : `${name} must be one of: ${list(p.allowedValues)}.`;
      break;
    case 'const':
      message = de
        ? `${name} muss ${JSON.stringify(p.allowedValue)} sein.`
        : `${name} must be ${JSON.stringify(p.allowedValue)}.`;
      break;
    case 'minLength':
      message =
        p.limit === 1
          ? de
            ? `${name} darf nicht leer sein.`
            : `${name} must not be empty.`
          : de
            ? `${name} muss mindestens ${p.limit} Zeichen haben.`
            : `${name} must have at least ${p.limit} characters.`;
      break;
    case 'maxLength':
      message = de
        ? `${name} darf höchstens ${p.limit} Zeichen haben.`
        : `${name} must have at most ${p.limit} characters.`;
      break;
    case 'minItems':
      message = de
        ? `${name} muss mindestens ${p.limit} Einträge haben.`
        : `${name} must have at least ${p.limit} items.`;
      break;
    case 'maxItems':
      message = de
        ? `${name} darf höchstens ${p.limit} Einträge haben.`
        : `${name} must have at most ${p.limit} items.`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = de
        ? `${name} muss ${p.comparison} ${p.limit} sein.`
        : `${name} must be ${p.comparison} ${p.limit}.`;
      break;
    case 'pattern':
      if (p.pattern === NO_NUL_PATTERN) {
        message = de
          ? `${name} enthält das Zeichen U+0000 (NUL), das kein Text in der Datenbank halten kann; entfernen Sie es.`
          : `${name} contains the character U+0000 (NUL), which no text in the database can hold; remove it.`;
        break;
      }
      message = de
        ? `${name} hat nicht die verlangte Form (Muster ${p.pattern}).`
        : `${name} does not have the required form (pattern ${p.pattern}).`;
      break;
    case 'format':
      message = de
        ? `${name} muss im Format ${p.format} sein.`
        : `${name} must be in the ${p.format} format.`;
      break;
    case 'uniqueItems':
      message = de
        ? `${name} enthält doppelte Einträge (Positionen ${p.j} und ${p.i}).`
        : `${name} has duplicate items (positions ${p.j} and ${p.i}).`;
      break;
    default:
      message = `${name} ${error.message ?? (de ? 'ist ungültig.' : 'is invalid.')}`;
  }
  return {field, code: error.keyword, message};
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
