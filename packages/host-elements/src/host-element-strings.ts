import {localize} from '@crmkit/sdk';
import type {LocalizedText} from '@crmkit/sdk';

/**
 * Every user-visible string of the host elements, in English and German. `{name}` placeholders are
 * filled by {@link hostElementText}. Extend this table rather than writing strings into templates.
 */
export const HOST_ELEMENT_STRINGS = {
  actionsLabel: {en: 'Plugin actions', de: 'Plugin-Aktionen'},
  close: {en: 'Close', de: 'Schließen'},
  dismiss: {en: 'Dismiss', de: 'Ausblenden'},
  loadFailed: {
    en: 'Plugin could not be loaded: {source} ({code})',
    de: 'Plugin konnte nicht geladen werden: {source} ({code})',
  },
  loadFailedCount: {
    en: '{count} plugin(s) could not be loaded.',
    de: '{count} Plugin(s) konnte(n) nicht geladen werden.',
  },
  openFailed: {
    en: '{name} could not be opened ({code}).',
    de: '{name} konnte nicht geöffnet werden ({code}).',
  },
  panelFailed: {
    en: '{name} could not be shown ({code}).',
    de: '{name} konnte nicht angezeigt werden ({code}).',
  },
} as const satisfies Record<string, LocalizedText>;

export type HostElementStringKey = keyof typeof HOST_ELEMENT_STRINGS;

/** The string `key` in `locale` (falling back as `localize` does), with `{name}` placeholders filled. */
export function hostElementText(
  key: HostElementStringKey,
  locale: string,
  values: Record<string, string | number> = {},
): string {
  return localize(HOST_ELEMENT_STRINGS[key], locale).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
