// Lead Detail (`/leads/:id`): the lead's fields with its Lead Status, the plugins' actions at
// `lead.detail.actions` (e.g. reject-lead, offered only while the lead's status fits the action's
// `when`) and their panels at `lead.detail.panel`, and after a rejection the rejection itself. The
// plugins are the host's enabled installations, each loaded from the manifest the host stored with its
// package (`GET /api/plugins`), and given a guarded context over the REST host API by <crm-plugin-host>.
// A plugin the admin did not mark trusted runs sandboxed (`isolation: "frame"`): in a frame of its own,
// its calls made with a credential minted for it alone (`POST /api/plugin-sessions`), which the server
// holds to the plugin's declared permissions ∩ the user's privileges.
import {
  HostApiError,
  NetworkError,
  type AssignmentOutcome,
  type HostApi,
  type Lead,
  type Problem,
  type RejectCodeOption,
} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {html, nothing, type TemplateResult} from 'lit';
import {privilegeLabel, statusLabel, translator} from '../page-strings.js';
import {defineHostElements, type InstalledPluginSource} from '@crmkit/host-elements';
import {describeError, readPageConfig, show, startPage, type StartedPage} from './start-page.js';

/** The `crm-lead-rejected` event of the reject-lead plugin: the updated lead and its reassignment. */
type LeadRejected = CustomEvent<Lead> & {assignment?: AssignmentOutcome};

const state = {
  lead: undefined as Lead | undefined,
  codes: [] as RejectCodeOption[],
  /**
   * What <crm-plugin-host> loads, made once (a new array would only be compared again): each enabled
   * plugin as the host stored it, its manifest and the package folder its entry resolves against.
   */
  sources: [] as InstalledPluginSource[],
  configs: {} as Record<string, Record<string, unknown>>,
  /** Set when this page saw the rejection happen (the plugin tells how the owner was reassigned). */
  justRejected: undefined as {assignment: AssignmentOutcome | undefined} | undefined,
  notice: '',
  /** The last call the guarded context refused a plugin (the host was not called). */
  denied: '',
  /** True once the plugins are loaded and none offers this user anything here for this lead. */
  noActions: false,
  /** True while a plugin panel is mounted at `lead.detail.panel` (the region is hidden otherwise). */
  hasPanels: false,
};

let page: StartedPage;

async function main(): Promise<void> {
  const config = readPageConfig();
  const t = translator(config.lang);
  const started = await startPage(t('leadDetail'));
  if (!started) return;
  page = started;
  const leadId = config.leadId ?? '';
  try {
    const [lead, codes, plugins] = await Promise.all([
      page.api.getLead(leadId),
      page.api.getRejectCodes({locale: config.lang}),
      page.api.listPluginInstallations(),
      defineHostElements(),
    ]);
    Object.assign(state, {
      lead,
      codes,
      sources: plugins.map((p) => ({
        manifest: p.manifest,
        baseUrl: p.baseUrl,
        isolation: p.isolation,
      })),
      configs: Object.fromEntries(plugins.map((p) => [p.id, p.config])),
    });
  } catch (error) {
    const message =
      error instanceof HostApiError && error.status === 404
        ? t('leadNotFound', {id: leadId})
        : describeError(t, error);
    show(
      page.main,
      html`<p><a href="/">${t('backToList')}</a></p>
        <h1>${t('leadDetail')}</h1>
        <p class="message error" role="alert">${message}</p>`,
    );
    return;
  }
  page.main.addEventListener(
    'crm-lead-rejected',
    (event) => void onRejected(event as LeadRejected),
  );
  page.main.addEventListener('crm-permission-denied', ({denial}) => {
    state.denied = page.t('pluginDenied', {
      plugin: denial.pluginId,
      call: denial.call,
      privilege: privilegeLabel(page.t, denial.privilege),
      code: denial.code,
    });
    rerender();
  });
  page.main.addEventListener('crm-plugin-mounted', () => followPoints());
  page.main.addEventListener('crm-plugin-unmounted', (event) => {
    followPoints();
    if (event.reason !== 'replaced') focusAfterClosedAction(event.target);
  });
  rerender();
  const host = page.main.querySelector('crm-plugin-host');
  await host?.loaded;
  pluginsLoaded = true;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  followPoints();
}

/**
 * The host API a sandboxed plugin's calls run on: a plugin credential for the signed-in user and
 * that plugin only (`POST /api/plugin-sessions`, by the page's session cookie and CSRF header, as
 * the page's own client calls), valid for minutes; <crm-plugin-host> mints another when it expired.
 */
async function pluginHostApi(pluginId: string): Promise<HostApi> {
  const lang = page.config.lang;
  let response: Response;
  try {
    response = await fetch('/api/plugin-sessions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Content-Type': 'application/json',
        'Accept-Language': lang,
        'X-Crmkit-Csrf': '1',
      },
      body: JSON.stringify({pluginId}),
    });
  } catch (cause) {
    throw new NetworkError(`Could not reach the host for a credential of ${pluginId}.`, {cause});
  }
  const body = (await response.json().catch(() => undefined)) as
    {token?: unknown} | Problem | undefined;
  if (!response.ok || typeof (body as {token?: unknown})?.token !== 'string') {
    const problem = body as Partial<Problem> | undefined;
    throw new HostApiError({
      status: response.status,
      title: problem?.title ?? response.statusText,
      code: problem?.code ?? 'plugin-session-failed',
      ...(problem?.detail === undefined ? {} : {detail: problem.detail}),
      errors: problem?.errors ?? [],
    });
  }
  return createRestHostApi({token: (body as {token: string}).token, locale: lang});
}

/**
 * Where sandboxed plugins' frames may load scripts from: the page bundles' folder, which holds the
 * frame runtime, the shared modules of the import map and the chunks they import.
 */
const frameOptions = {scriptSources: [new URL('/assets/', location.href).href]};

/** Whether <crm-plugin-host> finished its first load (before, "no actions" would be premature). */
let pluginsLoaded = false;

const actionsPoint = () =>
  page.main.querySelector<HTMLElementTagNameMap['crm-extension-point']>(
    'crm-extension-point[name="lead.detail.actions"]',
  );
const panelPoint = () =>
  page.main.querySelector<HTMLElementTagNameMap['crm-extension-point']>(
    'crm-extension-point[name="lead.detail.panel"]',
  );

/**
 * Follows what the extension points offer: the "no actions" line once the plugins are loaded and
 * none is offered for this lead (a Rejected lead has no Reject), and the panel region only while a
 * panel is mounted. Re-renders only on a change, so calling it after every render cannot loop.
 */
function followPoints(): void {
  const actions = actionsPoint();
  const noActions = pluginsLoaded && actions !== null && actions.actions.length === 0;
  const hasPanels = (panelPoint()?.panelElements.size ?? 0) > 0;
  if (noActions === state.noActions && hasPanels === state.hasPanels) return;
  Object.assign(state, {noActions, hasPanels});
  rerender();
}

/**
 * A dialog closed whose action is no longer offered (reject-lead, once the lead is Rejected): its
 * button is gone and focus fell to the document, so it goes to the rejection the dialog produced.
 */
function focusAfterClosedAction(point: EventTarget | null): void {
  if (point !== actionsPoint()) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  const target =
    document.getElementById('rejection-title') ?? document.getElementById('lead-title');
  target?.focus();
}

async function onRejected(event: LeadRejected): Promise<void> {
  if (event.detail?.id !== state.lead?.id) return; // another lead's news is not this page's
  if ((event.target as Element | null)?.localName === 'crm-plugin-frame') {
    // A sandboxed plugin's event is only a hint (its code may say anything): show what the server
    // stored, and only once the lead really is Rejected.
    try {
      const stored = await page.api.getLead(state.lead.id);
      if (stored.status !== 'Rejected') return;
      Object.assign(state, {lead: stored, justRejected: {assignment: undefined}});
      state.notice = page.t('leadRejectedNotice');
      rerender();
    } catch {
      // nothing to show; the next load of the page shows the stored lead
    }
    return;
  }
  state.lead = event.detail;
  state.justRejected = {assignment: event.assignment};
  state.notice = page.t('leadRejectedNotice');
  rerender();
  // The event carries the lead as the server returned it; read it again so the page shows what is stored.
  try {
    state.lead = await page.api.getLead(event.detail.id);
    rerender();
  } catch {
    // keep what the event said; the next load of the page shows the stored lead
  }
}

/** The point's markup; `record-status` makes it offer only the actions whose `when` fits the lead. */
const extensionPoint = (name: string, lead: Lead) =>
  html`<crm-extension-point
    name=${name}
    record-id=${lead.id}
    record-status=${lead.status}
  ></crm-extension-point>`;

function rerender(): void {
  const {t, config} = page;
  const lead = state.lead as Lead;
  const name = `${lead.firstName} ${lead.lastName}`;
  document.title = `${name} · ${t('leadDetail')} · ${t('appName')}`;
  const field = (label: string, value: TemplateResult | string, key: string) =>
    html`<div class="field" data-field=${key}>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  const owner = (shown: string | null | undefined, id: string | null) =>
    shown ?? id ?? t('noOwner');
  show(
    page.main,
    html`<p><a href="/">${t('backToList')}</a></p>
      <h1><span class="kicker">${t('leadDetail')}</span> ${name}</h1>
      <p class="notice" role="status">${state.notice}</p>
      ${state.denied ? html`<p class="message error" role="alert">${state.denied}</p>` : nothing}
      <section id="lead-fields" class="card" aria-labelledby="lead-title">
        <h2 id="lead-title" tabindex="-1">${t('leadInformation')}</h2>
        <dl class="fields">
          ${field(
            t('fieldStatus'),
            html`<span class="status status-${lead.status.toLowerCase()}"
              >${statusLabel(t, lead.status)}</span
            >`,
            'status',
          )}
          ${field(t('fieldCompany'), lead.company, 'company')}
          ${field(t('fieldOwner'), owner(lead.ownerName, lead.ownerId), 'owner')}
          ${field(
            t('fieldOriginalOwner'),
            owner(lead.originalOwnerName, lead.originalOwnerId),
            'original-owner',
          )}
          ${field(t('fieldEmail'), lead.email ?? '', 'email')}
          ${field(t('fieldPhone'), lead.phone ?? '', 'phone')}
          ${field(t('fieldCountry'), lead.country ?? '', 'country')}
          ${field(t('fieldRegion'), lead.region ?? '', 'region')}
          ${field(t('fieldRating'), lead.rating ?? '', 'rating')}
          ${field(t('fieldSource'), lead.source ?? '', 'source')}
          ${field(t('fieldVersion'), String(lead.version), 'version')}
        </dl>
      </section>
      ${lead.rejection ? rejectionSection(lead) : nothing}
      <crm-plugin-host
        locale=${config.lang}
        .host=${page.api}
        .pluginHostApi=${pluginHostApi}
        .frameOptions=${frameOptions}
        .user=${page.user}
        .configs=${state.configs}
        .sources=${state.sources}
      >
        <section id="lead-actions" class="card" aria-labelledby="actions-title">
          <h2 id="actions-title">${t('actionsTitle')}</h2>
          ${extensionPoint('lead.detail.actions', lead)}
          ${state.noActions ? html`<p class="help">${t('noActions')}</p>` : nothing}
        </section>
        <section
          id="lead-panels"
          class="card"
          aria-labelledby="panels-title"
          ?hidden=${!state.hasPanels}
        >
          <h2 id="panels-title">${t('panelsTitle')}</h2>
          ${extensionPoint('lead.detail.panel', lead)}
        </section>
      </crm-plugin-host>`,
  );
  // A new status changes what the points offer at once (they re-evaluate on `record-status`).
  followPoints();
}

function rejectionSection(lead: Lead): TemplateResult {
  const {t, config} = page;
  const rejection = lead.rejection as NonNullable<Lead['rejection']>;
  const code = state.codes.find((c) => c.key === rejection.code);
  const when = new Intl.DateTimeFormat(config.lang, {dateStyle: 'long', timeStyle: 'short'}).format(
    new Date(rejection.rejectedAt),
  );
  // The stored reassignment (the server records it with the rejection, so it survives a reload), else
  // what the plugin's event told this page when the rejection happened here.
  const assignment = rejection.assignment ?? state.justRejected?.assignment;
  // The lead's owner name is the current owner's: it names the new owner while the lead still has them.
  const newOwner = (outcome: AssignmentOutcome) =>
    lead.ownerId === outcome.ownerId ? (lead.ownerName ?? outcome.ownerId) : outcome.ownerId;
  return html`<section id="lead-rejection" class="card rejection" aria-labelledby="rejection-title">
    <h2 id="rejection-title" tabindex="-1">${t('rejectionTitle')}</h2>
    <dl class="fields">
      <div class="field" data-field="rejected-by">
        <dt>${t('rejectedBy')}</dt>
        <dd>${rejection.rejectedBy.name}</dd>
      </div>
      <div class="field" data-field="reject-code">
        <dt>${t('rejectCode')}</dt>
        <dd>${code?.label ?? rejection.code}</dd>
      </div>
      <div class="field" data-field="reject-reason">
        <dt>${t('rejectReason')}</dt>
        <dd class="reason">${rejection.reason ?? t('noReason')}</dd>
      </div>
      <div class="field" data-field="rejected-at">
        <dt>${t('rejectedAt')}</dt>
        <dd><time datetime=${rejection.rejectedAt}>${when}</time></dd>
      </div>
      ${
        assignment
          ? html`<div class="field" data-field="new-owner">
              <dt>${t('newOwner')}</dt>
              <dd>
                ${newOwner(assignment)}
                <small
                  >${
                    assignment.outcome === 'assigned' && assignment.rule
                      ? t('assignedByRule', {rule: assignment.rule})
                      : t('assignedToUnassignedOwner')
                  }</small
                >
              </dd>
            </div>`
          : nothing
      }
    </dl>
  </section>`;
}

void main();
