import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import type {ManifestIssue} from '@crmkit/sdk';
import type * as Rollup from 'rollup';
import type {RollupOptions, RollupWatcher, RollupWatcherEvent} from 'rollup';
import {EXIT, type CliIo, type Command} from './cli-io.js';
import type {Lang} from './cli-text.js';
import {DevReload, type DevPageHandler} from './dev-reload.js';
import {runPack, type PackFailure, type PackRefusal, type PackSummary} from './pack-command.js';
import {parseCommandLine} from './parse-command-line.js';
import {displayPath, formatIssue} from './validate-command.js';

const en = {
  usage: `Usage: crmkit dev [plugin dir] [--port <n>] [--trusted] [--user <token>] [--lead <id>] [--lang en|de]

Runs the reference CRM (@crmkit/dev-host: SQLite in memory, the demo data) with the plugin in
[plugin dir] (default: the working folder) installed exactly as an upload: after each build of its
rollup.config.mjs (rebuilt on every change) it is packed as crmkit pack packs it, uploaded as a new
prerelease version (<version>-dev.<n>) by the demo admin anna, enabled and switched to. Open pages
reload after each build and show what the build and crmkit validate found. Ctrl+C stops.

  --port, -p <n>  port of the CRM (default 8080; 0 picks a free one)
  --trusted       run the plugin in the page (an admin's trust); default: sandboxed in a frame
  --user <token>  the demo user of the printed link (default max)
  --lead <id>     the lead of the printed link (default L-1001)
  --lang en|de    language of the messages in the terminal (default: German when LC_ALL/LANG says
                  so, else English); the pages show theirs in the page's language
Exit codes: 0 stopped, 1 could not start (no dev host, a taken port), 2 usage error.
`,
  tooManyFolders: (n: number) => `give one plugin folder, not ${n}`,
  badPort: (value: string) =>
    `--port must be a whole number from 0 to 65535 (got "${value}"), e.g. --port 8080 (0 picks a free one)`,
  noManifest: (given: string) =>
    `there is no plugin.json in ${given}; give the plugin folder (crmkit create <dir> makes one)`,
  noDevHost: (reason: string) =>
    `crmkit dev needs the reference CRM, @crmkit/dev-host, which could not be loaded: ${reason}\n` +
    'It is part of the crmkit repository (not yet published): in a checkout, run the CLI from ' +
    'its sources, `npm run crmkit -- dev <plugin dir>` at the repository root.',
  noRollup: (reason: string) =>
    `crmkit dev builds with rollup, which could not be loaded: ${reason}\n` +
    'Install it in the plugin project: npm install --save-dev rollup',
  cannotStart: (reason: string) => `crmkit dev: the CRM could not start: ${reason}`,
  portTaken: (port: number) => `Port ${port} is taken: pass --port <another> (0 picks a free one).`,
  noConfig: (reason: string) => `crmkit dev: the build config could not be loaded: ${reason}`,
  started: (dir: string, url: string, page: string, trusted: boolean, admin: string) =>
    `\ncrmkit dev: ${dir} on ${url}\n` +
    `  open ${page}\n` +
    `  every build is installed as ${trusted ? 'trusted (in the page)' : 'sandboxed (in a frame)'} by ${admin}; Ctrl+C stops\n`,
  notPacked: (file: string, errors: number) => `${file}: not packed (${errors} errors)`,
  runningStays: (reason: string) => `✗ ${reason}; the running version stays`,
  uploadRefused: (problem: string) => `the upload was refused: ${problem}`,
  enableRefused: (problem: string) => `enabling was refused: ${problem}`,
  installed: (id: string, version: string, trusted: boolean, permissions: string[]) =>
    `✓ installed ${id} ${version} (${trusted ? 'trusted, in the page' : 'sandboxed'}; ${permissions.join(', ') || 'no permissions'}): reloading open pages`,
  installFailed: (reason: string) => `✗ ${reason}`,
  buildFailed: (message: string) => `✗ build failed: ${message}`,
  built: (ms: number) => `built in ${ms} ms`,
  stopping: (signal: string) => `\n${signal}: stopping crmkit dev…`,
  stopped: 'stopped.',
};

/** The texts of one language. */
export type DevText = typeof en;

const de: DevText = {
  usage: `Aufruf: crmkit dev [Plugin-Ordner] [--port <n>] [--trusted] [--user <Token>] [--lead <ID>] [--lang en|de]

Startet das Referenz-CRM (@crmkit/dev-host: SQLite im Speicher, die Demodaten) mit dem Plugin aus
[Plugin-Ordner] (Standard: der Arbeitsordner), installiert genau wie ein Upload: nach jedem Build
seiner rollup.config.mjs (bei jeder Änderung neu gebaut) wird es gepackt, wie crmkit pack packt, von
der Demo-Administratorin anna als neue Vorabversion (<Version>-dev.<n>) hochgeladen, aktiviert und
eingeschaltet. Offene Seiten laden nach jedem Build neu und zeigen, was der Build und crmkit validate
gefunden haben. Strg+C beendet.

  --port, -p <n>  Port des CRM (Standard 8080; 0 wählt einen freien)
  --trusted       das Plugin in der Seite ausführen (das Vertrauen eines Administrators); Standard:
                  abgeschottet in einem Frame
  --user <Token>  der Demo-Benutzer des ausgegebenen Links (Standard max)
  --lead <ID>     der Lead des ausgegebenen Links (Standard L-1001)
  --lang en|de    Sprache der Meldungen im Terminal (Standard: Deutsch, wenn LC_ALL/LANG es sagt,
                  sonst Englisch); die Seiten zeigen ihre in der Sprache der Seite
Exit-Codes: 0 beendet, 1 Start nicht möglich (kein Dev-Host, ein belegter Port), 2 Aufruffehler.
`,
  tooManyFolders: (n: number) => `geben Sie einen Plugin-Ordner an, nicht ${n}`,
  badPort: (value: string) =>
    `--port muss eine ganze Zahl von 0 bis 65535 sein (angegeben: „${value}“), z. B. --port 8080 (0 wählt einen freien)`,
  noManifest: (given: string) =>
    `in ${given} gibt es keine plugin.json; geben Sie den Plugin-Ordner an (crmkit create <Ordner> legt einen an)`,
  noDevHost: (reason: string) =>
    `crmkit dev braucht das Referenz-CRM @crmkit/dev-host, das nicht geladen werden konnte: ${reason}\n` +
    'Es ist Teil des crmkit-Repositorys (noch nicht veröffentlicht): starten Sie die CLI in einem ' +
    'Checkout aus ihren Quellen, mit `npm run crmkit -- dev <Plugin-Ordner>` im Wurzelordner des Repositorys.',
  noRollup: (reason: string) =>
    `crmkit dev baut mit rollup, das nicht geladen werden konnte: ${reason}\n` +
    'Installieren Sie es im Plugin-Projekt: npm install --save-dev rollup',
  cannotStart: (reason: string) => `crmkit dev: das CRM konnte nicht starten: ${reason}`,
  portTaken: (port: number) =>
    `Port ${port} ist belegt: geben Sie --port <einen anderen> an (0 wählt einen freien).`,
  noConfig: (reason: string) =>
    `crmkit dev: die Build-Konfiguration konnte nicht geladen werden: ${reason}`,
  started: (dir: string, url: string, page: string, trusted: boolean, admin: string) =>
    `\ncrmkit dev: ${dir} auf ${url}\n` +
    `  öffnen Sie ${page}\n` +
    `  jeder Build wird ${trusted ? 'vertrauenswürdig (in der Seite)' : 'abgeschottet (in einem Frame)'} von ${admin} installiert; Strg+C beendet\n`,
  notPacked: (file: string, errors: number) => `${file}: nicht gepackt (${errors} Fehler)`,
  runningStays: (reason: string) => `✗ ${reason}; die laufende Version bleibt`,
  uploadRefused: (problem: string) => `der Upload wurde abgelehnt: ${problem}`,
  enableRefused: (problem: string) => `das Aktivieren wurde abgelehnt: ${problem}`,
  installed: (id: string, version: string, trusted: boolean, permissions: string[]) =>
    `✓ ${id} ${version} installiert (${trusted ? 'vertrauenswürdig, in der Seite' : 'abgeschottet'}; ${permissions.join(', ') || 'keine Berechtigungen'}): offene Seiten laden neu`,
  installFailed: (reason: string) => `✗ ${reason}`,
  buildFailed: (message: string) => `✗ Build fehlgeschlagen: ${message}`,
  built: (ms: number) => `gebaut in ${ms} ms`,
  stopping: (signal: string) => `\n${signal}: crmkit dev wird beendet…`,
  stopped: 'beendet.',
};

/**
 * Everything `crmkit dev` prints in the terminal, in English and German: usage, usage errors, why it
 * could not start, and each build's progress. Codes, versions, ids and URLs are never translated; the
 * lines of the dev host's own page build and the host's problem documents come as they are.
 */
export const DEV_TEXT: Record<Lang, DevText> = {en, de};

/** Loaded only when `crmkit dev` runs, by a name the build does not follow: nothing of the CLI
 * depends on the dev host (a private package of this repository) at build time. */
const DEV_HOST = '@crmkit/dev-host';

/** What `crmkit dev` uses of @crmkit/dev-host and @crmkit/dev-host/pages. */
interface DevHostModule {
  startDevHost(options: {
    port?: number;
    host?: string;
    db?: string;
    pages?: DevPageHandler;
    log?: (line: string) => void;
  }): Promise<{url: string; port: number; close(): Promise<void>}>;
}
interface DevHostPagesModule {
  buildPages(options?: {log?: (line: string) => void}): Promise<{
    outDir: string;
    importMap: Record<string, string>;
  }>;
  createPageHandler(build: {outDir: string; importMap: Record<string, string>}): DevPageHandler;
}

/** The demo admin (plugins.manage) whose token installs each build. */
const ADMIN_TOKEN = 'anna';

/** `0.1.0` → `0.1.0-dev.3`; a prerelease keeps its identifiers: `1.0.0-beta.1` → `1.0.0-beta.1.dev.3`. */
export function devVersion(version: string, build: number): string {
  const base = version.split('+')[0] ?? version;
  return `${base}${base.includes('-') ? '.' : '-'}dev.${build}`;
}

/** A host answer as text: its problem's title, code and field errors, else the status. */
async function problemText(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as {
      title?: string;
      detail?: string;
      code?: string;
      errors?: Array<{field: string; message: string}>;
    };
    return [
      `${response.status} ${problem.title ?? ''}${problem.code ? ` (${problem.code})` : ''}`,
      problem.detail,
      ...(problem.errors ?? []).map((e) => `- ${e.field || '/'}: ${e.message}`),
    ]
      .filter(Boolean)
      .join('\n');
  } catch {
    return `${response.status} ${text.slice(0, 200)}`;
  }
}

/** A CliIo that keeps what the pack command writes (its --json summary). */
function capturing(cwd: string): CliIo & {out: string} {
  const io = {
    out: '',
    cwd,
    isTTY: false,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.out += text),
  };
  return io;
}

/** `crmkit dev [plugin dir] [--port <n>] [--trusted] [--user <token>] [--lead <id>] [--lang en|de]`. */
export const devCommand: Command = async (argv, io) => {
  const line = parseCommandLine(argv, io, {
    name: 'dev',
    options: {
      port: {type: 'string', short: 'p', value: '<n>', example: '8080'},
      trusted: {type: 'boolean'},
      user: {type: 'string', value: '<token>', example: 'max'},
      lead: {type: 'string', value: '<id>', example: 'L-1001'},
    },
    usage: (lang) => DEV_TEXT[lang].usage,
  });
  if (typeof line === 'number') return line;
  const {values, positionals, lang, usageError} = line;
  const t = DEV_TEXT[lang];
  if (positionals.length > 1) return usageError(t.tooManyFolders(positionals.length));
  const portText = values.port ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return usageError(t.badPort(portText));
  const given = positionals[0] ?? '.';
  const target = resolve(io.cwd, given);
  const pluginDir = existsSync(target) && statSync(target).isDirectory() ? target : dirname(target);
  const manifestFile = join(pluginDir, 'plugin.json');
  if (!existsSync(manifestFile)) return usageError(t.noManifest(given));
  const trusted = values.trusted === true;
  const user = values.user ?? 'max';
  const lead = values.lead ?? 'L-1001';
  const shown = (path: string) => displayPath(io.cwd, path);

  // The dev host and rollup, loaded now: a CLI installed for `crmkit install` needs neither.
  let devHost: DevHostModule;
  let devPages: DevHostPagesModule;
  let rollup: typeof Rollup;
  try {
    devHost = (await import(DEV_HOST)) as DevHostModule;
    devPages = (await import(`${DEV_HOST}/pages`)) as DevHostPagesModule;
  } catch (error) {
    io.stderr(`${t.noDevHost((error as Error).message)}\n`);
    return EXIT.findings;
  }
  try {
    rollup = await import('rollup');
  } catch (error) {
    io.stderr(`${t.noRollup((error as Error).message)}\n`);
    return EXIT.findings;
  }

  const log = (line: string) => io.stdout(`${line}\n`);
  const reload = new DevReload({
    pluginId: null,
    version: null,
    issues: [],
    buildError: null,
    installError: null,
  });
  let host: Awaited<ReturnType<DevHostModule['startDevHost']>>;
  try {
    const pages = await devPages.buildPages({log: (line) => log(`  ${line}`)});
    host = await devHost.startDevHost({
      port,
      db: ':memory:',
      pages: reload.wrap(devPages.createPageHandler(pages)),
      log: (line) => {
        if (line.startsWith('error:') || line.startsWith('contract:')) io.stderr(`${line}\n`);
      },
    });
  } catch (error) {
    reload.close();
    const message = (error as Error).message;
    io.stderr(
      `${t.cannotStart(message)}\n${/EADDRINUSE/.test(message) ? `${t.portTaken(port)}\n` : ''}`,
    );
    return EXIT.findings;
  }

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${host.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        accept: 'application/json, application/problem+json',
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  let builds = 0;
  /** Packs the working folder as a new prerelease, uploads it, enables and switches to it. */
  const install = async (): Promise<void> => {
    let base = '0.0.0';
    try {
      const version = (JSON.parse(readFileSync(manifestFile, 'utf8')) as {version?: unknown})
        .version;
      if (typeof version === 'string') base = version;
    } catch {
      // Not JSON: the pack below reports it where it is.
    }
    const version = devVersion(base, builds + 1);
    const out = mkdtempSync(join(tmpdir(), 'crmkit-dev-'));
    const packIo = capturing(io.cwd);
    try {
      await runPack(['--json', '--out', out, '--lang', lang, pluginDir], packIo, {
        version,
        ignoreIntegrity: true,
      });
      const summary = JSON.parse(packIo.out) as PackSummary | PackRefusal | PackFailure;
      const issues: ManifestIssue[] = summary.issues;
      for (const issue of issues) log(formatIssue(issue));
      if (!summary.ok) {
        const reason =
          'error' in summary
            ? summary.error
            : t.notPacked(shown(manifestFile), issues.filter((i) => i.severity === 'error').length);
        log(t.runningStays(reason));
        reload.publish({...reload.state, issues, installError: reason, buildError: null});
        return;
      }
      const bytes = readFileSync(summary.file);
      const uploaded = await api('/api/admin/plugins', {
        method: 'POST',
        headers: {'content-type': 'application/gzip'},
        body: bytes,
      });
      if (!uploaded.ok) throw new Error(t.uploadRefused(await problemText(uploaded)));
      const upload = (await uploaded.json()) as {
        id: string;
        version: string;
        permissions: string[];
      };
      // The developer's consent, as an admin gives it: enable, accept this build's permissions,
      // and trust it only when asked.
      const switched = await api(`/api/admin/plugins/${encodeURIComponent(upload.id)}`, {
        method: 'PUT',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({
          enabled: true,
          version: upload.version,
          trusted,
          acceptPermissions: upload.permissions,
        }),
      });
      if (!switched.ok) throw new Error(t.enableRefused(await problemText(switched)));
      builds += 1;
      log(t.installed(upload.id, upload.version, trusted, upload.permissions));
      reload.publish({
        pluginId: upload.id,
        version: upload.version,
        issues,
        buildError: null,
        installError: null,
      });
    } catch (error) {
      const reason = (error as Error).message;
      log(t.installFailed(reason));
      reload.publish({...reload.state, installError: reason, buildError: null});
    } finally {
      rmSync(out, {recursive: true, force: true});
    }
  };

  // One install at a time, the latest build last: a build that ends while one installs queues one more.
  let installing: Promise<void> | undefined;
  let again = false;
  const afterBuild = () => {
    if (installing) {
      again = true;
      return;
    }
    installing = install().finally(() => {
      installing = undefined;
      if (again) {
        again = false;
        afterBuild();
      }
    });
  };

  const configFile = join(pluginDir, 'rollup.config.mjs');
  let options: RollupOptions[];
  try {
    if (existsSync(configFile)) {
      const {loadConfigFile} = await import('rollup/loadConfigFile');
      options = (await loadConfigFile(configFile, {})).options;
    } else {
      // No config of its own: the one `crmkit create` writes.
      const helper = (await import(new URL('../build/rollup.mjs', import.meta.url).href)) as {
        crmkitPlugin(options: {dir: string}): RollupOptions;
      };
      options = [helper.crmkitPlugin({dir: pluginDir})];
    }
  } catch (error) {
    io.stderr(`${t.noConfig((error as Error).message)}\n`);
    reload.close();
    await host.close();
    return EXIT.findings;
  }

  log(
    t.started(
      shown(pluginDir),
      host.url,
      `${host.url}/leads/${encodeURIComponent(lead)}?as=${encodeURIComponent(user)}`,
      trusted,
      ADMIN_TOKEN,
    ),
  );
  const started = {at: 0, failed: false};
  const watcher: RollupWatcher = rollup.watch(
    options.map((o) => ({...o, watch: {...(o.watch || {}), clearScreen: false}})),
  );
  watcher.on('event', (event: RollupWatcherEvent) => {
    if (event.code === 'START') Object.assign(started, {at: performance.now(), failed: false});
    if (event.code === 'BUNDLE_END') void event.result.close();
    if (event.code === 'ERROR') {
      void event.result?.close();
      const error = event.error as Error & {frame?: string; loc?: {file?: string}};
      const message = [error.message, error.frame].filter(Boolean).join('\n');
      started.failed = true;
      log(t.buildFailed(message));
      reload.publish({...reload.state, buildError: message, installError: null});
    }
    // A failed build installs nothing: the last good one keeps running until the next build.
    if (event.code === 'END' && !started.failed) {
      log(t.built(Math.round(performance.now() - started.at)));
      afterBuild();
    }
  });

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(t.stopping(signal));
      // Whatever still holds the event loop after this much is not worth waiting for.
      setTimeout(() => process.exit(0), 5000).unref();
      await watcher.close();
      await installing;
      reload.close();
      await host.close();
      log(t.stopped);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolveExit(EXIT.ok);
    };
    const onInt = () => void stop('SIGINT');
    const onTerm = () => void stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
};
