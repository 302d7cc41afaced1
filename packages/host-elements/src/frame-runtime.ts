// The frame runtime: the one script a sandboxed plugin's frame starts with (see <crm-plugin-frame>).
// It takes the MessagePort its host element sends (only from `window.parent`, only the first), loads
// the plugin with the sdk's own loader (the stored manifest validated again, the entry fetched from
// the plugin's folder, its bytes checked against the manifest's integrity, then imported as a blob),
// mounts the element with a proxy PluginContext whose calls go over the port, and reports its size,
// its events and an unhandled Escape back. Everything here runs with the plugin's own code in the
// same realm, so none of it is a security boundary: the host element checks every message.
import {PluginLoadError, createBridgedContext, loadPlugin, reviveContextError} from '@crmkit/sdk';
import type {ContextBridgeTransport, PluginContextSnapshot} from '@crmkit/sdk';
import {mountPluginElement} from './mount-plugin-element.js';
import {PLUGIN_CLOSE_EVENTS, isPluginCloseEvent} from './plugin-close-events.js';
import {PluginMountError} from './plugin-mount-error.js';
import {
  FRAME_FORWARDED_EVENTS,
  FRAME_PROTOCOL,
  eventFields,
  jsonCopy,
  rebuildEvent,
} from './plugin-frame/frame-protocol.js';
import type {
  FrameFailure,
  FrameInit,
  FrameTheme,
  FrameToHostMessage,
} from './plugin-frame/frame-protocol.js';

type PluginElement = HTMLElement & {leadId?: string; context?: unknown};

const parentWindow = window.parent;

/** The base styles of the frame document: no margins, and the body holds its children's margins. */
const baseSheet = new CSSStyleSheet();
baseSheet.replaceSync(
  'html,body{margin:0;padding:0;background:transparent}body{display:flow-root}',
);
/** The copied theme, on :root (a constructed sheet: the frame's CSP allows no inline styles). */
const themeSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [baseSheet, themeSheet];

const cssValue = (value: string) => value.replace(/[;{}<>]/g, '');

function applyTheme(theme: FrameTheme | undefined): void {
  if (!theme || typeof theme !== 'object') return;
  const declarations = Object.entries(theme.properties ?? {})
    .filter(([name]) => /^--crm-[\w-]+$/.test(name))
    .map(([name, value]) => `${name}:${cssValue(String(value))}`);
  for (const [property, value] of [
    ['color-scheme', theme.colorScheme],
    ['color', theme.color],
    ['font-family', theme.fontFamily],
    ['font-size', theme.fontSize],
    ['line-height', theme.lineHeight],
  ] as const) {
    if (typeof value === 'string' && value) declarations.push(`${property}:${cssValue(value)}`);
  }
  themeSheet.replaceSync(`:root{${declarations.join(';')}}`);
  document.documentElement.dataset.crmColorScheme = theme.dark ? 'dark' : 'light';
}

/** Imports the entry: the verified bytes as a blob; without an integrity, the fetched bytes so too. */
async function importEntry(url: string): Promise<unknown> {
  if (url.startsWith('blob:')) return import(/* @vite-ignore */ url);
  // The frame's CSP lets scripts come only from the host's assets and blobs, never the plugin folder.
  const response = await fetch(url);
  if (!response.ok) throw new TypeError(`HTTP ${response.status} for ${url}`);
  const blob = new Blob([await response.arrayBuffer()], {type: 'text/javascript'});
  const blobUrl = URL.createObjectURL(blob);
  try {
    return await import(/* @vite-ignore */ blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

function failureOf(error: unknown): FrameFailure {
  if (error instanceof PluginLoadError) {
    return {code: 'entry-load-failed', message: error.message, loadCode: error.code};
  }
  if (error instanceof PluginMountError) return {code: error.code, message: error.message};
  return {code: 'entry-load-failed', message: error instanceof Error ? error.message : `${error}`};
}

async function run(port: MessagePort, init: FrameInit): Promise<void> {
  const post = (message: FrameToHostMessage) => port.postMessage(message);
  const pending = new Map<number, {resolve(value: unknown): void; reject(error: Error): void}>();
  const listeners = new Map<string, Set<(detail: unknown) => void>>();
  let nextId = 1;
  let element: PluginElement | undefined;

  const transport: ContextBridgeTransport = {
    call(method, args, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {resolve, reject});
        try {
          post({type: 'call', id, method, args});
        } catch (error) {
          pending.delete(id);
          reject(error instanceof Error ? error : new TypeError(String(error)));
          return;
        }
        signal?.addEventListener(
          'abort',
          () => {
            if (!pending.delete(id)) return;
            post({type: 'abort', id});
            reject(signal.reason);
          },
          {once: true},
        );
      });
    },
    send(method, args) {
      transport.call(method, args).catch((error) => {
        console.warn(`context.${method}() was refused by the host:`, error);
      });
    },
    listen(type, listener) {
      let set = listeners.get(type);
      if (!set) {
        listeners.set(type, (set = new Set()));
        transport.send('on', [type]);
      }
      const own = (detail: unknown) => listener(detail);
      set.add(own);
      return () => void set.delete(own);
    },
  };
  const contextOf = (snapshot: PluginContextSnapshot) => createBridgedContext(snapshot, transport);

  port.onmessage = ({data}) => {
    if (!data || typeof data !== 'object') return;
    switch (data.type) {
      case 'result':
      case 'error': {
        const call = pending.get(data.id);
        if (!call) return;
        pending.delete(data.id);
        if (data.type === 'result') call.resolve(data.value);
        else call.reject(reviveContextError(data.error));
        return;
      }
      case 'context':
        document.documentElement.lang = data.context.locale;
        if (element) element.context = contextOf(data.context);
        return;
      case 'record':
        if (!element) return;
        if (data.leadId === undefined) element.removeAttribute('lead-id');
        else element.setAttribute('lead-id', data.leadId);
        element.leadId = data.leadId;
        return;
      case 'theme':
        applyTheme(data.theme);
        return;
      case 'event':
        for (const listener of [...(listeners.get(data.eventType) ?? [])]) {
          try {
            listener(data.detail);
          } catch (error) {
            reportError(error);
          }
        }
        return;
      case 'page-event':
        document.dispatchEvent(rebuildEvent(data.eventType, data.detail, data.fields ?? {}));
        return;
    }
  };

  applyTheme(init.theme);
  document.documentElement.lang = init.context.locale;
  try {
    await loadPlugin(init.manifest, {baseUrl: init.baseUrl, importModule: importEntry});
    element = mountPluginElement({
      pluginId: init.pluginId,
      tag: init.tag,
      parent: document.body,
      slot: '',
      recordId: init.leadId,
      context: contextOf(init.context),
    }) as PluginElement;
  } catch (error) {
    post({type: 'failed', error: failureOf(error)});
    return;
  }
  element.removeAttribute('slot');

  // The events that cross to the page: the result and the close events, as the extension point
  // listens for them on a plugin element in the page (any `*-cancel` through dispatchEvent).
  const forward = (event: Event) =>
    post({
      type: 'dom-event',
      eventType: event.type,
      detail: jsonCopy((event as CustomEvent).detail),
      fields: eventFields(event),
    });
  const listened = [...FRAME_FORWARDED_EVENTS, ...PLUGIN_CLOSE_EVENTS.types];
  for (const type of listened) element.addEventListener(type, forward);
  const dispatch = element.dispatchEvent;
  element.dispatchEvent = function (this: HTMLElement, event: Event): boolean {
    const result = dispatch.call(this, event);
    if (isPluginCloseEvent(event.type) && !listened.includes(event.type)) forward(event);
    return result;
  };

  // The frame has no `allow-forms`, and there a form never submits: not even its `submit` event is
  // fired, which is all a plugin's form (reject-lead's) listens for. So activating a submit button
  // (a click, Enter or Space on it, or Enter in a field, which clicks the default button) fires that
  // event here, after constraint validation, as a form in the page would. Nothing is ever sent or
  // navigated: the sandbox and `form-action 'none'` still forbid that.
  addEventListener('click', (event) => {
    if (event.defaultPrevented) return;
    const submitter = event.composedPath()[0];
    if (!(submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement)) return;
    const isSubmit =
      submitter.type === 'submit' ||
      (submitter instanceof HTMLInputElement && submitter.type === 'image');
    const form = submitter.form;
    if (!isSubmit || !form || submitter.disabled) return;
    if (!form.noValidate && !submitter.formNoValidate && !form.reportValidity()) return;
    form.dispatchEvent(new SubmitEvent('submit', {bubbles: true, cancelable: true, submitter}));
    // The platform's own attempt would only be blocked (and logged as such).
    event.preventDefault();
  });

  // Escape closes the dialog as it does in the page, unless the plugin handled the key itself. The
  // host hears of it after the keyup, in a task of its own (and closes a moment later, see
  // CLOSE_DELAY_MS in crm-plugin-frame): the browser must have finished delivering the key here
  // before this frame is removed.
  let escapeDown = false;
  addEventListener('keydown', (event) => {
    if (event.key === 'Escape') escapeDown = !event.defaultPrevented;
  });
  addEventListener('keyup', (event) => {
    if (event.key !== 'Escape' || !escapeDown) return;
    escapeDown = false;
    if (!event.defaultPrevented) setTimeout(() => post({type: 'escape'}), 0);
  });

  // The frame is as tall as its content. A ResizeObserver follows layout changes; a slow poll as
  // well, since a page in the background gets no rendering updates (and so no observations).
  let height = -1;
  const report = () => {
    const next = Math.ceil(document.body.getBoundingClientRect().height);
    if (next === height) return;
    height = next;
    post({type: 'size', height});
  };
  new ResizeObserver(report).observe(document.body);
  setInterval(report, 250);
  report();
  post({type: 'mounted'});
}

if (parentWindow !== window) {
  let connected = false;
  const onConnect = (event: MessageEvent) => {
    if (connected || event.source !== parentWindow) return;
    const data = event.data as {crmkit?: unknown; protocol?: unknown; init?: FrameInit} | null;
    if (data?.crmkit !== 'frame-connect' || data.protocol !== FRAME_PROTOCOL || !data.init) return;
    const [port] = event.ports;
    if (!port || event.ports.length !== 1) return;
    connected = true;
    removeEventListener('message', onConnect);
    void run(port, data.init);
  };
  addEventListener('message', onConnect);
  parentWindow.postMessage({crmkit: 'frame-ready', protocol: FRAME_PROTOCOL}, '*');
}
