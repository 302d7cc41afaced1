// The lead list's paging, apart from its rendering: one page of `GET /api/leads` at a time (keyset
// paging: `limit` and `after`, the next page named by the host's `Link: <…>; rel="next"`), asked for
// only when the user wants more, so a host with 150,000 leads never sends them all at once.
import type {Lead, LeadStatus} from '@crmkit/sdk';
import type {LeadPage, LeadPageQuery} from '@crmkit/rest-client';

/** Leads per request: the host's default page size, said out loud. */
export const LEAD_PAGE_SIZE = 200;

/** One page of leads, as `RestHostApi.listLeadPage` answers it. */
export type FetchLeadPage = (query: LeadPageQuery) => Promise<LeadPage>;

export interface LeadPager {
  /** Every lead loaded so far, in the host's order (by id). */
  readonly leads: readonly Lead[];
  /** Whether the host said there are no more (no `rel="next"` on the last page asked for). */
  readonly done: boolean;
  /** Whether a page is being asked for right now. */
  readonly loading: boolean;
  /**
   * Asks for the next page and answers its leads (none once `done`). A call while a page is on its
   * way answers that same page instead of asking twice. A failed request changes nothing: the call
   * rejects and the next call asks for the same page again.
   */
  loadNext(): Promise<readonly Lead[]>;
}

export function createLeadPager(
  fetchPage: FetchLeadPage,
  options: {status?: LeadStatus; pageSize?: number} = {},
): LeadPager {
  const limit = options.pageSize ?? LEAD_PAGE_SIZE;
  const status = options.status;
  const leads: Lead[] = [];
  // Ids the pages so far ended on: a host whose Link pointed back would otherwise be asked forever.
  const seen = new Set<string>();
  let after: string | undefined;
  let done = false;
  let pending: Promise<readonly Lead[]> | undefined;

  const load = async (): Promise<readonly Lead[]> => {
    // Only the link's `after` is taken: the filter and the page size stay the page's own.
    const page = await fetchPage({
      ...(status ? {status} : {}),
      limit,
      ...(after === undefined ? {} : {after}),
    });
    leads.push(...page.leads);
    const next = page.next?.after;
    if (next === undefined || seen.has(next) || page.leads.length === 0) {
      done = true;
    } else {
      seen.add(next);
      after = next;
    }
    return page.leads;
  };

  return {
    get leads() {
      return leads;
    },
    get done() {
      return done;
    },
    get loading() {
      return pending !== undefined;
    },
    loadNext() {
      if (done) return Promise.resolve([]);
      pending ??= load().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
