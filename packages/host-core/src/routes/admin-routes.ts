import {OTHER_REJECT_CODE} from '@crmkit/sdk';
import type {LeadSettings} from '@crmkit/sdk';
import type {HostStore, RejectCodeRecord} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {hostText} from '../texts/host-texts.js';

/** Admin routes for the lead settings (ownership mode), the reject codes and the audit trail. */
export function adminRoutes(store: HostStore): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/admin/settings/lead',
      privilege: 'plugins.manage',
      handle: () => ({status: 200, body: {ownershipMode: store.ownershipMode}}),
    },
    {
      method: 'PUT',
      path: '/api/admin/settings/lead',
      privilege: 'plugins.manage',
      body: true,
      handle: async ({body, user}) => {
        const {ownershipMode} = body as LeadSettings;
        await store.transaction(async () => {
          const before = store.ownershipMode;
          await store.setOwnershipMode(ownershipMode);
          await store.audit(user.id, AUDIT_ACTIONS.leadSettingsUpdated, null, {
            before,
            after: ownershipMode,
          });
        });
        return {status: 200, body: {ownershipMode: store.ownershipMode}};
      },
    },
    {
      method: 'GET',
      path: '/api/admin/reject-codes',
      privilege: 'plugins.manage',
      handle: () => ({status: 200, body: store.rejectCodes()}),
    },
    {
      method: 'PUT',
      path: '/api/admin/reject-codes',
      privilege: 'plugins.manage',
      body: true,
      handle: async ({body, user}) => {
        const codes = (body as RejectCodeRecord[]).map((c) => ({
          key: c.key,
          active: c.active,
          labels: Object.fromEntries(
            Object.entries(c.labels).map(([locale, label]) => [locale, label.trim()]),
          ) as RejectCodeRecord['labels'],
        }));
        const errors: BilingualFieldError[] = [];
        const seen = new Map<string, number>();
        codes.forEach((c, i) => {
          const first = seen.get(c.key);
          if (first !== undefined) {
            errors.push({
              field: `/${i}/key`,
              code: 'duplicate-key',
              message: hostText('reject-codes.duplicate-key.field', {key: c.key, first}),
            });
          } else {
            seen.set(c.key, i);
          }
        });
        store.rejectCodes().forEach((existing) => {
          if (!seen.has(existing.key)) {
            errors.push({
              field: '',
              code: 'reject-code-removed',
              message: hostText('reject-codes.code-removed.field', {
                key: existing.key,
                labels: existing.labels,
              }),
            });
          }
        });
        if (errors.length) {
          throw new HostProblem(
            'invalid-reject-codes',
            hostText('reject-codes.not-saved', {count: errors.length}),
            {errors},
          );
        }
        await store.transaction(async () => {
          const before = store.rejectCodes();
          await store.replaceRejectCodes(codes);
          await store.audit(user.id, AUDIT_ACTIONS.rejectCodesUpdated, null, {
            before,
            after: codes,
            reasonRequiredKey: OTHER_REJECT_CODE,
          });
        });
        return {status: 200, body: store.rejectCodes()};
      },
    },
    {
      method: 'GET',
      path: '/api/admin/audit',
      privilege: 'plugins.manage',
      handle: async ({query}) => {
        const leadId = query.get('leadId');
        const userId = query.get('userId');
        const pluginId = query.get('pluginId');
        const limitText = query.get('limit');
        const limit = limitText === null ? 100 : Number(limitText);
        const errors: BilingualFieldError[] = [];
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          errors.push({
            field: 'limit',
            code: 'maximum',
            message: hostText('audit.limit-invalid.field', {limit: limitText}),
          });
        }
        for (const [field, value] of [
          ['leadId', leadId],
          ['userId', userId],
          ['pluginId', pluginId],
        ] as const) {
          if (value === '') {
            errors.push({
              field,
              code: 'minLength',
              message: hostText('audit.filter-empty.field', {field}),
            });
          }
        }
        if (errors.length) {
          throw new HostProblem('invalid-query', hostText('audit.query-invalid'), {errors});
        }
        const filter = {
          ...(leadId ? {leadId} : {}),
          ...(userId ? {userId} : {}),
          ...(pluginId ? {pluginId} : {}),
        };
        const entries = (await store.auditEntries(limit, filter)).map((e) => ({
          id: e.id,
          at: e.at,
          actor: {id: e.userId, name: store.user(e.userId)?.name ?? e.userId},
          action: e.action,
          leadId: e.leadId,
          pluginId: e.pluginId,
          data: e.detail,
        }));
        return {status: 200, body: entries};
      },
    },
  ];
}
