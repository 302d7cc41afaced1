import type {
  Lead,
  LeadSettings,
  LeadStatus,
  RejectCodeOption,
  RejectLeadInput,
  RejectLeadOptions,
  RejectLeadResult,
} from './lead.js';
import type {Privilege} from './privileges.js';

/** The signed-in user as the host reports them. */
export interface CurrentUser {
  id: string;
  name: string;
  /** BCP 47 tag, e.g. `de` or `en`. */
  locale: string;
  privileges: readonly Privilege[];
}

export interface ListLeadsQuery {
  status?: LeadStatus;
}

/**
 * What a host CRM implements for crmkit. Every method may reject with a `HostApiError` (an HTTP-level
 * refusal with a stable `code`) or a `NetworkError`. The host enforces its own permissions: the guarded
 * context in front of it is a convenience for well-behaved plugins, not the security boundary.
 *
 * Privilege each call needs (see `HOST_API_PRIVILEGES`): getLead, listLeads, getRejectCodes and
 * getLeadSettings need `leads.read`; rejectLead needs `leads.reject`.
 */
export interface HostApi {
  getCurrentUser(): Promise<CurrentUser>;
  getLead(id: string): Promise<Lead>;
  listLeads(query?: ListLeadsQuery): Promise<Lead[]>;
  rejectLead(
    id: string,
    input: RejectLeadInput,
    options?: RejectLeadOptions,
  ): Promise<RejectLeadResult>;
  /** The reject-code picklist in picklist order, labelled in `locale` (default: the user's). */
  getRejectCodes(options?: {locale?: string}): Promise<RejectCodeOption[]>;
  getLeadSettings(): Promise<LeadSettings>;
}

/** The HostApi calls a plugin can make through its context, and the privilege each one needs. */
export const HOST_API_PRIVILEGES = {
  getLead: 'leads.read',
  listLeads: 'leads.read',
  getRejectCodes: 'leads.read',
  getLeadSettings: 'leads.read',
  rejectLead: 'leads.reject',
} as const satisfies Partial<Record<keyof HostApi, Privilege>>;

export type GuardedHostCall = keyof typeof HOST_API_PRIVILEGES;
