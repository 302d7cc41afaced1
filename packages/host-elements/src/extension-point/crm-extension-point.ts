import {FASTElement, Updates, attr, observable} from '@microsoft/fast-element';
import {Context} from '@microsoft/fast-element/context.js';
import {EXTENSION_POINTS, PluginChannel, isActionApplicable, localize} from '@crmkit/sdk';
import type {
  ExtensionPointName,
  LoadedPlugin,
  LocalizedText,
  ManifestAction,
  PluginContext,
} from '@crmkit/sdk';
import {PluginEmittedEvent} from '../events/plugin-emitted-event.js';
import type {PluginFrameFailedEvent} from '../events/plugin-frame-failed-event.js';
import {PluginMountFailedEvent} from '../events/plugin-mount-failed-event.js';
import {PluginMountedEvent} from '../events/plugin-mounted-event.js';
import {PluginUnmountedEvent} from '../events/plugin-unmounted-event.js';
import type {PluginUnmountReason} from '../events/plugin-unmounted-event.js';
import {hostElementText} from '../host-element-strings.js';
import type {HostElementStringKey} from '../host-element-strings.js';
import {mountPluginElement} from '../mount-plugin-element.js';
import {PLUGIN_CLOSE_EVENTS, isPluginCloseEvent} from '../plugin-close-events.js';
import type {PluginHostConnection} from '../plugin-host-connection.js';
import {pluginHostContext} from '../plugin-host-context.js';
import {PluginMountError} from '../plugin-mount-error.js';
import type {CrmPluginFrame} from '../plugin-frame/crm-plugin-frame.js';

/** One action button the point offers. */
export interface ExtensionPointAction {
  /** `pluginId/actionId`, unique on the point; the button's `data-key`. */
  readonly key: string;
  readonly plugin: LoadedPlugin;
  readonly action: ManifestAction;
}

/** An error shown in the point's alert region. */
export interface ExtensionPointError {
  readonly key: string;
  readonly message: HostElementStringKey;
  readonly name: LocalizedText;
  readonly code: string;
}

interface Mounted {
  readonly key: string;
  readonly plugin: LoadedPlugin;
  readonly element: HTMLElement;
  readonly channel: PluginChannel;
  readonly stop: () => void;
  /** What the context was built from; a change gives the element a new context. */
  signature: string;
}

const isExtensionPointName = (name: string): name is ExtensionPointName =>
  (EXTENSION_POINTS as readonly string[]).includes(name);

/**
 * A place on a host page where plugins plug in, inside a `<crm-plugin-host>`.
 *
 * - For each plugin action declared at `name` whose `requires` the user holds (and the manifest
 *   declares), it renders a button labelled with the action's label in the host's language. Without
 *   the privilege there is no button at all. An action whose manifest declares `when.status` is
 *   offered only while `record-status` is one of those statuses (reject-lead's Reject only on a
 *   `Qualified` lead); it is re-evaluated whenever `record-status` changes.
 * - Choosing an action mounts the plugin's element (`opens`) in a modal `<dialog>` labelled by the
 *   action's label, with `leadId` / `lead-id` set to `record-id` and `context` set to the plugin's
 *   guarded context. The close button, Escape, the plugin's `crm-plugin-close` or any `*-cancel` event,
 *   or `context.emit('close')` closes it: the element is removed and focus returns to the action button.
 *   An open dialog stays open when `record-status` changes, even if its action no longer applies:
 *   the change is usually the plugin's own result (a rejected lead), which it is showing. When the
 *   dialog then closes, the button is gone, so focus is left to the page (`crm-plugin-unmounted`).
 * - Elements declared at `name` that no action of their plugin opens (e.g. at `lead.detail.panel`)
 *   are mounted inline, with the same properties.
 *
 * Plugin elements are light-DOM children of this element (slotted into its dialog or panel area), so
 * every bubbling event they fire (e.g. `crm-lead-rejected`) reaches this element and the page whether
 * or not it is composed, and page CSS can set the plugin's `--crm-*` custom properties.
 * A plugin whose element is not defined or throws while being created or connected shows an error here
 * and fires `crm-plugin-mount-failed`; the page and the other plugins are not affected.
 *
 * A sandboxed plugin (registered with `isolation: 'frame'`) is mounted the same way, as a
 * `<crm-plugin-frame>` in place of its element: the frame runs the element, the frame element gets
 * `leadId` and the guarded context, re-dispatches the element's `crm-lead-rejected` and close
 * events, and takes the focus when its dialog opens. A frame that cannot load its plugin (e.g. an
 * entry that does not match its integrity) is removed again with an error here, as above.
 *
 * @tag crm-extension-point
 * @slot dialog - Where the open plugin element goes (managed by the element; do not use).
 * @slot panel - Where inline plugin elements go (managed by the element; do not use).
 * @fires crm-plugin-mounted - {PluginMountedEvent} A plugin element was mounted (dialog or inline).
 * @fires crm-plugin-unmounted - {PluginUnmountedEvent} A plugin element was removed; `reason` says why.
 * @fires crm-plugin-mount-failed - {PluginMountFailedEvent} A plugin element could not be mounted.
 * @fires crm-plugin-emit - {PluginEmittedEvent} A mounted plugin called `context.emit(type, detail)`.
 * @csspart actions - The group of action buttons (hidden when there is none).
 * @csspart action - One action button.
 * @csspart panels - The area of inline plugin elements.
 * @csspart errors - The alert region with mount errors.
 * @csspart error - One mount error.
 * @csspart dismiss - The button that dismisses an error.
 * @csspart dialog - The `<dialog>` an opened plugin element is shown in.
 * @csspart dialog-header - The dialog's header (title and close button).
 * @csspart dialog-title - The dialog's title: the action's label.
 * @csspart close-button - The dialog's close button.
 * @csspart dialog-body - The area around the plugin element in the dialog.
 * @cssprop --crm-extension-point-gap - Space between action buttons and areas (default 0.5rem).
 * @cssprop --crm-extension-point-accent - Action button color (default #0b57d0).
 * @cssprop --crm-extension-point-radius - Corner radius of buttons and dialog (default 0.375rem).
 * @cssprop --crm-extension-point-surface - Dialog background (default white / dark gray).
 * @cssprop --crm-extension-point-text - Dialog text color.
 * @cssprop --crm-extension-point-error-color - Text color of mount errors.
 * @cssprop --crm-extension-point-dialog-width - Dialog width (default min(40rem, 100vw - 2rem)).
 */
export class CrmExtensionPoint extends FASTElement {
  /** The extension point, e.g. `lead.detail.actions` or `lead.detail.panel`. */
  @attr name: string | undefined;

  /** The record the page shows; plugin elements get it as `leadId` and `lead-id`. */
  @attr({attribute: 'record-id'}) recordId: string | undefined;

  /**
   * The Lead Status of the record the page shows, e.g. `Qualified` (reflected as `record-status`).
   * An action whose manifest declares `when.status` is offered only while this is one of them, and
   * not at all while it is unset; actions without `when` do not depend on it. Set it again when the
   * record changes (e.g. after a rejection) and the offered actions follow.
   */
  @attr({attribute: 'record-status'}) recordStatus: string | undefined;

  /** What the enclosing `<crm-plugin-host>` provides (undefined outside one). */
  @observable connection: PluginHostConnection | undefined;

  /** The actions offered to the current user, in registry order. */
  @observable actions: readonly ExtensionPointAction[] = [];

  /** Mount errors shown in the alert region. */
  @observable errors: readonly ExtensionPointError[] = [];

  /** The label of the action whose element is open (the dialog's title). */
  @observable openLabel: LocalizedText | undefined;

  /** The language strings are shown in (the host's). */
  @observable uiLocale = 'en';

  /** The dialog (set by the template). */
  dialog: HTMLDialogElement | undefined;

  #disposeConnection: (() => void) | undefined;
  #open: Mounted | undefined;
  #panels = new Map<string, Mounted>();
  #failedPanels = new Map<string, LoadedPlugin>();
  #warnedName = '';
  /** Notices a plugin element removed by someone else (the plugin itself, a framework re-render). */
  #children = new MutationObserver(() => {
    if (this.#open && this.#open.element.parentNode !== this) this.close('removed');
    for (const [key, mounted] of this.#panels) {
      if (mounted.element.parentNode === this) continue;
      this.#panels.delete(key);
      mounted.stop();
      mounted.channel.close();
      this.dispatchEvent(
        new PluginUnmountedEvent(mounted.plugin.manifest.id, mounted.element, 'removed'),
      );
    }
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#children.observe(this, {childList: true});
    this.#requestConnection();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#children.disconnect();
    this.#disposeConnection?.();
    this.#disposeConnection = undefined;
    this.connection = undefined;
  }

  /** The element shown in the dialog, if any. */
  get openElement(): HTMLElement | undefined {
    return this.#open?.element;
  }

  /** The inline plugin elements, by `pluginId/tag`. */
  get panelElements(): ReadonlyMap<string, HTMLElement> {
    return new Map([...this.#panels].map(([key, mounted]) => [key, mounted.element]));
  }

  connectionChanged(): void {
    this.#refresh();
  }
  nameChanged(): void {
    this.#refresh();
  }
  recordStatusChanged(): void {
    this.#refresh();
  }
  recordIdChanged(): void {
    for (const mounted of [this.#open, ...this.#panels.values()]) {
      if (!mounted) continue;
      if (this.recordId === undefined) mounted.element.removeAttribute('lead-id');
      else mounted.element.setAttribute('lead-id', this.recordId);
      Object.assign(mounted.element, {leadId: this.recordId});
    }
  }

  /** A host-element string in the current language. */
  text(key: HostElementStringKey, values?: Record<string, string | number>): string {
    return hostElementText(key, this.uiLocale, values);
  }

  /** A manifest text (label, display name) in the current language. */
  localized(text: LocalizedText | undefined): string {
    return text ? localize(text, this.uiLocale) : '';
  }

  /** The line shown for an error. */
  errorText(error: ExtensionPointError): string {
    return this.text(error.message, {name: this.localized(error.name), code: error.code});
  }

  /**
   * Opens the action `key` (`pluginId/actionId`, one of `actions`): mounts its element in the dialog.
   * Returns false, with an error shown and `crm-plugin-mount-failed` fired, when that failed.
   */
  open(key: string): boolean {
    const item = this.actions.find((a) => a.key === key);
    const connection = this.connection;
    if (!item || !connection) return false;
    if (this.#open) this.close('replaced');
    this.#dismiss(`action:${key}`);
    const pluginId = item.plugin.manifest.id;
    const tag = item.action.opens;
    const channel = new PluginChannel();
    let mounted: Mounted;
    try {
      const element = this.#mount(item.plugin, tag, 'dialog', channel, connection);
      mounted = {
        key,
        plugin: item.plugin,
        element,
        channel,
        stop: this.#watchClose(element, channel, pluginId),
        signature: this.#signature(item.plugin, connection),
      };
    } catch (error) {
      channel.close();
      if (!(error instanceof PluginMountError)) throw error;
      this.#fail(`action:${key}`, 'openFailed', item.plugin, error);
      return false;
    }
    this.#open = mounted;
    this.openLabel = item.action.label;
    Updates.process();
    this.dialog?.showModal();
    // A frame's document cannot take the focus itself (the page would not let it): give it here,
    // and the plugin moves it inside from there.
    if (isFrame(mounted.element)) mounted.element.focus();
    this.dispatchEvent(new PluginMountedEvent(pluginId, mounted.element, 'dialog', item.action.id));
    return true;
  }

  /**
   * Closes the dialog, removes its plugin element and returns focus to the action's button (when
   * the action is still offered; otherwise the page decides, on `crm-plugin-unmounted`).
   */
  close(reason: PluginUnmountReason = 'api'): void {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    open.stop();
    open.channel.close();
    if (this.dialog?.open) this.dialog.close();
    open.element.remove();
    this.openLabel = undefined;
    if (reason !== 'replaced' && reason !== 'removed' && reason !== 'failed') {
      this.shadowRoot
        ?.querySelector<HTMLButtonElement>(`button[data-key="${CSS.escape(open.key)}"]`)
        ?.focus();
    }
    this.dispatchEvent(new PluginUnmountedEvent(open.plugin.manifest.id, open.element, reason));
  }

  /** Removes an error from the alert region. */
  dismissError(key: string): void {
    this.#dismiss(key);
  }

  /** Escape on the dialog: close through `close()` so that focus goes back to the button. */
  handleDialogCancel(event: Event): void {
    event.preventDefault();
    this.close('escape');
  }

  /** The dialog closed by itself (a non-cancelable Escape): unmount as well. */
  handleDialogClose(): void {
    if (this.#open && !this.dialog?.open) this.close('escape');
  }

  #requestConnection(): void {
    let answered = false;
    Context.dispatch(
      this,
      pluginHostContext,
      (connection, dispose) => {
        answered = true;
        if (dispose) this.#disposeConnection = dispose;
        this.connection = connection;
      },
      true,
    );
    // An extension point upgraded before its host: ask again once the host element is defined.
    if (!answered && !customElements.get('crm-plugin-host')) {
      void customElements.whenDefined('crm-plugin-host').then(() => {
        if (this.isConnected && !this.connection) this.#requestConnection();
      });
    }
  }

  #refresh(): void {
    const connection = this.connection;
    this.uiLocale = connection?.locale ?? (document.documentElement.lang || 'en');
    const name = this.name ?? '';
    const registry = connection?.ready ? connection.registry : undefined;
    const user = connection?.user;
    if (name && !isExtensionPointName(name) && this.#warnedName !== name) {
      this.#warnedName = name;
      console.error(
        `<crm-extension-point name="${name}">: not an extension point; use one of ${EXTENSION_POINTS.join(', ')}.`,
      );
    }
    if (!connection || !registry || !user || !isExtensionPointName(name)) {
      this.actions = [];
      this.close('removed');
      this.#reconcilePanels([], connection);
      return;
    }
    const allActions = registry.actionsAt(name);
    // Keep the items (and so the buttons, and their focus) of actions that did not change.
    const previous = new Map(this.actions.map((item) => [item.key, item]));
    const permitted = allActions
      .filter(({plugin, action}) =>
        action.requires.every(
          (p) => user.privileges.includes(p) && plugin.manifest.permissions.includes(p),
        ),
      )
      .map(({plugin, action}) => {
        const key = `${plugin.manifest.id}/${action.id}`;
        const kept = previous.get(key);
        return kept?.plugin === plugin && kept.action === action ? kept : {key, plugin, action};
      });
    const record = {status: this.recordStatus};
    this.actions = permitted.filter(({action}) => isActionApplicable(action, record));

    // A lost privilege or plugin closes the dialog; a record status that no longer fits does not
    // (that change is usually the plugin's own result, which the dialog is showing).
    const open = this.#open;
    if (open) {
      const still = permitted.find((a) => a.key === open.key);
      if (!still || still.plugin !== open.plugin) this.close('removed');
      else this.#updateContext(open, connection);
    }

    const opened = new Set(
      allActions.map(({plugin, action}) => `${plugin.manifest.id}/${action.opens}`),
    );
    const inline = registry
      .elementsAt(name)
      .filter(({plugin, element}) => !opened.has(`${plugin.manifest.id}/${element.tag}`));
    this.#reconcilePanels(inline, connection);
  }

  #reconcilePanels(
    wanted: ReadonlyArray<{plugin: LoadedPlugin; element: {tag: string}}>,
    connection: PluginHostConnection | undefined,
  ): void {
    const keys = new Set(wanted.map(({plugin, element}) => `${plugin.manifest.id}/${element.tag}`));
    for (const [key, mounted] of this.#panels) {
      const want = wanted.find((w) => `${w.plugin.manifest.id}/${w.element.tag}` === key);
      if (!keys.has(key) || want?.plugin !== mounted.plugin) {
        this.#panels.delete(key);
        mounted.stop();
        mounted.channel.close();
        mounted.element.remove();
        this.dispatchEvent(
          new PluginUnmountedEvent(mounted.plugin.manifest.id, mounted.element, 'removed'),
        );
      } else if (connection) {
        this.#updateContext(mounted, connection);
      }
    }
    if (!connection) return;
    for (const {plugin, element} of wanted) {
      const key = `${plugin.manifest.id}/${element.tag}`;
      if (this.#panels.has(key) || this.#failedPanels.get(key) === plugin) continue;
      const channel = new PluginChannel();
      try {
        const el = this.#mount(plugin, element.tag, 'panel', channel, connection);
        this.#panels.set(key, {
          key,
          plugin,
          element: el,
          channel,
          stop: this.#relay(channel, plugin.manifest.id),
          signature: this.#signature(plugin, connection),
        });
        this.#failedPanels.delete(key);
        this.#dismiss(`panel:${key}`);
        this.dispatchEvent(new PluginMountedEvent(plugin.manifest.id, el, 'inline'));
      } catch (error) {
        channel.close();
        if (!(error instanceof PluginMountError)) throw error;
        this.#failedPanels.set(key, plugin);
        this.#fail(`panel:${key}`, 'panelFailed', plugin, error);
      }
    }
  }

  #mount(
    plugin: LoadedPlugin,
    tag: string,
    slot: 'dialog' | 'panel',
    channel: PluginChannel,
    connection: PluginHostConnection,
  ): HTMLElement {
    const context = connection.createContext(plugin, channel);
    if (!context) {
      throw new PluginMountError(
        'host-not-ready',
        plugin.manifest.id,
        tag,
        'The <crm-plugin-host> has no host API or user yet; set its `host` and `user` properties.',
      );
    }
    if (plugin.isolation === 'frame')
      return this.#mountFrame(plugin, tag, slot, context, connection);
    return mountPluginElement({
      pluginId: plugin.manifest.id,
      tag,
      parent: this,
      slot,
      recordId: this.recordId,
      context,
    });
  }

  /** A sandboxed plugin: a `<crm-plugin-frame>` in the slot, loading the plugin's element inside. */
  #mountFrame(
    plugin: LoadedPlugin,
    tag: string,
    slot: 'dialog' | 'panel',
    context: PluginContext,
    connection: PluginHostConnection,
  ): HTMLElement {
    const pluginId = plugin.manifest.id;
    if (!customElements.get('crm-plugin-frame')) {
      throw new PluginMountError(
        'frame-unavailable',
        pluginId,
        tag,
        'Plugin frames need <crm-plugin-frame>; define the host elements with defineHostElements().',
      );
    }
    const frame = document.createElement('crm-plugin-frame');
    const action = this.actions.find((a) => a.plugin === plugin && a.action.opens === tag);
    frame.slot = slot;
    frame.tag = tag;
    frame.plugin = plugin;
    frame.frameOptions = connection.frameOptions;
    frame.label = this.localized(action?.action.label ?? plugin.manifest.displayName);
    frame.context = context;
    if (this.recordId !== undefined) frame.leadId = this.recordId;
    frame.addEventListener('crm-plugin-frame-failed', (event) =>
      this.#frameFailed(frame, (event as PluginFrameFailedEvent).error),
    );
    this.append(frame);
    return frame;
  }

  /** A frame could not load its plugin: remove it, and show why as for any mount failure. */
  #frameFailed(frame: CrmPluginFrame, error: PluginMountError): void {
    if (this.#open?.element === frame) {
      const {key, plugin} = this.#open;
      this.close('failed');
      this.#fail(`action:${key}`, 'openFailed', plugin, error);
      return;
    }
    for (const [key, mounted] of this.#panels) {
      if (mounted.element !== frame) continue;
      this.#panels.delete(key);
      mounted.stop();
      mounted.channel.close();
      frame.remove();
      this.#failedPanels.set(key, mounted.plugin);
      this.dispatchEvent(new PluginUnmountedEvent(mounted.plugin.manifest.id, frame, 'failed'));
      this.#fail(`panel:${key}`, 'panelFailed', mounted.plugin, error);
    }
  }

  /** A new guarded context when the user, language or the plugin's config changed. */
  #updateContext(mounted: Mounted, connection: PluginHostConnection): void {
    const signature = this.#signature(mounted.plugin, connection);
    if (signature === mounted.signature) return;
    const context: PluginContext | undefined = connection.createContext(
      mounted.plugin,
      mounted.channel,
    );
    if (!context) return;
    mounted.signature = signature;
    Object.assign(mounted.element, {context});
  }

  #signature(plugin: LoadedPlugin, connection: PluginHostConnection): string {
    return JSON.stringify([
      connection.user?.id,
      connection.user?.privileges,
      connection.locale,
      connection.configFor(plugin.manifest),
    ]);
  }

  /** Closes the dialog on the plugin's close events; relays its channel events. */
  #watchClose(element: HTMLElement, channel: PluginChannel, pluginId: string): () => void {
    const closeIfOpen = () => {
      if (this.#open?.element === element) this.close('plugin-event');
    };
    for (const type of PLUGIN_CLOSE_EVENTS.types) element.addEventListener(type, closeIfOpen);
    // Escape inside a frame never reaches the dialog: the frame reports it.
    const escape = () => {
      if (this.#open?.element === element) this.close('escape');
    };
    element.addEventListener('crm-plugin-frame-escape', escape);
    // Any `*-cancel` type: there is no wildcard listener, so watch what the element dispatches.
    const dispatch = element.dispatchEvent;
    Object.defineProperty(element, 'dispatchEvent', {
      configurable: true,
      writable: true,
      value(this: HTMLElement, event: Event): boolean {
        const result = dispatch.call(this, event);
        if (isPluginCloseEvent(event.type)) closeIfOpen();
        return result;
      },
    });
    const stopRelay = this.#relay(channel, pluginId, (type) => {
      if (type === PLUGIN_CLOSE_EVENTS.channelType) closeIfOpen();
    });
    return () => {
      for (const type of PLUGIN_CLOSE_EVENTS.types) element.removeEventListener(type, closeIfOpen);
      element.removeEventListener('crm-plugin-frame-escape', escape);
      Reflect.deleteProperty(element, 'dispatchEvent');
      stopRelay();
    };
  }

  /** Re-dispatches the plugin's `context.emit(…)` calls as `crm-plugin-emit` events. */
  #relay(channel: PluginChannel, pluginId: string, also?: (type: string) => void): () => void {
    return channel.onPluginEvent((type, detail) => {
      this.dispatchEvent(new PluginEmittedEvent(pluginId, type, detail));
      also?.(type);
    });
  }

  #fail(
    key: string,
    message: HostElementStringKey,
    plugin: LoadedPlugin,
    error: PluginMountError,
  ): void {
    this.errors = [
      ...this.errors.filter((e) => e.key !== key),
      {key, message, name: plugin.manifest.displayName, code: error.code},
    ];
    this.dispatchEvent(new PluginMountFailedEvent(error));
  }

  #dismiss(key: string): void {
    if (this.errors.some((e) => e.key === key)) {
      this.errors = this.errors.filter((e) => e.key !== key);
    }
  }
}

const isFrame = (element: HTMLElement): element is CrmPluginFrame =>
  element.localName === 'crm-plugin-frame';

declare global {
  interface HTMLElementTagNameMap {
    'crm-extension-point': CrmExtensionPoint;
  }
}
