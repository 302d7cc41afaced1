import {html, type TemplateResult} from 'lit';
import type {PageLanguage, Translate} from '../page-strings.js';
import type {AssignmentStats} from '@crmkit/rest-client';
import type {AdminTranslate} from '../admin-page-strings.js';
import type {CountRow} from './preview-summary.js';

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

/** What the side-by-side chart needs from a preview: both rulesets' counts and what they were made of. */
export interface ComparisonFigures {
  rows: readonly CountRow[];
  /** Leads evaluated (the same for both rulesets: current leads plus replayed rejections). */
  total: number;
  rejectCode: string;
  activeVersion: number | null;
}

/**
 * The chart of a preview: per rule (candidate order, then rules only the active ruleset has, then the
 * unassigned owner) the active and the candidate ruleset's counts and shares, from the preview's
 * figures, the same ones its summary counts. Two bars per row; the numbers are the accessible form.
 */
export function renderComparisonChart(
  figures: ComparisonFigures,
  t: Translate,
  a: AdminTranslate,
  lang: PageLanguage,
): TemplateResult {
  const max = Math.max(1, ...figures.rows.flatMap((r) => [r.active ?? 0, r.candidate ?? 0]));
  const percent = new Intl.NumberFormat(lang, {style: 'percent', maximumFractionDigits: 0});
  const share = (n: number | undefined) =>
    n === undefined ? '' : percent.format(figures.total ? n / figures.total : 0);
  const count = (n: number | undefined) =>
    n === undefined
      ? html`<span aria-hidden="true">–</span
          ><span class="visually-hidden">${a('chartNotInRuleset')}</span>`
      : String(n);
  const bar = (n: number | undefined, kind: string) =>
    html`<span class="bar ${kind}" style="width: ${((n ?? 0) / max) * 100}%"></span>`;
  const caption =
    figures.activeVersion === null
      ? a('chartCaptionNoActive', {total: figures.total, code: figures.rejectCode})
      : a('chartCaption', {
          total: figures.total,
          code: figures.rejectCode,
          version: figures.activeVersion,
        });
  return html`<table class="chart compare" aria-describedby="chart-title">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('colRule')}</th>
        <th scope="col" class="num">${a('chartActive')} · ${t('colMatched')}</th>
        <th scope="col" class="num">${a('chartActive')} · ${t('colShare')}</th>
        <th scope="col" class="num">${a('chartCandidate')} · ${t('colMatched')}</th>
        <th scope="col" class="num">${a('chartCandidate')} · ${t('colShare')}</th>
        <th scope="col" class="bar-cell">
          <span class="visually-hidden">${t('colMatched')}</span>
        </th>
      </tr>
    </thead>
    <tbody>
      ${figures.rows.map(
        (row) =>
          html`<tr
            class=${row.fallback ? 'fallback' : ''}
            data-rule=${row.fallback ? '' : row.name}
          >
            <th scope="row">${row.fallback ? t('unassignedOwnerRow') : row.name}</th>
            <td class="num active">${count(row.active)}</td>
            <td class="num">${share(row.active)}</td>
            <td class="num candidate">${count(row.candidate)}</td>
            <td class="num">${share(row.candidate)}</td>
            <td class="bar-cell" aria-hidden="true">
              ${bar(row.active, 'active')} ${bar(row.candidate, 'candidate')}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
