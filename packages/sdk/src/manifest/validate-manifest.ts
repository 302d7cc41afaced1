import {createJsonLocator, locateFindings, type JsonLocator} from '@crmkit/json-kit';
import validateSchema from '../generated/plugin-manifest-validator.js';
import {isObject} from '../internal/is-object.js';
import {checkActions} from './checks/check-actions.js';
import {checkConfigSchema} from './checks/check-config-schema.js';
import {checkOpenedElements} from './checks/check-opened-elements.js';
import {checkSdkRange} from './checks/check-sdk-range.js';
import {checkTags} from './checks/check-tags.js';
import {checkTranslations} from './checks/check-translations.js';
import type {ManifestCheck} from './checks/manifest-check.js';
import {syntaxIssues} from './checks/syntax-issues.js';
import type {ManifestDraft, ManifestIssue} from './manifest-issue.js';
import type {PluginManifest} from './manifest.js';
import {schemaFinding} from './schema/schema-finding.js';
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

/** The checks a schema cannot express, in the order their findings are listed at one place. */
const CHECKS: readonly ManifestCheck[] = [
  checkTranslations,
  checkSdkRange,
  checkTags,
  checkActions,
  checkOpenedElements,
  checkConfigSchema,
];

/** The drafts without repeats: one finding per code and place (ajv may report one twice). */
function unique(drafts: readonly ManifestDraft[]): ManifestDraft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const id = `${d.code} ${d.pointer}`;
    return !seen.has(id) && Boolean(seen.add(id));
  });
}

/**
 * Validates a plugin manifest: its JSON text (positions reported) or an already parsed value (every
 * issue at 1:1). Runs the JSON Schema (ajv, draft 2020-12) and the checks a schema cannot express: the
 * `sdk` range against this SDK, duplicate tags and action ids, actions opening undeclared elements or
 * requiring undeclared permissions, reserved tags, and the config schema's defaults. Never throws.
 */
export function validateManifest(
  input: string | unknown,
  options: ValidateManifestOptions = {},
): ManifestValidationResult {
  let locator: JsonLocator | undefined;
  let value: unknown = input;
  if (typeof input === 'string') {
    locator = createJsonLocator(input);
    if (locator.syntaxErrors.length)
      return {valid: false, issues: syntaxIssues(locator, options.file)};
    value = locator.value;
  }

  const drafts: ManifestDraft[] = [];
  if (!validateSchema(value)) {
    for (const error of validateSchema.errors ?? []) {
      const draft = schemaFinding(error, value);
      if (draft) drafts.push(draft);
    }
  }
  if (isObject(value)) {
    const context = {sdkVersion: options.sdkVersion ?? SDK_VERSION};
    for (const check of CHECKS) drafts.push(...check(value, context));
  }
  const issues: ManifestIssue[] = locateFindings(unique(drafts), locator, options.file);
  const valid = !issues.some((i) => i.severity === 'error');
  return valid
    ? {valid, manifest: structuredClone(value) as PluginManifest, issues}
    : {valid, issues};
}
