// The document a sandboxed plugin's iframe starts from (its `srcdoc`): a Content-Security-Policy that
// lets the frame run only the host's frame runtime, the shared modules of the import map and the
// plugin entry the runtime verified (a blob: URL), and fetch only from the plugin's own folder; the
// import map (the page's own, absolutized, since a srcdoc's opaque origin resolves nothing relative
// to the host); and the runtime module.

/** Where a frame gets its code from. Every URL absolute. */
export interface FrameDocumentOptions {
  /** The frame runtime module (`@crmkit/host-elements/frame-runtime`). */
  runtimeUrl: string;
  /** The import map's `imports` (bare specifier → absolute URL). */
  importMap: Readonly<Record<string, string>>;
  /** Where scripts may load from (origins or folders); see {@link defaultScriptSources}. */
  scriptSources: readonly string[];
  /** The plugin's folder: the only place the frame may fetch from (its entry). */
  pluginFolder: string;
  /** The document language (`<html lang>`). */
  locale: string;
}

/** The import map's JSON, as it stands in the document (and is hashed for the policy). */
export function frameImportMapText(importMap: Readonly<Record<string, string>>): string {
  // `<` as \u003c: no value can end the <script> element early.
  return JSON.stringify({imports: importMap}).replace(/</g, '\\u003c');
}

/**
 * A URL as a CSP source expression: http(s) only, no query or fragment, and the characters that
 * separate sources and directives percent-encoded. Undefined for anything else (a blob: or data:
 * URL in an import map never becomes a script source).
 */
export function sourceExpression(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href
    .replace(/;/g, '%3B')
    .replace(/,/g, '%2C')
    .replace(/[\s'"]/g, '');
}

/**
 * The default script sources: per origin, the deepest folder holding the runtime and every module
 * of the import map (the host's assets folder, e.g. `https://crm.example/assets/`, which also holds
 * the chunks those modules import).
 */
export function defaultScriptSources(urls: readonly string[]): string[] {
  const byOrigin = new Map<string, string[][]>();
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
    const folders = parsed.pathname.split('/').slice(1, -1);
    byOrigin.set(parsed.origin, [...(byOrigin.get(parsed.origin) ?? []), folders]);
  }
  return [...byOrigin].map(([origin, paths]) => {
    const common: string[] = [];
    for (let i = 0; paths.every((p) => p[i] !== undefined && p[i] === paths[0]![i]); i++) {
      common.push(paths[0]![i]!);
    }
    return `${origin}/${common.map((c) => `${c}/`).join('')}`;
  });
}

/** The frame's policy; `importMapHash` is the `sha256-…` of {@link frameImportMapText}. */
export function framePolicy(
  options: Pick<FrameDocumentOptions, 'scriptSources' | 'pluginFolder'>,
  importMapHash: string,
): string {
  const scripts = options.scriptSources.map(sourceExpression).filter(Boolean);
  const folder = sourceExpression(options.pluginFolder);
  return [
    "default-src 'none'",
    // The runtime and shared modules from the host, the verified entry as a blob, the import map.
    `script-src ${[...new Set(scripts)].join(' ')} blob: '${importMapHash}'`,
    // Only the plugin's own files; the host API is reached through the bridge, never by fetch.
    `connect-src ${folder ?? "'none'"}`,
    `img-src ${folder ? `${folder} ` : ''}data: blob:`,
    `font-src ${folder ?? "'none'"}`,
    // These do not fall back to default-src: forbid them outright.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `srcdoc` of a plugin frame. */
export function frameDocument(options: FrameDocumentOptions, importMapHash: string): string {
  const policy = framePolicy(options, importMapHash);
  const lang = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(options.locale) ? options.locale : 'en';
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`,
    `<script type="importmap">${frameImportMapText(options.importMap)}</script>`,
    `<script type="module" src="${escapeAttribute(options.runtimeUrl)}"></script>`,
    '</head><body></body></html>',
  ].join('');
}

/** The `sha256-…` CSP hash of `text` (needs crypto.subtle: a secure context). */
export async function sha256Source(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  );
  return `sha256-${btoa(String.fromCharCode(...digest))}`;
}

/**
 * The page's own import map (`<script type="importmap">`'s `imports`), every URL absolute against
 * the document's base URL; entries that are not strings or URLs are left out.
 */
export function pageImportMap(doc: Document = document): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const script of doc.querySelectorAll('script[type="importmap"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const entries = (parsed as {imports?: unknown})?.imports;
    if (!entries || typeof entries !== 'object') continue;
    for (const [specifier, target] of Object.entries(entries)) {
      if (typeof target !== 'string') continue;
      try {
        imports[specifier] = new URL(target, doc.baseURI).href;
      } catch {
        // not a URL: a frame could not use it either
      }
    }
  }
  return imports;
}
