// The admin page (`/admin`): ownership mode, reject codes, the rule author's studio (a CodeMirror editor
// with schema completion and inline lint, a preview of what a ruleset would change before it is
// activated, the kept versions with a diff and rollback, a chart of which rule takes how many leads),
// plugin packages (upload, consent to permissions, enable, upgrade, roll back, uninstall, settings),
// roles and users, and the audit trail. Each section needs its privilege; the server checks it again
// on every call.
import {OWNERSHIP_MODES, PRIVILEGES, isPrivilege, localize, type OwnershipMode} from '@crmkit/sdk';
import type {LocalizedText, Privilege, RejectCodeOption} from '@crmkit/sdk';
import {
  createRestAdminApi,
  type AdminRejectCode,
  type AssignmentStats,
  type AuditEntry,
  type InstalledPlugin,
  type LocatedFieldError,
  type RestAdminApi,
} from '@crmkit/rest-client';
import {html, nothing, type TemplateResult} from 'lit';
import {ownershipLabel, privilegeLabel, translator} from '../page-strings.js';
import {adminTranslator, type AdminTranslate} from '../admin-page-strings.js';
import {describeError, readPageConfig, show, startPage, type StartedPage} from './start-page.js';
import {renderStatsChart} from './render-stats-chart.js';
import {pluginSettings, settingValue} from './plugin-settings.js';
import type {
  AssignmentRulesPreview,
  AssignmentRulesVersion,
  AssignmentRulesVersionDetail,
} from './admin-api-types.js';
import {lineDiff} from './line-diff.js';
import type {RulesEditor} from './rules-editor.js';
import type {StudioFinding} from './rules-lint.js';
import {renderPreview} from './rules-preview-view.js';
import {renderVersions, rulesetText, type VersionDiff} from './rules-versions-view.js';

// Named through the admin api's methods: the rest-client's package index does not export them yet.
type AdminRole = Awaited<ReturnType<RestAdminApi['listRoles']>>[number];
type AdminUser = Awaited<ReturnType<RestAdminApi['listUsers']>>[number];

/** The outcome of the last action of a section, shown under its buttons. */
interface Outcome {
  kind: 'success' | 'error';
  message: string;
  findings?: readonly LocatedFieldError[];
}

const CODE_KEY = /^[A-Z][A-Z0-9_]{0,63}$/;

const state = {
  mode: 'mixed' as OwnershipMode,
  modeOutcome: undefined as Outcome | undefined,
  codes: [] as AdminRejectCode[],
  newCode: {key: '', en: '', de: ''},
  codesOutcome: undefined as Outcome | undefined,
  rulesText: '',
  rulesOutcome: undefined as Outcome | undefined,
  /** The CodeMirror editor once its chunk has loaded; a plain textarea stands in if it fails. */
  editor: undefined as RulesEditor | undefined,
  editorStatus: 'loading' as 'loading' | 'ready' | 'failed',
  editorError: '',
  /** The in-page linter's findings of the editor's text (undefined: it cannot run here). */
  findings: [] as StudioFinding[] | undefined,
  rejectCodeOptions: [] as RejectCodeOption[],
  previewQuery: {rejectCode: 'OTHER', replay: '100'},
  preview: undefined as AssignmentRulesPreview | undefined,
  /** The editor's text the preview was made of: a later edit makes the preview stale. */
  previewText: '',
  previewOutcome: undefined as Outcome | undefined,
  versions: undefined as AssignmentRulesVersion[] | undefined,
  versionsOutcome: undefined as Outcome | undefined,
  /** Versions fetched with their ruleset (a version never changes once kept). */
  versionDetails: new Map<number, AssignmentRulesVersionDetail>(),
  viewedVersion: undefined as number | undefined,
  diffPick: {from: undefined as number | undefined, to: undefined as number | undefined},
  diff: undefined as VersionDiff | undefined,
  /** The version whose rollback waits for the admin's confirmation. */
  confirmRollBack: undefined as number | undefined,
  stats: undefined as AssignmentStats | undefined,
  statsError: undefined as string | undefined,
  plugins: [] as InstalledPlugin[],
  /** The package chosen with the picker or dropped on the drop zone, until it is uploaded. */
  packageFile: undefined as File | undefined,
  dragOver: false,
  uploadOutcome: undefined as Outcome | undefined,
  /** Outcomes that outlive a plugin's card (an uninstall). */
  pluginsOutcome: undefined as Outcome | undefined,
  pluginOutcome: {} as Record<string, Outcome>,
  /** The plugin whose Uninstall waits for the admin's confirmation. */
  confirmUninstall: undefined as string | undefined,
  settingsOutcome: {} as Record<string, Outcome>,
  roles: [] as AdminRole[],
  /** The privileges ticked per role, as typed: kept when a save is refused. */
  roleDrafts: {} as Record<string, Privilege[]>,
  rolesOutcome: undefined as Outcome | undefined,
  users: [] as AdminUser[],
  /** The role chosen per user, as chosen: kept when a save is refused. */
  userDrafts: {} as Record<string, string>,
  usersOutcome: undefined as Outcome | undefined,
  auditQuery: {leadId: '', userId: '', pluginId: '', limit: '50'},
  audit: undefined as AuditEntry[] | undefined,
  auditOutcome: undefined as Outcome | undefined,
  busy: new Set<string>(),
};

let page: StartedPage;
let admin: RestAdminApi;
let a: AdminTranslate;

async function main(): Promise<void> {
  const title = translator(readPageConfig().lang)('adminTitle');
  const started = await startPage(title);
  if (!started) return;
  page = started;
  a = adminTranslator(page.config.lang);
  admin = createRestAdminApi({credentials: 'same-origin', locale: page.config.lang});
  adoptAdminStyles();
  const can = (p: 'plugins.manage' | 'assignment.manage') => page.user.privileges.includes(p);
  const loads: Promise<void>[] = [];
  if (can('plugins.manage')) {
    loads.push(
      admin.getLeadSettings().then((s) => void (state.mode = s.ownershipMode)),
      admin.getRejectCodes().then((codes) => void (state.codes = codes)),
      admin.listPlugins().then((plugins) => void (state.plugins = plugins)),
      admin.listRoles().then(setRoles),
      admin.listUsers().then(setUsers),
      // The audit trail reports its own failure in its section: it can be asked again from there.
      loadAudit(),
    );
  }
  if (can('assignment.manage')) {
    loads.push(
      admin.getAssignmentRules().then((r) => void (state.rulesText = JSON.stringify(r, null, 2))),
      loadStats(),
      // The picklist and the versions report their own failures in the studio: neither keeps the
      // editor from working.
      page.api.getRejectCodes().then(
        (codes) => void (state.rejectCodeOptions = codes),
        () => void (state.rejectCodeOptions = []),
      ),
      loadVersions(),
    );
  }
  try {
    await Promise.all(loads);
  } catch (error) {
    show(
      page.main,
      html`<h1>${title}</h1>
        <p class="message error" role="alert">${describeError(page.t, error)}</p>`,
    );
    return;
  }
  rerender();
  if (can('assignment.manage')) void mountEditor();
}

/**
 * Loads the editor's chunk (CodeMirror, the schema, the linter: only this page needs them) and puts
 * the editor into its place. If the chunk cannot load, a plain textarea takes its place: the host
 * still lints on preview and activation.
 */
async function mountEditor(): Promise<void> {
  try {
    const {createRulesEditor} = await import('./rules-editor.js');
    const parent = document.getElementById('rules-editor');
    if (!parent) return;
    state.editor = createRulesEditor({
      parent,
      doc: state.rulesText,
      lang: page.config.lang,
      labelledBy: 'rules-text-label',
      describedBy: 'rules-help rules-editor-help',
      onChange: (text) => {
        const wasStale = isPreviewStale();
        state.rulesText = text;
        if (isPreviewStale() !== wasStale) rerender();
      },
      onFindings: (findings) => {
        state.findings = findings;
        rerender();
      },
    });
    state.editorStatus = 'ready';
  } catch (error) {
    state.editorStatus = 'failed';
    state.editorError = error instanceof Error ? error.message : String(error);
  }
  rerender();
}

const isPreviewStale = () => state.preview !== undefined && state.previewText !== state.rulesText;

/** Puts `text` into the editor (or the stand-in textarea), as if the author had typed it. */
function setRulesText(text: string): void {
  state.rulesText = text;
  state.editor?.setText(text);
}

/** Selects a finding's place in the editor (or puts the textarea's cursor there). */
function showFinding(line: number, column: number): void {
  if (state.editor) state.editor.select(line, column);
  else moveCursor('rules-text', line, column);
}

/**
 * The versions list. A failure is shown in the versions part only: the editor, the preview and the
 * activation work without it, and the next activation or rollback asks again.
 */
async function loadVersions(): Promise<void> {
  try {
    state.versions = await admin.listAssignmentRulesVersions();
    state.versionsOutcome = undefined;
    const [newest, previous] = state.versions;
    // Default diff: what the last activation changed.
    state.diffPick = {from: previous?.version ?? newest?.version, to: newest?.version};
  } catch (error) {
    state.versionsOutcome = {kind: 'error', message: describeError(page.t, error)};
  }
}

/** A version with its ruleset, fetched once. */
async function versionDetail(version: number): Promise<AssignmentRulesVersionDetail> {
  const known = state.versionDetails.get(version);
  if (known) return known;
  const detail = await admin.getAssignmentRulesVersion(version);
  // `active` changes with later activations: it is read from the list, never from this copy.
  state.versionDetails.set(version, detail);
  return detail;
}

/**
 * The few rules these sections need beyond the shared pages.css (which another part of the host
 * owns). A constructed sheet rather than a <style> element, so a page CSP without 'unsafe-inline'
 * styles does not block it.
 */
function adoptAdminStyles(): void {
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    .drop-zone { border: 2px dashed var(--border); border-radius: 8px; padding: 1rem; margin: 0.75rem 0; }
    .drop-zone.over { border-color: var(--accent); border-style: solid; background: var(--info-bg); }
    .drop-zone label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
    .plugin { border-left: 4px solid var(--border); }
    .plugin.enabled { border-left-color: var(--success); }
    .plugin h3 { margin-top: 0.25rem; }
    .plugin h4 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
    .plugin ul.plain { margin: 0; padding-left: 1.25rem; }
    .plugin-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
    .confirm { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    table.roles td.tick, table.roles th.tick { text-align: center; }
    .audit-filter { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
    .audit-filter label { display: flex; flex-direction: column; font-size: 0.9rem; }
    .audit-filter input[type='number'] { width: 7rem; }
    code.audit-data { font-size: 0.8rem; overflow-wrap: anywhere; }
    .rules-editor-label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
    .rules-editor { margin-bottom: 0.5rem; }
    .studio-findings { margin: 0.5rem 0 1rem; }
    .studio-findings h3, .studio h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
    .studio-findings li.error strong { color: var(--error); }
    .studio-form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
    .studio-form label, .diff-form label { display: flex; flex-direction: column; font-size: 0.9rem; }
    .studio-form input[type='number'] { width: 7rem; }
    .diff-form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0.75rem 0; }
    ul.moves { padding-left: 1.25rem; }
    p.move { font-weight: 600; margin: 0.25rem 0; }
    ul.changed-leads { font-size: 0.9rem; }
    table.chart.compare .bar { height: 0.45rem; margin: 1px 0; }
    table.chart.compare .bar.active { background: var(--muted); }
    .diff-lines { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85rem; border: 1px solid var(--border); border-radius: 4px; padding: 0.25rem 0; }
    .diff-line { padding: 0 0.5rem; }
    .diff-line .text { white-space: pre-wrap; }
    .diff-line.folded { color: var(--muted); font-style: italic; }
    .diff-line.added { background: var(--success-bg); color: var(--success); }
    .diff-line.removed { background: var(--error-bg); color: var(--error); }
    table.versions tr.active th { font-weight: 700; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

async function loadStats(): Promise<void> {
  try {
    state.stats = await admin.getAssignmentStats();
    state.statsError = undefined;
  } catch (error) {
    state.statsError = describeError(page.t, error);
  }
}

function setRoles(roles: AdminRole[]): void {
  state.roles = roles;
  state.roleDrafts = Object.fromEntries(roles.map((r) => [r.id, [...r.privileges]]));
}

function setUsers(users: AdminUser[]): void {
  state.users = users;
  state.userDrafts = Object.fromEntries(users.map((u) => [u.id, u.roleId]));
}

function rerender(): void {
  const {t, user} = page;
  const section = (
    id: string,
    title: string,
    privilege: 'plugins.manage' | 'assignment.manage',
    body: () => TemplateResult,
  ) =>
    html`<section class="card" aria-labelledby="${id}-title">
      <h2 id="${id}-title" tabindex="-1">${title}</h2>
      ${
        user.privileges.includes(privilege)
          ? body()
          : html`<p class="message info">
              ${t('needsPrivilege', {privilege: privilegeLabel(t, privilege)})}
            </p>`
      }
    </section>`;
  show(
    page.main,
    html`<h1>${t('adminTitle')}</h1>
      ${section('ownership', t('ownershipTitle'), 'plugins.manage', ownershipSection)}
      ${section('codes', t('rejectCodesTitle'), 'plugins.manage', codesSection)}
      ${section('rules', t('rulesTitle'), 'assignment.manage', rulesSection)}
      ${section('plugins', t('pluginsTitle'), 'plugins.manage', pluginsSection)}
      ${section('roles', a('rolesTitle'), 'plugins.manage', rolesSection)}
      ${section('users', a('usersTitle'), 'plugins.manage', usersSection)}
      ${section('audit', a('auditTitle'), 'plugins.manage', auditSection)}`,
  );
}

/**
 * Runs one action of a section: marks it busy, stores its outcome, renders. Answers whether it
 * succeeded. Nothing the admin typed is reset here: a refused save leaves the form as it was.
 */
async function act(
  key: string,
  run: () => Promise<string | Outcome>,
  setOutcome: (o: Outcome) => void,
): Promise<boolean> {
  if (state.busy.has(key)) return false;
  state.busy.add(key);
  rerender();
  let ok = false;
  try {
    const done = await run();
    setOutcome(typeof done === 'string' ? {kind: 'success', message: done} : done);
    ok = true;
  } catch (error) {
    const findings = (error as {errors?: readonly LocatedFieldError[]}).errors;
    setOutcome({
      kind: 'error',
      message: describeError(page.t, error),
      ...(findings?.length ? {findings} : {}),
    });
  } finally {
    state.busy.delete(key);
    rerender();
  }
  return ok;
}

/** Focuses the element `id` (after a render replaced the one that had the focus). */
function focus(id: string): void {
  document.getElementById(id)?.focus();
}

function outcome(o: Outcome | undefined, describe?: (f: LocatedFieldError) => TemplateResult) {
  if (!o) return html`<div role="status" class="outcome"></div>`;
  return html`<div
    role=${o.kind === 'error' ? 'alert' : 'status'}
    class="outcome message ${o.kind}"
  >
    <p>${o.message}</p>
    ${
      o.findings?.length
        ? html`<ul class="findings">
            ${o.findings.map(
              (f) =>
                html`<li>
                  ${
                    describe
                      ? describe(f)
                      : html`<code>${f.field || '/'}</code> ${f.message} <small>(${f.code})</small>`
                  }
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}

/** A field error as "field: message" (a problem of the whole request has no field). */
const fieldMessage = (f: LocatedFieldError) =>
  f.field ? html`<code>${f.field}</code>: ${f.message}` : html`${f.message}`;

/** Puts the cursor of the textarea `id` at a 1-based line and column (the editor's stand-in). */
function moveCursor(id: string, line: number, column: number): void {
  const area = document.getElementById(id) as HTMLTextAreaElement | null;
  if (!area) return;
  const lines = area.value.split('\n');
  const offset =
    lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + Math.max(column - 1, 0);
  area.focus();
  area.setSelectionRange(offset, offset);
}

/** Shows a host finding with its line and column as a button that selects its place in the editor. */
function locatedFinding() {
  return (f: LocatedFieldError) =>
    html`${
        f.line
          ? html`<button
                type="button"
                class="link"
                @click=${() => showFinding(f.line ?? 1, f.column ?? 1)}
              >
                ${page.t('findingAt', {line: f.line, column: f.column ?? 1})}</button
              >:`
          : html`<code>${f.field || '/'}</code>:`
      }
      ${f.message} <small>(${f.code})</small>`;
}

function ownershipSection(): TemplateResult {
  const {t} = page;
  const submit = (e: Event) => {
    e.preventDefault();
    void act(
      'mode',
      async () => {
        state.mode = (await admin.putLeadSettings({ownershipMode: state.mode})).ownershipMode;
        return t('saved');
      },
      (o) => (state.modeOutcome = o),
    );
  };
  return html`<form @submit=${submit}>
    <fieldset>
      <legend class="visually-hidden">${t('ownershipTitle')}</legend>
      <p class="help" id="ownership-help">${t('ownershipHelp')}</p>
      ${OWNERSHIP_MODES.map(
        (mode) =>
          html`<label class="choice">
            <input
              type="radio"
              name="ownershipMode"
              value=${mode}
              aria-describedby="ownership-help"
              .checked=${state.mode === mode}
              @change=${() => (state.mode = mode)}
            />
            ${ownershipLabel(t, mode)}
          </label>`,
      )}
    </fieldset>
    <button type="submit" ?disabled=${state.busy.has('mode')}>
      ${state.busy.has('mode') ? t('saving') : t('save')}
    </button>
    ${outcome(state.modeOutcome)}
  </form>`;
}

function codesSection(): TemplateResult {
  const {t} = page;
  const update = (index: number, change: (code: AdminRejectCode) => void) => {
    const code = state.codes[index];
    if (code) change(code);
  };
  const addCode = () => {
    const key = state.newCode.key.trim().toUpperCase();
    let message: string | undefined;
    if (!CODE_KEY.test(key)) message = t('codeKeyInvalid', {key});
    else if (state.codes.some((c) => c.key === key)) message = t('codeKeyTaken', {key});
    if (message) {
      state.codesOutcome = {kind: 'error', message};
      rerender();
      document.getElementById('new-code-key')?.focus();
      return;
    }
    state.codes = [
      ...state.codes,
      {key, labels: {en: state.newCode.en.trim(), de: state.newCode.de.trim()}, active: true},
    ];
    state.newCode = {key: '', en: '', de: ''};
    state.codesOutcome = undefined;
    rerender();
    document.getElementById(`code-${state.codes.length - 1}-en`)?.focus();
  };
  const save = (e: Event) => {
    e.preventDefault();
    void act(
      'codes',
      async () => {
        state.codes = await admin.putRejectCodes(state.codes);
        return t('saved');
      },
      (o) => (state.codesOutcome = o),
    );
  };
  /** `/3/labels/de` → "KEY · Label (German): message". */
  const describeFinding = (f: LocatedFieldError) => {
    const [, index, field, lang] = f.field.split('/');
    const code = state.codes[Number(index)];
    const column =
      field === 'labels'
        ? t(lang === 'de' ? 'colLabelDe' : 'colLabelEn')
        : field
          ? t('colKey')
          : '';
    return html`${code ? html`<code>${code.key}</code>` : nothing} ${column}: ${f.message}`;
  };
  return html`<p class="help">${t('rejectCodesHelp')}</p>
    <form @submit=${save}>
      <div class="table-scroll">
        <table class="codes">
          <caption class="visually-hidden">
            ${t('rejectCodesTitle')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('colKey')}</th>
              <th scope="col">${t('colLabelEn')}</th>
              <th scope="col">${t('colLabelDe')}</th>
              <th scope="col">${t('colActive')}</th>
            </tr>
          </thead>
          <tbody>
            ${state.codes.map(
              (code, i) =>
                html`<tr>
                  <th scope="row"><code>${code.key}</code></th>
                  <td>
                    <input
                      id="code-${i}-en"
                      lang="en"
                      aria-label="${t('colLabelEn')}: ${code.key}"
                      .value=${code.labels.en}
                      required
                      maxlength="80"
                      @input=${(e: Event) =>
                        update(i, (c) => (c.labels.en = (e.target as HTMLInputElement).value))}
                    />
                  </td>
                  <td>
                    <input
                      id="code-${i}-de"
                      lang="de"
                      aria-label="${t('colLabelDe')}: ${code.key}"
                      .value=${code.labels.de}
                      required
                      maxlength="80"
                      @input=${(e: Event) =>
                        update(i, (c) => (c.labels.de = (e.target as HTMLInputElement).value))}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label="${t('colActive')}: ${code.key}"
                      .checked=${code.active}
                      @change=${(e: Event) =>
                        update(i, (c) => (c.active = (e.target as HTMLInputElement).checked))}
                    />
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <fieldset class="add-code">
        <legend>${t('addCode')}</legend>
        <label
          >${t('newCodeKey')}
          <input
            id="new-code-key"
            aria-describedby="new-code-hint"
            autocapitalize="characters"
            .value=${state.newCode.key}
            @input=${(e: Event) => (state.newCode.key = (e.target as HTMLInputElement).value)}
        /></label>
        <span class="help" id="new-code-hint">${t('newCodeHint')}</span>
        <label
          >${t('colLabelEn')}
          <input
            lang="en"
            .value=${state.newCode.en}
            @input=${(e: Event) => (state.newCode.en = (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${t('colLabelDe')}
          <input
            lang="de"
            .value=${state.newCode.de}
            @input=${(e: Event) => (state.newCode.de = (e.target as HTMLInputElement).value)}
        /></label>
        <button type="button" @click=${addCode}>${t('addCode')}</button>
      </fieldset>
      <button type="submit" ?disabled=${state.busy.has('codes')}>
        ${state.busy.has('codes') ? t('saving') : t('save')}
      </button>
      ${outcome(state.codesOutcome, describeFinding)}
    </form>`;
}

function rulesSection(): TemplateResult {
  const {t} = page;
  const upload = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setRulesText(await file.text());
    state.rulesOutcome = undefined;
    rerender();
  };
  const activate = (e: Event) => {
    e.preventDefault();
    try {
      JSON.parse(state.rulesText);
    } catch (error) {
      state.rulesOutcome = {
        kind: 'error',
        message: t('invalidJson', {message: (error as Error).message}),
      };
      rerender();
      if (state.editor) state.editor.focus();
      else focus('rules-text');
      return;
    }
    void act(
      'rules',
      async () => {
        // Sent as typed, so the server's line and column numbers point into the editor's text.
        const result = await admin.putAssignmentRules(state.rulesText);
        // The preview compared with the ruleset that was active: it says nothing of this one.
        state.preview = undefined;
        await Promise.all([loadStats(), loadVersions()]);
        return {kind: 'success', message: t('activated'), findings: result.warnings} as Outcome;
      },
      (o) =>
        (state.rulesOutcome =
          o.kind === 'error' && o.findings ? {...o, message: t('rulesRefused')} : o),
    );
  };
  return html`<p class="help" id="rules-help">${t('rulesHelp')}</p>
    <form @submit=${activate}>
      ${rulesEditorField()}
      <label class="upload"
        >${t('rulesUpload')} <input type="file" accept="application/json,.json" @change=${upload}
      /></label>
      <button type="submit" ?disabled=${state.busy.has('rules')}>
        ${state.busy.has('rules') ? t('saving') : t('activate')}
      </button>
      ${outcome(state.rulesOutcome, locatedFinding())}
    </form>
    <div class="studio">
      <h3 id="preview-title">${a('previewTitle')}</h3>
      ${previewPart()}
      <h3 id="versions-title">${a('versionsTitle')}</h3>
      ${versionsPart()}
    </div>
    ${
      state.preview
        ? nothing
        : html`<h3 id="stats-title">${t('statsTitle')}</h3>
            ${
              state.statsError
                ? html`<p class="message error">${state.statsError}</p>`
                : state.stats
                  ? renderStatsChart(state.stats, t, page.config.lang)
                  : nothing
            }`
    }`;
}

/**
 * The editor with its label, help and findings. The label names CodeMirror's text box (its
 * accessible name stays "Ruleset (JSON)", as the textarea's was); the container is lit's only as an
 * empty element, so re-rendering the page never touches the editor inside it.
 */
function rulesEditorField(): TemplateResult {
  const {t} = page;
  if (state.editorStatus === 'failed') {
    return html`<p class="message error" role="alert">
        ${a('editorFailed', {message: state.editorError})}
      </p>
      <label for="rules-text">${t('rulesText')}</label>
      <textarea
        id="rules-text"
        class="code"
        rows="16"
        spellcheck="false"
        aria-describedby="rules-help"
        .value=${state.rulesText}
        @input=${(e: Event) => (state.rulesText = (e.target as HTMLTextAreaElement).value)}
      ></textarea>`;
  }
  return html`<span
      id="rules-text-label"
      class="rules-editor-label"
      @click=${() => state.editor?.focus()}
      >${t('rulesText')}</span
    >
    <p class="help" id="rules-editor-help">${a('editorHelp')}</p>
    ${state.editorStatus === 'loading' ? html`<p class="help">${a('editorLoading')}</p>` : nothing}
    <div id="rules-editor" class="rules-editor"></div>
    ${state.editorStatus === 'ready' ? findingsList() : nothing}`;
}

/** The in-page linter's findings; each one's place is a button that selects it in the editor. */
function findingsList(): TemplateResult {
  const findings = state.findings;
  const body = () => {
    if (findings === undefined)
      return html`<p class="message info">${a('findingsUnavailable')}</p>`;
    if (findings.length === 0) return html`<p>${a('findingsNone')}</p>`;
    return html`<ul class="findings">
      ${findings.map(
        (f) =>
          html`<li class=${f.severity} data-code=${f.code}>
            <button type="button" class="link" @click=${() => showFinding(f.line, f.column)}>
              ${page.t('findingAt', {line: f.line, column: f.column})}</button
            >:
            <strong>${a(f.severity === 'error' ? 'severityError' : 'severityWarning')}</strong>
            – ${f.summary}
            <span lang=${f.detailLang === page.config.lang ? nothing : f.detailLang}
              >${f.detail}</span
            >
            <small>(${f.code})</small>
          </li>`,
      )}
    </ul>`;
  };
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = (findings?.length ?? 0) - errors;
  return html`<section class="studio-findings" aria-labelledby="findings-title">
    <h3 id="findings-title">${a('findingsTitle')}</h3>
    <p role="status" class="count">
      ${findings === undefined ? nothing : a('findingsSummary', {errors, warnings})}
    </p>
    ${body()}
  </section>`;
}

function previewPart(): TemplateResult {
  const q = state.previewQuery;
  const codes = state.rejectCodeOptions.filter((c) => c.active);
  const known = codes.some((c) => c.key === q.rejectCode);
  const submit = (e: Event) => {
    e.preventDefault();
    const text = state.rulesText;
    void act(
      'preview',
      async () => {
        const replay = q.replay.trim() === '' ? undefined : Number(q.replay);
        state.preview = await admin.previewAssignmentRules(text, {
          rejectCode: q.rejectCode,
          replay,
        });
        state.previewText = text;
        return {kind: 'success', message: ''} as Outcome;
      },
      (o) => {
        if (o.kind === 'error') state.preview = undefined;
        state.previewOutcome =
          o.kind === 'error' ? (o.findings ? {...o, message: a('previewRefused')} : o) : undefined;
      },
    );
  };
  const codeLabel = (key: string) =>
    state.rejectCodeOptions.find((c) => c.key === key)?.label ?? key;
  return html`<p class="help" id="preview-help">${a('previewHelp')}</p>
    <form class="studio-form" aria-labelledby="preview-title" @submit=${submit}>
      <label
        >${a('previewRejectCode')}
        <select
          name="rejectCode"
          @change=${(e: Event) => (q.rejectCode = (e.target as HTMLSelectElement).value)}
        >
          ${
            // The default (OTHER) stays choosable even when the picklist could not be loaded.
            known ? nothing : html`<option value=${q.rejectCode} selected>${q.rejectCode}</option>`
          }
          ${codes.map(
            (c) =>
              html`<option value=${c.key} ?selected=${c.key === q.rejectCode}>${c.label}</option>`,
          )}
        </select></label
      >
      <label
        >${a('previewReplay')}
        <input
          name="replay"
          type="number"
          min="0"
          max="10000"
          step="1"
          .value=${q.replay}
          @input=${(e: Event) => (q.replay = (e.target as HTMLInputElement).value)}
      /></label>
      <button type="submit" aria-describedby="preview-help" ?disabled=${state.busy.has('preview')}>
        ${state.busy.has('preview') ? a('previewing') : a('previewButton')}
      </button>
    </form>
    ${outcome(state.previewOutcome, locatedFinding())}
    <p role="status" class="count preview-status">
      ${
        // Announced: how many leads move. The result below is not a live region (it can be long).
        state.preview
          ? a('previewDone', {
              count: [...state.preview.leads.changed, ...state.preview.replayed.changed].filter(
                (c) => c.from.ownerId !== c.to.ownerId,
              ).length,
            })
          : nothing
      }
    </p>
    ${
      state.preview
        ? renderPreview({
            preview: state.preview,
            rejectCodeLabel: codeLabel(state.preview.rejectCode),
            stale: isPreviewStale(),
            t: page.t,
            a,
            lang: page.config.lang,
          })
        : nothing
    }`;
}

function versionsPart(): TemplateResult {
  const detailOf = (version: number | undefined) =>
    version === undefined ? undefined : state.versionDetails.get(version);
  const listed = (version: number) => state.versions?.find((v) => v.version === version);
  const viewed = detailOf(state.viewedVersion);
  const view = (version: number) =>
    void act(
      `version:${version}`,
      async () => {
        await versionDetail(version);
        state.viewedVersion = version;
        state.confirmRollBack = undefined;
        return {kind: 'success', message: ''} as Outcome;
      },
      (o) => (state.versionsOutcome = o.kind === 'error' ? o : undefined),
    ).then((ok) => ok && focus(`version-${version}-title`));
  const showDiff = () => {
    const {from, to} = state.diffPick;
    if (from === undefined || to === undefined) return;
    void act(
      'diff',
      async () => {
        const [older, newer] = await Promise.all([versionDetail(from), versionDetail(to)]);
        state.diff = {
          from,
          to,
          lines: lineDiff(rulesetText(older.ruleset), rulesetText(newer.ruleset)),
        };
        return {kind: 'success', message: ''} as Outcome;
      },
      (o) => (state.versionsOutcome = o.kind === 'error' ? o : undefined),
    ).then((ok) => ok && focus('diff-title'));
  };
  const rollBack = (version: number) =>
    void act(
      'rollback',
      async () => {
        const result = await admin.activateAssignmentRulesVersion(version);
        state.confirmRollBack = undefined;
        state.preview = undefined;
        state.versionDetails.set(result.version, result);
        await Promise.all([loadStats(), loadVersions()]);
        state.viewedVersion = result.version;
        return a('rolledBackRules', {from: result.restoredFrom, version: result.version});
      },
      (o) => (state.versionsOutcome = o),
    ).then((ok) => ok && focus('versions-title'));
  return html`<p class="help">${a('versionsHelp')}</p>
    ${outcome(state.versionsOutcome)}
    ${
      state.versions
        ? renderVersions({
            versions: state.versions,
            viewed: viewed && {...viewed, active: listed(viewed.version)?.active ?? false},
            diffPick: state.diffPick,
            diff: state.diff,
            confirming: state.confirmRollBack,
            busy: (key) => state.busy.has(key),
            t: page.t,
            a,
            lang: page.config.lang,
            view,
            pickDiff: (side, version) => (state.diffPick[side] = version),
            showDiff,
            openInEditor: (v) => {
              setRulesText(rulesetText(v.ruleset));
              state.versionsOutcome = {
                kind: 'success',
                message: a('openedInEditor', {version: v.version}),
              };
              rerender();
              state.editor?.focus();
            },
            askRollBack: (version) => {
              state.confirmRollBack = version;
              rerender();
              focus(`version-${version}-rollback-yes`);
            },
            cancelRollBack: () => {
              const version = state.confirmRollBack;
              state.confirmRollBack = undefined;
              rerender();
              if (version !== undefined) focus(`version-${version}-rollback`);
            },
            rollBack,
          })
        : nothing
    }`;
}

/** An id-safe form of a plugin, role or user id, for element ids. */
const slug = (id: string) => id.replace(/[^\w-]/g, '-');

/** The name of a privilege in the page's language; a key the sdk does not know is shown as it is. */
const privilegeName = (privilege: string) =>
  isPrivilege(privilege) ? privilegeLabel(page.t, privilege) : privilege;

const privilegeList = (privileges: readonly string[]) => privileges.map(privilegeName).join(', ');

/** The plugin's display name in the page's language (the id when its manifest has none). */
function pluginName(plugin: InstalledPlugin): string {
  const name = plugin.manifest.displayName as LocalizedText | undefined;
  return name ? localize(name, page.config.lang) : plugin.id;
}

/** The extension points a plugin's elements and actions plug into, each once. */
function extensionPoints(plugin: InstalledPlugin): string[] {
  const points = ['elements', 'actions'].flatMap((list) => {
    const items = plugin.manifest[list];
    return Array.isArray(items)
      ? items.map((item) => (item as {extensionPoint?: unknown}).extensionPoint)
      : [];
  });
  return [...new Set(points.filter((p): p is string => typeof p === 'string'))];
}

/** A byte count the way people read it: "812 bytes", "12.4 kB" ("12,4 kB" in German). */
function formatSize(bytes: number): string {
  const lang = page.config.lang;
  if (bytes < 1000) {
    // "812 bytes": the short form would read "812 byte".
    return new Intl.NumberFormat(lang, {style: 'unit', unit: 'byte', unitDisplay: 'long'}).format(
      bytes,
    );
  }
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1e6, 'megabyte'];
  return new Intl.NumberFormat(lang, {style: 'unit', unit, maximumFractionDigits: 1}).format(value);
}

/** The form of an installed plugin's settings (its config schema's simple properties), if it has any. */
function pluginSettingsForm(plugin: InstalledPlugin): TemplateResult | typeof nothing {
  const {t} = page;
  const lang = page.config.lang;
  const settings = pluginSettings(plugin, lang);
  if (!settings.length) return nothing;
  const titleId = `settings-${slug(plugin.id)}`;
  const busyKey = `settings:${plugin.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    // The PUT replaces the whole config: values this form cannot edit are sent back as they are,
    // and a setting left empty is left out, so the host fills in its default.
    const config: Record<string, unknown> = {...plugin.config};
    for (const s of settings) {
      const value = settingValue(s, form.elements.namedItem(s.key) as HTMLInputElement);
      if (value === undefined) delete config[s.key];
      else config[s.key] = value;
    }
    void act(
      busyKey,
      async () => {
        replacePlugin(await admin.updatePlugin(plugin.id, {config}));
        return t('saved');
      },
      (o) => (state.settingsOutcome[plugin.id] = o),
    );
  };
  return html`<form class="plugin-settings" aria-labelledby=${titleId} @submit=${save}>
    <h4 id=${titleId}>${t('pluginSettings', {plugin: pluginName(plugin)})}</h4>
    ${settings.map((s) =>
      s.type === 'boolean'
        ? html`<label class="choice"
            ><input type="checkbox" name=${s.key} .checked=${s.value === true} /> ${s.label}</label
          >`
        : html`<label
            >${s.label}
            <input
              name=${s.key}
              type=${s.type === 'string' ? 'text' : 'number'}
              step=${s.type === 'integer' ? '1' : 'any'}
              .value=${s.value === undefined ? '' : String(s.value)}
          /></label>`,
    )}
    ${
      settings.some((s) => s.help)
        ? html`<ul class="help">
            ${settings.filter((s) => s.help).map((s) => html`<li>${s.label}: ${s.help}</li>`)}
          </ul>`
        : nothing
    }
    <button type="submit" ?disabled=${state.busy.has(busyKey)}>
      ${state.busy.has(busyKey) ? t('saving') : t('save')}
    </button>
    ${outcome(state.settingsOutcome[plugin.id])}
  </form>`;
}

/** Puts the host's answer for one plugin in place of the listed one. */
function replacePlugin(plugin: InstalledPlugin): void {
  const index = state.plugins.findIndex((p) => p.id === plugin.id);
  if (index === -1) state.plugins = [...state.plugins, plugin];
  else state.plugins = state.plugins.map((p, i) => (i === index ? plugin : p));
}

/** Chooses the package to upload, from the picker or a drop, and says which one it is. */
function choosePackage(file: File | undefined): void {
  state.packageFile = file;
  state.uploadOutcome = undefined;
  rerender();
}

function uploadForm(): TemplateResult {
  const {t} = page;
  const file = state.packageFile;
  const picker = () => document.getElementById('package-file') as HTMLInputElement | null;
  const upload = (e: Event) => {
    e.preventDefault();
    if (!file) {
      state.uploadOutcome = {kind: 'error', message: a('noFileChosen')};
      rerender();
      picker()?.focus();
      return;
    }
    let landOn: string | undefined;
    void act(
      'upload',
      async () => {
        const {upload: stored, created} = await admin.uploadPluginPackage(file);
        state.plugins = await admin.listPlugins();
        state.packageFile = undefined;
        const input = picker();
        if (input) input.value = '';
        landOn = `plugin-${slug(stored.id)}-title`;
        if (!created) return a('uploadUnchanged', {id: stored.id, version: stored.version});
        // Another version of an installed plugin: stored, while the installed one keeps running.
        if (stored.plugin.version !== stored.version) {
          return a('uploadStored', {
            id: stored.id,
            version: stored.version,
            running: stored.plugin.version,
          });
        }
        return a('uploadInstalled', {id: stored.id, version: stored.version});
      },
      (o) => (state.uploadOutcome = o),
    ).then((ok) => {
      // The new plugin's card is where the admin reviews its permissions and enables it.
      if (ok && landOn) focus(landOn);
    });
  };
  const dragOver = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault(); // lets the drop happen here instead of the browser opening the file
    e.dataTransfer.dropEffect = 'copy';
    if (!state.dragOver) {
      state.dragOver = true;
      rerender();
    }
  };
  const dragLeave = (e: DragEvent) => {
    const zone = e.currentTarget as HTMLElement;
    if (e.relatedTarget instanceof Node && zone.contains(e.relatedTarget)) return;
    state.dragOver = false;
    rerender();
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    state.dragOver = false;
    const files = e.dataTransfer?.files;
    // The picker shows the dropped file too, so both ways end in the same place.
    const input = picker();
    if (input && files?.length) input.files = files;
    choosePackage(files?.[0]);
  };
  const busy = state.busy.has('upload');
  return html`<form class="upload-package" aria-labelledby="upload-title" @submit=${upload}>
    <h3 id="upload-title">${t('installTitle')}</h3>
    <p class="help" id="upload-help">${a('uploadHelp')}</p>
    <div
      class="drop-zone ${state.dragOver ? 'over' : ''}"
      @dragenter=${dragOver}
      @dragover=${dragOver}
      @dragleave=${dragLeave}
      @drop=${drop}
    >
      <label for="package-file">${a('packageFile')}</label>
      <input
        id="package-file"
        type="file"
        accept=".tgz,application/gzip,application/x-gzip"
        aria-describedby="upload-help drop-help"
        @change=${(e: Event) => choosePackage((e.target as HTMLInputElement).files?.[0])}
      />
      <p class="help" id="drop-help">${a('dropZone')}</p>
      <p role="status" class="chosen">
        ${file ? a('chosenFile', {name: file.name, size: formatSize(file.size)}) : nothing}
      </p>
    </div>
    <button type="submit" ?disabled=${busy}>${busy ? a('uploading') : t('install')}</button>
    ${outcome(state.uploadOutcome, fieldMessage)}
  </form>`;
}

/** The buttons of a plugin's card; each action puts the host's answer in place of the card's plugin. */
function pluginActions(plugin: InstalledPlugin): TemplateResult {
  const name = pluginName(plugin);
  const id = `plugin-${slug(plugin.id)}`;
  const busyKey = `plugin:${plugin.id}`;
  const busy = state.busy.has(busyKey);
  const run = (
    changes: Parameters<RestAdminApi['updatePlugin']>[1],
    message: (p: InstalledPlugin) => string,
    focusOnSuccess: string,
    focusOnError: string,
  ) =>
    void act(
      busyKey,
      async () => {
        const updated = await admin.updatePlugin(plugin.id, changes);
        replacePlugin(updated);
        return message(updated);
      },
      (o) => (state.pluginOutcome[plugin.id] = o),
    ).then((ok) => focus(ok ? focusOnSuccess : focusOnError));
  const enable = () =>
    run(
      {enabled: true},
      // Enabling granted exactly the permissions of the version that runs (the host records them).
      (p) =>
        p.permissions.length
          ? a('pluginWasEnabled', {plugin: name, permissions: privilegeList(p.permissions)})
          : a('pluginWasEnabledNone', {plugin: name}),
      `${id}-disable`,
      `${id}-enable`,
    );
  const disable = () =>
    run(
      {enabled: false},
      () => a('pluginWasDisabled', {plugin: name}),
      `${id}-enable`,
      `${id}-disable`,
    );
  const rollBack = (version: string) =>
    run(
      {version},
      (p) => a('rolledBack', {plugin: name, version: p.version}),
      `${id}-title`,
      `${id}-rollback`,
    );
  const upgrade = plugin.upgrade;
  const doUpgrade = () => {
    if (!upgrade) return;
    // Accepting exactly the version's list is the consent the host asks for (else 409).
    run(
      {version: upgrade.version, acceptPermissions: upgrade.permissions},
      (p) => a('upgraded', {plugin: name, version: p.version}),
      `${id}-title`,
      `${id}-upgrade`,
    );
  };
  const uninstall = () => {
    void act(
      busyKey,
      async () => {
        await admin.uninstallPlugin(plugin.id);
        state.plugins = state.plugins.filter((p) => p.id !== plugin.id);
        state.confirmUninstall = undefined;
        delete state.pluginOutcome[plugin.id];
        return a('pluginUninstalled', {plugin: name});
      },
      (o) => {
        if (o.kind === 'success') state.pluginsOutcome = o;
        else state.pluginOutcome[plugin.id] = o;
      },
    ).then((ok) => focus(ok ? 'plugins-title' : `${id}-uninstall-yes`));
  };
  const askUninstall = () => {
    state.confirmUninstall = plugin.id;
    rerender();
    // The least destructive choice has the focus, as in an alert dialog.
    focus(`${id}-uninstall-no`);
  };
  const cancelUninstall = () => {
    state.confirmUninstall = undefined;
    rerender();
    focus(`${id}-uninstall`);
  };
  // What an upgrade adds: the host's difference between its permissions and those accepted.
  const added = upgrade?.addedPermissions ?? [];
  return html`${
      plugin.enabled
        ? nothing
        : html`<p class="help" id="${id}-consent">
            ${
              plugin.permissions.length
                ? a('enableConsent', {plugin: name, permissions: privilegeList(plugin.permissions)})
                : a('enableConsentNone', {plugin: name})
            }
          </p>`
    }
    ${
      upgrade
        ? html`<p class="help" id="${id}-upgrade-help">
            ${
              added.length
                ? a('upgradeAdds', {version: upgrade.version, permissions: privilegeList(added)})
                : a('upgradeAddsNone', {version: upgrade.version})
            }
          </p>`
        : nothing
    }
    <div class="plugin-actions">
      ${
        plugin.enabled
          ? html`<button id="${id}-disable" type="button" ?disabled=${busy} @click=${disable}>
              ${a('disable')}
            </button>`
          : html`<button
              id="${id}-enable"
              type="button"
              aria-describedby="${id}-consent"
              ?disabled=${busy}
              @click=${enable}
            >
              ${a('enable')}
            </button>`
      }
      ${
        upgrade
          ? html`<button
              id="${id}-upgrade"
              type="button"
              aria-describedby="${id}-upgrade-help"
              ?disabled=${busy}
              @click=${doUpgrade}
            >
              ${a('upgradeTo', {version: upgrade.version})}
            </button>`
          : nothing
      }
      ${
        plugin.previousVersion
          ? html`<button
              id="${id}-rollback"
              type="button"
              ?disabled=${busy}
              @click=${() => rollBack(plugin.previousVersion as string)}
            >
              ${a('rollBack', {version: plugin.previousVersion})}
            </button>`
          : nothing
      }
      ${
        state.confirmUninstall === plugin.id
          ? nothing
          : html`<button
              id="${id}-uninstall"
              type="button"
              ?disabled=${busy}
              @click=${askUninstall}
            >
              ${a('uninstall')}
            </button>`
      }
    </div>
    ${
      state.confirmUninstall === plugin.id
        ? html`<div class="confirm message info" role="group" aria-labelledby="${id}-uninstall-q">
            <p id="${id}-uninstall-q">${a('uninstallQuestion', {plugin: name})}</p>
            <button id="${id}-uninstall-yes" type="button" ?disabled=${busy} @click=${uninstall}>
              ${a('confirmUninstall', {plugin: name})}
            </button>
            <button id="${id}-uninstall-no" type="button" @click=${cancelUninstall}>
              ${a('cancel')}
            </button>
          </div>`
        : nothing
    }
    ${outcome(state.pluginOutcome[plugin.id])}`;
}

function pluginCard(plugin: InstalledPlugin): TemplateResult {
  const {t} = page;
  const lang = page.config.lang;
  const id = `plugin-${slug(plugin.id)}`;
  const description = plugin.manifest.description as LocalizedText | undefined;
  const points = extensionPoints(plugin);
  const field = (label: string, value: TemplateResult | string, key: string) =>
    html`<div class="field" data-field=${key}>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<article
    class="card plugin ${plugin.enabled ? 'enabled' : 'disabled'}"
    aria-labelledby="${id}-title"
    data-plugin=${plugin.id}
  >
    <h3 id="${id}-title" tabindex="-1">${pluginName(plugin)}</h3>
    ${description ? html`<p class="help">${localize(description, lang)}</p>` : nothing}
    <dl class="fields">
      ${field(a('pluginId'), html`<code>${plugin.id}</code>`, 'id')}
      ${field(t('colVersion'), plugin.version, 'version')}
      ${field(a('pluginSize'), formatSize(plugin.size), 'size')}
      ${field(
        a('pluginStatus'),
        html`<span class="status">
          ${plugin.enabled ? a('pluginEnabled') : a('pluginDisabled')}
        </span>`,
        'status',
      )}
    </dl>
    <h4 id="${id}-permissions">${a('pluginPermissions')}</h4>
    ${
      plugin.permissions.length
        ? html`<ul class="plain permissions" aria-labelledby="${id}-permissions">
            ${plugin.permissions.map(
              (p) =>
                html`<li>
                  ${privilegeName(p)} <small><code>${p}</code></small>
                </li>`,
            )}
          </ul>`
        : html`<p>${a('noneDeclared')}</p>`
    }
    <h4 id="${id}-points">${a('pluginExtensionPoints')}</h4>
    ${
      points.length
        ? html`<ul class="plain extension-points" aria-labelledby="${id}-points">
            ${points.map((p) => html`<li><code>${p}</code></li>`)}
          </ul>`
        : html`<p>${a('noneDeclared')}</p>`
    }
    ${pluginActions(plugin)} ${pluginSettingsForm(plugin)}
  </article>`;
}

function pluginsSection(): TemplateResult {
  const {t} = page;
  return html`${
    state.plugins.length === 0
      ? html`<p class="message info">${t('noPlugins')}</p>`
      : state.plugins.map(pluginCard)
  }
  ${outcome(state.pluginsOutcome)} ${uploadForm()}`;
}

function rolesSection(): TemplateResult {
  const {t} = page;
  const lang = page.config.lang;
  // Every privilege the sdk knows, in its order, then any other one a role holds.
  const columns: string[] = [
    ...PRIVILEGES,
    ...new Set(state.roles.flatMap((r) => r.privileges).filter((p) => !PRIVILEGES.includes(p))),
  ];
  const roleName = (role: AdminRole) => role.name[lang] ?? role.name.en ?? role.id;
  const toggle = (role: AdminRole, privilege: string, on: boolean) => {
    const draft = new Set<string>(state.roleDrafts[role.id] ?? role.privileges);
    if (on) draft.add(privilege);
    else draft.delete(privilege);
    state.roleDrafts[role.id] = columns.filter((p) => draft.has(p)) as Privilege[];
  };
  const save = (role: AdminRole) => {
    const privileges = state.roleDrafts[role.id] ?? role.privileges;
    void act(
      `role:${role.id}`,
      async () => {
        const saved = await admin.updateRole(role.id, {privileges});
        state.roles = state.roles.map((r) => (r.id === saved.id ? saved : r));
        state.roleDrafts[saved.id] = [...saved.privileges];
        return a('roleSaved', {role: roleName(saved)});
      },
      (o) => (state.rolesOutcome = o),
    );
  };
  return html`<p class="help" id="roles-help">${a('rolesHelp')}</p>
    <div class="table-scroll">
      <table class="roles" aria-describedby="roles-help">
        <caption class="visually-hidden">
          ${a('rolesTitle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${a('colRole')}</th>
            ${columns.map((p) => html`<th scope="col" class="tick">${privilegeName(p)}</th>`)}
            <th scope="col"><span class="visually-hidden">${a('colSaveRole')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${state.roles.map((role) => {
            const draft = state.roleDrafts[role.id] ?? role.privileges;
            const busy = state.busy.has(`role:${role.id}`);
            return html`<tr data-role=${role.id}>
              <th scope="row">${roleName(role)}</th>
              ${columns.map(
                (p) =>
                  html`<td class="tick">
                    <input
                      type="checkbox"
                      aria-label=${a('rolePrivilege', {privilege: privilegeName(p), role: roleName(role)})}
                      .checked=${(draft as string[]).includes(p)}
                      @change=${(e: Event) =>
                        toggle(role, p, (e.target as HTMLInputElement).checked)}
                    />
                  </td>`,
              )}
              <td>
                <button type="button" ?disabled=${busy} @click=${() => save(role)}>
                  ${busy ? t('saving') : t('save')}<span class="visually-hidden">
                    ${roleName(role)}</span
                  >
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${outcome(state.rolesOutcome, fieldMessage)}`;
}

function usersSection(): TemplateResult {
  const {t} = page;
  const lang = page.config.lang;
  const roleName = (roleId: string) => {
    const role = state.roles.find((r) => r.id === roleId);
    return role ? (role.name[lang] ?? role.name.en) : roleId;
  };
  const save = (user: AdminUser) => {
    const roleId = state.userDrafts[user.id] ?? user.roleId;
    void act(
      `user:${user.id}`,
      async () => {
        const saved = await admin.updateUser(user.id, {roleId});
        state.users = state.users.map((u) => (u.id === saved.id ? saved : u));
        state.userDrafts[saved.id] = saved.roleId;
        return a('userSaved', {user: saved.name, role: roleName(saved.roleId)});
      },
      (o) => (state.usersOutcome = o),
    );
  };
  return html`<p class="help" id="users-help">${a('usersHelp')}</p>
    <div class="table-scroll">
      <table class="users" aria-describedby="users-help">
        <caption class="visually-hidden">
          ${a('usersTitle')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${a('colUser')}</th>
            <th scope="col">${a('colUserId')}</th>
            <th scope="col">${a('colUserActive')}</th>
            <th scope="col">${a('colRole')}</th>
            <th scope="col"><span class="visually-hidden">${a('colSaveRole')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${state.users.map((user) => {
            const chosen = state.userDrafts[user.id] ?? user.roleId;
            const busy = state.busy.has(`user:${user.id}`);
            return html`<tr data-user=${user.id}>
              <th scope="row">${user.name}</th>
              <td><code>${user.id}</code></td>
              <td>${user.active ? a('userActive') : a('userInactive')}</td>
              <td>
                <select
                  aria-label=${a('userRole', {user: user.name})}
                  @change=${(e: Event) =>
                    (state.userDrafts[user.id] = (e.target as HTMLSelectElement).value)}
                >
                  ${
                    // A role the list does not know (yet) stays choosable rather than silently changing.
                    state.roles.some((r) => r.id === chosen)
                      ? nothing
                      : html`<option value=${chosen} selected>${chosen}</option>`
                  }
                  ${state.roles.map(
                    (r) =>
                      html`<option value=${r.id} ?selected=${r.id === chosen}>
                        ${roleName(r.id)}
                      </option>`,
                  )}
                </select>
              </td>
              <td>
                <button type="button" ?disabled=${busy} @click=${() => save(user)}>
                  ${busy ? t('saving') : t('save')}<span class="visually-hidden">
                    ${user.name}</span
                  >
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${outcome(state.usersOutcome, fieldMessage)}`;
}

/** Asks the host for the audit trail with the filters as typed; a refusal is shown in the section. */
async function loadAudit(): Promise<void> {
  const q = state.auditQuery;
  try {
    state.audit = await admin.listAudit({
      leadId: q.leadId.trim(),
      userId: q.userId,
      pluginId: q.pluginId.trim(),
      limit: q.limit.trim() === '' ? undefined : Number(q.limit),
    });
    state.auditOutcome = undefined;
  } catch (error) {
    const findings = (error as {errors?: readonly LocatedFieldError[]}).errors;
    state.auditOutcome = {
      kind: 'error',
      message: describeError(page.t, error),
      ...(findings?.length ? {findings} : {}),
    };
  }
}

function auditSection(): TemplateResult {
  const {t} = page;
  const lang = page.config.lang;
  const q = state.auditQuery;
  const time = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'medium'});
  const filter = (e: Event) => {
    e.preventDefault();
    if (state.busy.has('audit')) return;
    state.busy.add('audit');
    rerender();
    void loadAudit().finally(() => {
      state.busy.delete('audit');
      rerender();
    });
  };
  const input = (key: 'leadId' | 'pluginId' | 'limit') => (e: Event) =>
    (q[key] = (e.target as HTMLInputElement).value);
  const entries = state.audit ?? [];
  const none = html`<span aria-hidden="true">–</span>`;
  return html`<p class="help">${a('auditHelp')}</p>
    <form class="audit-filter" aria-label=${a('auditTitle')} @submit=${filter}>
      <label
        >${a('auditLead')} <input name="leadId" .value=${q.leadId} @input=${input('leadId')}
      /></label>
      <label
        >${a('auditUser')}
        <select
          name="userId"
          @change=${(e: Event) => (q.userId = (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${q.userId === ''}>${a('auditAllUsers')}</option>
          ${state.users.map(
            (u) => html`<option value=${u.id} ?selected=${q.userId === u.id}>${u.name}</option>`,
          )}
        </select></label
      >
      <label
        >${a('auditPlugin')}
        <input
          name="pluginId"
          list="audit-plugin-ids"
          .value=${q.pluginId}
          @input=${input('pluginId')}
      /></label>
      <datalist id="audit-plugin-ids">
        ${state.plugins.map((p) => html`<option value=${p.id}>${pluginName(p)}</option>`)}
      </datalist>
      <label
        >${a('auditLimit')}
        <input
          name="limit"
          type="number"
          min="1"
          max="500"
          step="1"
          .value=${q.limit}
          @input=${input('limit')}
      /></label>
      <button type="submit" ?disabled=${state.busy.has('audit')}>${t('applyFilter')}</button>
    </form>
    ${
      state.auditOutcome
        ? outcome(state.auditOutcome, fieldMessage)
        : html`<p role="status" class="count">
            ${
              state.audit === undefined
                ? nothing
                : entries.length === 1
                  ? a('auditCountOne')
                  : a('auditCount', {count: entries.length})
            }
          </p>`
    }
    ${
      entries.length
        ? html`<table class="audit">
            <caption class="visually-hidden">
              ${a('auditTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${a('colTime')}</th>
                <th scope="col">${a('colActor')}</th>
                <th scope="col">${a('colAction')}</th>
                <th scope="col">${a('colLead')}</th>
                <th scope="col">${t('colPluginId')}</th>
                <th scope="col">${a('colData')}</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (e) =>
                  html`<tr data-audit=${e.id}>
                    <td><time datetime=${e.at}>${time.format(new Date(e.at))}</time></td>
                    <td>${e.actor.name}</td>
                    <td><code>${e.action}</code></td>
                    <td>
                      ${
                        e.leadId
                          ? html`<a href="/leads/${encodeURIComponent(e.leadId)}">${e.leadId}</a>`
                          : none
                      }
                    </td>
                    <td>${e.pluginId ? html`<code>${e.pluginId}</code>` : none}</td>
                    <td><code class="audit-data">${JSON.stringify(e.data)}</code></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : state.audit
          ? html`<p class="message info">${a('noAudit')}</p>`
          : nothing
    }`;
}

void main();
