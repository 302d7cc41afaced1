import {OTHER_REJECT_CODE} from '@crmkit/sdk';
import type {LeadSettings} from '@crmkit/sdk';
import type {HostStore, RejectCodeRecord} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
import type {Route} from '../http/route.js';

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
      handle: ({body, user}) => {
        const {ownershipMode} = body as LeadSettings;
        store.transaction(() => {
          const before = store.ownershipMode;
          store.setOwnershipMode(ownershipMode);
          store.audit(user.id, 'settings.lead.updated', null, {before, after: ownershipMode});
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
      handle: ({body, user}) => {
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
              message: {
                en: `The key ${c.key} is already used by entry ${first}; each key appears once.`,
                de: `Der Schlüssel ${c.key} wird bereits von Eintrag ${first} verwendet; jeder Schlüssel darf nur einmal vorkommen.`,
              },
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
              message: {
                en: `The reject code ${existing.key} ("${existing.labels.en}") is missing. Codes are never deleted because rejected leads keep them: send it with "active": false instead.`,
                de: `Der Zurückweisungscode ${existing.key} ("${existing.labels.de}") fehlt. Codes werden nie gelöscht, weil zurückgewiesene Leads sie behalten: senden Sie ihn stattdessen mit "active": false.`,
              },
            });
          }
        });
        if (errors.length) {
          throw new HostProblem(
            'invalid-reject-codes',
            {
              en: `The reject codes were not saved (${errors.length} problem${errors.length > 1 ? 's' : ''}); the stored list stays. See errors.`,
              de: `Die Zurückweisungscodes wurden nicht gespeichert (${errors.length} Problem${errors.length > 1 ? 'e' : ''}); die gespeicherte Liste bleibt. Siehe errors.`,
            },
            {errors},
          );
        }
        store.transaction(() => {
          const before = store.rejectCodes();
          store.replaceRejectCodes(codes);
          store.audit(user.id, 'reject-codes.updated', null, {
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
      handle: ({query}) => {
        const leadId = query.get('leadId');
        const limitText = query.get('limit');
        const limit = limitText === null ? 100 : Number(limitText);
        const errors: BilingualFieldError[] = [];
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          errors.push({
            field: 'limit',
            code: 'maximum',
            message: {
              en: `limit must be an integer from 1 to 500 (got "${limitText}").`,
              de: `limit muss eine ganze Zahl von 1 bis 500 sein (erhalten: "${limitText}").`,
            },
          });
        }
        if (leadId === '') {
          errors.push({
            field: 'leadId',
            code: 'minLength',
            message: {en: 'leadId must not be empty.', de: 'leadId darf nicht leer sein.'},
          });
        }
        if (errors.length) {
          throw new HostProblem(
            'invalid-query',
            {
              en: 'The audit query is invalid; see errors.',
              de: 'Die Audit-Abfrage ist ungültig; siehe errors.',
            },
            {errors},
          );
        }
        const entries = store.auditEntries(limit, leadId ?? undefined).map((e) => ({
          id: e.id,
          at: e.at,
          actor: {id: e.userId, name: store.user(e.userId)?.name ?? e.userId},
          action: e.action,
          leadId: e.leadId,
          data: e.detail,
        }));
        return {status: 200, body: entries};
      },
    },
  ];
}
