import type {ExtensionPointName} from '../contract/extension-points.js';
import type {LeadStatus} from '../contract/lead.js';
import type {LocalizedText} from '../contract/localize.js';
import type {Privilege} from '../contract/privileges.js';

/** A custom element a plugin defines, and where the host shows it. */
export interface ManifestElement {
  /** The custom element name, prefixed `crm-` (e.g. `crm-reject-lead`). */
  tag: string;
  extensionPoint: ExtensionPointName;
}

/** A button the host shows at an extension point; choosing it mounts the element named by `opens`. */
export interface ManifestAction {
  /** Unique within the plugin, kebab-case. */
  id: string;
  extensionPoint: ExtensionPointName;
  label: LocalizedText;
  /** The tag of one of the plugin's `elements`. */
  opens: string;
  /** The host hides the action unless the user holds every one of these (each also in `permissions`). */
  requires: Privilege[];
  /** When the host offers the action; without it, on every record. */
  when?: ManifestActionCondition;
}

/**
 * The record an action applies to. The host offers the action only while the record meets every
 * condition given (see `isActionApplicable`); e.g. reject-lead's `{status: ["Qualified"]}`.
 */
export interface ManifestActionCondition {
  /** The Lead Statuses in which the action is offered: at least one, each once. */
  status: LeadStatus[];
}

/**
 * A plugin's `plugin.json`: who it is, which SDK it needs, what it defines, where it plugs in and which
 * privileges it may use. Its JSON Schema is `@crmkit/sdk/schema/plugin-manifest.schema.json`; check a
 * file with `validateManifest` or `crmkit validate`.
 */
export interface PluginManifest {
  $schema?: string;
  /** Reverse-DNS id, e.g. `dev.crmkit.reject-lead`. */
  id: string;
  /** Short kebab-case name, e.g. `reject-lead`. */
  name: string;
  /** Semantic version of the plugin. */
  version: string;
  /** Semver range of @crmkit/sdk the plugin needs, e.g. `^0.1.0`. */
  sdk: string;
  displayName: LocalizedText;
  description?: LocalizedText;
  /** The plugin's single-file ES module, relative to the folder of plugin.json. */
  entry: string;
  /** Subresource Integrity of the entry: `sha384-` and the base64 SHA-384 of its bytes. */
  integrity?: string;
  elements: ManifestElement[];
  actions: ManifestAction[];
  /** The privileges the plugin may use through its context. */
  permissions: Privilege[];
  /** A JSON Schema (type object) of the plugin's admin settings, each property with a `default`. */
  config?: Record<string, unknown>;
}
