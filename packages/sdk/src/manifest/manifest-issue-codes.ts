/**
 * Every code a manifest issue can have (from `validateManifest`, and the file checks of
 * `crmkit validate`), with what it means. Stable: extend, never rename. The README lists them all (a
 * test checks it).
 */
export const MANIFEST_ISSUE_CODES = {
  'invalid-json': 'the file is not strict JSON (position of the first syntax error)',
  'invalid-type': 'a value has the wrong JSON type (e.g. a string where an array belongs)',
  'missing-field': 'a required field is missing (positioned at its parent object)',
  'unknown-field': 'a field the schema does not define (often a typo; the hint suggests the name)',
  'invalid-value': 'a value breaks a schema rule not covered by a more specific code',
  'empty-value': 'a text that must not be empty is empty',
  'too-long': 'a text is longer than allowed',
  'invalid-id': 'id is not a reverse-DNS id such as com.example.my-plugin',
  'invalid-name': 'name is not lowercase kebab-case',
  'invalid-version': 'version is not a semantic version',
  'invalid-sdk-range': 'sdk is not a semver range',
  'sdk-unsatisfied': 'this SDK version is outside the plugin’s sdk range',
  'invalid-locale': 'a key of a localized text is not a BCP 47 language tag',
  'missing-translation': '(warning) a localized text has no German (de) text',
  'invalid-entry': 'entry is not a valid module path',
  'entry-absolute': 'entry is an absolute path',
  'entry-remote': 'entry is a URL; code must come from the plugin folder',
  'entry-escapes-plugin-folder': 'entry uses ".." and may leave the plugin folder',
  'entry-not-module': 'entry is not a .js or .mjs file',
  'entry-missing': '(crmkit validate, warning) the entry file does not exist yet',
  'invalid-integrity': 'integrity is not "sha384-" and 64 base64 characters',
  'unsupported-integrity-algorithm': 'integrity uses another hash than sha384',
  'integrity-mismatch': '(crmkit validate) the entry file does not match integrity',
  'schema-not-found': '(crmkit validate, warning) the relative $schema path does not exist',
  'file-not-regular':
    '(crmkit validate) plugin.json or the entry is a FIFO, socket, device or folder, not a regular file',
  'invalid-tag': 'a tag has uppercase letters or characters other than a-z, 0-9 and single hyphens',
  'tag-without-hyphen': 'a tag has no hyphen, which custom element names need',
  'tag-prefix': 'a tag does not start with crm-',
  'reserved-tag': 'a tag is one of the host’s own elements',
  'duplicate-tag': 'an element is declared twice',
  'unknown-extension-point': 'an extension point name that does not exist',
  'element-never-opened': '(warning) an element at lead.detail.actions that no action opens',
  'invalid-action-id': 'an action id is not lowercase kebab-case',
  'duplicate-action-id': 'two actions share an id',
  'opens-undeclared-tag': 'an action opens a tag that is not among the plugin’s elements',
  'requires-undeclared-permission': 'an action requires a privilege the permissions do not declare',
  'unknown-privilege': 'a privilege key that does not exist',
  'duplicate-permission': 'a privilege is listed twice in permissions',
  'duplicate-privilege': 'a privilege is listed twice in an action’s requires',
  'unknown-lead-status': 'an action’s when.status names a Lead Status that does not exist',
  'duplicate-lead-status': 'a Lead Status is listed twice in an action’s when.status',
  'invalid-config-schema': 'config is not a flat settings schema (type object, scalar settings)',
  'invalid-setting-name': 'a setting name is not camelCase',
  'config-default-invalid': 'a setting’s default does not fit its type, enum or bounds',
} as const;

/** One of the codes in {@link MANIFEST_ISSUE_CODES}. */
export type ManifestIssueCode = keyof typeof MANIFEST_ISSUE_CODES;
