import type {Lead, PluginContext} from '@crmkit/sdk';
import {stringsFor} from './strings.js';

const STYLES = `
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

type Phase = 'idle' | 'loading' | 'shown' | 'failed' | 'denied';

/**
 * A panel on Lead Detail (`lead.detail.panel`), without a framework: greets the signed-in user and
 * shows the lead's name, company and Lead Status, in the user's language. The host sets `context`
 * (the plugin's guarded PluginContext) and `leadId` (attribute `lead-id`) before connecting it, and
 * again when they change.
 *
 * @tag __TAG__
 * @csspart panel - The panel.
 * @csspart title - Its heading.
 * @csspart greeting - The greeting line.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Color of the field names.
 */
export class __CLASS__ extends HTMLElement {
  static observedAttributes = ['lead-id'];

  #context: PluginContext | undefined;
  #leadId: string | undefined;
  #lead: Lead | undefined;
  #phase: Phase = 'idle';
  /** Counts reads, so that the answer for an older lead id or context is dropped. */
  #read = 0;

  constructor() {
    super();
    const root = this.attachShadow({mode: 'open'});
    // An adopted sheet, not a <style>: a sandboxed frame's Content-Security-Policy allows no inline style.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];
  }

  get context(): PluginContext | undefined {
    return this.#context;
  }
  set context(value: PluginContext | undefined) {
    if (value === this.#context) return;
    this.#context = value;
    void this.#load();
  }

  get leadId(): string | undefined {
    return this.#leadId;
  }
  set leadId(value: string | undefined) {
    const id = value ? String(value) : undefined;
    if (id === this.#leadId) return;
    this.#leadId = id;
    this.#lead = undefined;
    void this.#load();
  }

  attributeChangedCallback(_name: string, _old: string | null, value: string | null): void {
    this.leadId = value ?? undefined;
  }

  connectedCallback(): void {
    this.#render();
  }

  async #load(): Promise<void> {
    const read = ++this.#read;
    const context = this.#context;
    const leadId = this.#leadId;
    if (!context || !leadId) return this.#show('idle');
    // What the manifest declares and the user holds: without it the context would refuse the call.
    if (!context.can('leads.read')) return this.#show('denied');
    this.#show('loading');
    try {
      const lead = await context.getLead(leadId);
      if (read !== this.#read) return;
      this.#lead = lead;
      this.#show('shown');
    } catch {
      if (read === this.#read) this.#show('failed');
    }
  }

  #show(phase: Phase): void {
    this.#phase = phase;
    this.#render();
  }

  /** Builds the panel with textContent only: nothing from the host is parsed as HTML. */
  #render(): void {
    const t = stringsFor(this.#context?.locale);
    const node = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '', part = '') => {
      const element = document.createElement(tag);
      element.textContent = text;
      if (part) element.setAttribute('part', part);
      return element;
    };
    const section = node('section', '', 'panel');
    section.setAttribute('aria-labelledby', 'title');
    const title = node('h3', t.title, 'title');
    title.id = 'title';
    section.append(title);
    const lead = this.#lead;
    if (this.#phase === 'denied' || this.#phase === 'failed') {
      const alert = node('p', this.#phase === 'denied' ? t.noPermission : t.failed);
      alert.setAttribute('role', 'alert');
      section.append(alert);
    } else if (this.#phase === 'shown' && lead) {
      section.append(node('p', t.greeting(this.#context?.user.name ?? ''), 'greeting'));
      const list = node('dl');
      for (const [term, value] of [
        [t.lead, `${lead.firstName} ${lead.lastName}`],
        [t.company, lead.company],
        [t.status, t.statuses[lead.status]],
      ] as const) {
        list.append(node('dt', term), node('dd', value));
      }
      section.append(list);
    } else if (this.#phase === 'loading') {
      const status = node('p', t.loading);
      status.setAttribute('role', 'status');
      section.append(status);
    }
    this.shadowRoot!.replaceChildren(section);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    // Quoted, and kept so (prettier-ignore): the tag that replaces the placeholder has hyphens.
    // prettier-ignore
    '__TAG__': __CLASS__;
  }
}
