// The lead list (`/`): the leads the signed-in user may read, filtered by Lead Status (`?status=`),
// a page of 200 at a time with a button for the next page.
import {LEAD_STATUSES, type Lead, type LeadStatus} from '@crmkit/sdk';
import {html} from 'lit';
import {statusLabel, translator} from '../page-strings.js';
import {createLeadPager} from './lead-pager.js';
import {describeError, readPageConfig, show, startPage} from './start-page.js';

const isStatus = (value: string | null): value is LeadStatus =>
  (LEAD_STATUSES as readonly string[]).includes(value ?? '');

async function main(): Promise<void> {
  const t = translator(readPageConfig().lang);
  const page = await startPage(t('leadsTitle'));
  if (!page) return;
  const wanted = new URLSearchParams(location.search).get('status');
  const status = isStatus(wanted) ? wanted : undefined;

  const filter = html`<form class="filter" method="get">
    <label for="status-filter">${t('statusFilter')}</label>
    <select id="status-filter" name="status">
      <option value="" ?selected=${!status}>${t('allStatuses')}</option>
      ${LEAD_STATUSES.map(
        (s) => html`<option value=${s} ?selected=${s === status}>${statusLabel(t, s)}</option>`,
      )}
    </select>
    <button type="submit">${t('applyFilter')}</button>
  </form>`;

  // A page of 200 leads at a time (keyset paging: the host's Link rel="next" names the next one),
  // the next one only when the user asks for it: a host with 150,000 leads never sends them all.
  const pager = createLeadPager((query) => page.api.listLeadPage(query), status ? {status} : {});
  let moreError: string | undefined;

  const render = () => {
    const leads = pager.leads;
    const count = !pager.done
      ? t('leadsCountMore', {count: leads.length})
      : leads.length === 1
        ? t('leadsCountOne')
        : t('leadsCount', {count: leads.length});
    show(
      page.main,
      html`<h1>${t('leadsTitle')}</h1>
        ${filter}
        ${
          wanted && !status
            ? html`<p class="message info">${t('unknownStatus', {status: wanted})}</p>`
            : ''
        }
        <p role="status" class="count" id="lead-count">${count}</p>
        ${leads.length === 0 ? html`<p class="message info">${t('noLeads')}</p>` : leadTable(leads, count)}
        ${moreError ? html`<p class="message error" role="alert">${moreError}</p>` : ''}
        ${
          pager.done
            ? ''
            : html`<p>
                <button
                  type="button"
                  id="load-more-leads"
                  aria-describedby="lead-count"
                  aria-disabled=${pager.loading ? 'true' : 'false'}
                  @click=${loadMore}
                >
                  ${pager.loading ? t('loadingMoreLeads') : t('loadMoreLeads')}
                </button>
              </p>`
        }`,
    );
  };

  const leadTable = (leads: readonly Lead[], count: string) =>
    html`<table class="leads" aria-busy=${pager.loading ? 'true' : 'false'}>
      <caption class="visually-hidden">
        ${t('leadsTitle')}: ${count}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('colName')}</th>
          <th scope="col">${t('colCompany')}</th>
          <th scope="col">${t('colStatus')}</th>
          <th scope="col">${t('colOwner')}</th>
          <th scope="col">${t('colCountry')}</th>
        </tr>
      </thead>
      <tbody>
        ${leads.map(
          (lead) =>
            html`<tr>
              <th scope="row">
                <a href="/leads/${encodeURIComponent(lead.id)}"
                  >${lead.firstName} ${lead.lastName}</a
                >
              </th>
              <td>${lead.company}</td>
              <td>
                <span class="status status-${lead.status.toLowerCase()}"
                  >${statusLabel(t, lead.status)}</span
                >
              </td>
              <td>${lead.ownerName ?? lead.ownerId ?? t('noOwner')}</td>
              <td>${lead.country ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;

  /**
   * The next page, appended. The keyboard focus moves to the first lead that came (the list goes on
   * where the user was about to read); a failure keeps every lead shown and the button to try again.
   */
  const loadMore = async (): Promise<void> => {
    if (pager.loading || pager.done) return;
    const first = pager.leads.length;
    const loading = pager.loadNext();
    moreError = undefined;
    render();
    try {
      const added = await loading;
      render();
      // None came (the host's last page was empty): the last lead, where the button was.
      const row = added.length > 0 ? `nth-child(${first + 1})` : 'last-child';
      page.main.querySelector<HTMLElement>(`table.leads tbody tr:${row} a`)?.focus();
    } catch (error) {
      moreError = describeError(t, error);
      render();
    }
  };

  try {
    await pager.loadNext();
  } catch (error) {
    show(
      page.main,
      html`<h1>${t('leadsTitle')}</h1>
        ${filter}
        <p class="message error" role="alert">${describeError(t, error)}</p>`,
    );
    return;
  }
  render();
}

void main();
