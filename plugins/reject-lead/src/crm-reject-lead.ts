import {LitElement, html, nothing} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import type {
  Lead,
  OwnershipMode,
  PluginContext,
  RejectCodeOption,
  RejectLeadInput,
  RejectLeadResult,
} from '@crmkit/sdk';
import {rejectLeadStyles} from './crm-reject-lead.styles.js';
import {LeadRejectedEvent} from './lead-rejected-event.js';
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

/** A refusal or failure shown above the form, and the button that helps with it. */
interface Problem {
  message: string;
  action?: 'reload' | 'retry';
}

/** What the element reads of a HostApiError, NetworkError or PermissionDeniedError (duck-typed). */
interface ErrorLike {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  detail?: unknown;
  errors?: Array<{field?: unknown; code?: unknown; message?: unknown}>;
}

/**
 * `<crm-reject-lead>`: the Reject Lead form of the reject-lead plugin. A host mounts it at
 * `lead.detail.actions` with the lead's id and a `PluginContext`, the element's only way to the host.
 * It shows which lead is rejected, lets the user pick an active reject code (a reason is required for
 * the code whose key is `OTHER`, whatever its label), type a reason (at most 2000 characters) and ask
 * the Assignment Manager to reassign the owner (not in Book mode), then sends one reject request with
 * an idempotency key and shows the rejection. Errors are explained at their fields or above the form;
 * nothing the user typed is lost. Without the `leads.reject` privilege it shows a message instead.
 *
 * @element crm-reject-lead
 *
 * @fires {LeadRejectedEvent} crm-lead-rejected - The lead was rejected; `detail` is the updated lead,
 *   `assignment` the reassignment outcome when the owner was reassigned. Bubbles, composed.
 * @fires {RejectCancelEvent} crm-reject-cancel - The user cancelled. Bubbles, composed.
 *
 * @csspart title - The heading ("Reject Lead", or "Lead rejected" on the summary).
 * @csspart lead - The lead being rejected: name, company, status, owner and the status it will get.
 * @csspart code-select - The Reject Code select.
 * @csspart reason-textarea - The Reject Reason textarea.
 * @csspart counter - The character counter of the reason.
 * @csspart reassign-checkbox - The Reassign Owner checkbox.
 * @csspart reassign-disabled-reason - Why Reassign Owner is disabled (Book mode).
 * @csspart field-error - An inline error message under a field.
 * @csspart error-banner - The message above the form for 403, 409, network and other failures.
 * @csspart confirm-button - The Confirm Reject button.
 * @csspart cancel-button - The Cancel button.
 * @csspart reload-button - Reloads the lead after a conflict (409) or a failed load.
 * @csspart retry-button - Sends the same submission again after a network failure.
 * @csspart summary - The rejection summary shown after success.
 * @csspart message - A message instead of the form: loading, no privilege, no lead, not qualified.
 *
 * @cssprop [--crm-font-family=system-ui, sans-serif] - Font of the element.
 * @cssprop [--crm-font-size=1rem] - Base font size.
 * @cssprop [--crm-color-text=#1d2330] - Text (dark scheme default: #e8eaed).
 * @cssprop [--crm-color-text-muted=#4f5766] - Secondary text: lead labels, hints, counter (dark: #b4bac4).
 * @cssprop [--crm-color-background=#fff] - Background of the element and its controls (dark: #1c1e22).
 * @cssprop [--crm-color-surface=#f1f3f6] - Background of the lead box, banners and summary (dark: #272a30).
 * @cssprop [--crm-color-border=#7b8494] - Borders (dark: #8a93a3).
 * @cssprop [--crm-color-primary=#0a58a8] - Confirm Reject's background (dark: #8ab4f8).
 * @cssprop [--crm-color-on-primary=#fff] - Text on the primary colour (dark: #0b1a33).
 * @cssprop [--crm-color-danger=#b0221b] - Errors and invalid fields (dark: #f4a7a1).
 * @cssprop [--crm-color-success=#1b6b32] - Border of the rejection summary (dark: #8fd19e).
 * @cssprop [--crm-focus-ring-color=#1a73e8] - Keyboard focus outline (dark: #8ab4f8).
 * @cssprop [--crm-radius=6px] - Corner radius.
 * @cssprop [--crm-spacing=0.75rem] - Base spacing unit.
 * @cssprop [--crm-reject-lead-max-width=40rem] - Maximum width of the element.
 */
export class CrmRejectLead extends LitElement {
  static override styles = rejectLeadStyles;

  /** The id of the lead to reject (attribute `lead-id`). */
  @property({attribute: 'lead-id', reflect: true}) leadId = '';

  /** The plugin context the host gives this plugin; the element's only way to the host. */
  @property({attribute: false}) context: PluginContext | undefined;

  @state() private phase: 'loading' | 'ready' | 'done' = 'loading';
  @state() private lead: Lead | undefined;
  @state() private codes: RejectCodeOption[] = [];
  @state() private mode: OwnershipMode | undefined;
  @state() private code = '';
  @state() private reason = '';
  @state() private reassign = false;
  @state() private errors: RejectFormErrors = {};
  @state() private problem: Problem | undefined;
  @state() private busy = false;
  @state() private result: RejectLeadResult | undefined;
  @state() private announcement = '';

  @query('#rejectCode') private codeSelect: HTMLSelectElement | null | undefined;

  /** The submission in flight or last failed retryably, and its idempotency key. */
  #pending: {fingerprint: string; key: string} | undefined;
  #generation = 0;
  /** A selector to focus after the next render. */
  #focus = '';

  get #strings(): RejectLeadStrings {
    return stringsFor(this.context?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') || changed.has('leadId')) void this.#load(true);
  }

  protected override updated(): void {
    if (!this.#focus) return;
    const target =
      this.#focus === '#rejectCode' ? this.codeSelect : this.renderRoot.querySelector(this.#focus);
    this.#focus = '';
    (target as HTMLElement | null | undefined)?.focus();
  }

  /** Loads the lead, the reject codes and the ownership mode; `initial` also resets the form. */
  async #load(initial: boolean): Promise<void> {
    const context = this.context;
    const id = this.leadId;
    const generation = ++this.#generation;
    if (initial) {
      this.phase = 'loading';
      this.lead = this.result = this.problem = this.#pending = undefined;
      this.errors = {};
      this.code = this.reason = this.announcement = '';
      this.reassign = context?.config['reassignOwnerDefault'] === true;
    }
    if (!context || !id || !context.can('leads.reject')) return;
    try {
      const [lead, codes, settings] = await Promise.all([
        context.getLead(id),
        context.getRejectCodes({locale: context.locale}),
        context.getLeadSettings(),
      ]);
      if (generation !== this.#generation) return;
      this.lead = lead;
      this.codes = codes.filter((c) => c.active);
      this.mode = settings.ownershipMode;
      this.problem = undefined;
      if (initial) this.#focus = '#rejectCode';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.problem = {...this.#describe(error), action: 'reload'};
      this.#focus = '.banner button';
    }
    this.phase = 'ready';
  }

  /** The message for a refused or failed host call. */
  #describe(error: unknown): Problem {
    const s = this.#strings;
    const {status, code, detail, message} = (error ?? {}) as ErrorLike;
    if (status === 409) {
      return {
        message: code === 'version-conflict' ? s.conflictVersion : s.conflictNotQualified,
        action: 'reload',
      };
    }
    if (status === 403) return {message: s.noPrivilege};
    if (code === 'network-error') return {message: s.network, action: 'retry'};
    return {message: `${detail ?? message}`, action: 'retry'};
  }

  /**
   * Shows a 422's `errors[]` at their fields (the host words them in the user's language; `field` is
   * the name or its JSON pointer, `/rejectCode`); false when none belongs to a field of the form.
   */
  #showFieldErrors(error: ErrorLike): boolean {
    const errors: RejectFormErrors = {};
    for (const item of error.status === 422 ? (error.errors ?? []) : []) {
      const field = REJECT_FORM_FIELDS.find((f) => `${item.field}`.replace('/', '') === f);
      if (field) errors[field] ??= `${item.message}`;
      // The mode changed since the form was loaded: show the checkbox disabled, with the reason.
      if (item.code === 'reassign-not-allowed-in-book-mode') this.mode = 'book';
    }
    this.errors = errors;
    return this.#focusFirstInvalid();
  }

  #focusFirstInvalid(): boolean {
    const first = REJECT_FORM_FIELDS.find((f) => this.errors[f]);
    if (first) this.#focus = `#${first}`;
    return !!first;
  }

  /** Validates, then sends one reject request; a call while one is in flight does nothing. */
  async #submit(): Promise<void> {
    const context = this.context;
    const lead = this.lead;
    if (this.busy || !context || lead?.status !== 'Qualified') return;
    this.problem = undefined;
    this.errors = validateRejectForm(
      {rejectCode: this.code, rejectReason: this.reason},
      this.codes,
      this.#strings,
    );
    if (this.#focusFirstInvalid()) return;
    const reason = this.reason.trim();
    const input: RejectLeadInput = {
      rejectCode: this.code,
      ...(reason ? {rejectReason: reason} : {}),
      reassignOwner: this.reassign && this.mode !== 'book',
    };
    // The same submission (same lead version, same input) keeps its key, so a retry after a network
    // failure is answered from the host's idempotency store instead of rejecting a second time.
    const fingerprint = JSON.stringify([lead.id, lead.version, input]);
    if (this.#pending?.fingerprint !== fingerprint) {
      this.#pending = {fingerprint, key: crypto.randomUUID()};
    }
    // Set synchronously: a second click in the same task finds it set and sends nothing.
    this.busy = true;
    // Another lead (or context) opened while the request ran: its answer must not show over that one.
    const generation = this.#generation;
    try {
      const result = await context.rejectLead(lead.id, input, {
        ifMatch: lead.version,
        idempotencyKey: this.#pending.key,
      });
      this.dispatchEvent(new LeadRejectedEvent(result.lead, result.assignment));
      if (generation !== this.#generation) return;
      this.#pending = undefined;
      this.result = result;
      this.phase = 'done';
      this.announcement = `${this.#strings.summaryTitle}: ${this.#name(result.lead)}`;
      this.#focus = '#done';
    } catch (error) {
      if (generation !== this.#generation) return;
      const e = (error ?? {}) as ErrorLike;
      // A definite answer (4xx) ends this submission; a retryable failure keeps its key.
      if (typeof e.status === 'number' && e.status < 500) this.#pending = undefined;
      if (!this.#showFieldErrors(e)) {
        this.problem = this.#describe(error);
        this.#focus = '.banner button';
      }
    } finally {
      this.busy = false;
    }
  }

  #onCode = (event: Event): void => {
    this.code = (event.target as HTMLSelectElement).value;
    this.errors = {...this.errors, rejectCode: undefined, rejectReason: undefined};
  };

  #onReason = (event: Event): void => {
    this.reason = (event.target as HTMLTextAreaElement).value;
    if (this.errors.rejectReason) this.errors = {...this.errors, rejectReason: undefined};
  };

  #onReassign = (event: Event): void => {
    this.reassign = (event.target as HTMLInputElement).checked;
    this.errors = {...this.errors, reassignOwner: undefined};
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.#submit();
  };

  #onCancel = (): void => {
    this.dispatchEvent(new RejectCancelEvent(this.leadId));
  };

  #onAction = (): void => {
    if (this.problem?.action === 'retry') void this.#submit();
    else void this.#load(!this.lead);
  };

  #name(lead: Lead): string {
    return `${lead.firstName} ${lead.lastName}`;
  }

  #codeLabel(key: string): string {
    return this.codes.find((c) => c.key === key)?.label ?? key;
  }

  #status(status: string): string {
    return (this.#strings.status as Record<string, string>)[status] ?? status;
  }

  #date(iso: string): string {
    return new Intl.DateTimeFormat(this.context?.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  #row(label: string, value: unknown): TemplateResult {
    return html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  }

  #fieldError(field: RejectFormField): TemplateResult | typeof nothing {
    const message = this.errors[field];
    return message
      ? html`<p id="${field}-error" class="error" part="field-error">${message}</p>`
      : nothing;
  }

  #banner(message: string): TemplateResult {
    const s = this.#strings;
    const action = this.problem?.action;
    return html`<div class="banner" part="error-banner">
      <p>${message}</p>
      ${
        action
          ? html`<button type="button" part="${action}-button" @click=${this.#onAction}>
              ${action === 'retry' ? s.retry : s.reload}
            </button>`
          : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    return html`<div class="sr" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#body(this.#strings)}`;
  }

  #body(s: RejectLeadStrings): TemplateResult {
    const context = this.context;
    if (context && !context.can('leads.reject')) {
      return html`<p class="banner" part="message" role="alert">${s.noPrivilege}</p>`;
    }
    if (!context || !this.leadId || this.phase === 'loading') {
      return html`<p part="message">${s.loading}</p>`;
    }
    if (this.phase === 'done') return this.#summary(s);
    const lead = this.lead;
    const problem = this.problem;
    if (!lead) {
      return html`<h2 part="title">${s.title}</h2>
        <div role="alert">${this.#banner(`${problem?.message}`)}</div>`;
    }
    const errors = this.errors;
    const reasonRequired = reasonRequiredFor(this.code);
    const over = this.reason.trim().length > MAX_REJECT_REASON_LENGTH;
    const book = this.mode === 'book';
    const qualified = lead.status === 'Qualified';
    return html`<h2 id="title" part="title">${s.title}</h2>
      <dl part="lead">
        ${this.#row(s.lead, this.#name(lead))} ${this.#row(s.company, lead.company)}
        ${this.#row(s.leadStatus, this.#status(lead.status))}
        ${this.#row(s.owner, lead.ownerName ?? lead.ownerId ?? '—')}
        ${this.#row(s.newStatus, s.status.Rejected)}
      </dl>
      ${qualified ? nothing : html`<p class="banner" part="message">${s.notQualified}</p>`}
      <div role="alert">${problem ? this.#banner(`${problem.message} ${s.kept}`) : nothing}</div>
      <form novalidate aria-labelledby="title" aria-busy=${this.busy} @submit=${this.#onSubmit}>
        <div>
          <label for="rejectCode">${s.rejectCode} (${s.required})</label>
          <select
            id="rejectCode"
            part="code-select"
            required
            aria-invalid=${!!errors.rejectCode}
            aria-describedby=${errors.rejectCode ? 'rejectCode-error' : ''}
            .value=${this.code}
            @change=${this.#onCode}
          >
            <option value="" ?selected=${!this.code}>${s.chooseCode}</option>
            ${this.codes.map(
              (c) =>
                html`<option value=${c.key} ?selected=${c.key === this.code}>${c.label}</option>`,
            )}
          </select>
          ${this.#fieldError('rejectCode')}
        </div>
        <div>
          <label for="rejectReason"
            >${s.rejectReason} (${reasonRequired ? s.required : s.optional})</label
          >
          <textarea
            id="rejectReason"
            part="reason-textarea"
            ?required=${reasonRequired}
            aria-invalid=${!!errors.rejectReason || over}
            aria-describedby="counter ${errors.rejectReason ? 'rejectReason-error' : ''}"
            .value=${this.reason}
            @input=${this.#onReason}
          ></textarea>
          <p id="counter" class="help ${over ? 'over' : ''}" part="counter">
            ${this.reason.length} / ${MAX_REJECT_REASON_LENGTH}
          </p>
          ${this.#fieldError('rejectReason')}
        </div>
        <div>
          <input
            type="checkbox"
            id="reassignOwner"
            part="reassign-checkbox"
            ?disabled=${book}
            aria-invalid=${!!errors.reassignOwner}
            aria-describedby="help ${book ? 'book' : ''} ${
              errors.reassignOwner ? 'reassignOwner-error' : ''
            }"
            .checked=${this.reassign && !book}
            @change=${this.#onReassign}
          />
          <label for="reassignOwner">${s.reassignOwner}</label>
          <p id="help" class="help">${s.reassignHelp}</p>
          ${
            book
              ? html`<p id="book" class="help" part="reassign-disabled-reason">
                  ${s.reassignBookMode}
                </p>`
              : nothing
          }
          ${this.#fieldError('reassignOwner')}
        </div>
        <div class="actions">
          <button
            type="submit"
            class="primary"
            part="confirm-button"
            aria-disabled=${this.busy || !qualified}
          >
            ${this.busy ? s.rejecting : s.confirmReject}
          </button>
          <button type="button" part="cancel-button" @click=${this.#onCancel}>${s.cancel}</button>
        </div>
      </form>`;
  }

  #summary(s: RejectLeadStrings): TemplateResult {
    const {lead, assignment} = this.result as RejectLeadResult;
    const rejection = lead.rejection;
    return html`<section class="summary" part="summary" aria-labelledby="done">
      <h2 id="done" part="title" tabindex="-1">${s.summaryTitle}</h2>
      <dl>
        ${this.#row(s.lead, this.#name(lead))} ${this.#row(s.leadStatus, this.#status(lead.status))}
        ${
          rejection
            ? html`${this.#row(s.rejectedBy, rejection.rejectedBy.name)}
              ${this.#row(s.rejectCode, this.#codeLabel(rejection.code))}
              ${rejection.reason ? this.#row(s.rejectReason, rejection.reason) : nothing}
              ${this.#row(
                s.rejectedAt,
                html`<time datetime=${rejection.rejectedAt}
                  >${this.#date(rejection.rejectedAt)}</time
                >`,
              )}`
            : nothing
        }
        ${assignment ? this.#row(s.newOwner, lead.ownerName ?? assignment.ownerId) : nothing}
      </dl>
    </section>`;
  }
}

// Defined here rather than with @customElement: a class decorator makes esbuild lower the class's
// `#private` members to WeakMap helpers, and true `#private` members are what keep the production build
// safe (a minifier can rename them without ever colliding with a member Lit's own build renamed).
customElements.define('crm-reject-lead', CrmRejectLead);

declare global {
  interface HTMLElementTagNameMap {
    'crm-reject-lead': CrmRejectLead;
  }
}
