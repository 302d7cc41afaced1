import {LitElement, css, html, nothing} from 'lit';
import type {Lead, PluginContext, Rejection, UserRef} from '@crmkit/sdk';
import {stringsFor, type Strings} from './strings.js';

/**
 * What a host may record about a rejection beyond the contract's fields: the owner the lead had
 * before it, and the plugin it was made through. The panel shows them when they come; the reference
 * host does not record them yet.
 */
interface RecordedRejection extends Rejection {
  previousOwner?: UserRef | null;
  pluginId?: string | null;
}

type Phase = 'idle' | 'loading' | 'shown' | 'failed' | 'denied';

/**
 * "Rejection history" / "Zurückweisungsverlauf": a panel on Lead Detail (`lead.detail.panel`) that
 * lists the lead's rejection (who rejected it, when, the reject code's label in the user's language,
 * the reason) and its reassignment (the new owner and the assignment rule that chose them, or that
 * none matched), from the lead's `rejection` and its `assignment`. It needs `leads.read` only. It
 * reads the lead again when a plugin on the page rejected it (`crm-lead-rejected`).
 *
 * @tag crm-rejection-history
 * @csspart panel - The panel.
 * @csspart title - Its heading.
 * @csspart events - The list of events (rejection, reassignment).
 * @csspart event - One event.
 * @csspart message - The line shown instead of events (not rejected, loading, an error).
 * @csspart retry-button - Reads the lead again after an error.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Color of the field names.
 * @cssprop --crm-color-error - Color of an error.
 * @cssprop --crm-color-border - Color of the line between events.
 */
export class CrmRejectionHistory extends LitElement {
  static override properties = {
    leadId: {type: String, attribute: 'lead-id', reflect: true},
    context: {attribute: false},
    lead: {state: true},
    codeLabels: {state: true},
    phase: {state: true},
  };

  static override styles = css`
    :host {
      display: block;
      color: var(--crm-color-text, inherit);
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    h4 {
      margin: 0 0 0.25rem;
      font-size: 0.9375rem;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li + li {
      border-top: 1px solid var(--crm-color-border, #dadce0);
      margin-top: 0.5rem;
      padding-top: 0.5rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: var(--crm-color-muted, #5f6368);
    }
    dd {
      margin: 0;
    }
    p {
      margin: 0.5rem 0 0;
    }
    .error {
      color: var(--crm-color-error, #a50e0e);
    }
  `;

  declare leadId: string | undefined;
  declare context: PluginContext | undefined;
  declare lead: Lead | undefined;
  /** Reject code labels by key, in the user's language. */
  declare codeLabels: ReadonlyMap<string, string>;
  declare phase: Phase;

  /** Counts reads, so that the answer for an older lead id or context is dropped. */
  #read = 0;

  #onRejected = (event: Event) => {
    const lead = (event as CustomEvent<Lead | undefined>).detail;
    if (lead?.id === this.leadId) void this.#load();
  };

  constructor() {
    super();
    this.phase = 'idle';
    this.codeLabels = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('crm-lead-rejected', this.#onRejected);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('crm-lead-rejected', this.#onRejected);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('context') || changed.has('leadId')) void this.#load();
  }

  async #load(): Promise<void> {
    const read = ++this.#read;
    const {context, leadId} = this;
    if (!context || !leadId) {
      this.phase = 'idle';
      return;
    }
    // Declared and held, or the context refuses the call: say so instead of failing.
    if (!context.can('leads.read')) {
      this.phase = 'denied';
      return;
    }
    this.phase = 'loading';
    try {
      const lead = await context.getLead(leadId);
      // The picklist only when there is a code to label (it carries inactive codes too).
      const codes = lead.rejection ? await context.getRejectCodes() : [];
      if (read !== this.#read) return;
      this.lead = lead;
      this.codeLabels = new Map(codes.map((c) => [c.key, c.label]));
      this.phase = 'shown';
    } catch {
      if (read === this.#read) this.phase = 'failed';
    }
  }

  #retry(): void {
    void this.#load();
  }

  /** A user's name where the lead carries it, else their id. */
  #ownerName(id: string): string {
    const lead = this.lead;
    if (lead?.ownerId === id && lead.ownerName) return lead.ownerName;
    if (lead?.originalOwnerId === id && lead.originalOwnerName) return lead.originalOwnerName;
    return id;
  }

  #events(t: Strings, rejection: RecordedRejection) {
    const locale = this.context?.locale ?? 'en';
    const when = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'}).format(
      new Date(rejection.rejectedAt),
    );
    const assignment = rejection.assignment;
    const previous = rejection.previousOwner;
    return html`<ol part="events">
        <li part="event">
          <h4 id="rejected">${t.rejectedEvent}</h4>
          <dl>
            <dt>${t.rejectedBy}</dt>
            <dd>${rejection.rejectedBy.name || rejection.rejectedBy.id}</dd>
            <dt>${t.rejectedOn}</dt>
            <dd><time datetime=${rejection.rejectedAt}>${when}</time></dd>
            <dt>${t.code}</dt>
            <dd>${this.codeLabels.get(rejection.code) ?? rejection.code}</dd>
            <dt>${t.reason}</dt>
            <dd>${rejection.reason ?? t.noReason}</dd>
            ${
              rejection.pluginId
                ? html`<dt>${t.viaPlugin}</dt>
                    <dd>${rejection.pluginId}</dd>`
                : nothing
            }
          </dl>
        </li>
        ${
          assignment
            ? html`<li part="event">
                <h4 id="reassigned">${t.reassignedEvent}</h4>
                <dl>
                  ${
                    previous
                      ? html`<dt>${t.previousOwner}</dt>
                          <dd>${previous.name || previous.id}</dd>`
                      : nothing
                  }
                  <dt>${t.newOwner}</dt>
                  <dd>${this.#ownerName(assignment.ownerId)}</dd>
                  <dt>${t.rule}</dt>
                  <dd>${assignment.rule ?? t.unassignedOwner}</dd>
                </dl>
              </li>`
            : nothing
        }
      </ol>
      ${assignment ? nothing : html`<p part="message">${t.notReassigned}</p>`}`;
  }

  override render() {
    const t = stringsFor(this.context?.locale);
    const rejection = this.lead?.rejection as RecordedRejection | undefined;
    let body;
    switch (this.phase) {
      case 'denied':
        body = html`<p part="message" class="error" role="alert">${t.noPermission}</p>`;
        break;
      case 'failed':
        body = html`<p part="message" class="error" role="alert">
          ${t.failed}
          <button type="button" part="retry-button" @click=${this.#retry}>${t.retry}</button>
        </p>`;
        break;
      case 'loading':
        body = html`<p part="message" role="status">${t.loading}</p>`;
        break;
      case 'shown':
        body = rejection
          ? this.#events(t, rejection)
          : html`<p part="message">${t.notRejected}</p>`;
        break;
      default:
        body = nothing;
    }
    return html`<section
      part="panel"
      aria-labelledby="title"
      aria-busy=${this.phase === 'loading' ? 'true' : 'false'}
    >
      <h3 id="title" part="title">${t.title}</h3>
      ${body}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-rejection-history': CrmRejectionHistory;
  }
}
