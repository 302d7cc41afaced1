/** Prefixes that tell a page session's cookie value from a plugin credential at a glance. */
export const SESSION_PREFIX = {page: 'crs_', plugin: 'cps_'} as const;

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A new unguessable token (256 random bits) of a kind. Web Crypto: the same in every environment. */
export function newSessionToken(kind: keyof typeof SESSION_PREFIX): string {
  return `${SESSION_PREFIX[kind]}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** What the store keeps of a token: its SHA-256, so a leaked database holds no usable credential. */
export async function sessionTokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return base64url(new Uint8Array(digest));
}
