import {LitElement, html} from 'lit';
import {customElement, property, state} from 'lit/decorators.js';

/**
 * A minimal Lit element for the toolchain's own tests: it fetches `/api/leads/:id` and shows the lead's
 * name, or the HTTP status when the request fails.
 */
@customElement('test-lead-name')
export class TestLeadName extends LitElement {
  @property({attribute: 'lead-id'}) leadId = '';
  @state() private text = '';

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('leadId') && this.leadId) void this.load();
  }

  private async load(): Promise<void> {
    const response = await fetch(`/api/leads/${encodeURIComponent(this.leadId)}`);
    if (!response.ok) {
      this.text = `error ${response.status}`;
      return;
    }
    const lead = (await response.json()) as {firstName: string; lastName: string};
    this.text = `${lead.firstName} ${lead.lastName}`;
    this.dispatchEvent(new Event('loaded'));
  }

  override render() {
    return html`<output part="name">${this.text}</output>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'test-lead-name': TestLeadName;
  }
}
