import {html, type TemplateResult} from 'lit';
import type {PageLanguage, Translate} from '../page-strings.js';
import type {AssignmentStats} from '@crmkit/rest-client';

/**
 * The assignment-rules chart: one table row per rule (in rule order) and one for the unassigned owner,
 * with the count, the share and a CSS bar. The table is the accessible form of the chart: screen readers
 * read the numbers, the bars are decoration (`aria-hidden`).
 */
export function renderStatsChart(
  stats: AssignmentStats,
  t: Translate,
  lang: PageLanguage,
): TemplateResult {
  const rows = [
    ...stats.rules.map((r) => ({name: r.name, matched: r.matched, fallback: false})),
    {name: t('unassignedOwnerRow'), matched: stats.unassignedOwner, fallback: true},
  ];
  const max = Math.max(1, ...rows.map((r) => r.matched));
  const percent = new Intl.NumberFormat(lang, {style: 'percent', maximumFractionDigits: 0});
  return html`<table class="chart" aria-describedby="stats-title">
    <caption>
      ${t('statsCaption', {total: stats.total})}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('colRule')}</th>
        <th scope="col" class="num">${t('colMatched')}</th>
        <th scope="col" class="num">${t('colShare')}</th>
        <th scope="col" class="bar-cell">
          <span class="visually-hidden">${t('colMatched')}</span>
        </th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class=${row.fallback ? 'fallback' : ''}>
            <th scope="row">${row.name}</th>
            <td class="num">${row.matched}</td>
            <td class="num">${percent.format(stats.total ? row.matched / stats.total : 0)}</td>
            <td class="bar-cell" aria-hidden="true">
              <span class="bar" style="width: ${(row.matched / max) * 100}%"></span>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
