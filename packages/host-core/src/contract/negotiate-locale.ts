/**
 * Picks the language of an answer: the first `Accept-Language` range (by q-value; `*` and q=0 ignored)
 * that `available` has, exactly or by its language (`de-AT` → `de`); else `fallback` the same way (the
 * user's locale); else `en`. Matching ignores case; the result is spelled as in `available`.
 */
export function negotiateLocale(
  acceptLanguage: string | null | undefined,
  available: readonly string[],
  fallback?: string,
): string {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return {tag: tag.trim(), q: q === undefined ? 1 : Number(q), index};
    })
    .filter((r) => r.tag !== '' && r.tag !== '*' && r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const {tag} of ranges) {
    const hit = match(tag, available);
    if (hit) return hit;
  }
  return (fallback && match(fallback, available)) || match('en', available) || 'en';
}

function match(tag: string, available: readonly string[]): string | undefined {
  const lower = tag.toLowerCase();
  const language = lower.split('-')[0];
  return (
    available.find((a) => a.toLowerCase() === lower) ??
    available.find((a) => a.toLowerCase() === language)
  );
}
