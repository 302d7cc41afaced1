import type {PluginManifest} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {
  PAGE_SESSION_LIFETIME_MS,
  PLUGIN_SESSION_LIFETIME_MS,
  sessionCookie,
  sessionCookieValue,
} from '../sessions/session-cookie.js';
import {newSessionToken, sessionTokenHash} from '../sessions/session-token.js';
import {hostText} from '../texts/host-texts.js';

/**
 * Sessions: a page's (`POST /api/sessions` turns a sign-in into the HttpOnly cookie, so no page script
 * ever holds a credential) and a plugin's (`POST /api/plugin-sessions`: a short-lived token bound to
 * the user and one plugin, which the host element uses for that plugin's calls only).
 */
export function sessionRoutes(store: HostStore): Route[] {
  const now = () => store.now?.() ?? new Date();
  return [
    {
      method: 'POST',
      path: '/api/sessions',
      privilege: null,
      handle: async ({user, secure}) => {
        const token = newSessionToken('page');
        const tokenHash = await sessionTokenHash(token);
        const expiresAt = new Date(now().getTime() + PAGE_SESSION_LIFETIME_MS).toISOString();
        await store.transaction(() =>
          store.createSession({
            tokenHash,
            userId: user.id,
            kind: 'page',
            pluginId: null,
            scopes: [],
            expiresAt,
          }),
        );
        return {
          status: 201,
          body: {userId: user.id, expiresAt},
          headers: {
            'set-cookie': sessionCookie(token, {
              secure,
              maxAgeSeconds: PAGE_SESSION_LIFETIME_MS / 1000,
            }),
          },
        };
      },
    },
    {
      method: 'DELETE',
      path: '/api/sessions/current',
      privilege: null,
      handle: async ({header, secure}) => {
        const token = sessionCookieValue(header('cookie'));
        if (token !== undefined) {
          const tokenHash = await sessionTokenHash(token);
          await store.transaction(() => store.deleteSession(tokenHash));
        }
        return {
          status: 204,
          headers: {'set-cookie': sessionCookie('', {secure, maxAgeSeconds: 0})},
        };
      },
    },
    {
      method: 'POST',
      path: '/api/plugin-sessions',
      privilege: null,
      body: true,
      handle: async ({user, body}) => {
        const {pluginId} = body as {pluginId: string};
        const plugin = (await store.plugins()).find((p) => p.id === pluginId && p.enabled);
        const pkg =
          plugin &&
          (await store.pluginPackages(pluginId)).find((v) => v.version === plugin.version);
        if (!plugin || !pkg) {
          throw new HostProblem(
            'plugin-not-found',
            hostText('sessions.plugin-not-enabled', {pluginId}),
            {
              members: {pluginId},
            },
          );
        }
        const declared = (pkg.manifest as unknown as PluginManifest).permissions;
        const scopes = declared.filter((p) => user.privileges.has(p));
        const token = newSessionToken('plugin');
        const tokenHash = await sessionTokenHash(token);
        const expiresAt = new Date(now().getTime() + PLUGIN_SESSION_LIFETIME_MS).toISOString();
        await store.transaction(() =>
          store.createSession({
            tokenHash,
            userId: user.id,
            kind: 'plugin',
            pluginId,
            scopes,
            expiresAt,
          }),
        );
        return {status: 201, body: {token, pluginId, scopes, expiresAt}};
      },
    },
  ];
}
