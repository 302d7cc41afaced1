// Lead Detail (`/leads/:id`): the lead's fields with its Lead Status, the plugins' actions at
// `lead.detail.actions` (the reject-lead plugin, loaded from its manifest and given a guarded context over
// the REST host API by <crm-plugin-host>), and after a rejection the rejection itself.
import {HostApiError, type AssignmentOutcome, type Lead, type RejectCodeOption} from '@crmkit/sdk';
import {html, nothing, type TemplateResult} from 'lit';
import {privilegeLabel, statusLabel, translator} from '../page-strings.js';
import {defineHostElements} from '@crmkit/host-elements';
import {describeError, readPageConfig, show, startPage, type StartedPage} from './start-page.js';

/** The `crm-lead-rejected` event of the reject-lead plugin: the updated lead and its reassignment. */
type LeadRejected = CustomEvent<Lead> & {assignment?: AssignmentOutcome};

const state = {
  lead: undefined as Lead | undefined,
  codes: [] as RejectCodeOption[],
  /** What <crm-plugin-host> loads, made once: a new array would make it load the plugins again. */
  sources: [] as string[],
  configs: {} as Record<string, Record<string, unknown>>,
  /** Set when this page saw the rejection happen (the plugin tells how the owner was reassigned). */
  justRejected: undefined as {assignment: AssignmentOutcome | undefined} | undefined,
  notice: '',
  /** The last call the guarded context refused a plugin (the host was not called). */
  denied: '',
  /** True once the plugins are loaded and none offers this user anything here. */
  noActions: false,
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
      sources: plugins.map((p) => p.manifestUrl),
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
  rerender();
  await showWhenNoActions();
}

/** Says so when, with the plugins loaded, the extension point offers this user nothing. */
async function showWhenNoActions(): Promise<void> {
  const host = page.main.querySelector('crm-plugin-host');
  const point = host?.querySelector('crm-extension-point');
  if (!host || !point) return;
  await host.loaded;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  state.noActions = point.actions.length === 0 && point.panelElements.size === 0;
  rerender();
}

async function onRejected(event: LeadRejected): Promise<void> {
  if (event.detail?.id !== state.lead?.id) return; // another lead's news is not this page's
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
        <h2 id="lead-title">${t('leadInformation')}</h2>
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
      <section id="lead-actions" class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">${t('actionsTitle')}</h2>
        <crm-plugin-host
          locale=${config.lang}
          .host=${page.api}
          .user=${page.user}
          .configs=${state.configs}
          .sources=${state.sources}
        >
          <crm-extension-point
            name="lead.detail.actions"
            record-id=${lead.id}
          ></crm-extension-point>
        </crm-plugin-host>
        ${state.noActions ? html`<p class="help">${t('noActions')}</p>` : nothing}
      </section>`,
  );
}

function rejectionSection(lead: Lead): TemplateResult {
  const {t, config} = page;
  const rejection = lead.rejection as NonNullable<Lead['rejection']>;
  const code = state.codes.find((c) => c.key === rejection.code);
  const when = new Intl.DateTimeFormat(config.lang, {dateStyle: 'long', timeStyle: 'short'}).format(
    new Date(rejection.rejectedAt),
  );
  const assignment = state.justRejected?.assignment;
  return html`<section id="lead-rejection" class="card rejection" aria-labelledby="rejection-title">
    <h2 id="rejection-title">${t('rejectionTitle')}</h2>
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
                ${lead.ownerName ?? assignment.ownerId}
                <small
                  >${
                    assignment.rule
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
