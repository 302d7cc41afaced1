/** The page session's cookie: HttpOnly (no page script reads it), SameSite=Strict, the whole host. */
export const SESSION_COOKIE = 'crmkit_session';

/** The header a cookie-authenticated call must send (a cross-origin page cannot without a preflight). */
export const CSRF_HEADER = 'x-crmkit-csrf';

/** How long a page session lasts. */
export const PAGE_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** How long a plugin credential lasts: short, the host element mints a new one when it expires. */
export const PLUGIN_SESSION_LIFETIME_MS = 15 * 60 * 1000;

/** The Set-Cookie value that starts a page session (`secure` on https). */
export function sessionCookie(token: string, options: {secure: boolean; maxAgeSeconds: number}) {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session cookie's value in a Cookie header, if any. */
export function sessionCookieValue(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}
