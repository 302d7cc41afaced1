/** Joins segments into an RFC 6901 JSON pointer (`['a/b', 0]` → `/a~1b/0`); no segments give `''`. */
export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
