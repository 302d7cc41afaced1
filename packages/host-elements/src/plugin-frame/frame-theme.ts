import type {FrameTheme} from './frame-protocol.js';

/**
 * The theme of `element` as a frame copies it: every `--crm-*` custom property it computes (set by
 * the page on any ancestor, e.g. the extension point), its color scheme, text color and font, and
 * whether the page prefers dark. A frame's document inherits nothing from the page, so these are
 * what keep a sandboxed plugin looking like one in the page.
 */
export function collectFrameTheme(element: Element): FrameTheme {
  const style = getComputedStyle(element);
  const properties: Record<string, string> = {};
  for (let i = 0; i < style.length; i++) {
    const name = style.item(i);
    if (name.startsWith('--crm-')) properties[name] = style.getPropertyValue(name).trim();
  }
  return {
    properties,
    colorScheme: style.colorScheme || 'normal',
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    color: style.color,
    fontFamily: style.fontFamily,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
  };
}
