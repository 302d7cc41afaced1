import {EXTENSION_POINTS} from '../../contract/extension-points.js';
import {LEAD_STATUSES} from '../../contract/lead.js';
import {PRIVILEGES} from '../../contract/privileges.js';

/** The `$id` of the manifest schema. */
export const PLUGIN_MANIFEST_SCHEMA_ID = 'https://crmkit.dev/schema/plugin-manifest.schema.json';

/** Custom element names a plugin may use: `crm-` and lowercase kebab-case words. */
export const PLUGIN_TAG_PATTERN = '^crm-[a-z0-9]+(?:-[a-z0-9]+)*$';

/** Tags the host's own elements use; no plugin may define them. */
export const RESERVED_TAGS = ['crm-plugin-host', 'crm-extension-point'] as const;

/** Array items that are privilege keys (inline, not a $ref, so that uniqueItems compiles to a plain loop). */
const PRIVILEGE_ITEM = {
  title: 'Privilege',
  description: 'A crmkit privilege key.',
  type: 'string',
  enum: [...PRIVILEGES],
} as const;

const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

/**
 * The JSON Schema (draft 2020-12) of `plugin.json`. The source of truth is this object;
 * `packages/sdk/schema/plugin-manifest.schema.json` is written from it by
 * `packages/sdk/scripts/write-schema.ts` (a test fails when the file is out of date).
 */
export const PLUGIN_MANIFEST_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PLUGIN_MANIFEST_SCHEMA_ID,
  title: 'crmkit plugin manifest',
  description:
    'plugin.json: what a crmkit plugin is, which SDK it needs, the custom elements it defines, where they plug into the host, and the privileges it may use.',
  type: 'object',
  required: [
    'id',
    'name',
    'version',
    'sdk',
    'displayName',
    'entry',
    'elements',
    'actions',
    'permissions',
  ],
  additionalProperties: false,
  properties: {
    $schema: {
      title: 'Schema',
      description:
        'Path or URL of this schema, so that editors complete and check the file, e.g. "../../packages/sdk/schema/plugin-manifest.schema.json".',
      type: 'string',
    },
    id: {
      title: 'Plugin id',
      description:
        'Globally unique reverse-DNS id: at least three dot-separated lowercase segments, e.g. "com.example.reject-lead".',
      type: 'string',
      maxLength: 214,
      pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*){2,}$',
      examples: ['dev.crmkit.reject-lead'],
    },
    name: {
      title: 'Name',
      description: 'Short kebab-case name of the plugin, e.g. "reject-lead".',
      type: 'string',
      maxLength: 64,
      pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    },
    version: {
      title: 'Version',
      description: 'Version of the plugin, a semantic version such as "1.2.0".',
      type: 'string',
      pattern: SEMVER_PATTERN,
    },
    sdk: {
      title: 'SDK range',
      description:
        'Semver range of @crmkit/sdk versions the plugin works with, e.g. "^0.1.0". The loader refuses the plugin when the host SDK does not satisfy it.',
      type: 'string',
      minLength: 1,
      maxLength: 256,
      examples: ['^0.1.0'],
    },
    displayName: {
      $ref: '#/$defs/localizedText',
      title: 'Display name',
      description: 'The name admins and users see, in English and further languages.',
    },
    description: {
      $ref: '#/$defs/localizedText',
      title: 'Description',
      description:
        'One or two sentences on what the plugin does, in English and further languages.',
    },
    entry: {
      title: 'Entry module',
      description:
        'The plugin\'s single-file ES module, relative to the folder of plugin.json (e.g. "dist/index.js"): no "..", not absolute, not a URL, no percent-escapes; it defines the custom elements when imported.',
      type: 'string',
      minLength: 1,
      pattern:
        '^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\\\])(?!(?:.*[/\\\\])?\\.\\.(?:[/\\\\]|$))[^\\\\%?#]*\\.m?js$',
    },
    integrity: {
      title: 'Entry integrity',
      description:
        'Subresource Integrity of the entry module: "sha384-" and the base64 SHA-384 of its bytes. The loader refuses an entry whose bytes do not match.',
      type: 'string',
      pattern: '^sha384-[A-Za-z0-9+/]{64}$',
    },
    elements: {
      title: 'Elements',
      description:
        'The custom elements the entry defines, and the extension point each belongs to.',
      type: 'array',
      items: {
        title: 'Element',
        description: 'A custom element the entry module defines.',
        type: 'object',
        required: ['tag', 'extensionPoint'],
        additionalProperties: false,
        properties: {
          tag: {
            title: 'Tag',
            description:
              'The custom element name: "crm-" and lowercase kebab-case words, e.g. "crm-reject-lead". Unique within the plugin.',
            type: 'string',
            pattern: PLUGIN_TAG_PATTERN,
          },
          extensionPoint: {
            $ref: '#/$defs/extensionPoint',
            title: 'Extension point',
            description: 'Where the host shows the element.',
          },
        },
      },
    },
    actions: {
      title: 'Actions',
      description:
        'Buttons the host shows at an extension point; choosing one mounts the element it opens.',
      type: 'array',
      items: {
        title: 'Action',
        description: "A button that opens one of the plugin's elements.",
        type: 'object',
        required: ['id', 'extensionPoint', 'label', 'opens', 'requires'],
        additionalProperties: false,
        properties: {
          id: {
            title: 'Action id',
            description: 'Unique within the plugin, lowercase kebab-case, e.g. "reject".',
            type: 'string',
            pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$',
          },
          extensionPoint: {
            $ref: '#/$defs/extensionPoint',
            title: 'Extension point',
            description: 'Where the host shows the button.',
          },
          label: {
            $ref: '#/$defs/localizedText',
            title: 'Label',
            description: 'The button text, in English and further languages.',
          },
          opens: {
            title: 'Opens',
            description:
              "The tag of one of this plugin's elements, mounted when the action is chosen.",
            type: 'string',
            pattern: PLUGIN_TAG_PATTERN,
          },
          requires: {
            title: 'Required privileges',
            description:
              'The host hides the action unless the user holds every one of these; each must also be in "permissions".',
            type: 'array',
            uniqueItems: true,
            items: PRIVILEGE_ITEM,
          },
          when: {
            title: 'Condition',
            description:
              'When the host offers the action; without "when", on every record. E.g. {"status": ["Qualified"]}: only on a qualified lead, as Reject needs.',
            type: 'object',
            required: ['status'],
            additionalProperties: false,
            properties: {
              status: {
                title: 'Lead statuses',
                description:
                  "The host offers the action only while the lead's Lead Status is one of these (at least one, each once).",
                type: 'array',
                minItems: 1,
                uniqueItems: true,
                // Typed inline (type string), like the privilege items, so that uniqueItems compiles to
                // a plain loop without ajv's CommonJS deep-equal helper.
                items: {
                  title: 'Lead status',
                  description: `A Lead Status: ${LEAD_STATUSES.join(', ')}.`,
                  type: 'string',
                  enum: [...LEAD_STATUSES],
                },
              },
            },
          },
        },
      },
    },
    permissions: {
      title: 'Permissions',
      description:
        'The privileges the plugin may use through its context. A call also needs the signed-in user to hold the privilege.',
      type: 'array',
      uniqueItems: true,
      items: PRIVILEGE_ITEM,
    },
    config: {
      title: 'Config schema',
      description:
        'The plugin\'s admin settings as a JSON Schema of type "object": one flat property per setting (boolean, string, number or integer), each with a "default". The plugin reads the values as context.config.',
      type: 'object',
      required: ['type', 'properties'],
      additionalProperties: false,
      properties: {
        type: {
          title: 'Type',
          description: 'Always "object".',
          const: 'object',
        },
        properties: {
          title: 'Settings',
          description: "One schema per setting, keyed by the setting's camelCase name.",
          type: 'object',
          propertyNames: {pattern: '^[a-z][A-Za-z0-9]*$'},
          additionalProperties: {$ref: '#/$defs/setting'},
        },
        additionalProperties: {
          title: 'Additional properties',
          description: 'Always false: settings the schema does not name are refused.',
          const: false,
        },
      },
    },
  },
  $defs: {
    localizedText: {
      title: 'Localized text',
      description:
        'A text per BCP 47 language tag; "en" is required and the fallback, e.g. {"en": "Reject", "de": "Zurückweisen"}.',
      type: 'object',
      required: ['en'],
      propertyNames: {pattern: '^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$'},
      additionalProperties: {type: 'string', minLength: 1},
      properties: {
        en: {
          title: 'English',
          description: 'The English text (required).',
          type: 'string',
          minLength: 1,
        },
        de: {title: 'German', description: 'The German text.', type: 'string', minLength: 1},
      },
    },
    extensionPoint: {
      title: 'Extension point',
      description: 'A place of the host page where plugins plug in.',
      enum: [...EXTENSION_POINTS],
    },
    setting: {
      title: 'Setting',
      description:
        'One admin setting: its type, its default, and its label for the admin page in English and German.',
      type: 'object',
      required: ['type', 'default'],
      additionalProperties: false,
      properties: {
        type: {
          title: 'Type',
          description: 'The type of the value.',
          enum: ['boolean', 'string', 'number', 'integer'],
        },
        default: {
          title: 'Default',
          description:
            "The value before an admin sets one; must fit the setting's own constraints.",
        },
        title: {
          title: 'Title',
          description: 'A short English name of the setting.',
          type: 'string',
        },
        description: {
          title: 'Description',
          description: 'What the setting does, in English.',
          type: 'string',
        },
        'x-label': {
          $ref: '#/$defs/localizedText',
          title: 'Label',
          description: 'The label the admin page shows, in English and German.',
        },
        enum: {
          title: 'Allowed values',
          description: 'The only values the setting may take.',
          type: 'array',
          items: {
            title: 'Allowed value',
            description: "A string, number or boolean, of the setting's type.",
            anyOf: [{type: 'string'}, {type: 'number'}, {type: 'boolean'}],
          },
          minItems: 1,
        },
        minimum: {title: 'Minimum', description: 'Smallest allowed number.', type: 'number'},
        maximum: {title: 'Maximum', description: 'Largest allowed number.', type: 'number'},
        minLength: {
          title: 'Minimum length',
          description: 'Fewest characters of a string value.',
          type: 'integer',
          minimum: 0,
        },
        maxLength: {
          title: 'Maximum length',
          description: 'Most characters of a string value.',
          type: 'integer',
          minimum: 0,
        },
      },
    },
  },
} as const;
