/** How messages name a value's type: `an array`, `the string "x"`, `number 3`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** `an integer`, `a boolean`. */
export const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
