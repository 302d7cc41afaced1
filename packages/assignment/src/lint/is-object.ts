/** Whether `o` has `k` as an own property (a ruleset is JSON: inherited names are not fields). */
export const has = (o: unknown, k: string) =>
  o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);

/** Whether `o` is a JSON object (not null, not an array). */
export const isObject = (o: unknown): o is Record<string, unknown> =>
  o !== null && typeof o === 'object' && !Array.isArray(o);
