import {DEMO_USERS} from '@crmkit/host-core';
import {isPageLanguage, type PageLanguage} from './page-strings.js';

/** Cookie names that remember the demo user and the language between pages. */
export const SESSION_COOKIES = {token: 'crmkit-as', lang: 'crmkit-lang'} as const;

/** What a bearer token may look like here (anything else in `?as=` is ignored, never echoed raw). */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;
const ONE_YEAR = 60 * 60 * 24 * 365;

export interface PageSession {
  /** The bearer token the page uses, or null when nobody is signed in. */
  token: string | null;
  lang: PageLanguage;
  /** `Set-Cookie` values to send with the page. */
  setCookies: string[];
}

/**
 * Who is looking and in which language: `?as=<token>` and `?lang=de|en` in the URL win and are remembered
 * in cookies (`?as=` with an empty value signs out); else the cookies; the language then falls back to the
 * demo user's own locale, then the browser's `Accept-Language`, then English.
 */
export function resolvePageSession(
  url: URL,
  headers: {cookie?: string | undefined; 'accept-language'?: string | undefined},
): PageSession {
  const cookies = parseCookies(headers.cookie ?? '');
  const setCookies: string[] = [];

  let token: string | null = cookies[SESSION_COOKIES.token] ?? null;
  if (token !== null && !TOKEN_PATTERN.test(token)) token = null;
  const asParam = url.searchParams.get('as');
  if (asParam !== null) {
    const wanted = asParam.trim();
    if (wanted === '') {
      token = null;
      setCookies.push(cookie(SESSION_COOKIES.token, '', 0));
    } else if (TOKEN_PATTERN.test(wanted)) {
      token = wanted;
      setCookies.push(cookie(SESSION_COOKIES.token, wanted, ONE_YEAR));
    }
  }

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
    const user = DEMO_USERS.find((u) => u.token !== null && u.token === token);
    lang = user?.locale ?? fromAcceptLanguage(headers['accept-language'] ?? '');
  }
  return {token, lang, setCookies};
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
