import {formatPointer} from '@crmkit/json-kit';
import {localize} from '../contract/localize.js';
import type {FieldError} from '../errors/host-api-error.js';
import {isObject} from '../internal/is-object.js';
import type {PluginManifest} from '../manifest/manifest.js';
import {
  PLUGIN_CONFIG_ERROR_TEXTS,
  type PluginConfigErrorText,
} from './plugin-config-error-texts.js';
import {settingViolation, type SettingViolation} from './setting-violation.js';

/** A text of {@link PLUGIN_CONFIG_ERROR_TEXTS} in `locale`, its `{name}` placeholders filled in. */
function message(text: PluginConfigErrorText, locale: string, values: Record<string, string>) {
  return localize(PLUGIN_CONFIG_ERROR_TEXTS[text], locale).replace(
    /\{(\w+)\}/g,
    (_, name: string) => values[name] ?? '',
  );
}

/** The field error of one setting's value; `code` is the JSON Schema keyword it breaks. */
function fieldError(field: string, violation: SettingViolation, locale: string): FieldError {
  switch (violation.keyword) {
    case 'type':
      return {field, code: 'type', message: message('type', locale, {field, type: violation.type})};
    case 'enum': {
      const values = violation.allowed.map((v) => JSON.stringify(v)).join(', ');
      return {field, code: 'enum', message: message('enum', locale, {field, values})};
    }
    default: {
      const {keyword, limit} = violation;
      const text = keyword === 'minLength' && limit === 1 ? 'empty' : keyword;
      return {field, code: keyword, message: message(text, locale, {field, limit: String(limit)})};
    }
  }
}

/**
 * Checks a plugin's config values (an admin's, or the defaults overlaid with them) against the
 * config schema of its validated manifest: each value against its setting's type, enum and bounds
 * (the first one it breaks), and, when the schema sets `additionalProperties: false`, no value for a
 * setting the schema does not name. A manifest without `config` accepts any config.
 *
 * Returns one field error per bad value, in the order of `config`: `field` is the REST contract's
 * pointer `/config/<setting>`, `code` the JSON Schema keyword (`type`, `enum`, `minimum`, `maximum`,
 * `minLength`, `maxLength`, `additionalProperties`), `message` in `locale` (German for `de`, `de-AT`,
 * …; otherwise English). Runs anywhere (no schema compiler), so hosts, mock hosts and admin pages
 * give the same answer. Never throws.
 */
export function checkPluginConfig(
  manifest: Pick<PluginManifest, 'config'>,
  config: Readonly<Record<string, unknown>>,
  locale = 'en',
): FieldError[] {
  const schema = manifest.config;
  if (!isObject(schema) || !isObject(config)) return [];
  const settings = isObject(schema['properties']) ? schema['properties'] : {};
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(config)) {
    const field = `/config${formatPointer([name])}`;
    // Own properties only: a value named "constructor" or "__proto__" is no setting.
    const setting = Object.hasOwn(settings, name) ? settings[name] : undefined;
    if (isObject(setting)) {
      const violation = settingViolation(setting, value);
      if (violation) errors.push(fieldError(field, violation, locale));
    } else if (schema['additionalProperties'] === false) {
      errors.push({
        field,
        code: 'additionalProperties',
        message: message('additionalProperties', locale, {field}),
      });
    }
  }
  return errors;
}
