import {FASTElement, attr, observable} from '@microsoft/fast-element';
import {Context} from '@microsoft/fast-element/context.js';
import type {ContextEvent} from '@microsoft/fast-element/context.js';
import {
  HostApiError,
  PluginLoadError,
  PluginRegistry,
  configDefaults,
  createGuardedContext,
  loadPlugin,
} from '@crmkit/sdk';
import type {
  CurrentUser,
  HostApi,
  LoadPluginOptions,
  LoadedPlugin,
  PluginChannel,
  PluginLoadFailure,
  PluginManifest,
  PluginIsolation,
  PluginNotification,
} from '@crmkit/sdk';
import {PermissionDeniedEvent} from '../events/permission-denied-event.js';
import {PluginLoadFailedEvent} from '../events/plugin-load-failed-event.js';
import {PluginNotifyEvent} from '../events/plugin-notify-event.js';
import {PluginsLoadedEvent} from '../events/plugins-loaded-event.js';
import {hostElementText} from '../host-element-strings.js';
import type {PluginHostConnection} from '../plugin-host-connection.js';
import type {PluginFrameOptions} from '../plugin-frame/crm-plugin-frame.js';
import {pluginHostContext} from '../plugin-host-context.js';

/**
 * An installed plugin as a host serves it (`GET /api/plugins`): the manifest it stored when the
 * package was uploaded, and the folder of the package that the manifest's `entry` resolves against.
 */
export interface InstalledPluginSource {
  manifest: PluginManifest;
  /** The package's folder, absolute or relative to the page, e.g. `/plugins/{id}/{version}/`. */
  baseUrl: string | URL;
  /**
   * How it runs (`GET /api/plugins` says): `frame`, sandboxed in an iframe of its own, its entry
   * never imported into the page; `page` (or absent), in the page, trusted with the page's powers.
   */
  isolation?: PluginIsolation;
}

/**
 * A plugin to load: a manifest URL (absolute or relative to the page), a manifest object (its entry
 * resolved against `loadOptions.baseUrl`), or an installed plugin (`{manifest, baseUrl}`).
 */
export type PluginSource = string | URL | PluginManifest | InstalledPluginSource;

const isInstalled = (source: PluginSource): source is InstalledPluginSource =>
  typeof source === 'object' && !(source instanceof URL) && 'manifest' in source;

/** How a source is recognised again: its URL, its manifest's JSON, or both of an installed one. */
function sourceKey(source: PluginSource): string {
  if (source instanceof URL) return source.href;
  if (isInstalled(source)) {
    return JSON.stringify([String(source.baseUrl), source.manifest, source.isolation ?? 'page']);
  }
  return typeof source === 'string' ? source : JSON.stringify(source);
}

/**
 * The absolute folder URL an installed plugin's entry resolves against: relative to the page (or to
 * `loadOptions.baseUrl`), and ending in "/" so that `dist/index.js` lands inside the folder rather
 * than beside it.
 */
function folderUrl(baseUrl: string | URL, against: string | URL | undefined): string {
  const url = new URL(String(baseUrl), against === undefined ? document.baseURI : String(against));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function asLoadError(error: unknown, source: string): PluginLoadError {
  if (error instanceof PluginLoadError) return error;
  return new PluginLoadError('load-failed', `Loading ${source} failed: ${String(error)}`, {
    source,
    cause: error,
  });
}

type Subscriber = (connection: PluginHostConnection, dispose: () => void) => void;

/**
 * A plugin credential's host API: minted at once (when the plugin's first element is mounted, so the
 * request overlaps the frame's loading instead of delaying the plugin's first call), again on a call
 * after a failed mint, and again once it expired.
 */
function credentialHost(pluginId: string, mint: (pluginId: string) => Promise<HostApi>): HostApi {
  let current: Promise<HostApi> | undefined;
  const api = () => {
    const minted = (current ??= mint(pluginId));
    minted.catch(() => {
      if (current === minted) current = undefined;
    });
    return minted;
  };
  const call = async <R>(run: (host: HostApi) => Promise<R>): Promise<R> => {
    const used = api();
    try {
      return await run(await used);
    } catch (error) {
      // 401: the credential expired (they live minutes) or was revoked; mint one more, once. The
      // host did nothing with the refused request, so sending it again is safe.
      if (!(error instanceof HostApiError && error.status === 401)) throw error;
      if (current === used) current = undefined;
      return run(await api());
    }
  };
  // A failed mint is forgotten (above): the plugin's first call mints again and gets its error.
  try {
    api();
  } catch {
    // A `pluginHostApi` that throws at once: the first call gets that error as a rejection.
  }
  return {
    getCurrentUser: () => call((h) => h.getCurrentUser()),
    getLead: (id) => call((h) => h.getLead(id)),
    listLeads: (query) => call((h) => (query === undefined ? h.listLeads() : h.listLeads(query))),
    rejectLead: (id, input, options) =>
      call((h) =>
        options === undefined ? h.rejectLead(id, input) : h.rejectLead(id, input, options),
      ),
    getRejectCodes: (options) =>
      call((h) => (options === undefined ? h.getRejectCodes() : h.getRejectCodes(options))),
    getLeadSettings: () => call((h) => h.getLeadSettings()),
  };
}

/**
 * Holds what plugins need on a page: the installed plugins, the signed-in user, the host API, the UI
 * language and each plugin's config. The `<crm-extension-point>` elements inside it get these through
 * the context protocol (see `pluginHostContext`) and ask it for guarded contexts; plugins never see
 * the raw host API.
 *
 * Plugins come from `registry` (a `PluginRegistry` the page filled itself) and/or `sources` /
 * `plugin-urls` (manifests the host loads with `loadPlugin`, each at most once per page; one failing never
 * stops the others).
 *
 * An installed plugin with `isolation: 'frame'` is sandboxed: the page never imports its entry (only
 * its manifest is validated and registered), and each of its elements is mounted as a
 * `<crm-plugin-frame>`, whose calls run on a guarded context over the host API that
 * `pluginHostApi(pluginId)` returns (made with the plugin's own credential), or over `host` when the
 * page sets none. `frameOptions` says where frames load the frame runtime and shared modules from.
 *
 * @tag crm-plugin-host
 * @slot - The page content, with the `<crm-extension-point>` elements.
 * @fires crm-plugins-loaded - {PluginsLoadedEvent} Loading `sources` finished (`loaded`, `failed`).
 * @fires crm-plugin-load-failed - {PluginLoadFailedEvent} One source could not be loaded.
 * @fires crm-permission-denied - {PermissionDeniedEvent} A plugin's guarded context refused a call.
 * @fires crm-plugin-notify - {PluginNotifyEvent} A plugin called `context.notify()`; cancel it to
 *   show the message yourself, else the host announces it in its status region.
 * @csspart status - The status region: load failures and plugin notifications (small and muted).
 * @csspart failures - The list of load failures inside the status region.
 * @csspart notification - The last plugin notification not handled by the page.
 * @cssprop --crm-plugin-host-status-color - Text color of the status region (default: muted gray).
 * @cssprop --crm-plugin-host-status-font-size - Font size of the status region (default: 0.8125rem).
 * @cssprop --crm-plugin-host-error-color - Text color of a load failure and of error notifications.
 */
export class CrmPluginHost extends FASTElement {
  /** UI language (BCP 47), e.g. `de`. Default: the user's locale, else `<html lang>`, else `en`. */
  @attr locale: string | undefined;

  /** Manifest URLs to load, separated by whitespace or commas; sets `sources`. */
  @attr({attribute: 'plugin-urls'}) pluginUrls: string | undefined;

  /** The installed plugins. Set your own, or let the host create one when it loads `sources`. */
  @observable registry: PluginRegistry | undefined;

  /**
   * Plugins to load into `registry` (manifest URLs, manifest objects, or installed plugins as
   * `{manifest, baseUrl}`); setting it starts loading.
   */
  @observable sources: readonly PluginSource[] | undefined;

  /** The signed-in user; actions whose `requires` they lack are not offered. */
  @observable user: CurrentUser | undefined;

  /** Admin settings per plugin id, overlaid on each manifest's config defaults. */
  @observable configs: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;

  /** Options passed to `loadPlugin` (e.g. `baseUrl`, `fetch`, `importModule` in tests). */
  @observable loadOptions: Omit<LoadPluginOptions, 'registry' | 'signal' | 'isolation'> | undefined;

  /** Where sandboxed plugins' frames load their runtime and shared modules from (defaults: see there). */
  @observable frameOptions: PluginFrameOptions | undefined;

  /** Sources that failed to load in the last load, shown in the status region. */
  @observable failures: readonly PluginLoadFailure[] = [];

  /** The last notification of a plugin the page did not handle itself. */
  @observable notification: {text: string; kind: PluginNotification['kind']} | undefined;

  /** True while `sources` are being loaded. */
  @observable loading = false;

  /** Resolves when the current load of `sources` finished (at once when there is none). */
  loaded: Promise<void> = Promise.resolve();

  #host: HostApi | undefined;
  #pluginHostApi: ((pluginId: string) => Promise<HostApi>) | undefined;
  #credentialHosts = new Map<string, HostApi>();
  #ownsRegistry = false;
  #loadRun = 0;
  #sourcesKey = '[]';
  #plugins = new Map<string, Promise<LoadedPlugin>>();
  #subscribers = new Set<Subscriber>();
  #connection: PluginHostConnection | undefined;

  constructor() {
    super();
    this.addEventListener(Context.eventType, this.#onContextRequest);
  }

  /**
   * The host API the guarded contexts call. Write-only: reading it returns undefined, so that a plugin
   * walking up the DOM to this element finds no way around its guarded context.
   */
  set host(value: HostApi | undefined) {
    this.#host = value;
    this.#changed();
  }
  get host(): undefined {
    return undefined;
  }

  /**
   * Makes the host API a sandboxed plugin's calls run on: one acting with that plugin's credential
   * (e.g. `POST /api/plugin-sessions {pluginId}`, then `createRestHostApi({token})`), so that the
   * server holds the plugin to its scopes whatever its frame sends. Called when the plugin's first
   * element is mounted (while its frame loads, so the credential is ready for its first call),
   * again on a call when that failed, and when the credential expired (a 401). Unset: frames use
   * `host`. Write-only.
   */
  set pluginHostApi(value: ((pluginId: string) => Promise<HostApi>) | undefined) {
    this.#pluginHostApi = value;
    this.#credentialHosts.clear();
    this.#changed();
  }
  get pluginHostApi(): undefined {
    return undefined;
  }

  /** Whether a host API has been set (the API itself is not readable, see `host`). */
  get hasHost(): boolean {
    return this.#host !== undefined;
  }

  /** The language in use: `locale`, else the user's, else `<html lang>`, else `en`. */
  get effectiveLocale(): string {
    return this.locale || this.user?.locale || document.documentElement.lang || 'en';
  }

  /** The status region's text for the load failures, in the current language. */
  get failureSummary(): string {
    return hostElementText('loadFailedCount', this.effectiveLocale, {count: this.failures.length});
  }

  /** One load failure's line, in the current language. */
  failureText(failure: PluginLoadFailure): string {
    return hostElementText('loadFailed', this.effectiveLocale, {
      source: failure.error.pluginId ?? failure.source,
      code: failure.error.code,
    });
  }

  /** The config a plugin gets: its manifest's defaults overlaid with `configs[id]`. */
  configFor(manifest: PluginManifest): Record<string, unknown> {
    return {...configDefaults(manifest), ...this.configs?.[manifest.id]};
  }

  localeChanged(): void {
    this.#changed();
  }
  userChanged(): void {
    this.#changed();
  }
  configsChanged(): void {
    this.#changed();
  }
  frameOptionsChanged(): void {
    this.#changed();
  }
  registryChanged(previous: PluginRegistry | undefined, next: PluginRegistry | undefined): void {
    previous?.removeEventListener('change', this.#onRegistryChange);
    next?.addEventListener('change', this.#onRegistryChange);
    this.#ownsRegistry = false;
    this.#changed();
  }
  pluginUrlsChanged(): void {
    const urls = (this.pluginUrls ?? '').split(/[\s,]+/).filter(Boolean);
    this.sources = urls;
  }
  sourcesChanged(): void {
    // Frameworks re-render with a new but equal array; reload only when the list really changed.
    const key = JSON.stringify((this.sources ?? []).map(sourceKey));
    if (key === this.#sourcesKey) return;
    this.#sourcesKey = key;
    this.loaded = this.#loadSources();
  }

  /**
   * Loads the sources (in parallel) and registers them in source order: into a fresh registry of the
   * host's own (so removed sources disappear), or added to the page's registry. A custom element can
   * be defined only once per page, so each source is loaded at most once: a plugin loaded (or being
   * loaded) for an earlier list is reused, and only a failed one is tried again.
   */
  async #loadSources(): Promise<void> {
    const run = (this.#loadRun += 1);
    const sources = [...(this.sources ?? [])];
    const keys = sources.map(sourceKey);
    this.loading = true;
    const settled = await Promise.allSettled(sources.map((source) => this.#pluginFor(source)));
    // A newer list was set meanwhile: its run registers (what loaded here stays cached for it).
    if (run !== this.#loadRun) return;

    const given = this.registry && !this.#ownsRegistry ? this.registry : undefined;
    const registry = given ?? new PluginRegistry();
    const loaded: LoadedPlugin[] = [];
    const failed: PluginLoadFailure[] = [];
    settled.forEach((outcome, i) => {
      let error: PluginLoadError | undefined;
      if (outcome.status === 'rejected') {
        error = asLoadError(outcome.reason, keys[i] as string);
      } else {
        const plugin = outcome.value;
        try {
          if (registry.get(plugin.manifest.id) !== plugin) registry.register(plugin);
          loaded.push(plugin);
        } catch (cause) {
          error = asLoadError(cause, keys[i] as string);
        }
      }
      if (error) {
        failed.push({source: error.source, error});
        registry.reportFailure(error.source, error);
      }
    });
    this.loading = false;
    if (registry !== this.registry) {
      this.registry = registry;
      this.#ownsRegistry = true;
    }
    this.failures = failed;
    for (const failure of failed) {
      this.dispatchEvent(new PluginLoadFailedEvent(failure.source, failure.error));
    }
    this.dispatchEvent(new PluginsLoadedEvent(loaded, failed));
  }

  /** The one load of `source` on this host; forgotten when it fails, so a later list retries it. */
  #pluginFor(source: PluginSource): Promise<LoadedPlugin> {
    const key = sourceKey(source);
    let pending = this.#plugins.get(key);
    if (!pending) {
      pending = isInstalled(source)
        ? this.#loadInstalled(source)
        : loadPlugin(source, {...this.loadOptions});
      this.#plugins.set(key, pending);
      pending.catch(() => this.#plugins.delete(key));
    }
    return pending;
  }

  /** An installed plugin: its stored manifest, its entry resolved against its package folder. */
  #loadInstalled(source: InstalledPluginSource): Promise<LoadedPlugin> {
    // The list comes from a server: without a manifest object, loadPlugin would take it for a URL.
    const {manifest} = source as {manifest: unknown};
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
      const label = `installed plugin at ${String(source.baseUrl)}`;
      return Promise.reject(
        new PluginLoadError('invalid-source', `The ${label} came without its stored manifest.`, {
          source: label,
        }),
      );
    }
    let baseUrl = source.baseUrl;
    try {
      baseUrl = folderUrl(source.baseUrl, this.loadOptions?.baseUrl);
    } catch {
      // Not a URL even relative to the page: loadPlugin refuses it as `invalid-source`.
    }
    return loadPlugin(source.manifest, {
      ...this.loadOptions,
      baseUrl,
      ...(source.isolation === 'frame' ? {isolation: 'frame' as const} : {}),
    });
  }

  /**
   * Loads `sources` again: plugins that loaded are kept, the ones that failed are tried again (e.g.
   * after a network error). Resolves when done, like `loaded`.
   */
  reload(): Promise<void> {
    this.loaded = this.#loadSources();
    return this.loaded;
  }

  /**
   * Builds a plugin's guarded context; no reference to the raw host leaves this method. A sandboxed
   * plugin's runs on its credential's host API when the page gave `pluginHostApi`.
   */
  #createContext(plugin: LoadedPlugin, channel: PluginChannel) {
    const user = this.user;
    if (!this.#host || !user) return undefined;
    const host = plugin.isolation === 'frame' ? this.#frameHost(plugin.manifest.id) : this.#host;
    return createGuardedContext(host, plugin.manifest, user, {
      locale: this.effectiveLocale,
      config: this.configFor(plugin.manifest),
      channel,
      onDenied: (denial) => this.dispatchEvent(new PermissionDeniedEvent(denial)),
      onNotify: (notification, pluginId) => this.#notify(pluginId, notification),
    });
  }

  #frameHost(pluginId: string): HostApi {
    const mint = this.#pluginHostApi;
    if (!mint) return this.#host as HostApi;
    let host = this.#credentialHosts.get(pluginId);
    if (!host) this.#credentialHosts.set(pluginId, (host = credentialHost(pluginId, mint)));
    return host;
  }

  #notify(pluginId: string, notification: PluginNotification): void {
    const event = new PluginNotifyEvent(pluginId, notification);
    if (this.dispatchEvent(event)) {
      this.notification = {text: notification.message, kind: notification.kind};
    }
  }

  #snapshot(): PluginHostConnection {
    if (!this.#connection) {
      const registry = this.registry;
      const user = this.user;
      this.#connection = Object.freeze({
        registry,
        user,
        locale: this.effectiveLocale,
        ready: Boolean(registry && user && this.#host),
        createContext: (plugin: LoadedPlugin, channel: PluginChannel) =>
          this.#createContext(plugin, channel),
        configFor: (manifest: PluginManifest) => this.configFor(manifest),
        frameOptions: this.frameOptions,
      });
    }
    return this.#connection;
  }

  #changed(): void {
    this.#connection = undefined;
    if (!this.#subscribers?.size) return;
    const connection = this.#snapshot();
    for (const subscriber of [...this.#subscribers]) {
      subscriber(connection, () => this.#subscribers.delete(subscriber));
    }
  }

  #onRegistryChange = (): void => this.#changed();

  #onContextRequest = (event: Event): void => {
    const request = event as ContextEvent<typeof pluginHostContext>;
    if (request.context !== pluginHostContext) return;
    event.stopImmediatePropagation();
    const callback = request.callback as Subscriber;
    if (request.multiple) {
      this.#subscribers.add(callback);
      callback(this.#snapshot(), () => this.#subscribers.delete(callback));
    } else {
      callback(this.#snapshot(), () => {});
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-plugin-host': CrmPluginHost;
  }
}
