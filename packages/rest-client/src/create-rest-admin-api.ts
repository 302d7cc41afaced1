import type {LeadSettings} from '@crmkit/sdk';
import {assertToken, requestJson} from './request-json.js';
import type {JsonRequest} from './request-json.js';
import type {
  AdminRejectCode,
  AdminRole,
  AdminUser,
  AssignmentRulesPreview,
  AssignmentRulesRolledBack,
  AssignmentRulesVersion,
  AssignmentRulesVersionDetail,
  AssignmentStats,
  AuditEntry,
  InstalledPlugin,
  PluginPackageBytes,
  PluginUpload,
  RestAdminApi,
  RulesetActivated,
} from './rest-admin-api.js';
import type {RestClientOptions} from './rest-client-options.js';

/** `/api/admin/<kind>s/<id>`, refusing an id that would address the collection instead. */
const itemPath = (kind: 'plugin' | 'role' | 'user', id: string): string => {
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      `rest-client: a ${kind} id must be a non-empty string, got ${JSON.stringify(id)}.`,
    );
  }
  return `/api/admin/${kind}s/${encodeURIComponent(id)}`;
};

/** `/api/admin/assignment-rules/versions/<n>`, refusing what is not a version number. */
const versionPath = (version: number): string => {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new TypeError(
      `rest-client: a ruleset version must be a positive integer, got ${JSON.stringify(version)}.`,
    );
  }
  return `/api/admin/assignment-rules/versions/${version}`;
};

const isPackageBytes = (value: unknown): value is PluginPackageBytes =>
  value instanceof Uint8Array ||
  value instanceof ArrayBuffer ||
  (typeof Blob !== 'undefined' && value instanceof Blob);

/**
 * The admin routes of the crmkit REST contract over `fetch`: ownership mode, reject codes, assignment
 * rules (with their stats, a preview of a candidate, the kept versions and rollback), plugin packages and installations, roles and users, the audit trail. Errors
 * as in `createRestHostApi`.
 */
export function createRestAdminApi(options: RestClientOptions): RestAdminApi {
  assertToken(options);
  const call = <T>(request: JsonRequest) => requestJson<T>(options, request).then((r) => r.body);
  // A call's promise, with a synchronous TypeError (bad id) turned into a rejection like any refusal.
  const later = <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return run();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    getLeadSettings: (o) =>
      call<LeadSettings>({method: 'GET', path: '/api/admin/settings/lead', signal: o?.signal}),
    putLeadSettings: (settings, o) =>
      call<LeadSettings>({
        method: 'PUT',
        path: '/api/admin/settings/lead',
        body: settings,
        signal: o?.signal,
      }),
    getRejectCodes: (o) =>
      call<AdminRejectCode[]>({method: 'GET', path: '/api/admin/reject-codes', signal: o?.signal}),
    putRejectCodes: (codes, o) =>
      call<AdminRejectCode[]>({
        method: 'PUT',
        path: '/api/admin/reject-codes',
        body: codes,
        signal: o?.signal,
      }),
    getAssignmentRules: (o) =>
      call<Record<string, unknown>>({
        method: 'GET',
        path: '/api/admin/assignment-rules',
        signal: o?.signal,
      }),
    putAssignmentRules: (ruleset, o) =>
      call<RulesetActivated>({
        method: 'PUT',
        path: '/api/admin/assignment-rules',
        body: ruleset,
        signal: o?.signal,
      }),
    getAssignmentStats: (o) =>
      call<AssignmentStats>({
        method: 'GET',
        path: '/api/admin/assignment-rules/stats',
        signal: o?.signal,
      }),
    previewAssignmentRules: (ruleset, query, o) =>
      call<AssignmentRulesPreview>({
        method: 'POST',
        path: '/api/admin/assignment-rules/preview',
        query: {rejectCode: query?.rejectCode || undefined, replay: query?.replay},
        body: ruleset,
        signal: o?.signal,
      }),
    listAssignmentRulesVersions: (o) =>
      call<AssignmentRulesVersion[]>({
        method: 'GET',
        path: '/api/admin/assignment-rules/versions',
        signal: o?.signal,
      }),
    getAssignmentRulesVersion: (version, o) =>
      later(() =>
        call<AssignmentRulesVersionDetail>({
          method: 'GET',
          path: versionPath(version),
          signal: o?.signal,
        }),
      ),
    activateAssignmentRulesVersion: (version, o) =>
      later(() =>
        call<AssignmentRulesRolledBack>({
          method: 'POST',
          path: `${versionPath(version)}/activate`,
          signal: o?.signal,
        }),
      ),
    listPlugins: (o) =>
      call<InstalledPlugin[]>({method: 'GET', path: '/api/admin/plugins', signal: o?.signal}),
    uploadPluginPackage: async (bytes, o) => {
      if (!isPackageBytes(bytes)) {
        throw new TypeError(
          'rest-client: uploadPluginPackage takes the bytes of the .tgz that `crmkit pack` wrote (a Uint8Array, ArrayBuffer or Blob/File).',
        );
      }
      // requestJson sends JSON bodies only; its fetch is wrapped so that the package goes as the raw
      // body while the token, Accept-Language and the error handling stay the same as every other call.
      const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
      const response = await requestJson<PluginUpload>(
        {
          ...options,
          fetch: (input, init) =>
            doFetch(input, {
              ...init,
              headers: {
                ...(init?.headers as Record<string, string>),
                'Content-Type': 'application/gzip',
              },
              body: bytes as BodyInit,
            }),
        },
        {method: 'POST', path: '/api/admin/plugins', signal: o?.signal},
      );
      return {upload: response.body, created: response.status === 201};
    },
    updatePlugin: (id, changes, o) =>
      later(() =>
        call<InstalledPlugin>({
          method: 'PUT',
          path: itemPath('plugin', id),
          body: changes,
          signal: o?.signal,
        }),
      ),
    uninstallPlugin: (id, o) =>
      later(() => call<void>({method: 'DELETE', path: itemPath('plugin', id), signal: o?.signal})),
    listRoles: (o) =>
      call<AdminRole[]>({method: 'GET', path: '/api/admin/roles', signal: o?.signal}),
    updateRole: (id, changes, o) =>
      later(() =>
        call<AdminRole>({
          method: 'PUT',
          path: itemPath('role', id),
          body: {privileges: changes.privileges},
          signal: o?.signal,
        }),
      ),
    listUsers: (o) =>
      call<AdminUser[]>({method: 'GET', path: '/api/admin/users', signal: o?.signal}),
    updateUser: (id, changes, o) =>
      later(() =>
        call<AdminUser>({
          method: 'PUT',
          path: itemPath('user', id),
          body: {roleId: changes.roleId},
          signal: o?.signal,
        }),
      ),
    listAudit: (query, o) =>
      call<AuditEntry[]>({
        method: 'GET',
        path: '/api/admin/audit',
        // Empty filters are left out: the host refuses an empty leadId rather than matching nothing.
        query: {
          leadId: query?.leadId || undefined,
          userId: query?.userId || undefined,
          pluginId: query?.pluginId || undefined,
          limit: query?.limit,
        },
        signal: o?.signal,
      }),
  };
}
