import {Updates} from '@microsoft/fast-element';
import {Context} from '@microsoft/fast-element/context.js';
import {defineHostElements, mountPluginElement, pluginHostContext} from '@crmkit/host-elements';
import type {
  CrmExtensionPoint,
  CrmPluginHost,
  PluginFrameOptions,
  PluginHostConnection,
} from '@crmkit/host-elements';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import type {MockHost, MockHostOptions} from '@crmkit/rest-client/msw';
import type {RequestHandler} from 'msw';
import type {SetupWorker} from 'msw/browser';
// The sdk by its own name, like the host elements import it: one copy of its classes for both (the
// build resolves this to the package's own modules).
import {PluginChannel, PluginRegistry, isActionApplicable} from '@crmkit/sdk';
import type {
  ExtensionPointName,
  LoadedPlugin,
  PluginIsolation,
  PluginManifest,
  Privilege,
} from '@crmkit/sdk';
import {pageWorker, useHandlers} from './mock-worker.js';
import {loadTestPlugin} from './test-plugin.js';

/** The demo users of the mock host, by bearer token (their ids). */
export type DemoUser = 'anna' | 'sofia' | 'max' | 'lena';

export interface RenderPluginOptions {
  /**
   * The plugin's manifest: the URL of its plugin.json (e.g. `new URL('../plugin.json',
   * import.meta.url)`; its entry then resolves against that URL, as a host resolves it), or a manifest
   * object together with `baseUrl`.
   */
  manifest: PluginManifest | string | URL;
  /** The folder a manifest object's `entry` resolves against (default: the page's URL). */
  baseUrl?: string | URL;
  /**
   * The element to mount (one of the manifest's `elements`). An element that no action opens (a
   * panel) is mounted by the extension point itself; one that an action opens is mounted at the
   * point with its context as the action would, without the action's button and its checks.
   * Default: the first element at `extensionPoint` (or the manifest's first).
   */
  tag?: string;
  /**
   * Open the element through this action (its `id`), as a user choosing the button would: in the
   * extension point's dialog, and only when the action is offered (the user holds its `requires`,
   * the manifest declares them, the lead's status fits `when`); otherwise renderPlugin rejects,
   * saying why.
   */
  action?: string;
  /** Where to mount (default: where the element or action is declared). */
  extensionPoint?: ExtensionPointName;
  /** The signed-in demo user (default `max`, a sales rep who may read and reject leads). */
  user?: DemoUser | (string & {});
  /** The UI language (default: the user's own). */
  locale?: string;
  /** The record the page shows (default `L-1001`, a Qualified lead of max). */
  leadId?: string;
  /**
   * `page` (default): the element runs in the test page, trusted, as an admin-trusted plugin does.
   * `frame`: sandboxed in an iframe, as an installed plugin runs by default; `element` is then the
   * page's `<crm-plugin-frame>`, and the frame needs `frame` options that the test server can serve.
   */
  isolation?: PluginIsolation;
  /**
   * Where a sandboxed plugin's frame loads its code from. Default: what the test server offers at
   * `/__crmkit/frame.json` (@crmkit/cli/test-runner's config does).
   */
  frame?: RenderFrameOptions;
  /**
   * The mock host: its seed data and clock (options of `createMockHost`), or a mock host to share
   * with an earlier render (its state is kept). Default: a fresh one with the demo data.
   */
  mockHost?: MockHost | MockHostOptions;
  /** msw handlers that answer before the mock host (e.g. a network error for one request). */
  handlers?: readonly RequestHandler[];
  /** The admin's config for the plugin, laid over the manifest's defaults. */
  config?: Record<string, unknown>;
  /**
   * Pretend the manifest declared these permissions instead of its own: the denied path of an
   * undeclared permission (`permission-undeclared`) without editing plugin.json.
   */
  permissions?: readonly Privilege[];
  /** Where msw's service worker script is served (default `/mockServiceWorker.js`). */
  serviceWorkerUrl?: string;
  /** How long mounting and `update()` may take, in ms (default 5000; 15000 with `frame`). */
  timeout?: number;
}

/** Where a sandboxed plugin's frame loads the frame runtime, shared modules and the plugin from. */
export interface RenderFrameOptions extends PluginFrameOptions {
  /**
   * Where the test server serves files raw (untransformed), as a host serves a stored package: the
   * frame fetches the entry's bytes and imports them as they are (bare imports through its import
   * map), which a dev server that rewrites imports would break. The plugin's folder (its path on the
   * server) is looked up below it. Default `/__crmkit/raw/` (what @crmkit/cli/test-runner serves).
   */
  rawBaseUrl?: string;
}

/** One request the plugin's host API sent (through its guarded context), as sent. */
export interface RecordedRequest {
  method: string;
  /** The absolute URL. */
  url: string;
  /** The URL's path, e.g. `/api/leads/L-1001/reject`. */
  path: string;
  headers: Headers;
  /** The JSON body, parsed (the text when it is not JSON); undefined without a body. */
  body: unknown;
}

/** An event the plugin's element dispatched, or one the host elements fired about the plugin. */
export interface RecordedEvent {
  type: string;
  /** `element`: dispatched by the plugin's element; `host`: by `<crm-plugin-host>` or the point. */
  source: 'element' | 'host';
  /** The event's `detail` (CustomEvent), else undefined. */
  detail: unknown;
  event: Event;
}

export interface RenderedPlugin<E extends HTMLElement = HTMLElement> {
  /** The plugin's element (with `isolation: 'frame'`: the page's `<crm-plugin-frame>` for it). */
  element: E;
  /** The plugin as the host registered it. */
  plugin: LoadedPlugin;
  pluginHost: CrmPluginHost;
  extensionPoint: CrmExtensionPoint;
  /** The mock host this render talks to; pass it as `mockHost` to share it with another render. */
  mockHost: MockHost;
  /** The mock host's live data (`mockHost.state`): read it, or change it between requests. */
  readonly state: MockHost['state'];
  /** The page's msw worker: `worker.use(…)` adds handlers in front of the mock host. */
  worker: SetupWorker;
  /** Every request of this render's host API, in the order sent. */
  readonly requests: readonly RecordedRequest[];
  /** Every event of the element and the host elements, in order. */
  readonly events: readonly RecordedEvent[];
  /** The recorded events of one type. */
  eventsOf(type: string): RecordedEvent[];
  /**
   * Waits until the element is settled: no request of its host API open, and its own update done
   * (Lit's `updateComplete`) twice in a row. Rejects, naming the open requests, after `timeout`.
   */
  update(): Promise<void>;
  /** Removes everything this render added to the page (also done after each test). */
  cleanup(): void;
}

/** Events of the host elements worth a test's attention. */
const HOST_EVENTS = [
  'crm-permission-denied',
  'crm-plugin-notify',
  'crm-plugin-emit',
  'crm-plugin-mounted',
  'crm-plugin-unmounted',
  'crm-plugin-mount-failed',
  'crm-plugin-frame-failed',
];

const live = new Set<RenderedPlugin>();

/** Every render still on the page is removed after each test (mocha, as @web/test-runner runs it). */
const afterEachHook = (globalThis as {afterEach?: (fn: () => void) => void}).afterEach;
if (typeof afterEachHook === 'function') {
  afterEachHook(() => {
    for (const rendered of [...live]) rendered.cleanup();
  });
}

const isMockHost = (value: MockHost | MockHostOptions | undefined): value is MockHost =>
  !!value && Array.isArray((value as MockHost).handlers) && 'state' in value;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function parseBody(body: BodyInit | null | undefined): unknown {
  if (typeof body !== 'string') return body ?? undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** A fetch that logs each request and counts the open ones, for `requests` and `update()`. */
function trackingFetch(log: RecordedRequest[], open: Set<string>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    log.push({
      method: request.method,
      url: url.href,
      path: url.pathname,
      headers: request.headers,
      body: parseBody(init?.body),
    });
    const label = `${request.method} ${url.pathname}#${log.length}`;
    open.add(label);
    try {
      const response = await globalThis.fetch(input, init);
      // Open until the body is read too: the client reads it right after, in the same task chain.
      const text = await response.clone().text();
      void text;
      return response;
    } finally {
      open.delete(label);
    }
  };
}

/**
 * A sandboxed plugin calls the host with a credential of its own, which a host mints only for an
 * installed, enabled plugin: so the mock host gets it as installed (enabled, its permissions
 * accepted), as an admin would have, unless it holds that version already.
 */
function installInMockHost(
  mockHost: MockHost,
  plugin: LoadedPlugin,
  config: Record<string, unknown> | undefined,
): void {
  const {manifest} = plugin;
  const state = mockHost.state;
  if (state.plugins.some((p) => p.id === manifest.id && p.version === manifest.version)) return;
  const now = new Date().toISOString();
  state.plugins = [
    ...state.plugins.filter((p) => p.id !== manifest.id),
    {
      id: manifest.id,
      version: manifest.version,
      enabled: true,
      trusted: false,
      config: {...config},
      acceptedPermissions: [...manifest.permissions],
      previousVersion: null,
      installedAt: now,
    },
  ];
  state.pluginPackages = [
    ...state.pluginPackages,
    {
      record: {
        id: manifest.id,
        version: manifest.version,
        manifest: manifest as unknown as Record<string, unknown>,
        integrity: manifest.integrity ?? '',
        digest: `renderPlugin:${manifest.id}@${manifest.version}`,
        size: 0,
        files: [],
        uploadedAt: now,
        uploadedBy: null,
      },
      files: new Map(),
    },
  ];
}

/**
 * The frame options the test server offers at `/__crmkit/frame.json` (@crmkit/cli/test-runner does:
 * the frame runtime, the shared modules and the raw plugin files as it serves them), scripts allowed
 * from this origin; undefined when it offers none (then pass `frame`).
 */
async function servedFrameOptions(): Promise<RenderFrameOptions | undefined> {
  try {
    const response = await fetch('/__crmkit/frame.json');
    if (!response.ok) return undefined;
    return {...((await response.json()) as RenderFrameOptions), scriptSources: [location.origin]};
  } catch {
    return undefined;
  }
}

/** A sandboxed plugin loaded from where the test server serves its folder raw. */
function rawFolderOf(plugin: LoadedPlugin, rawBaseUrl = '/__crmkit/raw/'): LoadedPlugin {
  const folder = new URL('.', plugin.baseUrl ?? plugin.entryUrl);
  const base = new URL(rawBaseUrl.endsWith('/') ? rawBaseUrl : `${rawBaseUrl}/`, location.origin);
  const raw = new URL(folder.pathname.slice(1), base);
  return {
    manifest: plugin.manifest,
    entryUrl: new URL(plugin.manifest.entry, raw).href,
    baseUrl: raw.href,
    isolation: 'frame',
  };
}

/** Waits until a `<crm-plugin-frame>` mounted its plugin; rejects with why it could not. */
async function frameReady(frame: HTMLElement, timeout: number): Promise<void> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const state = frame.getAttribute('state');
    if (state === 'ready') return;
    const error = (frame as HTMLElement & {error?: Error}).error;
    if (state === 'failed' || !frame.isConnected) {
      throw new Error(
        `renderPlugin: the sandboxed frame could not mount the plugin: ${error?.message ?? 'it was removed'}`,
        {cause: error},
      );
    }
    if (performance.now() > deadline) {
      throw new Error(
        `renderPlugin: the sandboxed frame did not mount the plugin within ${timeout} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The host connection, asked for once through the context protocol, as the extension point asks. */
function connectionOf(point: CrmExtensionPoint): PluginHostConnection | undefined {
  let found: PluginHostConnection | undefined;
  Context.dispatch(point, pluginHostContext, (connection) => (found = connection));
  return found;
}

/** Why `action` is not offered, in a sentence. */
function notOffered(
  plugin: LoadedPlugin,
  actionId: string,
  point: string,
  user: {id: string; privileges: readonly string[]},
  status: string | undefined,
): string {
  const action = plugin.manifest.actions.find((a) => a.id === actionId);
  const id = plugin.manifest.id;
  if (!action) {
    const known = plugin.manifest.actions.map((a) => a.id).join(', ') || 'none';
    return `${id} declares no action "${actionId}" (its actions: ${known})`;
  }
  if (action.extensionPoint !== point)
    return `the action "${actionId}" is declared at ${action.extensionPoint}, not ${point}`;
  const undeclared = action.requires.filter((p) => !plugin.manifest.permissions.includes(p));
  if (undeclared.length)
    return `the manifest's permissions do not declare ${undeclared.join(', ')}, which the action requires`;
  const missing = action.requires.filter((p) => !user.privileges.includes(p));
  if (missing.length) return `${user.id} lacks the privilege ${missing.join(', ')}`;
  if (!isActionApplicable(action, {status}))
    return `the lead's status ${status ?? '(none)'} is not one of when.status ${JSON.stringify(action.when?.status)}`;
  return 'the extension point did not offer it';
}

/**
 * Mounts a plugin's element the way a host page does, against the msw mock host of the REST contract:
 * `<crm-plugin-host>` with the demo user's host API, language and the plugin's config, around a
 * `<crm-extension-point>` for the lead; the plugin is loaded by the sdk's loader (manifest validated,
 * entry imported) and gets the guarded context of manifest ∩ user privileges. Resolves once the
 * element is mounted and settled (see `update()`).
 *
 * ```ts
 * const {element, state, update} = await renderPlugin({
 *   manifest: new URL('../plugin.json', import.meta.url),
 *   user: 'max',
 *   locale: 'de',
 * });
 * ```
 */
export async function renderPlugin<E extends HTMLElement = HTMLElement>(
  options: RenderPluginOptions,
): Promise<RenderedPlugin<E>> {
  // A frame loads its runtime, the shared modules and the plugin before it mounts: more time.
  const timeout = options.timeout ?? (options.isolation === 'frame' ? 15000 : 5000);
  // FAST renders on animation frames, which a background test page does not get: update at once.
  Updates.setMode(false);
  await defineHostElements();
  const worker = await pageWorker(options.serviceWorkerUrl ?? '/mockServiceWorker.js');
  const mockHost = isMockHost(options.mockHost)
    ? options.mockHost
    : createMockHost(options.mockHost ?? {});
  useHandlers(worker, [...(options.handlers ?? []), ...mockHost.handlers]);

  const isolation = options.isolation ?? 'page';
  const frameOptions =
    isolation === 'frame' ? (options.frame ?? (await servedFrameOptions())) : undefined;
  const loaded = await loadTestPlugin({
    manifest: options.manifest,
    baseUrl: options.baseUrl,
    isolation,
  });
  const plugin: LoadedPlugin = Object.freeze({
    ...(isolation === 'frame' ? rawFolderOf(loaded, frameOptions?.rawBaseUrl) : loaded),
    ...(options.permissions
      ? {manifest: Object.freeze({...loaded.manifest, permissions: [...options.permissions]})}
      : {}),
  });
  const {manifest} = plugin;
  const action =
    options.action === undefined
      ? undefined
      : manifest.actions.find((a) => a.id === options.action);
  const tag =
    action?.opens ??
    options.tag ??
    (
      manifest.elements.find((e) => e.extensionPoint === options.extensionPoint) ??
      manifest.elements[0]
    )?.tag;
  const declared = manifest.elements.find((e) => e.tag === tag);
  if (!tag || (!declared && options.action === undefined)) {
    throw new Error(
      `renderPlugin: ${manifest.id} declares no element ${tag ? `<${tag}>` : 'at all'} (its elements: ${manifest.elements.map((e) => e.tag).join(', ') || 'none'}).`,
    );
  }
  const pointName =
    options.extensionPoint ??
    action?.extensionPoint ??
    declared?.extensionPoint ??
    'lead.detail.actions';

  const requests: RecordedRequest[] = [];
  const open = new Set<string>();
  const fetch = trackingFetch(requests, open);
  const token = options.user ?? 'max';
  const signIn = createRestHostApi({token, fetch});
  const user = await signIn.getCurrentUser();
  const locale = options.locale ?? user.locale;
  const api = createRestHostApi({token, locale, fetch});
  const leadId = options.leadId ?? 'L-1001';
  const status = mockHost.state.leads.get(leadId)?.status;

  const events: RecordedEvent[] = [];
  const record = (event: Event, source: RecordedEvent['source']) =>
    events.push({
      type: event.type,
      source,
      detail: (event as CustomEvent).detail,
      event,
    });

  const container = document.createElement('div');
  container.dataset['crmkitRenderPlugin'] = manifest.id;
  const pluginHost = document.createElement('crm-plugin-host');
  const point = document.createElement('crm-extension-point');
  for (const type of HOST_EVENTS) pluginHost.addEventListener(type, (e) => record(e, 'host'));
  pluginHost.locale = locale;
  pluginHost.user = user;
  pluginHost.host = api;
  if (options.config) pluginHost.configs = {[manifest.id]: options.config};
  if (frameOptions) pluginHost.frameOptions = frameOptions;
  if (isolation === 'frame') {
    installInMockHost(mockHost, plugin, options.config);
    // The plugin's own credential, as a host page mints it: its scopes are checked by the host.
    pluginHost.pluginHostApi = async (pluginId) => {
      const response = await fetch('/api/plugin-sessions', {
        method: 'POST',
        headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
        body: JSON.stringify({pluginId}),
      });
      if (!response.ok) throw new Error(`POST /api/plugin-sessions answered ${response.status}`);
      const session = (await response.json()) as {token: string};
      return createRestHostApi({token: session.token, locale, fetch});
    };
  }
  const registry = new PluginRegistry();
  registry.register(plugin);
  pluginHost.registry = registry;
  point.name = pointName;
  point.recordId = leadId;
  if (status !== undefined) point.recordStatus = status;
  pluginHost.append(point);
  container.append(pluginHost);
  document.body.append(container);

  const channels: PluginChannel[] = [];
  let removed = false;
  const handle: {rendered?: RenderedPlugin} = {};
  const cleanup = () => {
    if (removed) return;
    removed = true;
    if (handle.rendered) live.delete(handle.rendered);
    for (const channel of channels) channel.close();
    container.remove();
  };

  let element: HTMLElement;
  try {
    element = mount();
  } catch (error) {
    cleanup();
    throw error;
  }

  function mount(): HTMLElement {
    const pluginId = manifest.id;
    const failure = () =>
      events.find((e) => e.type === 'crm-plugin-mount-failed')?.event as
        (Event & {error?: Error}) | undefined;
    if (options.action !== undefined) {
      const key = `${pluginId}/${options.action}`;
      if (!point.actions.some((a) => a.key === key)) {
        throw new Error(
          `renderPlugin: the action "${options.action}" is not offered to ${user.id} on ${leadId}: ${notOffered(plugin, options.action, pointName, user, status)}.`,
        );
      }
      if (!point.open(key) || !point.openElement) {
        throw new Error(`renderPlugin: opening ${key} failed: ${failure()?.error?.message ?? ''}`);
      }
      return point.openElement;
    }
    const openedByAction = manifest.actions.some(
      (a) => a.opens === tag && a.extensionPoint === pointName,
    );
    if (!openedByAction) {
      const inline = point.panelElements.get(`${pluginId}/${tag}`);
      if (!inline) {
        throw new Error(
          `renderPlugin: <${tag}> was not mounted at ${pointName}: ${failure()?.error?.message ?? `it is declared at ${declared?.extensionPoint}`}.`,
        );
      }
      return inline;
    }
    // An action's element, mounted without the action: with the context the action would give it.
    const connection = connectionOf(point);
    const channel = new PluginChannel();
    channels.push(channel);
    channel.onPluginEvent((type, detail) =>
      record(new CustomEvent('crm-plugin-emit', {detail: {type, detail}}), 'host'),
    );
    const context = connection?.createContext(plugin, channel);
    if (!context) throw new Error('renderPlugin: the plugin host is not ready (no user or host).');
    if (isolation === 'frame') {
      const frame = document.createElement('crm-plugin-frame');
      frame.slot = 'panel';
      frame.tag = tag as string;
      frame.plugin = plugin;
      if (frameOptions) frame.frameOptions = frameOptions;
      frame.label = manifest.displayName.en;
      frame.context = context;
      frame.leadId = leadId;
      point.append(frame);
      return frame;
    }
    return mountPluginElement({
      pluginId,
      tag: tag as string,
      parent: point,
      slot: 'panel',
      recordId: leadId,
      context,
    });
  }

  // Every event the element dispatches itself, recorded before it travels.
  const dispatch = element.dispatchEvent.bind(element);
  element.dispatchEvent = (event: Event) => {
    record(event, 'element');
    return dispatch(event);
  };

  const update = async (): Promise<void> => {
    const deadline = performance.now() + timeout;
    let quiet = 0;
    while (quiet < 2) {
      if (performance.now() > deadline) {
        throw new Error(
          `renderPlugin: <${tag}> did not settle within ${timeout} ms${open.size ? `; still open: ${[...open].join(', ')}` : ''}.`,
        );
      }
      const lit = element as HTMLElement & {updateComplete?: Promise<unknown>};
      if (lit.updateComplete) await lit.updateComplete;
      await macrotask();
      const frameLoading =
        isolation === 'frame' && element.getAttribute('state') === 'loading' && element.isConnected;
      quiet = open.size === 0 && !frameLoading ? quiet + 1 : 0;
    }
  };

  const rendered: RenderedPlugin<E> = {
    element: element as E,
    plugin,
    pluginHost,
    extensionPoint: point,
    mockHost,
    get state() {
      return mockHost.state;
    },
    worker,
    requests,
    events,
    eventsOf: (type) => events.filter((e) => e.type === type),
    update,
    cleanup,
  };
  handle.rendered = rendered as RenderedPlugin;
  live.add(handle.rendered);
  try {
    if (isolation === 'frame') await frameReady(element, timeout);
    await update();
  } catch (error) {
    cleanup();
    throw error;
  }
  return rendered;
}
