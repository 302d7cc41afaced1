/** The languages the dev host answers in. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Picks the answer language from an `Accept-Language` header (highest q first, `de-AT` counts as `de`),
 * else `fallback` (the user's locale), else English.
 */
export function negotiateLanguage(header: string | undefined, fallback?: string): Language {
  if (header) {
    const ranked = header
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
        return {lang: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q) : 1, index};
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const {lang} of ranked) {
      if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
    }
  }
  const base = fallback?.toLowerCase().split('-')[0];
  return base === 'de' ? 'de' : 'en';
}
