/**
 * The deepest nesting of arrays and objects crmkit reads in a JSON document: a manifest or a ruleset
 * needs a few dozen levels at most, and every parser after this one (jsonc-parser, ajv, the linter,
 * JSON.stringify) recurses once per level, so a text of 100,000 `[` would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 1000;

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [...'"\\[]{}'].map(
  (c) => c.charCodeAt(0),
);

/** Where a JSON text first opens more than `limit` arrays or objects at once. */
export interface ExcessNesting {
  /** The character offset of the bracket that went past the limit. */
  offset: number;
  limit: number;
}

/**
 * The first place `text` nests deeper than `limit` levels, or undefined. One linear scan of the
 * brackets outside strings (no recursion, no allocation), meant to run BEFORE any recursive parser.
 * It does not check the syntax: an unbalanced or otherwise broken text that stays within the limit is
 * left to the parser, which reports it with its position.
 */
export function findExcessNesting(
  text: string,
  limit: number = MAX_JSON_DEPTH,
): ExcessNesting | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // An escaped character, whatever it is, cannot end the string.
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return {offset: i, limit};
    } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
