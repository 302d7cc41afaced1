import type {IncomingMessage} from 'node:http';
import type {HostRequest} from '@crmkit/host-core';
import type {PageHost} from '../server/page-handler.js';

/** Who looks at a page, and the cookies that sign them in or out. */
export interface PageSignIn {
  userId: string | null;
  /** A `?as=` that named no user. */
  unknownAs?: string;
  setCookies: string[];
}

/**
 * Signs the page's visitor in through the host's own routes, so the pages hold no credential and no
 * session logic of their own: `?as=<token>` (the demo sign-in) is `POST /api/sessions` with that
 * token, whose HttpOnly cookie the page passes on; `?as=` empty is `DELETE /api/sessions/current`;
 * otherwise the session cookie sent is asked `GET /api/me`.
 */
export async function pageSignIn(
  host: PageHost | undefined,
  req: IncomingMessage,
  as: string | undefined,
): Promise<PageSignIn> {
  if (!host) return {userId: null, setCookies: []};
  const call = async (
    method: string,
    pathname: string,
    headers: Record<string, string | undefined>,
  ) => {
    const request: HostRequest = {
      method,
      pathname,
      query: new URLSearchParams(),
      secure: (req.socket as {encrypted?: boolean}).encrypted === true,
      header: (name) => headers[name],
      readBody: async () => '',
      readBytes: async () => new Uint8Array(),
      discardBody: () => {},
    };
    const response = await host.handle(request);
    const body =
      typeof response.body === 'string' && response.body ? JSON.parse(response.body) : {};
    return {status: response.status, cookie: response.headers['set-cookie'], body};
  };
  const session = {cookie: req.headers.cookie, 'x-crmkit-csrf': '1', host: req.headers.host};
  if (as === '') {
    const out = await call('DELETE', '/api/sessions/current', session);
    return {userId: null, setCookies: out.cookie ? [out.cookie] : []};
  }
  if (as !== undefined) {
    const signed = await call('POST', '/api/sessions', {authorization: `Bearer ${as}`});
    if (signed.status === 201 && signed.cookie) {
      return {userId: String(signed.body.userId), setCookies: [signed.cookie]};
    }
    return {userId: null, unknownAs: as, setCookies: []};
  }
  if (req.headers.cookie) {
    const me = await call('GET', '/api/me', session);
    if (me.status === 200) return {userId: String(me.body.id), setCookies: []};
  }
  return {userId: null, setCookies: []};
}
