import {editDistance} from './edit-distance.js';

export interface DidYouMeanOptions {
  /**
   * The largest distance still taken for a typo of `candidate`; default {@link typoTolerance}. The
   * linters differ here on purpose: names in a ruleset are short (`lead`, `in`), so its linter allows
   * two edits where the manifest checker allows one.
   */
  maxDistance?: (input: string, candidate: string) => number;
}

/**
 * A third of the longer string's length, at least 1: `permisions` → `permissions` (1 edit) is a typo,
 * `colour` → `entry` is not.
 */
export function typoTolerance(input: string, candidate: string): number {
  return Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3));
}

/**
 * The candidate closest to `input` (case-insensitive edit distance; the first of equally close ones),
 * if it is close enough to be a likely typo, for "did you mean …?" hints. `undefined` otherwise.
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
  options: DidYouMeanOptions = {},
): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = (options.maxDistance ?? typoTolerance)(input, best);
  return bestDistance <= limit ? best : undefined;
}
