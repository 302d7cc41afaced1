import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import type {ManifestIssue} from '@crmkit/sdk';
import type * as Rollup from 'rollup';
import type {RollupOptions, RollupWatcher, RollupWatcherEvent} from 'rollup';
import {EXIT, type CliIo, type Command} from './cli-io.js';
import {DevReload, type DevPageHandler} from './dev-reload.js';
import {runPack, type PackFailure, type PackRefusal, type PackSummary} from './pack-command.js';
import {displayPath, formatIssue} from './validate-command.js';

const usage = `Usage: crmkit dev [plugin dir] [--port <n>] [--trusted] [--user <token>] [--lead <id>]

Runs the reference CRM (@crmkit/dev-host: SQLite in memory, the demo data) with the plugin in
[plugin dir] (default: the working folder) installed exactly as an upload: after each build of its
rollup.config.mjs (rebuilt on every change) it is packed as crmkit pack packs it, uploaded as a new
prerelease version (<version>-dev.<n>) by the demo admin anna, enabled and switched to. Open pages
reload after each build and show what the build and crmkit validate found. Ctrl+C stops.

  --port <n>      port of the CRM (default 8080; 0 picks a free one)
  --trusted       run the plugin in the page (an admin's trust); default: sandboxed in a frame
  --user <token>  the demo user of the printed link (default max)
  --lead <id>     the lead of the printed link (default L-1001)
Exit codes: 0 stopped, 1 could not start (no dev host, a taken port), 2 usage error.
`;

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

/** `crmkit dev [plugin dir] [--port <n>] [--trusted] [--user <token>] [--lead <id>]`. */
export const devCommand: Command = async (argv, io) => {
  const usageError = (message: string) => {
    io.stderr(`crmkit dev: ${message}\n\n${usage}`);
    return EXIT.usage;
  };
  let values: {port?: string; trusted?: boolean; user?: string; lead?: string; help?: boolean};
  let positionals: string[];
  try {
    ({values, positionals} = parseArgs({
      args: argv,
      options: {
        port: {type: 'string', short: 'p'},
        trusted: {type: 'boolean'},
        user: {type: 'string'},
        lead: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    return usageError(`give one plugin folder, not ${positionals.length}`);
  const portText = values.port ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    return usageError(`--port must be a whole number from 0 to 65535 (got "${portText}")`);
  const given = positionals[0] ?? '.';
  const target = resolve(io.cwd, given);
  const pluginDir = existsSync(target) && statSync(target).isDirectory() ? target : dirname(target);
  const manifestFile = join(pluginDir, 'plugin.json');
  if (!existsSync(manifestFile)) return usageError(`there is no plugin.json in ${given}`);
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
    io.stderr(
      `crmkit dev needs the reference CRM, @crmkit/dev-host, which could not be loaded: ${(error as Error).message}\n` +
        'It is part of the crmkit repository (not yet published): in a checkout, run the CLI from ' +
        'its sources, `npm run crmkit -- dev <plugin dir>` at the repository root.\n',
    );
    return EXIT.findings;
  }
  try {
    rollup = await import('rollup');
  } catch (error) {
    io.stderr(
      `crmkit dev builds with rollup, which could not be loaded: ${(error as Error).message}\n` +
        'Install it in the plugin project: npm install --save-dev rollup\n',
    );
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
      `crmkit dev: the CRM could not start: ${message}\n${/EADDRINUSE/.test(message) ? `Port ${port} is taken: pass --port <another> (0 picks a free one).\n` : ''}`,
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
      await runPack(['--json', '--out', out, pluginDir], packIo, {version, ignoreIntegrity: true});
      const summary = JSON.parse(packIo.out) as PackSummary | PackRefusal | PackFailure;
      const issues: ManifestIssue[] = summary.issues;
      for (const issue of issues) log(formatIssue(issue));
      if (!summary.ok) {
        const reason =
          'error' in summary
            ? summary.error
            : `${shown(manifestFile)}: not packed (${issues.filter((i) => i.severity === 'error').length} errors)`;
        log(`✗ ${reason}; the running version stays`);
        reload.publish({...reload.state, issues, installError: reason, buildError: null});
        return;
      }
      const bytes = readFileSync(summary.file);
      const uploaded = await api('/api/admin/plugins', {
        method: 'POST',
        headers: {'content-type': 'application/gzip'},
        body: bytes,
      });
      if (!uploaded.ok) throw new Error(`the upload was refused: ${await problemText(uploaded)}`);
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
      if (!switched.ok) throw new Error(`enabling was refused: ${await problemText(switched)}`);
      builds += 1;
      log(
        `✓ installed ${upload.id} ${upload.version} (${trusted ? 'trusted, in the page' : 'sandboxed'}; ${upload.permissions.join(', ') || 'no permissions'}): reloading open pages`,
      );
      reload.publish({
        pluginId: upload.id,
        version: upload.version,
        issues,
        buildError: null,
        installError: null,
      });
    } catch (error) {
      const reason = (error as Error).message;
      log(`✗ ${reason}`);
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
    io.stderr(`crmkit dev: the build config could not be loaded: ${(error as Error).message}\n`);
    reload.close();
    await host.close();
    return EXIT.findings;
  }

  log(
    `\ncrmkit dev: ${shown(pluginDir)} on ${host.url}\n` +
      `  open ${host.url}/leads/${encodeURIComponent(lead)}?as=${encodeURIComponent(user)}\n` +
      `  every build is installed as ${trusted ? 'trusted (in the page)' : 'sandboxed (in a frame)'} by ${ADMIN_TOKEN}; Ctrl+C stops\n`,
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
      log(`✗ build failed: ${message}`);
      reload.publish({...reload.state, buildError: message, installError: null});
    }
    // A failed build installs nothing: the last good one keeps running until the next build.
    if (event.code === 'END' && !started.failed) {
      log(`built in ${Math.round(performance.now() - started.at)} ms`);
      afterBuild();
    }
  });

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`\n${signal}: stopping crmkit dev…`);
      // Whatever still holds the event loop after this much is not worth waiting for.
      setTimeout(() => process.exit(0), 5000).unref();
      await watcher.close();
      await installing;
      reload.close();
      await host.close();
      log('stopped.');
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
