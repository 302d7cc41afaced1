/** The languages the dev host answers in. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The language ranges of an `Accept-Language` header, lower-cased, highest q first (ties in header
 * order), without `*` and ranges with q=0.
 */
export function rankLanguageRanges(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1, index};
    })
    .filter((r) => r.q > 0 && r.tag !== '' && r.tag !== '*')
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((r) => r.tag);
}

/**
 * Picks the answer language from an `Accept-Language` header (highest q first, `de-AT` counts as `de`),
 * else `fallback` (the user's locale), else English.
 */
export function negotiateLanguage(header: string | undefined, fallback?: string): Language {
  for (const range of rankLanguageRanges(header)) {
    const lang = range.split('-')[0]!;
    if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  }
  const base = fallback?.toLowerCase().split('-')[0];
  return base === 'de' ? 'de' : 'en';
}

/**
 * The label for the caller among the locales a text has (a reject code may carry more than de and
 * en): for each range by rank, the exact tag (`de-CH`), then its language (`fr-BE` → `fr`); then the
 * user's locale the same way; then English.
 */
export function pickLabel(
  labels: Readonly<Record<string, string>>,
  ranges: readonly string[],
  fallback?: string,
): string {
  const byTag = new Map(Object.entries(labels).map(([tag, label]) => [tag.toLowerCase(), label]));
  for (const range of fallback ? [...ranges, fallback.toLowerCase()] : ranges) {
    const label = byTag.get(range) ?? byTag.get(range.split('-')[0]!);
    if (label !== undefined) return label;
  }
  return labels.en ?? Object.values(labels)[0] ?? '';
}
