import type {LeadSettings} from '@crmkit/sdk';
import {assertToken, requestJson} from './request-json.js';
import type {JsonRequest} from './request-json.js';
import type {
  AdminRejectCode,
  AssignmentStats,
  AuditEntry,
  InstalledPlugin,
  RestAdminApi,
  RulesetActivated,
} from './rest-admin-api.js';
import type {RestClientOptions} from './rest-client-options.js';

/**
 * The admin routes of the crmkit REST contract over `fetch`: ownership mode, reject codes, assignment
 * rules and their stats, installed plugins, the audit trail. Errors as in `createRestHostApi`.
 */
export function createRestAdminApi(options: RestClientOptions): RestAdminApi {
  assertToken(options);
  const call = <T>(request: JsonRequest) => requestJson<T>(options, request).then((r) => r.body);
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
    listPlugins: (o) =>
      call<InstalledPlugin[]>({method: 'GET', path: '/api/admin/plugins', signal: o?.signal}),
    installPlugin: async (request, o) => {
      const response = await requestJson<InstalledPlugin>(options, {
        method: 'POST',
        path: '/api/admin/plugins',
        body: request,
        signal: o?.signal,
      });
      return {plugin: response.body, created: response.status === 201};
    },
    uninstallPlugin: async (id, o) => {
      if (typeof id !== 'string' || id === '') {
        throw new TypeError(
          `rest-client: a plugin id must be a non-empty string, got ${JSON.stringify(id)}.`,
        );
      }
      await requestJson<void>(options, {
        method: 'DELETE',
        path: `/api/admin/plugins/${encodeURIComponent(id)}`,
        signal: o?.signal,
      });
    },
    listAudit: (query, o) =>
      call<AuditEntry[]>({
        method: 'GET',
        path: '/api/admin/audit',
        query: {leadId: query?.leadId, limit: query?.limit},
        signal: o?.signal,
      }),
  };
}
