import {didYouMean, parsePointer, pointerToPath} from '@crmkit/json-kit';

/** `rules[2].conditions.all[0]` for `/rules/2/conditions/all/0`, `The ruleset` for the root. */
export function where(pointer: string): string {
  return parsePointer(pointer).length === 0 ? 'The ruleset' : pointerToPath(pointer);
}

/** A value as messages quote it. */
export const quote = (v: unknown) => JSON.stringify(v);

/**
 * `Did you mean "x"? ` (with the space: a hint goes on after it) when `name` is a likely typo of a
 * candidate. Ruleset names are short (`lead`, `in`), so two edits always count as a typo here.
 */
export function suggestion(name: string, candidates: readonly string[]): string {
  const maxDistance = (input: string) => Math.max(2, Math.floor(input.length / 3));
  const m = typeof name === 'string' ? didYouMean(name, candidates, {maxDistance}) : undefined;
  return m ? `Did you mean "${m}"? ` : '';
}
