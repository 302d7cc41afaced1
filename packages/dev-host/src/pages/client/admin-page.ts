// The admin page (`/admin`): ownership mode, reject codes, assignment rules with their lint findings and a
// chart of which rule takes how many current leads, and plugins. Each section needs its privilege; the
// server checks it again on every call.
import {
  OWNERSHIP_MODES,
  localize,
  validateManifest,
  type OwnershipMode,
  type PluginManifest,
} from '@crmkit/sdk';
import {
  createRestAdminApi,
  type AdminRejectCode,
  type AssignmentStats,
  type InstalledPlugin,
  type LocatedFieldError,
  type RestAdminApi,
} from '@crmkit/rest-client';
import {html, nothing, type TemplateResult} from 'lit';
import {ownershipLabel, privilegeLabel, translator, type PageStringKey} from '../page-strings.js';
import {describeError, readPageConfig, show, startPage, type StartedPage} from './start-page.js';
import {renderStatsChart} from './render-stats-chart.js';
import {pluginSettings, settingValue} from './plugin-settings.js';

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
  stats: undefined as AssignmentStats | undefined,
  statsError: undefined as string | undefined,
  plugins: [] as InstalledPlugin[],
  manifestUrl: '',
  manifestText: '',
  pluginsOutcome: undefined as Outcome | undefined,
  settingsOutcome: {} as Record<string, Outcome>,
  busy: new Set<string>(),
};

let page: StartedPage;
let admin: RestAdminApi;

async function main(): Promise<void> {
  const title = translator(readPageConfig().lang)('adminTitle');
  const started = await startPage(title);
  if (!started) return;
  page = started;
  admin = createRestAdminApi({token: page.token, locale: page.config.lang});
  const can = (p: 'plugins.manage' | 'assignment.manage') => page.user.privileges.includes(p);
  const loads: Promise<void>[] = [];
  if (can('plugins.manage')) {
    loads.push(
      admin.getLeadSettings().then((s) => void (state.mode = s.ownershipMode)),
      admin.getRejectCodes().then((codes) => void (state.codes = codes)),
      admin.listPlugins().then((plugins) => void (state.plugins = plugins)),
    );
  }
  if (can('assignment.manage')) {
    loads.push(
      admin.getAssignmentRules().then((r) => void (state.rulesText = JSON.stringify(r, null, 2))),
      loadStats(),
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
}

async function loadStats(): Promise<void> {
  try {
    state.stats = await admin.getAssignmentStats();
    state.statsError = undefined;
  } catch (error) {
    state.statsError = describeError(page.t, error);
  }
}

function rerender(): void {
  const {t, user} = page;
  const section = (
    id: string,
    titleKey: PageStringKey,
    privilege: 'plugins.manage' | 'assignment.manage',
    body: () => TemplateResult,
  ) =>
    html`<section class="card" aria-labelledby="${id}-title">
      <h2 id="${id}-title">${t(titleKey)}</h2>
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
      ${section('ownership', 'ownershipTitle', 'plugins.manage', ownershipSection)}
      ${section('codes', 'rejectCodesTitle', 'plugins.manage', codesSection)}
      ${section('rules', 'rulesTitle', 'assignment.manage', rulesSection)}
      ${section('plugins', 'pluginsTitle', 'plugins.manage', pluginsSection)}`,
  );
}

/** Runs one save of a section: marks it busy, stores its outcome, renders. */
async function act(
  key: string,
  run: () => Promise<string | Outcome>,
  setOutcome: (o: Outcome) => void,
): Promise<void> {
  if (state.busy.has(key)) return;
  state.busy.add(key);
  rerender();
  try {
    const done = await run();
    setOutcome(typeof done === 'string' ? {kind: 'success', message: done} : done);
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

/** Puts the cursor of the textarea `id` at a 1-based line and column. */
function moveCursor(id: string, line: number, column: number): void {
  const area = document.getElementById(id) as HTMLTextAreaElement | null;
  if (!area) return;
  const lines = area.value.split('\n');
  const offset =
    lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + Math.max(column - 1, 0);
  area.focus();
  area.setSelectionRange(offset, offset);
}

/** Shows a finding with its line and column as a button that moves the cursor there in `textareaId`. */
function locatedFinding(textareaId: string) {
  return (f: LocatedFieldError) =>
    html`${
        f.line
          ? html`<button
                type="button"
                class="link"
                @click=${() => moveCursor(textareaId, f.line ?? 1, f.column ?? 1)}
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
  const textarea = () => document.getElementById('rules-text') as HTMLTextAreaElement | null;
  const upload = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    state.rulesText = await file.text();
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
      textarea()?.focus();
      return;
    }
    void act(
      'rules',
      async () => {
        // Sent as typed, so the server's line and column numbers point into this textarea.
        const result = await admin.putAssignmentRules(state.rulesText);
        await loadStats();
        return {kind: 'success', message: t('activated'), findings: result.warnings} as Outcome;
      },
      (o) =>
        (state.rulesOutcome =
          o.kind === 'error' && o.findings ? {...o, message: t('rulesRefused')} : o),
    );
  };
  return html`<p class="help" id="rules-help">${t('rulesHelp')}</p>
    <form @submit=${activate}>
      <label for="rules-text">${t('rulesText')}</label>
      <textarea
        id="rules-text"
        class="code"
        rows="16"
        spellcheck="false"
        aria-describedby="rules-help"
        .value=${state.rulesText}
        @input=${(e: Event) => (state.rulesText = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <label class="upload"
        >${t('rulesUpload')} <input type="file" accept="application/json,.json" @change=${upload}
      /></label>
      <button type="submit" ?disabled=${state.busy.has('rules')}>
        ${state.busy.has('rules') ? t('saving') : t('activate')}
      </button>
      ${outcome(state.rulesOutcome, locatedFinding('rules-text'))}
    </form>
    <h3 id="stats-title">${t('statsTitle')}</h3>
    ${
      state.statsError
        ? html`<p class="message error">${state.statsError}</p>`
        : state.stats
          ? renderStatsChart(state.stats, t, page.config.lang)
          : nothing
    }`;
}

/** The form of an installed plugin's settings (its config schema's simple properties), if it has any. */
function pluginSettingsForm(plugin: InstalledPlugin): TemplateResult | typeof nothing {
  const {t} = page;
  const lang = page.config.lang;
  const settings = pluginSettings(plugin, lang);
  if (!settings.length) return nothing;
  const titleId = `settings-${plugin.id.replace(/[^\w-]/g, '-')}`;
  const busyKey = `settings:${plugin.id}`;
  const save = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const config = Object.fromEntries(
      settings
        .map((s) => [s.key, settingValue(s, form.elements.namedItem(s.key) as HTMLInputElement)])
        .filter(([, value]) => value !== undefined),
    );
    void act(
      busyKey,
      async () => {
        // Installing the same manifest again replaces the installation's config (200, not 201).
        await admin.installPlugin({
          manifestUrl: plugin.manifestUrl,
          manifest: plugin.manifest,
          config,
        });
        state.plugins = await admin.listPlugins();
        return t('saved');
      },
      (o) => (state.settingsOutcome[plugin.id] = o),
    );
  };
  const name = localize((plugin.manifest as unknown as PluginManifest).displayName, lang);
  return html`<form class="plugin-settings" aria-labelledby=${titleId} @submit=${save}>
    <h3 id=${titleId}>${t('pluginSettings', {plugin: name})}</h3>
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

function pluginsSection(): TemplateResult {
  const {t} = page;
  const lang = page.config.lang;
  const install = (e: Event) => {
    e.preventDefault();
    // The sdk's validator gives line and column in the text as typed; the server checks again.
    const checked = validateManifest(state.manifestText, {file: 'plugin.json'});
    const errors = checked.issues.filter((i) => i.severity === 'error');
    if (!checked.manifest || errors.length) {
      state.pluginsOutcome = {
        kind: 'error',
        message: t('installRefused'),
        findings: errors.map((i) => ({
          field: i.pointer,
          code: i.code,
          message: i.hint ? `${i.message} (${i.hint})` : i.message,
          line: i.line,
          column: i.column,
        })),
      };
      rerender();
      document.getElementById('manifest-text')?.focus();
      return;
    }
    const manifest = checked.manifest;
    void act(
      'plugins',
      async () => {
        const {plugin} = await admin.installPlugin({
          manifestUrl: state.manifestUrl.trim(),
          manifest: manifest as unknown as Record<string, unknown>,
        });
        state.plugins = await admin.listPlugins();
        state.manifestText = '';
        state.manifestUrl = '';
        return t('installed', {id: plugin.id});
      },
      (o) =>
        (state.pluginsOutcome =
          o.kind === 'error' && o.findings ? {...o, message: t('installRefused')} : o),
    );
  };
  return html`${
      state.plugins.length === 0
        ? html`<p class="message info">${t('noPlugins')}</p>`
        : html`<table class="plugins">
            <caption class="visually-hidden">
              ${t('pluginsTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('colPluginId')}</th>
                <th scope="col">${t('colVersion')}</th>
                <th scope="col">${t('colManifest')}</th>
              </tr>
            </thead>
            <tbody>
              ${state.plugins.map(
                (p) =>
                  html`<tr>
                    <th scope="row">
                      ${localize((p.manifest as unknown as PluginManifest).displayName, lang)}<br /><code
                        >${p.id}</code
                      >
                    </th>
                    <td>${String(p.manifest.version ?? '')}</td>
                    <td><a href=${p.manifestUrl}>${p.manifestUrl}</a></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${state.plugins.map((p) => pluginSettingsForm(p))}
    <form @submit=${install}>
      <h3>${t('installTitle')}</h3>
      <label for="manifest-url">${t('colManifest')} (URL)</label>
      <input
        id="manifest-url"
        type="text"
        required
        placeholder="/plugins/my-plugin/plugin.json"
        .value=${state.manifestUrl}
        @input=${(e: Event) => (state.manifestUrl = (e.target as HTMLInputElement).value)}
      />
      <label for="manifest-text">${t('manifestText')}</label>
      <textarea
        id="manifest-text"
        class="code"
        rows="10"
        spellcheck="false"
        required
        .value=${state.manifestText}
        @input=${(e: Event) => (state.manifestText = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <button type="submit" ?disabled=${state.busy.has('plugins')}>
        ${state.busy.has('plugins') ? t('saving') : t('install')}
      </button>
      ${outcome(state.pluginsOutcome, locatedFinding('manifest-text'))}
    </form>`;
}

void main();
