import {FASTElement, attr, observable} from '@microsoft/fast-element';
import {snapshotOf} from '@crmkit/sdk';
import type {LoadedPlugin, PluginContext} from '@crmkit/sdk';
import {PluginFrameFailedEvent} from '../events/plugin-frame-failed-event.js';
import {isPluginCloseEvent} from '../plugin-close-events.js';
import {PluginMountError} from '../plugin-mount-error.js';
import type {PluginMountErrorCode} from '../plugin-mount-error.js';
import {FrameBridgeHost} from './frame-bridge-host.js';
import {
  defaultScriptSources,
  frameDocument,
  frameImportMapText,
  pageImportMap,
  sha256Source,
} from './frame-document.js';
import {FRAME_PAGE_EVENTS, FRAME_PROTOCOL, jsonCopy, rebuildEvent} from './frame-protocol.js';
import type {FrameConnectMessage, FrameFailure, FrameTheme} from './frame-protocol.js';
import {collectFrameTheme} from './frame-theme.js';

/** Where sandboxed plugin frames get their code from; every field has a default. */
export interface PluginFrameOptions {
  /**
   * The frame runtime module. Default: the page's import map entry
   * `@crmkit/host-elements/frame-runtime`, else `frame-runtime.js` beside this package's modules.
   */
  runtimeUrl?: string | URL;
  /** The frame's import map `imports`. Default: the page's own import map, absolutized. */
  importMap?: Readonly<Record<string, string>>;
  /**
   * Where the frame may load scripts from (origins or folders). Default: the deepest folder holding
   * the runtime and every import map module (e.g. the host's `/assets/`).
   */
  scriptSources?: readonly string[];
}

/** The import map key a page may map the frame runtime under. */
export const FRAME_RUNTIME_SPECIFIER = '@crmkit/host-elements/frame-runtime';

/** The PluginMountError codes a frame may report for itself. */
const FRAME_FAILURE_CODES: readonly PluginMountErrorCode[] = [
  'entry-load-failed',
  'element-not-defined',
  'element-constructor-failed',
  'element-connect-failed',
];

/** How long a frame may take to load and mount its plugin before it counts as failed. */
const MOUNT_TIMEOUT_MS = 20000;

/**
 * How long a close the frame asked for (Escape, a close event) waits before it is passed on, which
 * removes the frame. The key or click that caused it was delivered to the frame's own process, and
 * removing the frame before the browser has that delivery's acknowledgement loses it: Chromium then
 * never answers the input (automated keyboards and mice, e.g. Playwright's, hang on it).
 */
const CLOSE_DELAY_MS = 100;

/** This module's URL; the packaged runtime sits beside the package's modules. */
const moduleUrl = import.meta.url;

/**
 * A sandboxed plugin element: the host side of one plugin running in an iframe of its own
 * (`<iframe sandbox="allow-scripts">`: an opaque origin, never `allow-same-origin`, no popups,
 * navigation of the page or forms) under a Content-Security-Policy that lets it run only the host's
 * frame runtime, the shared modules and the entry the runtime verified against the manifest's
 * integrity, and fetch only its own package folder. `<crm-extension-point>` creates one instead of
 * the plugin's element for a plugin whose `isolation` is `frame`, and gives it the same `leadId` and
 * `context` it would give the element.
 *
 * The plugin's element gets a proxy PluginContext inside the frame; every call comes over a
 * MessagePort that only this element and the frame hold, and this element checks it (a known
 * method, JSON arguments, a new call id, no other plugin's id) and performs it on `context`, the
 * guarded context the page made with the plugin's credential. The frame sizes itself to its content
 * (width 100%); the page's `--crm-*` tokens, color scheme, font, language and record follow it; the
 * plugin's `crm-lead-rejected` and close events are re-dispatched from this element.
 *
 * A result event from the frame is a claim, not a fact: the plugin's code can post any event on its
 * port. So this element never relays a `crm-lead-rejected` on the plugin's word. It relays one only
 * for a lead the plugin asked to reject through this frame (a `rejectLead` this element performed
 * with the plugin's credential), once per rejection, and with what the server answered to that
 * request: `detail` is the lead from the server's answer and `assignment` the server's, never the
 * data the plugin sent (its other fields are not passed on); this costs no extra request. When that
 * answer was lost (a network error, an abort, a server error: the reject may have happened), the
 * lead is read again through the plugin's context, and the event goes on only if the server has it
 * Rejected by the signed-in user with the claimed reject code, rejecter and time. Anything else (a
 * lead it never asked to reject, a refused reject, which changed nothing, a second event about the
 * same rejection) is dropped with a console warning naming the reason (`not-asked`, `refused`,
 * `not-rejected`, `not-readable`, `other-rejection`), so neither the page nor other frames showing
 * the lead hear of it. Close events and Escape that come after a result wait for its check, so a
 * close never overtakes it (the dialog's own close button never waits). The other way round, a frame
 * hears of a page's `crm-lead-rejected` about its record only as the lead read again through its own
 * context, and only when the server has that lead Rejected. A trusted plugin runs in the page with
 * the page's powers: its events reach listeners as it dispatched them.
 *
 * @tag crm-plugin-frame
 * @fires crm-lead-rejected - {CustomEvent} The plugin rejected the lead through this frame, as the
 *   server confirmed (`detail`: the lead as the server answered; `assignment`: the server's
 *   reassignment, when there was one). A forged or unconfirmed one is never dispatched.
 * @fires crm-plugin-close - {CustomEvent} The plugin asked to be closed (re-dispatched).
 * @fires crm-reject-cancel - {CustomEvent} The plugin's cancel, or any other `*-cancel` event it
 *   dispatched (re-dispatched).
 * @fires crm-plugin-frame-ready - {Event} The plugin's element is mounted inside the frame.
 * @fires crm-plugin-frame-failed - {PluginFrameFailedEvent} The frame could not load or mount the
 *   plugin (e.g. its entry does not match its integrity); nothing of it runs.
 * @fires crm-plugin-frame-escape - {Event} Escape was pressed inside the frame and not handled.
 * @csspart frame - The `<iframe>`.
 * @cssprop --crm-plugin-frame-min-height - The frame's height before it reported its content's
 *   (default 0).
 */
export class CrmPluginFrame extends FASTElement {
  /** The plugin element to create in the frame (one its manifest declares). */
  @attr tag: string | undefined;

  /** The record, given to the plugin element as `leadId` / `lead-id`. */
  @attr({attribute: 'lead-id'}) leadId: string | undefined;

  /** The frame's accessible name (its `title`), e.g. the plugin's or action's label. */
  @attr label: string | undefined;

  /**
   * `loading` (from connection), `ready` (the plugin element is mounted) or `failed`; reflected.
   * No initial value: an attribute set in the constructor would break `createElement`.
   */
  @attr state: 'loading' | 'ready' | 'failed' | undefined;

  /** The sandboxed plugin (registered with `isolation: 'frame'`). */
  @observable plugin: LoadedPlugin | undefined;

  /** Where the frame's code comes from (see {@link PluginFrameOptions}). */
  @observable frameOptions: PluginFrameOptions | undefined;

  /** The `<iframe>` (set by the template). */
  iframe: HTMLIFrameElement | undefined;

  /** The error when `state` is `failed`. */
  error: PluginMountError | undefined;

  #context: PluginContext | undefined;
  #bridge: FrameBridgeHost | undefined;
  #run = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #themeTimer: ReturnType<typeof setTimeout> | undefined;
  #theme = '';
  #stop: Array<() => void> = [];

  /**
   * The guarded context the frame's calls run on. Write-only, like `<crm-plugin-host>`'s `host`:
   * reading it returns undefined, so nothing on the page can pick up the plugin's credential here.
   */
  set context(value: PluginContext | undefined) {
    this.#context = value;
    if (value) this.#bridge?.sendContext(value);
  }
  get context(): undefined {
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#end();
  }

  /** Moves focus into the frame (the plugin's own focus moves inside it from there). */
  override focus(options?: FocusOptions): void {
    this.iframe?.focus(options);
  }

  leadIdChanged(): void {
    this.#bridge?.sendRecord(this.leadId);
  }

  /** Sends the frame the page's theme again now (it follows on its own after most page changes). */
  refreshTheme(): void {
    if (!this.#bridge) return;
    const theme = collectFrameTheme(this);
    const key = JSON.stringify(theme);
    if (key === this.#theme) return;
    this.#theme = key;
    this.#bridge.sendTheme(theme);
  }

  async #start(): Promise<void> {
    const run = ++this.#run;
    this.state = 'loading';
    this.error = undefined;
    const plugin = this.plugin;
    const tag = this.tag;
    const iframe = this.iframe;
    if (!plugin || !tag || !iframe) {
      this.#fail('element-not-defined', 'A <crm-plugin-frame> needs `plugin` and `tag`.');
      return;
    }
    const options = this.frameOptions ?? {};
    const importMap = {...(options.importMap ?? pageImportMap())};
    const runtimeUrl = new URL(
      String(
        options.runtimeUrl ??
          importMap[FRAME_RUNTIME_SPECIFIER] ??
          new URL('../frame-runtime.js', moduleUrl),
      ),
      document.baseURI,
    ).href;
    const scriptSources =
      options.scriptSources ?? defaultScriptSources([runtimeUrl, ...Object.values(importMap)]);
    const baseUrl = plugin.baseUrl ?? plugin.manifestUrl ?? plugin.entryUrl;
    let hash: string;
    try {
      hash = await sha256Source(frameImportMapText(importMap));
    } catch (cause) {
      this.#fail(
        'frame-unavailable',
        `Sandboxed plugins need crypto.subtle (a secure context: https or localhost): ${String(cause)}`,
      );
      return;
    }
    if (run !== this.#run || !this.isConnected) return;

    const onMessage = (event: MessageEvent) => {
      // Only the frame's own window, and only its first hello: a frame that reloads or navigates
      // itself, another frame or the page itself never gets a port.
      if (!event.source || event.source !== iframe.contentWindow || this.#bridge) return;
      const data = event.data as {crmkit?: unknown; protocol?: unknown} | null;
      if (data?.crmkit !== 'frame-ready' || data.protocol !== FRAME_PROTOCOL) return;
      window.removeEventListener('message', onMessage);
      this.#connect(event.source as Window, plugin, tag, baseUrl);
    };
    window.addEventListener('message', onMessage);
    this.#stop.push(() => window.removeEventListener('message', onMessage));
    this.#timer = setTimeout(
      () => this.#fail('frame-timeout', `The frame of ${plugin.manifest.id} did not mount it.`),
      MOUNT_TIMEOUT_MS,
    );
    iframe.srcdoc = frameDocument(
      {
        runtimeUrl,
        importMap,
        scriptSources,
        pluginFolder: new URL('.', baseUrl).href,
        locale: this.#context?.locale ?? document.documentElement.lang ?? 'en',
      },
      hash,
    );
  }

  #connect(frame: Window, plugin: LoadedPlugin, tag: string, baseUrl: string): void {
    const context = this.#context;
    if (!context) {
      this.#fail('host-not-ready', 'The plugin frame has no context to run its plugin with.');
      return;
    }
    const channel = new MessageChannel();
    const pluginId = plugin.manifest.id;
    const bridge = new FrameBridgeHost({
      pluginId,
      port: channel.port1,
      context: () => this.#context,
      onSize: (height) => {
        if (this.iframe) this.iframe.style.height = `${height}px`;
      },
      onEvent: (type, detail, fields) => {
        const event = rebuildEvent(type, detail, fields);
        if (isPluginCloseEvent(type)) this.#later(() => this.dispatchEvent(event));
        else this.dispatchEvent(event);
      },
      // The reason is a code (see DroppedRejection): `not-asked`, `refused`, `other-rejection`, …
      onDropped: (type, reason) =>
        console.warn(`<crm-plugin-frame>: ${type} of ${pluginId} not relayed (${reason})`),
      onMounted: () => {
        clearTimeout(this.#timer);
        this.state = 'ready';
        this.dispatchEvent(new Event('crm-plugin-frame-ready', {bubbles: true, composed: true}));
      },
      onFailed: (failure) => this.#failed(failure),
      onEscape: () => this.#later(() => this.dispatchEvent(new Event('crm-plugin-frame-escape'))),
    });
    this.#bridge = bridge;
    // Only this port's messages reach the bridge: the frame's end is the only other one.
    channel.port1.onmessage = (event) => bridge.receive(event.data);
    const theme: FrameTheme = collectFrameTheme(this);
    this.#theme = JSON.stringify(theme);
    const message: FrameConnectMessage = {
      crmkit: 'frame-connect',
      protocol: FRAME_PROTOCOL,
      init: {
        pluginId,
        tag,
        manifest: plugin.manifest,
        baseUrl,
        leadId: this.leadId,
        context: snapshotOf(context),
        theme,
      },
    };
    // The frame's origin is opaque, so "*" is the only target origin there is; the port goes to
    // `frame`, the window that said hello from this element's own iframe.
    frame.postMessage(message, '*', [channel.port2]);
    this.#followPage();
  }

  /** Theme changes (attributes, style sheets, dark mode) and page events about the record. */
  #followPage(): void {
    const schedule = () => {
      clearTimeout(this.#themeTimer);
      this.#themeTimer = setTimeout(() => this.refreshTheme(), 30);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme', 'lang'],
      subtree: true,
    });
    observer.observe(document.head, {childList: true, subtree: true, characterData: true});
    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', schedule);
    const onPageEvent = (event: Event) => {
      // Not this frame's own event coming back; only news about its record, for a plugin that may
      // read leads (what it would hear on `document` in the page). The event may come from another
      // sandboxed plugin, so its detail is not passed on: the lead is read again with this plugin's
      // own context, and the frame gets what the server says.
      const context = this.#context;
      const leadId = this.leadId;
      if (event.composedPath()[0] === this || !this.#bridge || !context) return;
      const detail = jsonCopy((event as CustomEvent).detail) as {id?: unknown} | undefined;
      if (!leadId || detail?.id !== leadId || !context.can('leads.read')) return;
      const bridge = this.#bridge;
      context.getLead(leadId).then(
        // Every FRAME_PAGE_EVENTS type is news of a rejection: one the server does not have is no
        // news (its sender may be hostile), and the frame hears nothing.
        (lead) => lead.status === 'Rejected' && bridge.sendPageEvent(event.type, lead, {}),
        () => {
          // Not readable now: the plugin hears nothing, as it would read nothing.
        },
      );
    };
    for (const type of FRAME_PAGE_EVENTS) document.addEventListener(type, onPageEvent);
    this.#stop.push(() => {
      observer.disconnect();
      dark.removeEventListener('change', schedule);
      for (const type of FRAME_PAGE_EVENTS) document.removeEventListener(type, onPageEvent);
      clearTimeout(this.#themeTimer);
    });
  }

  /** Runs `run` after CLOSE_DELAY_MS, unless this frame's session ended meanwhile. */
  #later(run: () => void): void {
    const session = this.#run;
    setTimeout(() => {
      if (session === this.#run && this.#bridge) run();
    }, CLOSE_DELAY_MS);
  }

  #failed(failure: FrameFailure): void {
    const code = (FRAME_FAILURE_CODES as readonly string[]).includes(failure.code)
      ? (failure.code as PluginMountErrorCode)
      : 'entry-load-failed';
    this.#fail(code, failure.message, failure.loadCode);
  }

  #fail(code: PluginMountErrorCode, message: string, loadCode?: string): void {
    if (this.state === 'failed') return;
    clearTimeout(this.#timer);
    const plugin = this.plugin;
    const error = new PluginMountError(
      code,
      plugin?.manifest.id ?? '',
      this.tag ?? '',
      `Plugin ${plugin?.manifest.id ?? '?'} (sandboxed): ${message}`,
      loadCode === undefined ? undefined : {loadCode},
    );
    this.error = error;
    this.state = 'failed';
    this.#end();
    if (this.iframe) this.iframe.srcdoc = '';
    this.dispatchEvent(new PluginFrameFailedEvent(error));
  }

  #end(): void {
    this.#run++;
    clearTimeout(this.#timer);
    this.#bridge?.close();
    this.#bridge = undefined;
    this.#theme = '';
    for (const stop of this.#stop.splice(0)) stop();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-plugin-frame': CrmPluginFrame;
  }
}
