import type {ManifestDraft} from '../manifest-issue.js';

/** What every check of a manifest gets besides the manifest. */
export interface ManifestCheckContext {
  /** The SDK version the `sdk` range must accept. */
  sdkVersion: string;
}

/**
 * One family of the checks a schema cannot express, over a manifest that is an object (it may still
 * break the schema: a check skips what it cannot read).
 */
export type ManifestCheck = (
  manifest: Readonly<Record<string, unknown>>,
  context: ManifestCheckContext,
) => ManifestDraft[];
