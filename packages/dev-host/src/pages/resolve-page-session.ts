import {DEMO_USERS} from '@crmkit/host-core';
import {isPageLanguage, type PageLanguage} from './page-strings.js';

/** The cookie that remembers the language between pages (the session cookie is the host's). */
export const SESSION_COOKIES = {lang: 'crmkit-lang'} as const;

/** What a demo sign-in name may look like (anything else in `?as=` is ignored, never echoed raw). */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
const ONE_YEAR = 60 * 60 * 24 * 365;

export interface PageSession {
  /**
   * `?as=` as asked: a demo user's token to sign in with, `''` to sign out, undefined when the URL
   * has none (the session cookie, if any, stays).
   */
  as: string | undefined;
  lang: PageLanguage;
  /** `Set-Cookie` values to send with the page. */
  setCookies: string[];
}

/**
 * What the URL asks of the page: `?as=<token>` signs in (`?as=` empty signs out), `?lang=de|en` picks
 * the language and is remembered in a cookie; else that cookie; the language then falls back to the
 * signed-in user's own locale, then the browser's `Accept-Language`, then English.
 */
export function resolvePageSession(
  url: URL,
  headers: {cookie?: string | undefined; 'accept-language'?: string | undefined},
  userId?: string | null,
): PageSession {
  const cookies = parseCookies(headers.cookie ?? '');
  const setCookies: string[] = [];
  const asParam = url.searchParams.get('as');
  const wanted = asParam?.trim();
  const as =
    wanted === undefined
      ? undefined
      : wanted === '' || TOKEN_PATTERN.test(wanted)
        ? wanted
        : undefined;

  let lang: PageLanguage | undefined;
  const langParam = url.searchParams.get('lang');
  if (isPageLanguage(langParam)) {
    lang = langParam;
    setCookies.push(cookie(SESSION_COOKIES.lang, langParam, ONE_YEAR));
  } else {
    const remembered = cookies[SESSION_COOKIES.lang];
    if (isPageLanguage(remembered)) lang = remembered;
  }
  if (!lang) {
    const user = DEMO_USERS.find((u) => userId != null && u.id === userId);
    lang = user?.locale ?? fromAcceptLanguage(headers['accept-language'] ?? '');
  }
  return {as, lang, setCookies};
}

function cookie(name: string, value: string, maxAge: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; SameSite=Lax; HttpOnly`;
}

export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie value is ignored, as if it were not there
    }
  }
  return out;
}

/** The first of de/en in the header's preference order (by q), else English. */
function fromAcceptLanguage(header: string): PageLanguage {
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index};
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isPageLanguage) ?? 'en';
}
