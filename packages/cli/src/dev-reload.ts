import type {IncomingMessage, ServerResponse} from 'node:http';
import type {ManifestIssue} from '@crmkit/sdk';

/** Where the page script of `crmkit dev` and its event stream are served (beside the host's pages). */
export const DEV_CLIENT_PATH = '/__crmkit/dev/client.js';
export const DEV_EVENTS_PATH = '/__crmkit/dev/events';

/** What `crmkit dev` tells the open pages: the plugin's state after the last build. */
export interface DevState {
  pluginId: string | null;
  /** The version the host runs now (the last build that was installed), or null before the first. */
  version: string | null;
  /** What the last pack found (warnings; errors refused the pack). */
  issues: ManifestIssue[];
  /** Why the last build failed, when it did (the previous version keeps running). */
  buildError: string | null;
  /** Why the last build could not be installed (a refused pack, or the host refused it). */
  installError: string | null;
}

/** A dev host page handler, as @crmkit/dev-host's createPageHandler returns one. */
export type DevPageHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  host: unknown,
) => Promise<boolean>;

/**
 * The open pages of a dev session: a Server-Sent Events stream each page's injected script listens
 * to (`state` after every build, with the version it should show), and the page handler that serves
 * that script and adds it to every HTML page of the dev host.
 */
export class DevReload {
  #clients = new Set<ServerResponse>();
  #state: DevState;
  #ping: ReturnType<typeof setInterval>;

  constructor(initial: DevState) {
    this.#state = initial;
    // A comment now and then keeps idle connections (and proxies) from timing the stream out.
    this.#ping = setInterval(() => {
      for (const client of this.#clients) client.write(': ping\n\n');
    }, 15_000);
    this.#ping.unref();
  }

  get state(): DevState {
    return this.#state;
  }

  /** Sets the state and sends it to every open page; a page whose version is older reloads. */
  publish(state: DevState): void {
    this.#state = state;
    const message = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
    for (const client of this.#clients) client.write(message);
  }

  /** The pages with their event streams ended (a stopping dev server must not wait for them). */
  close(): void {
    clearInterval(this.#ping);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  /** Wraps the dev host's page handler: serves the stream and the script, injects the script. */
  wrap(pages: DevPageHandler): DevPageHandler {
    return async (req, res, url, host) => {
      if (url.pathname === DEV_EVENTS_PATH) {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`retry: 500\nevent: state\ndata: ${JSON.stringify(this.#state)}\n\n`);
        this.#clients.add(res);
        req.on('close', () => this.#clients.delete(res));
        return true;
      }
      if (url.pathname === DEV_CLIENT_PATH) {
        res.writeHead(200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(DEV_CLIENT_SCRIPT);
        return true;
      }
      // The version the page is rendered for: its script reloads when the stream says another.
      const tag = `<script type="module" src="${DEV_CLIENT_PATH}?v=${encodeURIComponent(this.#state.version ?? '')}"></script>`;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        const type = String(res.getHeader('content-type') ?? '');
        if (type.startsWith('text/html') && typeof args[0] === 'string') {
          args[0] = (args[0] as string).replace('</head>', `${tag}\n</head>`);
          res.removeHeader('content-length');
        }
        return end(...args);
      }) as ServerResponse['end'];
      return pages(req, res, url, host);
    };
  }
}

/**
 * The script every dev host page gets: it listens to the stream, reloads the page when another build
 * of the plugin was installed (so the page loads it, as it loads any installed plugin), and shows what
 * the last build and pack found in a panel at the bottom (in the page's language; errors as an alert).
 * Plain DOM in a shadow root of its own, styled by an adopted sheet (no inline style for a CSP).
 */
export const DEV_CLIENT_SCRIPT = `// crmkit dev: reloads this page after each build of the plugin and shows what the build found.
const shown = new URL(import.meta.url).searchParams.get('v') || null;
const de = /^de/i.test(document.documentElement.lang);
const t = de
  ? {build: 'Build fehlgeschlagen; die vorige Version läuft weiter', install: 'Nicht installiert', findings: 'Befunde von crmkit validate', dismiss: 'Ausblenden', running: 'läuft'}
  : {build: 'Build failed; the previous version keeps running', install: 'Not installed', findings: 'Findings of crmkit validate', dismiss: 'Dismiss', running: 'running'};
const host = document.createElement('div');
host.id = 'crmkit-dev';
const root = host.attachShadow({mode: 'open'});
const sheet = new CSSStyleSheet();
sheet.replaceSync(\`
  :host { position: fixed; inset: auto 0 0 0; z-index: 2147483647; font: 13px/1.4 system-ui, sans-serif; }
  section { margin: 0.5rem; padding: 0.5rem 0.75rem; border-radius: 0.375rem; background: #202124; color: #f1f3f4; box-shadow: 0 2px 8px rgb(0 0 0 / 30%); max-height: 40vh; overflow: auto; }
  h2 { font-size: 13px; margin: 0 0 0.25rem; }
  pre { white-space: pre-wrap; margin: 0; font: 12px/1.4 ui-monospace, monospace; }
  li.error { color: #f6aea9; } li.warning { color: #fdd663; }
  button { float: right; font: inherit; }
\`);
root.adoptedStyleSheets = [sheet];
let dismissed = '';
function render(state) {
  root.replaceChildren();
  const key = JSON.stringify([state.buildError, state.installError, state.issues]);
  const errors = state.buildError || state.installError || state.issues.some((i) => i.severity === 'error');
  if ((!state.buildError && !state.installError && state.issues.length === 0) || key === dismissed) {
    host.remove();
    return;
  }
  const section = document.createElement('section');
  section.setAttribute('role', errors ? 'alert' : 'status');
  section.setAttribute('aria-label', 'crmkit dev');
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = t.dismiss;
  close.addEventListener('click', () => { dismissed = key; host.remove(); });
  section.append(close);
  const heading = (text) => { const h = document.createElement('h2'); h.textContent = text; section.append(h); };
  if (state.buildError) { heading(t.build); const pre = document.createElement('pre'); pre.textContent = state.buildError; section.append(pre); }
  if (state.installError) { heading(t.install); const pre = document.createElement('pre'); pre.textContent = state.installError; section.append(pre); }
  if (state.issues.length) {
    heading(t.findings);
    const list = document.createElement('ul');
    for (const i of state.issues) {
      const li = document.createElement('li');
      li.className = i.severity;
      li.textContent = i.file + ':' + i.line + ':' + i.column + ': ' + i.severity + ' ' + i.code + ': ' + i.message + (i.hint ? ' (' + i.hint + ')' : '');
      list.append(li);
    }
    section.append(list);
  }
  root.append(section);
  if (!host.isConnected) document.body.append(host);
}
const events = new EventSource(${JSON.stringify(DEV_EVENTS_PATH)});
events.addEventListener('state', (event) => {
  const state = JSON.parse(event.data);
  if (state.version && state.version !== shown) {
    events.close();
    location.reload();
    return;
  }
  render(state);
});
`;
