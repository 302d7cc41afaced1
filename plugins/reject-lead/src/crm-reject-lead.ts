import {LitElement, html, nothing} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {customElement, property, query, state} from 'lit/decorators.js';
import {live} from 'lit/directives/live.js';
import type {
  Lead,
  LeadSettings,
  PluginContext,
  RejectCodeOption,
  RejectLeadInput,
  RejectLeadResult,
} from '@crmkit/sdk';
import {rejectLeadStyles} from './crm-reject-lead.styles.js';
import {LeadRejectedEvent} from './lead-rejected-event.js';
import {newIdempotencyKey} from './new-idempotency-key.js';
import {RejectCancelEvent} from './reject-cancel-event.js';
import {stringsFor} from './strings.js';
import type {RejectLeadStrings} from './strings.js';
import {
  MAX_REJECT_REASON_LENGTH,
  REJECT_FORM_FIELDS,
  reasonRequiredFor,
  validateRejectForm,
} from './validate-reject-form.js';
import type {RejectFormErrors, RejectFormField} from './validate-reject-form.js';

type Phase = 'loading' | 'ready' | 'load-failed' | 'done';

/** A refusal or failure shown above the form; `action` is the button that helps. */
interface Problem {
  message: string;
  action: 'reload' | 'retry' | null;
}

/** The fields of a HostApiError / NetworkError / PermissionDeniedError the element reads (duck-typed). */
interface ErrorLike {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  detail?: unknown;
  errors?: unknown;
}

const fieldIds: Record<RejectFormField, string> = {
  rejectCode: 'code',
  rejectReason: 'reason',
  reassignOwner: 'reassign',
};

/**
 * `<crm-reject-lead>`: the Reject Lead form of the reject-lead plugin. A host mounts it at
 * `lead.detail.actions` with the lead's id and a `PluginContext`; the element talks to the host only
 * through that context. It shows which lead is rejected, lets the user pick an active reject code (a
 * reason is required for the code whose key is `OTHER`), type a reason (at most 2000 characters) and
 * choose whether the Assignment Manager reassigns the owner (not in Book mode), then sends one reject
 * request with an idempotency key and shows the rejection. Errors are explained beside the fields or
 * above the form, and nothing the user typed is lost.
 *
 * @element crm-reject-lead
 *
 * @fires {LeadRejectedEvent} crm-lead-rejected - The lead was rejected; `detail` is the updated lead,
 *   `assignment` the reassignment outcome when the owner was reassigned. Bubbles, composed.
 * @fires {RejectCancelEvent} crm-reject-cancel - The user cancelled. Bubbles, composed.
 *
 * @csspart title - The heading "Reject Lead".
 * @csspart lead - The summary of the lead being rejected (name, company, status, owner).
 * @csspart code-select - The Reject Code select.
 * @csspart reason-textarea - The Reject Reason textarea.
 * @csspart counter - The character counter under the reason.
 * @csspart reassign-checkbox - The Reassign Owner checkbox.
 * @csspart reassign-disabled-reason - Why Reassign Owner is disabled (Book mode).
 * @csspart field-error - An inline error message under a field.
 * @csspart error-banner - The message above the form for 403, 409, network and other failures.
 * @csspart confirm-button - The Confirm Reject button.
 * @csspart cancel-button - The Cancel button.
 * @csspart reload-button - Reloads the lead after a conflict (409) or a failed load.
 * @csspart retry-button - Sends the same submission again after a network failure.
 * @csspart summary - The rejection summary shown after success.
 * @csspart message - A message shown instead of the form (no privilege, loading, no lead).
 *
 * @cssprop [--crm-font-family=system-ui, sans-serif] - Font of the whole element.
 * @cssprop [--crm-font-size=1rem] - Base font size.
 * @cssprop [--crm-color-text=#1d2330] - Text colour (dark scheme: #e8eaed).
 * @cssprop [--crm-color-text-muted=#4f5766] - Secondary text: labels of the lead summary, hints, counter.
 * @cssprop [--crm-color-background=#ffffff] - Background of the element and its controls.
 * @cssprop [--crm-color-surface=#f4f6f9] - Background of the lead summary.
 * @cssprop [--crm-color-border=#7b8494] - Borders of the element and its controls.
 * @cssprop [--crm-color-primary=#0a58a8] - Background of Confirm Reject, checkbox accent.
 * @cssprop [--crm-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssprop [--crm-color-danger=#b0221b] - Error text and invalid-field borders.
 * @cssprop [--crm-color-danger-background=#fdecea] - Background of the error banner.
 * @cssprop [--crm-color-success=#1b6b32] - Border of the rejection summary.
 * @cssprop [--crm-color-success-background=#e7f5ea] - Background of the rejection summary.
 * @cssprop [--crm-focus-ring-color=#1a73e8] - Keyboard focus outline.
 * @cssprop [--crm-radius=6px] - Corner radius.
 * @cssprop [--crm-spacing=0.75rem] - Base spacing unit.
 * @cssprop [--crm-reject-lead-max-width=40rem] - Maximum width of the element.
 */
@customElement('crm-reject-lead')
export class CrmRejectLead extends LitElement {
  static override styles = rejectLeadStyles;

  /** The id of the lead to reject (attribute `lead-id`). */
  @property({attribute: 'lead-id', reflect: true}) leadId = '';

  /** The plugin context the host gives this plugin; the element's only way to the host. */
  @property({attribute: false}) context: PluginContext | undefined;

  @state() private phase: Phase = 'loading';
  @state() private lead: Lead | undefined;
  @state() private codes: RejectCodeOption[] = [];
  @state() private settings: LeadSettings | undefined;
  @state() private rejectCode = '';
  @state() private rejectReason = '';
  @state() private reassignOwner = false;
  @state() private fieldErrors: RejectFormErrors = {};
  @state() private problem: Problem | undefined;
  @state() private busy = false;
  @state() private result: RejectLeadResult | undefined;
  @state() private loadError = '';
  @state() private announcement = '';

  @query('#code') private codeSelect?: HTMLSelectElement;
  @query('#summary-title') private summaryTitle?: HTMLElement;
  @query('.banner button') private bannerButton?: HTMLButtonElement;

  /** Set synchronously when a submission starts, so a second click in the same task sends nothing. */
  private submitting = false;
  /** The idempotency key of the submission in flight or last failed for a retryable reason. */
  private pending: {fingerprint: string; key: string} | undefined;
  private loadGeneration = 0;
  private focusOnRender: 'first-field' | 'first-invalid' | 'summary' | 'banner' | null = null;

  private get strings(): RejectLeadStrings {
    return stringsFor(this.context?.locale);
  }

  private get mayReject(): boolean {
    return this.context?.can('leads.reject') ?? false;
  }

  private get bookMode(): boolean {
    return this.settings?.ownershipMode === 'book';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') || changed.has('leadId')) void this.load(true);
  }

  protected override updated(): void {
    const target = this.focusOnRender;
    if (!target) return;
    this.focusOnRender = null;
    if (target === 'first-field') this.codeSelect?.focus();
    else if (target === 'summary') this.summaryTitle?.focus();
    else if (target === 'banner') this.bannerButton?.focus();
    else {
      const first = REJECT_FORM_FIELDS.find((f) => this.fieldErrors[f]);
      if (first) this.renderRoot.querySelector<HTMLElement>(`#${fieldIds[first]}`)?.focus();
    }
  }

  /** Loads the lead, the reject codes and the lead settings; `initial` resets the form. */
  private async load(initial: boolean): Promise<void> {
    const context = this.context;
    const leadId = this.leadId;
    const generation = ++this.loadGeneration;
    if (initial) {
      this.phase = 'loading';
      this.lead = undefined;
      this.result = undefined;
      this.problem = undefined;
      this.fieldErrors = {};
      this.pending = undefined;
      this.rejectCode = '';
      this.rejectReason = '';
      this.reassignOwner = context?.config['reassignOwnerDefault'] === true;
      this.announcement = '';
    }
    if (!context || !leadId || !context.can('leads.reject')) return;
    try {
      const [lead, codes, settings] = await Promise.all([
        context.getLead(leadId),
        context.getRejectCodes({locale: context.locale}),
        context.getLeadSettings(),
      ]);
      if (generation !== this.loadGeneration) return;
      this.lead = lead;
      this.codes = codes.filter((c) => c.active);
      this.settings = settings;
      this.problem = undefined;
      if (initial) {
        this.phase = 'ready';
        this.focusOnRender = 'first-field';
      }
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      if (initial) {
        this.phase = 'load-failed';
        this.loadError = this.describeLoadError(error, leadId);
        this.focusOnRender = 'banner';
      } else {
        this.problem = this.describeProblem(error, leadId);
        this.focusOnRender = 'banner';
      }
    }
  }

  private describeLoadError(error: unknown, leadId: string): string {
    const s = this.strings;
    const e = (error ?? {}) as ErrorLike;
    if (e.status === 404) return s.leadNotFound(leadId);
    if (e.code === 'network-error') return s.loadFailed(s.network);
    return s.loadFailed(String(e.detail ?? e.message ?? error));
  }

  /** The problem shown above the form for a refused or failed request. */
  private describeProblem(error: unknown, leadId: string): Problem {
    const s = this.strings;
    const e = (error ?? {}) as ErrorLike;
    const code = typeof e.code === 'string' ? e.code : '';
    if (e.status === 409 || code === 'lead-not-qualified' || code === 'version-conflict') {
      return {
        message: code === 'version-conflict' ? s.conflictVersion : s.conflictNotQualified,
        action: 'reload',
      };
    }
    if (e.status === 403 || code === 'privilege-missing' || code === 'permission-undeclared') {
      return {message: s.forbidden, action: null};
    }
    if (e.status === 401) return {message: s.unauthorized, action: 'retry'};
    if (e.status === 404) return {message: s.leadNotFound(leadId), action: null};
    if (code === 'network-error' || error instanceof TypeError) {
      return {message: s.network, action: 'retry'};
    }
    const detail = String(e.detail ?? e.message ?? error);
    return {message: s.unexpected(detail.endsWith('.') ? detail : `${detail}.`), action: 'retry'};
  }

  /** Maps a 422's `errors[]` to the fields; false when none of them belongs to a field of the form. */
  private showFieldErrors(error: unknown): boolean {
    const e = (error ?? {}) as ErrorLike;
    if (e.status !== 422 || !Array.isArray(e.errors)) return false;
    const s = this.strings;
    const errors: RejectFormErrors = {};
    for (const item of e.errors as Array<{field?: unknown; code?: unknown; message?: unknown}>) {
      const field = REJECT_FORM_FIELDS.find((f) => f === item.field);
      if (!field || errors[field]) continue;
      const known = typeof item.code === 'string' ? s.fieldErrors[item.code] : undefined;
      errors[field] = known ?? String(item.message ?? item.code);
    }
    if (Object.keys(errors).length === 0) return false;
    this.fieldErrors = errors;
    this.focusOnRender = 'first-invalid';
    return true;
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Validates, then sends one reject request; a second call while one is in flight does nothing. */
  private async submit(): Promise<void> {
    const context = this.context;
    const lead = this.lead;
    if (this.submitting || !context || !lead || lead.status !== 'Qualified') return;
    const errors = validateRejectForm(
      {rejectCode: this.rejectCode, rejectReason: this.rejectReason},
      this.codes,
      this.strings,
    );
    this.fieldErrors = errors;
    if (Object.keys(errors).length > 0) {
      this.problem = undefined;
      this.focusOnRender = 'first-invalid';
      return;
    }
    const reason = this.rejectReason.trim();
    const input: RejectLeadInput = {
      rejectCode: this.rejectCode,
      ...(reason ? {rejectReason: reason} : {}),
      reassignOwner: this.reassignOwner && !this.bookMode,
    };
    // The same submission (same lead version and input) keeps its key, so that a retry after a
    // network failure is answered from the host's idempotency store instead of rejecting twice.
    const fingerprint = JSON.stringify([lead.id, lead.version, input]);
    if (this.pending?.fingerprint !== fingerprint) {
      this.pending = {fingerprint, key: newIdempotencyKey()};
    }
    const key = this.pending.key;
    this.submitting = true;
    this.busy = true;
    this.problem = undefined;
    try {
      const result = await context.rejectLead(lead.id, input, {
        ifMatch: lead.version,
        idempotencyKey: key,
      });
      this.pending = undefined;
      this.result = result;
      this.lead = result.lead;
      this.phase = 'done';
      this.announcement = this.strings.announceRejected(this.leadName(result.lead));
      this.focusOnRender = 'summary';
      this.dispatchEvent(new LeadRejectedEvent(result.lead, result.assignment));
      try {
        context.emit('lead-changed', {leadId: result.lead.id, lead: result.lead});
      } catch {
        // A host without an event channel: the DOM event above is enough.
      }
    } catch (error) {
      const status = (error as ErrorLike | null)?.status;
      // A definite answer from the host ends this submission; a retryable failure keeps its key.
      if (typeof status === 'number' && status < 500) this.pending = undefined;
      if (!this.showFieldErrors(error)) {
        this.problem = this.describeProblem(error, lead.id);
        this.focusOnRender = 'banner';
      } else if (
        (error as ErrorLike).errors instanceof Array &&
        ((error as ErrorLike).errors as Array<{code?: unknown}>).some(
          (e) => e.code === 'reassign-not-allowed-in-book-mode',
        )
      ) {
        void this.refreshSettings();
      }
    } finally {
      this.submitting = false;
      this.busy = false;
    }
  }

  private async refreshSettings(): Promise<void> {
    try {
      if (this.context) this.settings = await this.context.getLeadSettings();
    } catch {
      // Keep the settings we have: the field error already explains the refusal.
    }
  }

  private readonly onCodeChange = (event: Event): void => {
    this.rejectCode = (event.target as HTMLSelectElement).value;
    if (this.fieldErrors.rejectCode || this.fieldErrors.rejectReason) {
      this.fieldErrors = {...this.fieldErrors, rejectCode: undefined, rejectReason: undefined};
    }
  };

  private readonly onReasonInput = (event: Event): void => {
    this.rejectReason = (event.target as HTMLTextAreaElement).value;
    if (this.fieldErrors.rejectReason) {
      this.fieldErrors = {...this.fieldErrors, rejectReason: undefined};
    }
  };

  private readonly onReassignChange = (event: Event): void => {
    this.reassignOwner = (event.target as HTMLInputElement).checked;
    if (this.fieldErrors.reassignOwner) {
      this.fieldErrors = {...this.fieldErrors, reassignOwner: undefined};
    }
  };

  private readonly onCancel = (): void => {
    this.dispatchEvent(new RejectCancelEvent(this.leadId));
  };

  private readonly onReload = (): void => {
    if (this.phase === 'load-failed') void this.load(true);
    else void this.load(false);
  };

  private readonly onRetry = (): void => {
    void this.submit();
  };

  private leadName(lead: Lead): string {
    return `${lead.firstName} ${lead.lastName}`.trim();
  }

  private statusLabel(status: string): string {
    return (this.strings.status as Record<string, string>)[status] ?? status;
  }

  private codeLabel(key: string): string {
    return this.codes.find((c) => c.key === key)?.label ?? key;
  }

  private formatDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(this.context?.locale ?? 'en', {
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(date);
    } catch {
      return new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'}).format(date);
    }
  }

  protected override render(): TemplateResult {
    return html`
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderBody()}
    `;
  }

  private renderBody(): TemplateResult {
    const s = this.strings;
    if (!this.context) return html`<p part="message" aria-busy="true">${s.loading}</p>`;
    if (!this.mayReject) {
      return html`<h2 part="title">${s.title}</h2>
        <p part="message" class="banner" role="alert">${s.noPrivilege}</p>`;
    }
    if (!this.leadId) return html`<p part="message">${s.noLeadId}</p>`;
    switch (this.phase) {
      case 'loading':
        return html`<p part="message" aria-busy="true">${s.loading}</p>`;
      case 'load-failed':
        return html`<h2 part="title">${s.title}</h2>
          <div class="banner" part="error-banner" role="alert">
            <p>${this.loadError}</p>
            <button type="button" part="reload-button" @click=${this.onReload}>${s.reload}</button>
          </div>`;
      case 'done':
        return this.renderSummary();
      default:
        return this.renderForm();
    }
  }

  private renderLead(lead: Lead): TemplateResult {
    const s = this.strings;
    return html`<dl part="lead">
      <dt>${s.lead}</dt>
      <dd>${this.leadName(lead)}</dd>
      <dt>${s.company}</dt>
      <dd>${lead.company}</dd>
      <dt>${s.leadStatus}</dt>
      <dd data-field="status">${this.statusLabel(lead.status)}</dd>
      <dt>${s.owner}</dt>
      <dd data-field="owner">${lead.ownerName ?? lead.ownerId ?? s.noOwner}</dd>
      <dt>${s.newStatus}</dt>
      <dd data-field="new-status">${s.status.Rejected}</dd>
    </dl>`;
  }

  private renderFieldError(field: RejectFormField): TemplateResult | typeof nothing {
    const message = this.fieldErrors[field];
    return message
      ? html`<p id="${fieldIds[field]}-error" class="field-error" part="field-error">${message}</p>`
      : nothing;
  }

  private describedBy(...ids: Array<string | false | undefined>): string {
    return ids.filter(Boolean).join(' ');
  }

  private renderForm(): TemplateResult {
    const s = this.strings;
    const lead = this.lead;
    if (!lead) return html`<p part="message" aria-busy="true">${s.loading}</p>`;
    const errors = this.fieldErrors;
    const reasonRequired = reasonRequiredFor(this.rejectCode);
    const length = this.rejectReason.length;
    const over = this.rejectReason.trim().length > MAX_REJECT_REASON_LENGTH;
    const book = this.bookMode;
    const qualified = lead.status === 'Qualified';
    const problem = this.problem;
    return html`
      <h2 id="title" part="title">${s.title}</h2>
      ${this.renderLead(lead)}
      ${
        qualified
          ? nothing
          : html`<p class="banner" part="message">
              ${s.notQualified(this.statusLabel(lead.status))}
            </p>`
      }
      <div role="alert">
        ${
          problem
            ? html`<div class="banner" part="error-banner">
                <p>${problem.message}</p>
                ${
                  problem.action === 'reload'
                    ? html`<button type="button" part="reload-button" @click=${this.onReload}>
                        ${s.reload}
                      </button>`
                    : problem.action === 'retry'
                      ? html`<button type="button" part="retry-button" @click=${this.onRetry}>
                          ${s.retry}
                        </button>`
                      : nothing
                }
              </div>`
            : nothing
        }
      </div>
      <form novalidate aria-labelledby="title" aria-busy=${this.busy} @submit=${this.onSubmit}>
        <div class="field">
          <label for="code">${s.rejectCode} <span class="hint">(${s.required})</span></label>
          <select
            id="code"
            name="rejectCode"
            part="code-select"
            required
            aria-invalid=${errors.rejectCode ? 'true' : 'false'}
            aria-describedby=${this.describedBy(errors.rejectCode && 'code-error')}
            .value=${live(this.rejectCode)}
            @change=${this.onCodeChange}
          >
            <option value="" ?selected=${this.rejectCode === ''}>${s.chooseCode}</option>
            ${this.codes.map(
              (c) =>
                html`<option value=${c.key} ?selected=${c.key === this.rejectCode}>
                  ${c.label}
                </option>`,
            )}
          </select>
          ${this.renderFieldError('rejectCode')}
        </div>
        <div class="field">
          <label for="reason"
            >${s.rejectReason}
            <span class="hint">(${reasonRequired ? s.required : s.optional})</span></label
          >
          <textarea
            id="reason"
            name="rejectReason"
            part="reason-textarea"
            ?required=${reasonRequired}
            aria-invalid=${errors.rejectReason || over ? 'true' : 'false'}
            aria-describedby=${this.describedBy('reason-counter', errors.rejectReason && 'reason-error')}
            .value=${live(this.rejectReason)}
            @input=${this.onReasonInput}
          ></textarea>
          <p id="reason-counter" class=${over ? 'counter over' : 'counter'} part="counter">
            ${s.counter(length, MAX_REJECT_REASON_LENGTH)}
          </p>
          ${this.renderFieldError('rejectReason')}
        </div>
        <div class="field">
          <div class="check">
            <input
              type="checkbox"
              id="reassign"
              name="reassignOwner"
              part="reassign-checkbox"
              ?disabled=${book}
              aria-invalid=${errors.reassignOwner ? 'true' : 'false'}
              aria-describedby=${this.describedBy(
                'reassign-help',
                book && 'reassign-book',
                errors.reassignOwner && 'reassign-error',
              )}
              .checked=${live(this.reassignOwner && !book)}
              @change=${this.onReassignChange}
            />
            <label for="reassign">${s.reassignOwner}</label>
          </div>
          <p id="reassign-help" class="help">${s.reassignHelp}</p>
          ${
            book
              ? html`<p id="reassign-book" class="help" part="reassign-disabled-reason">
                  ${s.reassignBookMode}
                </p>`
              : nothing
          }
          ${this.renderFieldError('reassignOwner')}
        </div>
        <div class="actions">
          <button
            type="submit"
            class="primary"
            part="confirm-button"
            aria-disabled=${this.busy || !qualified ? 'true' : 'false'}
          >
            ${this.busy ? s.rejecting : s.confirmReject}
          </button>
          <button type="button" part="cancel-button" @click=${this.onCancel}>${s.cancel}</button>
        </div>
      </form>
    `;
  }

  private renderSummary(): TemplateResult {
    const s = this.strings;
    const result = this.result;
    const lead = result?.lead ?? this.lead;
    if (!result || !lead) return html``;
    const rejection = lead.rejection;
    const assignment = result.assignment;
    return html`<section class="summary" part="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" part="title" tabindex="-1">${s.summaryTitle}</h2>
      <dl>
        <dt>${s.lead}</dt>
        <dd>${this.leadName(lead)}</dd>
        <dt>${s.leadStatus}</dt>
        <dd data-field="status">${this.statusLabel(lead.status)}</dd>
        ${
          rejection
            ? html`<dt>${s.rejectedBy}</dt>
                <dd data-field="rejected-by">${rejection.rejectedBy.name}</dd>
                <dt>${s.rejectCode}</dt>
                <dd data-field="code">${this.codeLabel(rejection.code)}</dd>
                ${
                  rejection.reason
                    ? html`<dt>${s.rejectReason}</dt>
                        <dd data-field="reason">${rejection.reason}</dd>`
                    : nothing
                }
                <dt>${s.rejectedAt}</dt>
                <dd data-field="rejected-at">
                  <time datetime=${rejection.rejectedAt}
                    >${this.formatDate(rejection.rejectedAt)}</time
                  >
                </dd>`
            : nothing
        }
        ${
          assignment
            ? html`<dt>${s.newOwner}</dt>
                <dd data-field="new-owner">
                  ${lead.ownerName ?? assignment.ownerId}${
                    assignment.outcome === 'unassigned-owner' ? ` (${s.unassignedOwnerNote})` : ''
                  }
                </dd>`
            : nothing
        }
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-reject-lead': CrmRejectLead;
  }
}
