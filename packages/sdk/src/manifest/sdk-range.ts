// The per-function modules, not `semver` itself, so that a browser bundle takes only the range code.
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';

/**
 * Longer ranges are `invalid` before semver parses them, so an untrusted manifest costs bounded work
 * (the manifest schema's `maxLength` for `sdk`).
 */
export const MAX_RANGE_LENGTH = 256;

/** Prereleases count like releases. */
const OPTIONS = {includePrerelease: true} as const;

/**
 * Checks an npm semver range (`^0.1.0`, `~1.2`, `>=0.1.0 <2`, `1.x || 2.0.0 - 2.3.0`) against a
 * version, with npm's `semver` package: it is npm's own definition of a range, so a plugin's `sdk`
 * range means in the host what the same range means in a package.json.
 *
 * - `invalid` when semver does not accept the range (`latest`, `1.2.3.4`), when the range is longer
 *   than {@link MAX_RANGE_LENGTH}, or when `version` is not a full semver version (`1.2` is not).
 *   As in npm, an empty range (and an empty `||` alternative) stands for `*`.
 * - Prereleases count like releases (npm's `includePrerelease`): an SDK `1.1.0-beta.1` satisfies
 *   `>=1.0.0 <2`, and `^1.0.0-alpha` accepts `1.0.0`; an upper bound excludes the next version's
 *   prereleases (`2.0.0-beta.1` does not satisfy `^1.2.0` or `<2`).
 *
 * Never throws.
 */
export function checkSdkRange(
  range: string,
  version: string,
): 'satisfied' | 'unsatisfied' | 'invalid' {
  if (typeof range !== 'string' || typeof version !== 'string') return 'invalid';
  if (range.length > MAX_RANGE_LENGTH || validRange(range, OPTIONS) === null) return 'invalid';
  if (valid(version) === null) return 'invalid';
  return satisfies(version, range, OPTIONS) ? 'satisfied' : 'unsatisfied';
}
