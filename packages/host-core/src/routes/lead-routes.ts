import {negotiateLocale} from '../contract/negotiate-locale.js';
import {LEAD_STATUSES} from '@crmkit/sdk';
import type {LeadStatus, RejectLeadInput} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
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

/**
 * Paging of `GET /api/leads`: `limit` leads a page (1 to `max`, `default` without it), after the lead
 * id `after`. Unpaged, 150,050 leads were one answer of 42 MB that took the server from 110 to 590 MB
 * and held up every other request for a second.
 */
export const LEAD_PAGE = {default: 200, max: 1000} as const;

/** Longest `after` accepted: a lead id, as the previous page's Link gave it. */
const MAX_AFTER_LENGTH = 255;

/** The page a `GET /api/leads` asks for, or 400 `invalid-query` naming each bad parameter. */
function leadPage(query: URLSearchParams): {limit: number; after?: string} {
  const limitText = query.get('limit');
  const after = query.get('after');
  const errors: BilingualFieldError[] = [];
  const limit = limitText === null ? LEAD_PAGE.default : Number(limitText);
  if (limitText !== null && !(/^\d+$/.test(limitText) && limit >= 1 && limit <= LEAD_PAGE.max)) {
    errors.push({
      field: 'limit',
      code: !/^\d+$/.test(limitText) ? 'type' : limit < 1 ? 'minimum' : 'maximum',
      message: hostText('leads.limit-invalid.field', {limit: limitText, max: LEAD_PAGE.max}),
    });
  }
  if (after !== null && (after.length === 0 || after.length > MAX_AFTER_LENGTH)) {
    errors.push({
      field: 'after',
      code: after.length === 0 ? 'minLength' : 'maxLength',
      message: hostText('leads.after-invalid.field', {max: MAX_AFTER_LENGTH}),
    });
  }
  if (errors.length) {
    throw new HostProblem('invalid-query', hostText('leads.page-invalid'), {errors});
  }
  return after === null ? {limit} : {limit, after};
}

/**
 * The `Link` of the next page (RFC 8288): a relative reference to this list with the same filter, so
 * a client follows it on the host it asked, whatever Host header it sent.
 */
function nextLink(status: string | null, after: string, limit: number): string {
  const query = new URLSearchParams();
  if (status !== null) query.set('status', status);
  query.set('after', after);
  query.set('limit', String(limit));
  return `</api/leads?${query}>; rel="next"`;
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
      handle: async ({query}) => {
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
        const page = leadPage(query);
        // One more than the page: whether a next page exists, without counting them all.
        const rows = await store.leadRows((status as LeadStatus | null) ?? undefined, {
          ...page,
          limit: page.limit + 1,
        });
        const more = rows.length > page.limit;
        if (more) rows.length = page.limit;
        return {
          status: 200,
          body: rows.map((row) => store.toLead(row)),
          ...(more
            ? {headers: {link: nextLink(status, rows[rows.length - 1]!.id, page.limit)}}
            : {}),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/leads/{id}',
      privilege: 'leads.read',
      handle: async ({params}) => {
        const row = await store.leadRow(params.id!);
        if (!row) throw leadNotFound(params.id!);
        return {status: 200, body: store.toLead(row)};
      },
    },
    {
      method: 'POST',
      path: '/api/leads/{id}/reject',
      privilege: 'leads.reject',
      body: true,
      // The reject transaction checks the user again (active, Reject Leads) with current caches.
      checksCallerAgain: true,
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
