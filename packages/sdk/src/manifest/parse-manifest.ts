import {ManifestValidationError} from '../errors/manifest-validation-error.js';
import type {PluginManifest} from './manifest.js';
import {validateManifest, type ValidateManifestOptions} from './validate-manifest.js';

/**
 * The manifest in `input` (JSON text or a parsed value), or a thrown ManifestValidationError
 * (`invalid-manifest`) carrying every issue. For callers that want an exception rather than a result.
 */
export function parseManifest(
  input: string | unknown,
  options: ValidateManifestOptions = {},
): PluginManifest {
  const result = validateManifest(input, options);
  if (!result.valid || !result.manifest) throw new ManifestValidationError(result.issues);
  return result.manifest;
}
