import {negotiateLocale} from '../contract/negotiate-locale.js';
import {LEAD_STATUSES} from '@crmkit/sdk';
import type {LeadStatus, RejectLeadInput} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {RejectOutcome, RejectRequest} from './reject-lead-transaction.js';
import type {Route} from '../http/route.js';
import {hostText} from '../texts/host-texts.js';

const VERSION_HEADER = /^("[1-9][0-9]{0,14}"|[1-9][0-9]{0,14})$/;

/** `If-Match` as a lead version (`3` or `"3"`), or undefined when absent; else 400 `invalid-header`. */
export function parseIfMatch(header: (name: string) => string | undefined): number | undefined {
  const raw = header('if-match');
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (!VERSION_HEADER.test(value)) {
    throw new HostProblem('invalid-header', hostText('reject.if-match-invalid', {raw}), {
      errors: [
        {
          field: 'If-Match',
          code: 'invalid-header',
          message: hostText('reject.if-match-invalid.field'),
        },
      ],
    });
  }
  return Number(value.replace(/"/g, ''));
}

/** `Idempotency-Key` (1 to 255 characters), or undefined when absent; else 400 `invalid-header`. */
export function parseIdempotencyKey(
  header: (name: string) => string | undefined,
): string | undefined {
  const raw = header('idempotency-key');
  if (raw === undefined) return undefined;
  if (raw.length < 1 || raw.length > 255) {
    throw new HostProblem('invalid-header', hostText('reject.idempotency-key-invalid'), {
      errors: [
        {
          field: 'Idempotency-Key',
          code: 'invalid-header',
          message: hostText('reject.idempotency-key-invalid.field'),
        },
      ],
    });
  }
  return raw;
}

function leadNotFound(id: string): HostProblem {
  return new HostProblem('lead-not-found', hostText('leads.not-found', {leadId: id}));
}

/** The routes every signed-in page and plugin uses: me, leads, picklist, reject, settings, plugins. */
export function leadRoutes(
  store: HostStore,
  rejectLead: (request: RejectRequest) => Promise<RejectOutcome>,
): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/me',
      privilege: null,
      handle: ({user, plugin}) => ({
        status: 200,
        body: {
          id: user.id,
          name: user.name,
          locale: user.locale,
          role: user.role,
          roleId: user.roleId,
          privileges: [...user.privileges],
          ...(plugin ? {plugin: {id: plugin.id, scopes: plugin.scopes}} : {}),
        },
      }),
    },
    {
      method: 'GET',
      path: '/api/leads',
      privilege: 'leads.read',
      handle: ({query}) => {
        const status = query.get('status');
        if (status !== null && !(LEAD_STATUSES as readonly string[]).includes(status)) {
          throw new HostProblem('invalid-query', hostText('leads.status-invalid', {status}), {
            errors: [
              {
                field: 'status',
                code: 'enum',
                message: hostText('leads.status-invalid.field'),
              },
            ],
          });
        }
        const rows = store.leadRows((status as LeadStatus | null) ?? undefined);
        return {status: 200, body: rows.map((row) => store.toLead(row))};
      },
    },
    {
      method: 'GET',
      path: '/api/leads/{id}',
      privilege: 'leads.read',
      handle: ({params}) => {
        const row = store.leadRow(params.id!);
        if (!row) throw leadNotFound(params.id!);
        return {status: 200, body: store.toLead(row)};
      },
    },
    {
      method: 'POST',
      path: '/api/leads/{id}/reject',
      privilege: 'leads.reject',
      body: true,
      checkHeaders: (header) => {
        parseIfMatch(header);
        parseIdempotencyKey(header);
      },
      handle: async ({header, params, user, body, plugin}) => {
        const ifMatch = parseIfMatch(header);
        const idempotencyKey = parseIdempotencyKey(header);
        const outcome = await rejectLead({
          leadId: params.id!,
          user,
          input: body as RejectLeadInput,
          ...(ifMatch !== undefined ? {ifMatch} : {}),
          ...(idempotencyKey !== undefined ? {idempotencyKey} : {}),
          ...(plugin ? {pluginId: plugin.id} : {}),
        });
        return {
          status: outcome.status,
          body: outcome.body,
          text: outcome.text,
          ...(outcome.replayed ? {headers: {'idempotent-replayed': 'true'}} : {}),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/picklists/reject-codes',
      privilege: 'leads.read',
      handle: ({header: requestHeader, user}) => {
        // Labels in any locale a code has, negotiated per code (not only the de/en of the texts).
        const header = requestHeader('accept-language');
        return {
          status: 200,
          body: store.rejectCodes().map((c) => ({
            key: c.key,
            label:
              c.labels[negotiateLocale(header, Object.keys(c.labels), user.locale)] ?? c.labels.en,
            active: c.active,
          })),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/settings/lead',
      privilege: 'leads.read',
      handle: () => ({status: 200, body: {ownershipMode: store.ownershipMode}}),
    },
  ];
}
