/** A text in several languages, keyed by BCP 47 tag; English is always present and the last resort. */
export type LocalizedText = {en: string; de?: string; [locale: string]: string | undefined};

/**
 * Picks the text for `locale`: the exact tag (`de-AT`), then its language (`de`), then English.
 * Tags compare case-insensitively, so `de-at` finds a `de-AT` entry.
 */
export function localize(text: LocalizedText, locale: string): string {
  const wanted = locale.trim().toLowerCase();
  const entries = Object.entries(text);
  const find = (tag: string) => entries.find(([k, v]) => k.toLowerCase() === tag && v)?.[1];
  if (wanted) {
    const exact = find(wanted);
    if (exact) return exact;
    const language = wanted.split('-')[0] ?? '';
    const base = find(language);
    if (base) return base;
  }
  return text.en;
}
