/** Splits an RFC 6901 JSON pointer into its unescaped segments (`/a~1b/0` → `['a/b', '0']`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
