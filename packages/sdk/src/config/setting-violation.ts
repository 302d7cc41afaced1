/** The first constraint of a setting that a value breaks, named by its JSON Schema keyword. */
export type SettingViolation =
  | {keyword: 'type'; type: string}
  | {keyword: 'enum'; allowed: readonly unknown[]}
  | {keyword: 'minimum' | 'maximum' | 'minLength' | 'maxLength'; limit: number};

/** Whether a value is of a setting's type; a type the manifest schema does not know accepts anything. */
function fitsType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return true;
  }
}

/**
 * Checks a value against one setting of a plugin's config schema (its `type`, `enum`, `minimum`,
 * `maximum`, `minLength`, `maxLength`), in that order, and gives the first constraint it breaks. The
 * manifest check of each setting's `default` and the check of an admin's config values both use it,
 * so a default is valid exactly when the same value set by an admin would be. String lengths count
 * Unicode code points, as JSON Schema (and a host's ajv) does.
 */
export function settingViolation(
  setting: Readonly<Record<string, unknown>>,
  value: unknown,
): SettingViolation | undefined {
  const type = setting['type'];
  if (!fitsType(type, value)) return {keyword: 'type', type: String(type)};
  const allowed = setting['enum'];
  if (Array.isArray(allowed) && !allowed.some((a) => a === value)) {
    return {keyword: 'enum', allowed};
  }
  const {minimum, maximum, minLength, maxLength} = setting;
  if (typeof value === 'number') {
    if (typeof minimum === 'number' && value < minimum) return {keyword: 'minimum', limit: minimum};
    if (typeof maximum === 'number' && value > maximum) return {keyword: 'maximum', limit: maximum};
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof minLength === 'number' && length < minLength)
      return {keyword: 'minLength', limit: minLength};
    if (typeof maxLength === 'number' && length > maxLength)
      return {keyword: 'maxLength', limit: maxLength};
  }
  return undefined;
}
