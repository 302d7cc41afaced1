// Test plugins, manifests, users and a spying HostApi for the host elements' browser tests. The plugin
// elements are real custom elements (one in Lit, the others vanilla) defined on demand under tags
// unique to each test, so one test page can hold many.
import {LitElement, html} from 'lit';
import type {
  CurrentUser,
  HostApi,
  Lead,
  ManifestActionCondition,
  PluginContext,
  PluginManifest,
  Privilege,
} from '@crmkit/sdk';

export const MAX: CurrentUser = {
  id: 'max',
  name: 'Max Mustermann',
  locale: 'en',
  privileges: ['leads.read', 'leads.reject', 'leads.qualify', 'leads.convert'],
};

export const LENA: CurrentUser = {
  id: 'lena',
  name: 'Lena Lang',
  locale: 'en',
  privileges: ['leads.read', 'leads.qualify', 'leads.archive'],
};

export const LEAD: Lead = {
  id: 'L-1001',
  firstName: 'Erika',
  lastName: 'Musterfrau',
  company: 'Beispiel GmbH',
  status: 'Qualified',
  ownerId: 'max',
  originalOwnerId: 'max',
  version: 3,
};

/** A HostApi that records every call, for proving what reached the host. */
export function spyHost(): HostApi & {calls: string[]} {
  const calls: string[] = [];
  return {
    calls,
    async getCurrentUser() {
      calls.push('getCurrentUser');
      return MAX;
    },
    async getLead(id) {
      calls.push(`getLead ${id}`);
      return {...LEAD, id};
    },
    async listLeads() {
      calls.push('listLeads');
      return [LEAD];
    },
    async rejectLead(id) {
      calls.push(`rejectLead ${id}`);
      return {lead: {...LEAD, id, status: 'Rejected', version: LEAD.version + 1}};
    },
    async getRejectCodes() {
      calls.push('getRejectCodes');
      return [{key: 'OTHER', label: 'Other', active: true}];
    },
    async getLeadSettings() {
      calls.push('getLeadSettings');
      return {ownershipMode: 'mixed'};
    },
  };
}

let counter = 0;
/** A tag no other test uses: `crm-<base>-<n>`. */
export function uniqueTag(base: string): string {
  counter += 1;
  return `crm-${base}-${counter}`;
}

export interface TestManifestOptions {
  id: string;
  tag: string;
  label?: {en: string; de?: string};
  requires?: Privilege[];
  permissions?: Privilege[];
  extensionPoint?: 'lead.detail.actions' | 'lead.detail.panel';
  /** An action opening the tag (default true at lead.detail.actions). */
  action?: boolean;
  config?: Record<string, unknown>;
  /** The action's `when` (default: none, offered on every record). */
  when?: ManifestActionCondition;
}

/** A valid manifest with one element and (by default) one action opening it. */
export function testManifest(options: TestManifestOptions): PluginManifest {
  const point = options.extensionPoint ?? 'lead.detail.actions';
  const withAction = options.action ?? point === 'lead.detail.actions';
  const requires = options.requires ?? ['leads.reject'];
  return {
    id: options.id,
    name: options.id.split('.').pop() ?? options.id,
    version: '0.1.0',
    sdk: '^0.1.0',
    displayName: {en: `Plugin ${options.id}`, de: `Plugin ${options.id} (de)`},
    entry: 'index.js',
    elements: [{tag: options.tag, extensionPoint: point}],
    actions: withAction
      ? [
          {
            id: 'open',
            extensionPoint: point,
            label: options.label ?? {en: 'Reject', de: 'Zurückweisen'},
            opens: options.tag,
            requires,
            ...(options.when ? {when: options.when} : {}),
          },
        ]
      : [],
    permissions: options.permissions ?? ['leads.read', 'leads.reject'],
    ...(options.config ? {config: options.config} : {}),
  };
}

/**
 * A Lit plugin element like reject-lead: shows the record id, a labelled text field, a Cancel button
 * (`crm-reject-cancel`) and a Done button (`crm-lead-rejected` with the updated lead).
 */
export class TestLitPlugin extends LitElement {
  static override properties = {
    leadId: {type: String, attribute: 'lead-id'},
    context: {attribute: false},
  };
  declare leadId: string | undefined;
  declare context: PluginContext | undefined;

  override render() {
    return html`
      <p>Lead <span class="lead-id">${this.leadId}</span></p>
      <label>Reason <input class="reason" /></label>
      <button class="cancel" type="button" @click=${this.#cancel}>Cancel</button>
      <button class="done" type="button" @click=${this.#done}>Done</button>
    `;
  }

  #cancel() {
    this.dispatchEvent(new Event('crm-reject-cancel', {bubbles: true, composed: true}));
  }

  async #done() {
    const result = await this.context!.rejectLead(this.leadId!, {
      rejectCode: 'OTHER',
      rejectReason: 'test',
      reassignOwner: false,
    });
    this.dispatchEvent(
      new CustomEvent('crm-lead-rejected', {detail: result.lead, bubbles: true, composed: true}),
    );
  }
}

/** A vanilla plugin element: text in its shadow root, `leadId` and `context` as plain properties. */
export class TestVanillaPlugin extends HTMLElement {
  leadId: string | undefined;
  context: PluginContext | undefined;

  constructor() {
    super();
    this.attachShadow({mode: 'open'}).innerHTML = '<p>Vanilla plugin</p>';
  }
}

/** Defines a fresh subclass of `base` under `tag` (a class can be defined only once). */
export function defineTestElement(tag: string, base: CustomElementConstructor): void {
  customElements.define(tag, class extends base {});
}

/** Defines an element under `tag` whose constructor throws. */
export function defineThrowingConstructor(tag: string): void {
  customElements.define(
    tag,
    class extends HTMLElement {
      constructor() {
        super();
        throw new Error('constructor exploded');
      }
    },
  );
}

/** Defines an element under `tag` whose connectedCallback throws. */
export function defineThrowingConnect(tag: string): void {
  customElements.define(
    tag,
    class extends HTMLElement {
      connectedCallback() {
        throw new Error('connectedCallback exploded');
      }
    },
  );
}
