/**
 * The places of a host page where plugins plug in. `lead.detail.actions`: buttons on Lead Detail that
 * open a plugin element (a dialog); `lead.detail.panel`: a plugin element shown as a panel on Lead Detail.
 * The names are stable: extend this list, never rename an entry.
 */
export const EXTENSION_POINTS = ['lead.detail.actions', 'lead.detail.panel'] as const;

/** One of the extension point names in {@link EXTENSION_POINTS}. */
export type ExtensionPointName = (typeof EXTENSION_POINTS)[number];

const known: ReadonlySet<string> = new Set(EXTENSION_POINTS);

/** Whether `value` is one of the extension point names. */
export function isExtensionPoint(value: unknown): value is ExtensionPointName {
  return typeof value === 'string' && known.has(value);
}
