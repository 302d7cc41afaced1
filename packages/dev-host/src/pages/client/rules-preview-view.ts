import {html, nothing, type TemplateResult} from 'lit';
import type {AdminTranslate} from '../admin-page-strings.js';
import type {PageLanguage, Translate} from '../page-strings.js';
import type {
  AssignmentRulesPreview,
  PreviewChange,
  PreviewEvaluation,
  PreviewOwner,
} from './admin-api-types.js';
import {countRows, groupChanges, type ChangeGroup} from './preview-summary.js';
import {renderComparisonChart} from './render-stats-chart.js';

/** At most this many leads are listed per move; the sentence above them counts all. */
export const LEADS_LISTED_PER_MOVE = 50;

export interface PreviewViewOptions {
  preview: AssignmentRulesPreview;
  /** The reject code's label in the page's language (its key when the picklist does not know it). */
  rejectCodeLabel: string;
  /** The editor changed since the preview was made. */
  stale: boolean;
  t: Translate;
  a: AdminTranslate;
  lang: PageLanguage;
}

/** An owner's name in a sentence: the user's name, else the id, else "nobody". */
export function ownerName(owner: PreviewOwner, a: AdminTranslate): string {
  return owner.ownerName ?? owner.ownerId ?? a('previewNobody');
}

/** Whether a group's leads keep their owner (only the rule that assigns them changes). */
const staysWithOwner = (group: ChangeGroup) => group.from.ownerId === group.to.ownerId;

/**
 * "12 leads would go to Sofia Romano instead of Jonas Weber" (German: "12 Leads gingen an …"), or,
 * when only the rule changes, "12 leads would stay with Sofia Romano, by another rule".
 */
export function moveSentence(group: ChangeGroup, a: AdminTranslate): string {
  if (staysWithOwner(group)) {
    const owner = ownerName(group.to, a);
    return group.count === 1
      ? a('previewStayOne', {owner})
      : a('previewStay', {count: group.count, owner});
  }
  const names = {to: ownerName(group.to, a), from: ownerName(group.from, a)};
  return group.count === 1
    ? a('previewMoveOne', names)
    : a('previewMove', {count: group.count, ...names});
}

/** The label of a group's list of leads. */
function leadsLabel(group: ChangeGroup, a: AdminTranslate): string {
  return staysWithOwner(group)
    ? a('previewLeadsStay', {owner: ownerName(group.to, a)})
    : a('previewLeadsOf', {to: ownerName(group.to, a), from: ownerName(group.from, a)});
}

/** The summary, the changed leads, and the side-by-side chart of a preview. */
export function renderPreview(o: PreviewViewOptions): TemplateResult {
  const {preview, a} = o;
  const rows = countRows(preview.active, preview.candidate);
  const total = preview.leads.evaluated + preview.replayed.evaluated;
  return html`<div class="preview-result" data-reject-code=${preview.rejectCode}>
    ${o.stale ? html`<p class="message info">${a('previewStale')}</p>` : nothing}
    ${evaluation(
      'preview-leads',
      a('previewLeadsTitle', {code: o.rejectCodeLabel, evaluated: preview.leads.evaluated}),
      preview.leads,
      o,
    )}
    ${evaluation(
      'preview-replayed',
      a('previewReplayedTitle', {evaluated: preview.replayed.evaluated}),
      preview.replayed,
      o,
    )}
    <h4 id="chart-title">${a('chartTitle')}</h4>
    <div class="table-scroll">
      ${renderComparisonChart(
        {
          rows,
          total,
          rejectCode: o.rejectCodeLabel,
          activeVersion: preview.active.version,
        },
        o.t,
        a,
        o.lang,
      )}
    </div>
  </div>`;
}

/** One evaluation (current leads, or replayed rejections): a sentence per move, and its leads. */
function evaluation(
  id: string,
  title: string,
  result: PreviewEvaluation,
  o: PreviewViewOptions,
): TemplateResult {
  const {a} = o;
  const groups = groupChanges(result.changed);
  return html`<section
    class="preview-evaluation"
    aria-labelledby="${id}-title"
    data-evaluation=${id}
  >
    <h4 id="${id}-title">${title}</h4>
    ${
      groups.length === 0
        ? html`<p class="moves-none">${a('previewNoChange')}</p>`
        : html`<ul class="moves">
            ${groups.map(
              (group, i) =>
                html`<li>
                  <p class="move">${moveSentence(group, a)}</p>
                  <details>
                    <summary>${leadsLabel(group, a)}</summary>
                    <ul class="changed-leads" aria-label=${moveSentence(group, a)} data-move=${i}>
                      ${group.leads.slice(0, LEADS_LISTED_PER_MOVE).map((c) => changedLead(c, a))}
                    </ul>
                    ${
                      group.count > LEADS_LISTED_PER_MOVE
                        ? html`<p>
                            ${a('previewMore', {count: group.count - LEADS_LISTED_PER_MOVE})}
                          </p>`
                        : nothing
                    }
                  </details>
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}

/** "Company – Name (L-0001): Jonas Weber by the rule “x” → Sofia Romano by the rule “y”". */
function changedLead(change: PreviewChange, a: AdminTranslate): TemplateResult {
  const how = (owner: PreviewOwner) =>
    owner.rule === null ? a('previewByFallback') : a('previewByRule', {rule: owner.rule});
  return html`<li data-lead=${change.leadId}>
    <a href="/leads/${encodeURIComponent(change.leadId)}"
      >${change.company} – ${change.name} (${change.leadId})</a
    >: ${a('colNow')}: ${ownerName(change.from, a)} ${how(change.from)} → ${a('colCandidate')}:
    ${ownerName(change.to, a)} ${how(change.to)}
  </li>`;
}
