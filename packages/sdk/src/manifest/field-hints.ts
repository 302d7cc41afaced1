import {EXTENSION_POINTS} from '../contract/extension-points.js';
import {LEAD_STATUSES} from '../contract/lead.js';
import {fieldShape} from './field-shape.js';
import {SDK_VERSION} from './sdk-version.js';

/** How to write each field, for hints on missing or mistyped values. */
export const FIELD_HINTS: Record<string, string> = {
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
  '/actions/*/when':
    'give the statuses a lead must have for the action, e.g. {"status": ["Qualified"]}, or leave "when" out to offer it on every lead',
  '/actions/*/when/status':
    'list the Lead Statuses in which the action is offered, e.g. ["Qualified"], or leave "when" out to offer it on every lead',
  '/actions/*/when/status/*': `give one of: ${LEAD_STATUSES.join(', ')}`,
  '/permissions':
    'list the privileges the plugin uses through its context, e.g. ["leads.read"], or []',
  '/config':
    'give a JSON Schema: {"type": "object", "properties": {"mySetting": {"type": "boolean", "default": false}}}',
  '/config/properties':
    'give one JSON Schema per setting: {"mySetting": {"type": "boolean", "default": false}}',
};

const localizedTextHint = 'write the text per language: {"en": "…", "de": "…"}';

/** The hint for a field: its own, that of a localized text, or a pointer to the reference. */
export function hintFor(pointer: string): string {
  const shape = fieldShape(pointer);
  if (FIELD_HINTS[shape]) return FIELD_HINTS[shape];
  if (/^\/(displayName|description|actions\/\*\/label)\/[^/]+$/.test(shape))
    return localizedTextHint;
  return 'see the manifest reference in the @crmkit/sdk README';
}
