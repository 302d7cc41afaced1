import type {LocalizedText} from '../contract/localize.js';

/**
 * The message of each kind of plugin-config field error, in English and German, with `{field}` (the
 * pointer), `{type}`, `{values}` and `{limit}` filled in. The wording is the REST contract's for
 * schema errors (rest-client's describeSchemaError), so that a host that checks a config with this
 * sdk answers as one that runs ajv over the config schema.
 */
export const PLUGIN_CONFIG_ERROR_TEXTS = {
  additionalProperties: {
    en: '"{field}" is not allowed here; remove it.',
    de: '"{field}" ist hier nicht erlaubt; entfernen Sie es.',
  },
  type: {en: '"{field}" must be of type {type}.', de: '"{field}" muss vom Typ {type} sein.'},
  enum: {
    en: '"{field}" must be one of: {values}.',
    de: '"{field}" muss einer dieser Werte sein: {values}.',
  },
  minimum: {en: '"{field}" must be >= {limit}.', de: '"{field}" muss >= {limit} sein.'},
  maximum: {en: '"{field}" must be <= {limit}.', de: '"{field}" muss <= {limit} sein.'},
  empty: {en: '"{field}" must not be empty.', de: '"{field}" darf nicht leer sein.'},
  minLength: {
    en: '"{field}" must have at least {limit} characters.',
    de: '"{field}" muss mindestens {limit} Zeichen haben.',
  },
  maxLength: {
    en: '"{field}" must have at most {limit} characters.',
    de: '"{field}" darf höchstens {limit} Zeichen haben.',
  },
} as const satisfies Record<string, LocalizedText>;

/** One of the messages in {@link PLUGIN_CONFIG_ERROR_TEXTS}. */
export type PluginConfigErrorText = keyof typeof PLUGIN_CONFIG_ERROR_TEXTS;
