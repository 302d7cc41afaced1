import {negotiateLocale} from '../contract/negotiate-locale.js';
import {LEAD_STATUSES} from '@crmkit/sdk';
import type {LeadStatus, RejectLeadInput} from '@crmkit/sdk';
import type {HostStore} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {RejectOutcome, RejectRequest} from './reject-lead-transaction.js';
import type {Route} from '../http/route.js';

const VERSION_HEADER = /^("[1-9][0-9]{0,14}"|[1-9][0-9]{0,14})$/;

/** `If-Match` as a lead version (`3` or `"3"`), or undefined when absent; else 400 `invalid-header`. */
export function parseIfMatch(header: (name: string) => string | undefined): number | undefined {
  const raw = header('if-match');
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (!VERSION_HEADER.test(value)) {
    throw new HostProblem(
      'invalid-header',
      {
        en: `If-Match must be the lead version you saw, a positive integer like 3 or "3" (got ${JSON.stringify(raw)}).`,
        de: `If-Match muss die Lead-Version sein, die Sie gesehen haben, eine positive ganze Zahl wie 3 oder "3" (erhalten: ${JSON.stringify(raw)}).`,
      },
      {
        errors: [
          {
            field: 'If-Match',
            code: 'invalid-header',
            message: {
              en: 'Send the lead version, e.g. 3.',
              de: 'Senden Sie die Lead-Version, z. B. 3.',
            },
          },
        ],
      },
    );
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
    throw new HostProblem(
      'invalid-header',
      {
        en: 'Idempotency-Key must be 1 to 255 characters, made once per user intent (e.g. a UUID).',
        de: 'Idempotency-Key muss 1 bis 255 Zeichen lang sein und einmal pro Benutzerabsicht erzeugt werden (z. B. eine UUID).',
      },
      {
        errors: [
          {
            field: 'Idempotency-Key',
            code: 'invalid-header',
            message: {en: '1 to 255 characters.', de: '1 bis 255 Zeichen.'},
          },
        ],
      },
    );
  }
  return raw;
}

function leadNotFound(id: string): HostProblem {
  return new HostProblem('lead-not-found', {
    en: `There is no lead with the id "${id}".`,
    de: `Es gibt keinen Lead mit der ID "${id}".`,
  });
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
      handle: ({user}) => ({
        status: 200,
        body: {
          id: user.id,
          name: user.name,
          locale: user.locale,
          role: user.role,
          privileges: [...user.privileges],
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
          throw new HostProblem(
            'invalid-query',
            {
              en: `status must be one of ${LEAD_STATUSES.join(', ')} (got "${status}").`,
              de: `status muss einer der Werte ${LEAD_STATUSES.join(', ')} sein (erhalten: "${status}").`,
            },
            {
              errors: [
                {
                  field: 'status',
                  code: 'enum',
                  message: {
                    en: `One of ${LEAD_STATUSES.join(', ')}.`,
                    de: `Einer der Werte ${LEAD_STATUSES.join(', ')}.`,
                  },
                },
              ],
            },
          );
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
      handle: async ({header, params, user, body}) => {
        const ifMatch = parseIfMatch(header);
        const idempotencyKey = parseIdempotencyKey(header);
        const outcome = await rejectLead({
          leadId: params.id!,
          user,
          input: body as RejectLeadInput,
          ...(ifMatch !== undefined ? {ifMatch} : {}),
          ...(idempotencyKey !== undefined ? {idempotencyKey} : {}),
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
