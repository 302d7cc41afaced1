import {didYouMean} from '@crmkit/json-kit';

/** `did you mean "x"?` when `value` is a likely typo of a candidate, else `otherwise`. */
export function didYouMeanHint(
  value: unknown,
  candidates: readonly string[],
  otherwise: string,
): string {
  const match = typeof value === 'string' ? didYouMean(value, candidates) : undefined;
  return match ? `did you mean "${match}"?` : otherwise;
}
