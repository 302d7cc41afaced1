import validateSchema, {type SchemaError} from './generated/plugin-manifest-validator.js';
import {closestMatch} from './closest-match.js';
import {EXTENSION_POINTS} from './extension-points.js';
import {createJsonLocator, formatPointer, parsePointer, type JsonLocator} from './json-locator.js';
import type {ManifestIssueCode} from './manifest-issue-codes.js';
import type {ManifestIssue} from './manifest-issue.js';
import type {PluginManifest} from './manifest.js';
import {PLUGIN_MANIFEST_SCHEMA, RESERVED_TAGS} from './plugin-manifest-schema.js';
import {isPrivilege} from './privileges.js';
import {checkSdkRange} from './sdk-range.js';
import {SDK_VERSION} from './sdk-version.js';

export interface ValidateManifestOptions {
  /** The file name to put on every issue (e.g. `plugins/reject-lead/plugin.json`). */
  file?: string;
  /** The SDK version the `sdk` range must accept; default: this SDK's {@link SDK_VERSION}. */
  sdkVersion?: string;
}

export interface ManifestValidationResult {
  /** True when there is no issue of severity `error` (warnings allowed). */
  valid: boolean;
  /** The manifest, when valid (a copy of the input). */
  manifest?: PluginManifest;
  /** Every finding, in text order. */
  issues: ManifestIssue[];
}

/** An issue before it gets its position. */
interface Finding {
  code: ManifestIssueCode;
  message: string;
  hint: string;
  pointer: string;
  severity?: 'error' | 'warning';
  /** Point at the property name rather than its value (unknown fields, bad locale keys). */
  key?: boolean;
}

/** The value at `pointer` inside `root`. */
function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The schema node at an ajv `schemaPath` such as `#/properties/elements/items/additionalProperties`. */
function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = PLUGIN_MANIFEST_SCHEMA;
  for (const segment of parsePointer(schemaPath.replace(/^#/, ''))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** `elements[0].tag` for `/elements/0/tag`. */
function describe(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return 'the manifest';
  return segments
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('')
    .replace(/^\./, '');
}

/** `/elements/*\/tag` for `/elements/0/tag`: the pointer with array indexes generalized. */
function shapeOf(pointer: string): string {
  return formatPointer(parsePointer(pointer).map((s) => (/^\d+$/.test(s) ? '*' : s)));
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

const didYouMean = (value: unknown, candidates: readonly string[], otherwise: string) => {
  const match = typeof value === 'string' ? closestMatch(value, candidates) : undefined;
  return match ? `did you mean "${match}"?` : otherwise;
};

/** How to write each field, for hints on missing or mistyped values. */
const FIELD_HINTS: Record<string, string> = {
  '/id':
    'give a reverse-DNS id: your domain reversed, then the plugin name, e.g. "com.example.reject-lead"',
  '/name': 'give a short kebab-case name, e.g. "reject-lead"',
  '/version': 'give the plugin version as MAJOR.MINOR.PATCH, e.g. "1.0.0"',
  '/sdk': `give the range of @crmkit/sdk versions the plugin works with, e.g. "^${SDK_VERSION}"`,
  '/displayName':
    'give the name in English and German: {"en": "Reject Lead", "de": "Lead zurückweisen"}',
  '/description': 'give a sentence in English and German: {"en": "…", "de": "…"}',
  '/entry': 'give the path of the built ES module relative to plugin.json, e.g. "dist/index.js"',
  '/integrity': 'give "sha384-" and the base64 SHA-384 of the entry file, or leave integrity out',
  '/elements':
    'list the custom elements the entry defines: [{"tag": "crm-my-element", "extensionPoint": "lead.detail.panel"}]',
  '/elements/*':
    'write an element as {"tag": "crm-my-element", "extensionPoint": "lead.detail.panel"}',
  '/elements/*/tag': 'give the custom element name, e.g. "crm-my-element"',
  '/elements/*/extensionPoint': `give one of: ${EXTENSION_POINTS.join(', ')}`,
  '/actions': 'list the buttons the plugin adds, or give [] for none',
  '/actions/*':
    'write an action as {"id": "open", "extensionPoint": "lead.detail.actions", "label": {"en": "…", "de": "…"}, "opens": "crm-my-element", "requires": []}',
  '/actions/*/id': 'give a kebab-case id unique within the plugin, e.g. "reject"',
  '/actions/*/extensionPoint': `give one of: ${EXTENSION_POINTS.join(', ')}`,
  '/actions/*/label':
    'give the button text in English and German: {"en": "Reject", "de": "Zurückweisen"}',
  '/actions/*/opens': "give the tag of one of the plugin's elements",
  '/actions/*/requires':
    'list the privileges a user needs to see the action, e.g. ["leads.reject"], or []',
  '/permissions':
    'list the privileges the plugin uses through its context, e.g. ["leads.read"], or []',
  '/config':
    'give a JSON Schema: {"type": "object", "properties": {"mySetting": {"type": "boolean", "default": false}}}',
  '/config/properties':
    'give one JSON Schema per setting: {"mySetting": {"type": "boolean", "default": false}}',
};

const localizedTextHint = 'write the text per language: {"en": "…", "de": "…"}';

function hintFor(pointer: string): string {
  const shape = shapeOf(pointer);
  if (FIELD_HINTS[shape]) return FIELD_HINTS[shape];
  if (/^\/(displayName|description|actions\/\*\/label)\/[^/]+$/.test(shape))
    return localizedTextHint;
  return 'see the manifest reference in the @crmkit/sdk README';
}

function classifyTag(tag: string, pointer: string): Finding {
  const where = `${describe(pointer)} ${JSON.stringify(tag)}`;
  const hint = `use "crm-" and lowercase kebab-case words, e.g. "crm-${
    tag
      .toLowerCase()
      .replace(/^crm-/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'my-element'
  }"`;
  if (!tag.includes('-')) {
    return {
      code: 'tag-without-hyphen',
      pointer,
      hint,
      message: `${where} has no hyphen; custom element names need one`,
    };
  }
  if (/[A-Z]/.test(tag)) {
    return {
      code: 'invalid-tag',
      pointer,
      hint,
      message: `${where} has uppercase letters; custom element names are lowercase`,
    };
  }
  if (!tag.startsWith('crm-')) {
    return {
      code: 'tag-prefix',
      pointer,
      hint,
      message: `${where} does not start with "crm-", the prefix of plugin elements`,
    };
  }
  return {
    code: 'invalid-tag',
    pointer,
    hint,
    message: `${where} may only hold lowercase letters, digits and single hyphens between words`,
  };
}

function classifyEntry(entry: string, pointer: string): Finding {
  const where = `entry ${JSON.stringify(entry)}`;
  const hint = 'give the module path relative to the folder of plugin.json, e.g. "dist/index.js"';
  if (
    entry.startsWith('//') ||
    (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(entry) && !/^[A-Za-z]:[\\/]/.test(entry))
  ) {
    return {
      code: 'entry-remote',
      pointer,
      hint: `${hint}; ship the module inside the plugin folder`,
      message: `${where} is a URL; plugins load their code from their own folder only`,
    };
  }
  if (/^([/\\]|[A-Za-z]:[\\/])/.test(entry)) {
    return {code: 'entry-absolute', pointer, hint, message: `${where} is an absolute path`};
  }
  if (entry.split(/[/\\]/).includes('..')) {
    return {
      code: 'entry-escapes-plugin-folder',
      pointer,
      hint,
      message: `${where} uses ".." and may leave the plugin folder`,
    };
  }
  if (entry.includes('\\')) {
    return {
      code: 'invalid-entry',
      pointer,
      hint: 'use forward slashes, e.g. "dist/index.js"',
      message: `${where} uses backslashes`,
    };
  }
  if (!/\.m?js$/.test(entry)) {
    return {
      code: 'entry-not-module',
      pointer,
      hint: 'point to the built JavaScript module (.js or .mjs), not the TypeScript source',
      message: `${where} is not a .js or .mjs module`,
    };
  }
  return {code: 'invalid-entry', pointer, hint, message: `${where} is not a valid module path`};
}

const integrityHint =
  'write "sha384-" and the base64 SHA-384 of the entry (openssl dgst -sha384 -binary dist/index.js | openssl base64 -A), or leave integrity out';

function classifyIntegrity(value: string, pointer: string): Finding {
  const algorithm = /^(sha\d+)-/.exec(value)?.[1];
  if (algorithm && algorithm !== 'sha384') {
    return {
      code: 'unsupported-integrity-algorithm',
      pointer,
      hint: integrityHint,
      message: `integrity uses ${algorithm}; crmkit checks sha384 only`,
    };
  }
  return {
    code: 'invalid-integrity',
    pointer,
    hint: integrityHint,
    message: `integrity ${JSON.stringify(value)} is not "sha384-" followed by 64 base64 characters`,
  };
}

function patternFinding(pointer: string, value: unknown): Finding {
  const shape = shapeOf(pointer);
  const text = String(value);
  switch (shape) {
    case '/id':
      return {
        code: 'invalid-id',
        pointer,
        hint: FIELD_HINTS['/id'] ?? '',
        message: `id ${JSON.stringify(text)} is not a reverse-DNS id (at least three lowercase dot-separated parts)`,
      };
    case '/name':
      return {
        code: 'invalid-name',
        pointer,
        hint: FIELD_HINTS['/name'] ?? '',
        message: `name ${JSON.stringify(text)} is not lowercase kebab-case`,
      };
    case '/version':
      return {
        code: 'invalid-version',
        pointer,
        hint: 'use MAJOR.MINOR.PATCH with an optional -prerelease, e.g. "1.0.0" or "1.1.0-beta.1" (no leading "v")',
        message: `version ${JSON.stringify(text)} is not a semantic version`,
      };
    case '/entry':
      return classifyEntry(text, pointer);
    case '/integrity':
      return classifyIntegrity(text, pointer);
    case '/elements/*/tag':
    case '/actions/*/opens':
      return classifyTag(text, pointer);
    case '/actions/*/id':
      return {
        code: 'invalid-action-id',
        pointer,
        hint: FIELD_HINTS['/actions/*/id'] ?? '',
        message: `${describe(pointer)} ${JSON.stringify(text)} is not lowercase kebab-case`,
      };
    default:
      return {
        code: 'invalid-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describe(pointer)} ${JSON.stringify(text)} has the wrong format`,
      };
  }
}

function fromAjv(error: SchemaError, root: unknown): Finding | undefined {
  const pointer = error.instancePath;
  const data = valueAt(root, pointer);
  const shape = shapeOf(pointer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params['missingProperty']);
      const missing = `${pointer}${formatPointer([field])}`;
      const hint =
        parsePointer(missing).at(-1) === 'en'
          ? 'add the English text: "en": "…"; English is the fallback of every other language'
          : hintFor(missing);
      return {
        code: 'missing-field',
        pointer: missing,
        hint,
        message: `${describe(pointer)} lacks the required field "${field}"`,
      };
    }
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const parent = schemaAt(error.schemaPath.replace(/\/additionalProperties$/, ''));
      const known = Object.keys((parent?.['properties'] as object | undefined) ?? {});
      return {
        code: 'unknown-field',
        pointer: `${pointer}${formatPointer([field])}`,
        key: true,
        hint: didYouMean(
          field,
          known,
          `remove it; the fields allowed here are ${known.join(', ')}`,
        ),
        message: `"${field}" is not a field of ${describe(pointer)}`,
      };
    }
    case 'type':
      return {
        code: 'invalid-type',
        pointer,
        hint: hintFor(pointer),
        message: `${describe(pointer)} must be ${article(String(params['type']))}, not ${typeName(data)}`,
      };
    case 'enum': {
      const allowed = ((params['allowedValues'] as unknown[] | undefined) ?? []).map(String);
      const value = typeName(data).replace(/^the string /, '');
      if (
        shape.endsWith('/extensionPoint') ||
        shape.endsWith('/requires/*') ||
        shape === '/permissions/*'
      ) {
        const isPoint = shape.endsWith('/extensionPoint');
        return {
          code: isPoint ? 'unknown-extension-point' : 'unknown-privilege',
          pointer,
          hint: didYouMean(data, allowed, `use one of: ${allowed.join(', ')}`),
          message: `${value} is not ${isPoint ? 'an extension point' : 'a crmkit privilege'} (${describe(pointer)})`,
        };
      }
      return {
        code: shape.startsWith('/config/') ? 'invalid-config-schema' : 'invalid-value',
        pointer,
        hint: didYouMean(data, allowed, `use one of: ${allowed.join(', ')}`),
        message: `${describe(pointer)} is ${value}, not one of ${allowed.join(', ')}`,
      };
    }
    case 'const':
      return {
        code: 'invalid-config-schema',
        pointer,
        hint:
          shape === '/config/type'
            ? 'set "type": "object"; the settings go in "properties"'
            : `set ${describe(pointer)} to ${JSON.stringify(params['allowedValue'])} or leave it out`,
        message: `${describe(pointer)} must be ${JSON.stringify(params['allowedValue'])}`,
      };
    case 'pattern':
      if (error.propertyName !== undefined) return undefined; // reported by its `propertyNames` error
      return patternFinding(pointer, data);
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const setting = shape === '/config/properties';
      return {
        code: setting ? 'invalid-setting-name' : 'invalid-locale',
        pointer: `${pointer}${formatPointer([name])}`,
        key: true,
        hint: setting
          ? 'name settings in camelCase, e.g. "reassignOwnerDefault"'
          : 'use a BCP 47 language tag such as "en", "de" or "de-AT"',
        message: `"${name}" in ${describe(pointer)} is not ${setting ? 'a camelCase setting name' : 'a language tag'}`,
      };
    }
    case 'minLength':
      return {
        code: 'empty-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describe(pointer)} is empty`,
      };
    case 'minItems':
    case 'minimum': {
      const limit = Number(params['limit']);
      const items = error.keyword === 'minItems';
      return {
        code: shape.startsWith('/config/') ? 'invalid-config-schema' : 'invalid-value',
        pointer,
        hint: items ? 'list at least one value, or leave the field out' : `use ${limit} or more`,
        message: items
          ? `${describe(pointer)} must have at least ${limit} item${limit === 1 ? '' : 's'}`
          : `${describe(pointer)} must be at least ${limit}`,
      };
    }
    case 'maxLength':
      return {
        code: 'too-long',
        pointer,
        hint: `shorten it to at most ${String(params['limit'])} characters`,
        message: `${describe(pointer)} is longer than ${String(params['limit'])} characters`,
      };
    case 'uniqueItems': {
      // The later of the two equal items is the duplicate (ajv's order of i and j varies).
      const later = Math.max(Number(params['i']), Number(params['j']));
      const list = shape === '/permissions' ? 'permissions' : describe(pointer);
      return {
        code: shape === '/permissions' ? 'duplicate-permission' : 'duplicate-privilege',
        pointer: `${pointer}/${later}`,
        hint: 'list each privilege once',
        message: `${typeName((data as unknown[])[later]).replace(/^the string /, '')} appears twice in ${list}`,
      };
    }
    default:
      return {
        code: 'invalid-value',
        pointer,
        hint: hintFor(pointer),
        message: `${describe(pointer)} ${error.message ?? 'is not valid'}`,
      };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the schema cannot express: cross-references, the SDK range, the config schema's defaults. */
function semanticFindings(manifest: Record<string, unknown>, sdkVersion: string): Finding[] {
  const findings: Finding[] = [];
  const {sdk, elements, actions, permissions, config} = manifest;

  const texts: Array<[string, unknown]> = [
    ['/displayName', manifest['displayName']],
    ['/description', manifest['description']],
    ...(Array.isArray(actions)
      ? actions.map((a, i): [string, unknown] => [
          `/actions/${i}/label`,
          isObject(a) ? a['label'] : undefined,
        ])
      : []),
    ...(isObject(config) && isObject(config['properties'])
      ? Object.entries(config['properties']).map(([key, setting]): [string, unknown] => [
          `/config/properties${formatPointer([key])}/x-label`,
          isObject(setting) ? setting['x-label'] : undefined,
        ])
      : []),
  ];
  for (const [pointer, text] of texts) {
    if (isObject(text) && typeof text['en'] === 'string' && text['en'] && !('de' in text)) {
      findings.push({
        code: 'missing-translation',
        severity: 'warning',
        pointer,
        hint: 'add "de": "…"; crmkit hosts show every text in German and English',
        message: `${describe(pointer)} has no German text`,
      });
    }
  }

  if (typeof sdk === 'string' && sdk.trim()) {
    const check = checkSdkRange(sdk, sdkVersion);
    if (check === 'invalid') {
      findings.push({
        code: 'invalid-sdk-range',
        pointer: '/sdk',
        hint: `write a semver range such as "^${sdkVersion}", "~${sdkVersion}" or ">=${sdkVersion} <2"`,
        message: `sdk ${JSON.stringify(sdk)} is not a semver range`,
      });
    } else if (check === 'unsatisfied') {
      findings.push({
        code: 'sdk-unsatisfied',
        pointer: '/sdk',
        hint: `build the plugin against @crmkit/sdk ${sdkVersion} and widen the range, e.g. "^${sdkVersion}"`,
        message: `this is @crmkit/sdk ${sdkVersion}, which the plugin's range ${JSON.stringify(sdk)} does not accept`,
      });
    }
  }

  const tags = new Map<string, string>(); // tag → extension point
  if (Array.isArray(elements)) {
    elements.forEach((element, i) => {
      if (!isObject(element) || typeof element['tag'] !== 'string') return;
      const tag = element['tag'];
      const pointer = `/elements/${i}/tag`;
      if (tags.has(tag)) {
        findings.push({
          code: 'duplicate-tag',
          pointer,
          hint: 'declare each element once, or give this one its own tag',
          message: `element ${JSON.stringify(tag)} is declared twice`,
        });
      } else if ((RESERVED_TAGS as readonly string[]).includes(tag)) {
        findings.push({
          code: 'reserved-tag',
          pointer,
          hint: 'choose a tag that names your plugin, e.g. "crm-my-plugin-panel"',
          message: `${JSON.stringify(tag)} is one of the host's own elements`,
        });
      }
      if (!tags.has(tag)) tags.set(tag, String(element['extensionPoint']));
    });
  }

  const declared = new Set(Array.isArray(permissions) ? permissions : []);
  const opened = new Set<string>();
  const ids = new Set<string>();
  if (Array.isArray(actions)) {
    actions.forEach((action, i) => {
      if (!isObject(action)) return;
      const {id, opens, requires} = action;
      if (typeof id === 'string') {
        if (ids.has(id)) {
          findings.push({
            code: 'duplicate-action-id',
            pointer: `/actions/${i}/id`,
            hint: 'give every action its own id',
            message: `action id ${JSON.stringify(id)} is used twice`,
          });
        }
        ids.add(id);
      }
      if (typeof opens === 'string') {
        opened.add(opens);
        if (!tags.has(opens) && /^crm-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(opens)) {
          const known = [...tags.keys()];
          findings.push({
            code: 'opens-undeclared-tag',
            pointer: `/actions/${i}/opens`,
            hint: didYouMean(
              opens,
              known,
              `add {"tag": ${JSON.stringify(opens)}, "extensionPoint": "lead.detail.actions"} to elements`,
            ),
            message: `action ${JSON.stringify(id)} opens ${JSON.stringify(opens)}, which is not one of the plugin's elements`,
          });
        }
      }
      if (Array.isArray(requires)) {
        requires.forEach((privilege, j) => {
          if (isPrivilege(privilege) && !declared.has(privilege)) {
            findings.push({
              code: 'requires-undeclared-permission',
              pointer: `/actions/${i}/requires/${j}`,
              hint: `add "${privilege}" to permissions, or drop it from requires`,
              message: `action ${JSON.stringify(id)} requires "${privilege}", which the manifest's permissions do not declare`,
            });
          }
        });
      }
    });
  }
  if (Array.isArray(elements)) {
    elements.forEach((element, i) => {
      if (!isObject(element) || element['extensionPoint'] !== 'lead.detail.actions') return;
      const tag = element['tag'];
      if (typeof tag === 'string' && !opened.has(tag)) {
        findings.push({
          code: 'element-never-opened',
          severity: 'warning',
          pointer: `/elements/${i}`,
          hint: `add an action with "opens": ${JSON.stringify(tag)}, or move the element to "lead.detail.panel"`,
          message: `element ${JSON.stringify(tag)} is at lead.detail.actions, but no action opens it`,
        });
      }
    });
  }

  if (isObject(config) && isObject(config['properties'])) {
    findings.push(...configFindings(config['properties']));
  }
  return findings;
}

/** Whether `value` fits a setting's type, enum and bounds; otherwise why not. */
function settingProblem(setting: Record<string, unknown>, value: unknown): string | undefined {
  const type = setting['type'];
  const fits =
    type === 'boolean'
      ? typeof value === 'boolean'
      : type === 'string'
        ? typeof value === 'string'
        : type === 'integer'
          ? Number.isInteger(value)
          : type === 'number'
            ? typeof value === 'number' && Number.isFinite(value)
            : true;
  if (!fits) return `is ${typeName(value)}, not ${article(String(type))}`;
  const allowed = setting['enum'];
  if (Array.isArray(allowed) && !allowed.some((a) => a === value)) {
    return `is ${JSON.stringify(value)}, not one of its enum values ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  }
  const {minimum, maximum, minLength, maxLength} = setting;
  if (typeof value === 'number') {
    if (typeof minimum === 'number' && value < minimum)
      return `is ${value}, below its minimum ${minimum}`;
    if (typeof maximum === 'number' && value > maximum)
      return `is ${value}, above its maximum ${maximum}`;
  }
  if (typeof value === 'string') {
    if (typeof minLength === 'number' && value.length < minLength)
      return `is shorter than its minLength ${minLength}`;
    if (typeof maxLength === 'number' && value.length > maxLength)
      return `is longer than its maxLength ${maxLength}`;
  }
  return undefined;
}

/** The defaults (and enum values) of the config's settings must fit each setting's own constraints. */
function configFindings(properties: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  for (const [key, setting] of Object.entries(properties)) {
    if (!isObject(setting)) continue;
    const at = `/config/properties${formatPointer([key])}`;
    if (Array.isArray(setting['enum'])) {
      setting['enum'].forEach((value, i) => {
        const problem = settingProblem({type: setting['type']}, value);
        if (problem) {
          findings.push({
            code: 'invalid-config-schema',
            pointer: `${at}/enum/${i}`,
            hint: `give enum values of type ${String(setting['type'])}`,
            message: `enum value ${i} of setting "${key}" ${problem}`,
          });
        }
      });
    }
    if (!('default' in setting)) continue;
    const problem = settingProblem(setting, setting['default']);
    if (problem) {
      findings.push({
        code: 'config-default-invalid',
        pointer: `${at}/default`,
        hint: "make the default fit the setting's own type, enum and bounds",
        message: `the default of setting "${key}" ${problem}`,
      });
    }
  }
  return findings;
}

/**
 * Validates a plugin manifest: its JSON text (positions reported) or an already parsed value (line and
 * column 0). Runs the JSON Schema (ajv, draft 2020-12) and the checks a schema cannot express: the
 * `sdk` range against this SDK, duplicate tags and action ids, actions opening undeclared elements or
 * requiring undeclared permissions, reserved tags, and the config schema's defaults. Never throws.
 */
export function validateManifest(
  input: string | unknown,
  options: ValidateManifestOptions = {},
): ManifestValidationResult {
  const sdkVersion = options.sdkVersion ?? SDK_VERSION;
  let locator: JsonLocator | undefined;
  let value: unknown = input;
  const finish = (findings: Finding[]): ManifestValidationResult => {
    const seen = new Set<string>();
    const issues: ManifestIssue[] = [];
    for (const f of findings) {
      const id = `${f.code} ${f.pointer}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const position = locator ? locator.positionOf(f.pointer, {key: f.key}) : {line: 0, column: 0};
      issues.push({
        code: f.code,
        message: f.message,
        hint: f.hint,
        pointer: f.pointer,
        ...(options.file === undefined ? {} : {file: options.file}),
        ...position,
        severity: f.severity ?? 'error',
      });
    }
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    const valid = !issues.some((i) => i.severity === 'error');
    return valid
      ? {valid, manifest: structuredClone(value) as PluginManifest, issues}
      : {valid, issues};
  };

  if (typeof input === 'string') {
    locator = createJsonLocator(input);
    if (locator.syntaxErrors.length) {
      const seen = new Set<string>();
      const first = locator.syntaxErrors.filter((e) => {
        const at = `${e.line}:${e.column}`;
        return !seen.has(at) && Boolean(seen.add(at));
      });
      const issues = first.map((e): ManifestIssue => ({
        code: 'invalid-json',
        message: `the file is not valid JSON: ${e.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
        hint: 'plugin.json is strict JSON: double-quoted names and strings, no comments, no trailing commas',
        pointer: '',
        ...(options.file === undefined ? {} : {file: options.file}),
        line: e.line,
        column: e.column,
        severity: 'error',
      }));
      return {valid: false, issues};
    }
    value = locator.value;
  }

  const findings: Finding[] = [];
  if (!validateSchema(value)) {
    for (const error of validateSchema.errors ?? []) {
      const finding = fromAjv(error, value);
      if (finding) findings.push(finding);
    }
  }
  if (isObject(value)) findings.push(...semanticFindings(value, sdkVersion));
  return finish(findings);
}
