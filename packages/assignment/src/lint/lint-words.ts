import {didYouMean, pointerToPath} from '@crmkit/json-kit';

/** `rules[2].conditions.all[0]` for `/rules/2/conditions/all/0`; '' for the root (texts name it). */
export const pathOf = (pointer: string): string => pointerToPath(pointer);

/**
 * The candidate `name` is a likely typo of, for "did you mean" hints (the text table words them).
 * Ruleset names are short (`lead`, `in`), so two edits always count as a typo here.
 */
export function closest(name: unknown, candidates: readonly string[]): string | undefined {
  const maxDistance = (input: string) => Math.max(2, Math.floor(input.length / 3));
  return typeof name === 'string' ? didYouMean(name, candidates, {maxDistance}) : undefined;
}
