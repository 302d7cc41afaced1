import {LitElement, css, html, nothing} from 'lit';
import type {Lead, PluginContext} from '@crmkit/sdk';
import {stringsFor} from './strings.js';

/**
 * A panel on Lead Detail (`lead.detail.panel`): greets the signed-in user and shows the lead's name,
 * company and Lead Status, in the user's language. The host sets `context` (the plugin's guarded
 * PluginContext) and `leadId` (attribute `lead-id`) before connecting it, and again when they change.
 *
 * @tag __TAG__
 * @csspart panel - The panel.
 * @csspart title - Its heading.
 * @csspart greeting - The greeting line.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Color of the field names.
 */
export class __CLASS__ extends LitElement {
  static override properties = {
    leadId: {type: String, attribute: 'lead-id', reflect: true},
    context: {attribute: false},
    lead: {state: true},
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
  `;

  declare leadId: string | undefined;
  declare context: PluginContext | undefined;
  declare lead: Lead | undefined;
  declare phase: 'idle' | 'loading' | 'shown' | 'failed' | 'denied';

  /** Counts reads, so that the answer for an older lead id or context is dropped. */
  #read = 0;

  constructor() {
    super();
    this.phase = 'idle';
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
    // What the manifest declares and the user holds: without it the context would refuse the call.
    if (!context.can('leads.read')) {
      this.phase = 'denied';
      return;
    }
    this.phase = 'loading';
    try {
      const lead = await context.getLead(leadId);
      if (read !== this.#read) return;
      this.lead = lead;
      this.phase = 'shown';
    } catch {
      if (read === this.#read) this.phase = 'failed';
    }
  }

  override render() {
    const t = stringsFor(this.context?.locale);
    const lead = this.lead;
    return html`<section part="panel" aria-labelledby="title">
      <h3 id="title" part="title">${t.title}</h3>
      ${
        this.phase === 'denied'
          ? html`<p role="alert">${t.noPermission}</p>`
          : this.phase === 'failed'
            ? html`<p role="alert">${t.failed}</p>`
            : this.phase === 'shown' && lead
              ? html`<p part="greeting">${t.greeting(this.context?.user.name ?? '')}</p>
                  <dl>
                    <dt>${t.lead}</dt>
                    <dd>${lead.firstName} ${lead.lastName}</dd>
                    <dt>${t.company}</dt>
                    <dd>${lead.company}</dd>
                    <dt>${t.status}</dt>
                    <dd>${t.statuses[lead.status]}</dd>
                  </dl>`
              : this.phase === 'loading'
                ? html`<p role="status">${t.loading}</p>`
                : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    // Quoted, and kept so (prettier-ignore): the tag that replaces the placeholder has hyphens.
    // prettier-ignore
    '__TAG__': __CLASS__;
  }
}
