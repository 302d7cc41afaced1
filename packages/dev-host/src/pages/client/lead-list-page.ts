// The lead list (`/`): every lead the signed-in user may read, filtered by Lead Status (`?status=`).
import {LEAD_STATUSES, type Lead, type LeadStatus} from '@crmkit/sdk';
import {html} from 'lit';
import {statusLabel, translator} from '../page-strings.js';
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

  let leads: Lead[];
  try {
    // The host answers a page at a time (200 leads); listLeads follows its Link rel="next" headers
    // to the last page, so the list still shows every lead.
    leads = await page.api.listLeads(status ? {status} : {});
  } catch (error) {
    show(
      page.main,
      html`<h1>${t('leadsTitle')}</h1>
        ${filter}
        <p class="message error" role="alert">${describeError(t, error)}</p>`,
    );
    return;
  }
  const count = leads.length === 1 ? t('leadsCountOne') : t('leadsCount', {count: leads.length});
  show(
    page.main,
    html`<h1>${t('leadsTitle')}</h1>
      ${filter}
      ${
        wanted && !status
          ? html`<p class="message info">${t('unknownStatus', {status: wanted})}</p>`
          : ''
      }
      <p role="status" class="count">${count}</p>
      ${
        leads.length === 0
          ? html`<p class="message info">${t('noLeads')}</p>`
          : html`<table class="leads">
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
            </table>`
      }`,
  );
}

void main();
