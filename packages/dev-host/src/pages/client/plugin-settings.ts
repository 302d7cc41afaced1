import {localize, type LocalizedText} from '@crmkit/sdk';
import type {InstalledPlugin} from '@crmkit/rest-client';

/** One setting of a plugin's config schema that the admin page can edit. */
export interface PluginSetting {
  key: string;
  type: 'boolean' | 'string' | 'number' | 'integer';
  /** The label in the page's language: `x-label`, else `title`, else the key. */
  label: string;
  /** A localized `x-description`, when the manifest has one. */
  help: string | undefined;
  value: unknown;
}

interface ConfigProperty {
  type?: unknown;
  title?: unknown;
  default?: unknown;
  'x-label'?: LocalizedText;
  'x-description'?: LocalizedText;
}

const EDITABLE = new Set(['boolean', 'string', 'number', 'integer']);

/**
 * The settings of an installed plugin the admin page offers: the properties of its manifest's config
 * schema with a simple type, labelled in `lang`, with the installation's current values (defaults
 * overlaid with the admin's). Other properties are left as they are.
 */
export function pluginSettings(
  plugin: Pick<InstalledPlugin, 'manifest' | 'config'>,
  lang: string,
): PluginSetting[] {
  const schema = plugin.manifest.config as
    {properties?: Record<string, ConfigProperty>} | undefined;
  return Object.entries(schema?.properties ?? {}).flatMap(([key, property]) => {
    if (typeof property.type !== 'string' || !EDITABLE.has(property.type)) return [];
    const label = property['x-label']
      ? localize(property['x-label'], lang)
      : typeof property.title === 'string'
        ? property.title
        : key;
    return [
      {
        key,
        type: property.type as PluginSetting['type'],
        label,
        help: property['x-description'] ? localize(property['x-description'], lang) : undefined,
        value: key in plugin.config ? plugin.config[key] : property.default,
      },
    ];
  });
}

/** The value of a setting's form control, as its schema type wants it. */
export function settingValue(setting: PluginSetting, control: HTMLInputElement): unknown {
  if (setting.type === 'boolean') return control.checked;
  if (setting.type === 'string') return control.value;
  return control.value.trim() === '' ? undefined : Number(control.value);
}
