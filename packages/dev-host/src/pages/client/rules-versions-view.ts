import {html, nothing, type TemplateResult} from 'lit';
import type {AdminTranslate} from '../admin-page-strings.js';
import type {PageLanguage, Translate} from '../page-strings.js';
import type {AssignmentRulesVersion, AssignmentRulesVersionDetail} from './admin-api-types.js';
import {diffCounts, foldUnchanged, type DiffLine} from './line-diff.js';

/** A diff of two versions' rulesets as the page shows it. */
export interface VersionDiff {
  from: number;
  to: number;
  lines: DiffLine[];
}

export interface VersionsViewOptions {
  versions: readonly AssignmentRulesVersion[];
  /** The version being looked at, with its ruleset. */
  viewed: AssignmentRulesVersionDetail | undefined;
  /** The versions picked for the diff (default: the one before the newest, and the newest). */
  diffPick: {from: number | undefined; to: number | undefined};
  diff: VersionDiff | undefined;
  /** The version whose rollback waits for the admin's confirmation. */
  confirming: number | undefined;
  busy: (key: string) => boolean;
  t: Translate;
  a: AdminTranslate;
  lang: PageLanguage;
  view(version: number): void;
  pickDiff(side: 'from' | 'to', version: number): void;
  showDiff(): void;
  openInEditor(version: AssignmentRulesVersionDetail): void;
  askRollBack(version: number): void;
  cancelRollBack(): void;
  rollBack(version: number): void;
}

/** The ruleset as the version view and the diff show it: the stored JSON, two-space indented. */
export const rulesetText = (ruleset: unknown) => `${JSON.stringify(ruleset, null, 2)}\n`;

/** The list of kept versions, the diff between two of them, and the one being looked at. */
export function renderVersions(o: VersionsViewOptions): TemplateResult {
  const {a, t} = o;
  if (o.versions.length === 0) return html`<p class="message info">${a('noVersions')}</p>`;
  const time = new Intl.DateTimeFormat(o.lang, {dateStyle: 'medium', timeStyle: 'medium'});
  return html`<div class="table-scroll">
      <table class="versions">
        <caption class="visually-hidden">
          ${a('versionsTitle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('colVersion')}</th>
            <th scope="col">${a('colActivatedAt')}</th>
            <th scope="col">${a('colActor')}</th>
            <th scope="col"><span class="visually-hidden">${a('colView')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${o.versions.map(
            (v) =>
              html`<tr data-version=${v.version} class=${v.active ? 'active' : ''}>
                <th scope="row">
                  ${v.version}
                  ${v.active ? html`<span class="status">${a('versionActive')}</span>` : nothing}
                </th>
                <td>
                  <time datetime=${v.activatedAt}>${time.format(new Date(v.activatedAt))}</time>
                </td>
                <td>${v.activatedBy?.name ?? a('versionNoActor')}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    ?disabled=${o.busy(`version:${v.version}`)}
                    @click=${() => o.view(v.version)}
                  >
                    ${a('viewVersion', {version: v.version})}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${o.versions.length > 1 ? diffForm(o) : nothing} ${o.diff ? renderDiff(o.diff, a) : nothing}
    ${o.viewed ? viewedVersion(o.viewed, o) : nothing}`;
}

function diffForm(o: VersionsViewOptions): TemplateResult {
  const {a} = o;
  const select = (side: 'from' | 'to', label: string) =>
    html`<label
      >${label}
      <select
        name="diff-${side}"
        @change=${(e: Event) => o.pickDiff(side, Number((e.target as HTMLSelectElement).value))}
      >
        ${o.versions.map(
          (v) =>
            html`<option value=${v.version} ?selected=${o.diffPick[side] === v.version}>
              ${v.version}
            </option>`,
        )}
      </select></label
    >`;
  return html`<form
    class="diff-form"
    aria-label=${a('diffButton')}
    @submit=${(e: Event) => {
      e.preventDefault();
      o.showDiff();
    }}
  >
    ${select('from', a('diffFrom'))} ${select('to', a('diffTo'))}
    <button type="submit" ?disabled=${o.busy('diff')}>${a('diffButton')}</button>
  </form>`;
}

/** The diff as lines with − and + marks (screen readers hear "removed:"/"added:" instead). */
function renderDiff(diff: VersionDiff, a: AdminTranslate): TemplateResult {
  const {added, removed} = diffCounts(diff.lines);
  const summary =
    added + removed === 0
      ? a('diffSame', {from: diff.from, to: diff.to})
      : a('diffSummary', {from: diff.from, to: diff.to, added, removed});
  const row = (line: DiffLine | {folded: number}) => {
    if ('folded' in line) {
      return html`<div class="diff-line folded">${a('diffUnchanged', {count: line.folded})}</div>`;
    }
    const mark =
      line.kind === 'same'
        ? nothing
        : html`<span aria-hidden="true">${line.kind === 'added' ? '+' : '−'}</span>
            <span class="visually-hidden"
              >${a(line.kind === 'added' ? 'diffAdded' : 'diffRemoved')}</span
            >`;
    return html`<div class="diff-line ${line.kind}">
      ${mark}<span class="text">${line.text}</span>
    </div>`;
  };
  return html`<section class="diff" aria-labelledby="diff-title">
    <h4 id="diff-title" tabindex="-1">${summary}</h4>
    ${
      added + removed === 0
        ? nothing
        : html`<div class="diff-lines">${foldUnchanged(diff.lines).map(row)}</div>`
    }
  </section>`;
}

function viewedVersion(v: AssignmentRulesVersionDetail, o: VersionsViewOptions): TemplateResult {
  const {a} = o;
  const id = `version-${v.version}`;
  const busy = o.busy('rollback');
  return html`<article class="card version" aria-labelledby="${id}-title" data-viewed=${v.version}>
    <h4 id="${id}-title" tabindex="-1">
      ${a('versionTitle', {version: v.version})}
      ${v.active ? html`<span class="status">${a('versionActive')}</span>` : nothing}
    </h4>
    <label for="${id}-text">${a('versionRuleset', {version: v.version})}</label>
    <textarea
      id="${id}-text"
      class="code version-text"
      rows="12"
      readonly
      spellcheck="false"
      .value=${rulesetText(v.ruleset)}
    ></textarea>
    <div class="plugin-actions">
      <button type="button" @click=${() => o.openInEditor(v)}>${a('openInEditor')}</button>
      ${
        v.active || o.confirming === v.version
          ? nothing
          : html`<button
              id="${id}-rollback"
              type="button"
              ?disabled=${busy}
              @click=${() => o.askRollBack(v.version)}
            >
              ${a('rollBackVersion')}
            </button>`
      }
    </div>
    ${
      o.confirming === v.version
        ? html`<div class="confirm message info" role="group" aria-labelledby="${id}-rollback-q">
            <p id="${id}-rollback-q">${a('rollBackQuestion', {version: v.version})}</p>
            <button
              id="${id}-rollback-yes"
              type="button"
              ?disabled=${busy}
              @click=${() => o.rollBack(v.version)}
            >
              ${a('confirmRollBack', {version: v.version})}
            </button>
            <button id="${id}-rollback-no" type="button" @click=${o.cancelRollBack}>
              ${a('cancel')}
            </button>
          </div>`
        : nothing
    }
  </article>`;
}
