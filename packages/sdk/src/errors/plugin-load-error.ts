import {localize} from '../contract/localize.js';
import type {ManifestIssue} from '../manifest/manifest-issue.js';
import {CrmkitError} from './crmkit-error.js';
import {PLUGIN_LOAD_ERROR_TEXTS, type PluginLoadErrorCode} from './plugin-load-error-texts.js';

/** A plugin could not be loaded; nothing of it was registered. */
export class PluginLoadError extends CrmkitError {
  declare readonly code: PluginLoadErrorCode;
  /** The manifest's id, once known. */
  readonly pluginId?: string;
  /** The manifest URL, or `manifest <id>` for a manifest object. */
  readonly source: string;
  /** The manifest's validation issues (code `invalid-manifest` and `sdk-incompatible`). */
  readonly issues: readonly ManifestIssue[];

  constructor(
    code: PluginLoadErrorCode,
    message: string,
    details: {source: string; pluginId?: string; issues?: ManifestIssue[]; cause?: unknown},
  ) {
    super(code, message, details.cause === undefined ? undefined : {cause: details.cause});
    this.source = details.source;
    if (details.pluginId !== undefined) this.pluginId = details.pluginId;
    this.issues = Object.freeze([...(details.issues ?? [])]);
  }

  /** A short text for users (not developers) in `locale`: English or German, see PLUGIN_LOAD_ERROR_TEXTS. */
  userMessage(locale: string): string {
    return localize(PLUGIN_LOAD_ERROR_TEXTS[this.code], locale);
  }
}
