import type {PluginManifest, Privilege} from '@crmkit/sdk';
import type {HostStore, UserRecord} from '../store/host-store.js';
import {CSRF_HEADER, sessionCookieValue} from '../sessions/session-cookie.js';
import {SESSION_PREFIX, sessionTokenHash} from '../sessions/session-token.js';
import {hostText} from '../texts/host-texts.js';
import type {HostTextKey} from '../texts/host-texts.js';
import {HostProblem} from './host-problem.js';
import type {HostRequest} from './host-request.js';

/** Who calls: the user, and for a plugin credential the plugin and what it may do now. */
export interface Caller {
  user: UserRecord;
  plugin?: {id: string; scopes: Privilege[]};
  /** Signed in by the page's session cookie (not a bearer token). */
  byCookie: boolean;
}

const unauthorized = (key: HostTextKey & `request.${string}`) =>
  new HostProblem('unauthorized', hostText(key as 'request.token-unknown'), {
    headers: {'www-authenticate': 'Bearer'},
  });

/** A plugin's permissions as the version that runs declares them (none when it no longer runs). */
async function runningPermissions(store: HostStore, pluginId: string): Promise<Privilege[]> {
  const plugin = (await store.plugins()).find((p) => p.id === pluginId);
  if (!plugin?.enabled) return [];
  const pkg = (await store.pluginPackages(pluginId)).find((v) => v.version === plugin.version);
  return [...((pkg?.manifest as unknown as PluginManifest | undefined)?.permissions ?? [])];
}

/**
 * The caller of a request, or a refusal (401; 403 `csrf`):
 * - `Authorization: Bearer <user token>`: REST clients, the CLI, tests.
 * - `Authorization: Bearer cps_…`: a plugin credential. It acts as its user, with scopes narrowed on
 *   every request to what its plugin's running version declares and the user holds NOW, so a role
 *   change, a disable or an upgrade takes effect at once.
 * - The page session cookie, only with the CSRF header and from the host's own origin: a page on
 *   another site cannot send that header without a preflight the host does not grant, and a
 *   sandboxed frame's requests come from origin "null".
 */
export async function authenticate(store: HostStore, req: HostRequest): Promise<Caller> {
  const now = (store.now?.() ?? new Date()).toISOString();
  const auth = req.header('authorization');
  if (auth !== undefined) {
    // The scheme is case-insensitive (RFC 9110) and ASCII spaces separate it from the token; the
    // token is compared exactly as sent. No trim(): it strips U+00A0 and other Unicode spaces too, so
    // "anna\u00a0" signed in as anna. (HTTP itself strips only spaces and tabs around a header value.)
    const token = /^bearer +(.+)$/is.exec(auth)?.[1];
    if (token?.startsWith(SESSION_PREFIX.plugin)) {
      const session = await store.session(await sessionTokenHash(token));
      if (!session || session.kind !== 'plugin' || session.pluginId === null) {
        throw unauthorized('request.token-unknown');
      }
      if (session.expiresAt <= now) throw unauthorized('request.plugin-token-expired');
      const user = store.user(session.userId);
      if (!user?.active) throw unauthorized('request.token-unknown');
      const declared = await runningPermissions(store, session.pluginId);
      const scopes = session.scopes.filter((p) => declared.includes(p) && user.privileges.has(p));
      return {user, plugin: {id: session.pluginId, scopes}, byCookie: false};
    }
    const found = token ? store.userByToken(token) : undefined;
    // A deactivated user keeps their token but cannot sign in with it.
    if (!found?.active) throw unauthorized('request.token-unknown');
    return {user: found, byCookie: false};
  }
  const cookie = sessionCookieValue(req.header('cookie'));
  if (cookie === undefined) throw unauthorized('request.token-missing');
  const session = cookie.startsWith(SESSION_PREFIX.page)
    ? await store.session(await sessionTokenHash(cookie))
    : undefined;
  if (!session || session.kind !== 'page' || session.expiresAt <= now) {
    throw unauthorized('request.session-expired');
  }
  const user = store.user(session.userId);
  if (!user?.active) throw unauthorized('request.session-expired');
  const origin = req.header('origin');
  const site = req.header('sec-fetch-site');
  const sameOrigin =
    (origin === undefined || hostOf(origin) === req.header('host')) &&
    (site === undefined || site === 'same-origin');
  if (req.header(CSRF_HEADER) !== '1' || !sameOrigin) {
    throw new HostProblem('csrf', hostText('request.csrf'));
  }
  return {user, byCookie: true};
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
