/** A text in both languages the host answers in. */
export interface Bilingual {
  en: string;
  de: string;
}

/** The languages the host answers in (negotiated with `negotiateLocale` of the contract). */
export type Language = keyof Bilingual;
export const LANGUAGES: readonly Language[] = ['en', 'de'];

/** A table entry without params: the text itself in each language. */
export interface PlainText {
  readonly en: string;
  readonly de: string;
}

/** A table entry with params `P`: each language fills in the same params. */
export interface ParamText<P> {
  readonly en: (params: P) => string;
  readonly de: (params: P) => string;
}

/** Any entry of a text table. */
export type TextEntry = PlainText | ParamText<never>;

/**
 * Declares a table entry with params `P`, so that both languages are checked against the same params:
 * `withParams<{leadId: string}>({en: (p) => `… ${p.leadId}`, de: (p) => `… ${p.leadId}`})`.
 */
export function withParams<P extends object>(entry: ParamText<P>): ParamText<P> {
  return entry;
}

/** The params an entry needs, as the rest parameters of a lookup: `[params]`, or `[]` for none. */
export type ParamsOf<E> = E extends ParamText<infer P> ? [params: P] : [];

/** Whether a table entry takes params. */
export function takesParams(entry: PlainText | ParamText<never>): entry is ParamText<never> {
  return typeof entry.en === 'function';
}

/** The entry's texts in both languages, with `params` filled in. */
export function fillText<P>(entry: PlainText | ParamText<P>, params: P): Bilingual {
  if (takesParams(entry as TextEntry)) {
    const text = entry as ParamText<P>;
    return {en: text.en(params), de: text.de(params)};
  }
  const text = entry as PlainText;
  return {en: text.en, de: text.de};
}

/**
 * A text another package wrote in one language only (a ruleset lint finding, a manifest issue), given
 * in both: it is not the host's own, so it has no entry in the host's table.
 */
export function sameInBoth(text: string): Bilingual {
  return {en: text, de: text};
}
