import {readFileSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import {EXIT, type CliIo, type Command} from './cli-io.js';
import {UsageError} from './cli-options.js';
import {hostRequestText, type Lang} from './cli-text.js';
import {formatSize} from './format-size.js';
import {parseCommandLine} from './parse-command-line.js';
import {unexpected} from './rules/host-report.js';
import {
  connectHost,
  hostEndpoint,
  hostRequest,
  type HostAnswer,
  type HostConnection,
  type HostProblemDocument,
} from './rules/host-request.js';

export type {HostProblemDocument};

/** One stored version of a plugin, as `GET /api/admin/plugins` lists it. */
export interface InstalledPluginVersion {
  version: string;
  permissions: string[];
  integrity: string;
  size: number;
  uploadedAt: string;
}

/** An installed plugin as the host's admin API answers it (the fields this command uses). */
export interface InstalledPlugin {
  id: string;
  /** The version that runs. */
  version: string;
  enabled: boolean;
  trusted?: boolean;
  permissions: string[];
  acceptedPermissions?: string[];
  integrity: string;
  versions?: InstalledPluginVersion[];
  [member: string]: unknown;
}

/** The host's answer to a package upload (`POST /api/admin/plugins`). */
export interface PluginUpload {
  id: string;
  /** The uploaded version; the installation may run another one (`plugin.version`). */
  version: string;
  enabled: boolean;
  permissions: string[];
  integrity: string;
  size: number;
  files: Array<{path: string; size: number}>;
  plugin: InstalledPlugin;
}

/** What `crmkit install --json` prints when the package was stored (and, with --enable, enabled). */
export interface InstallSummary {
  ok: true;
  /** The upload's URL. */
  url: string;
  /** 201: stored now; 200: the host had these very bytes already. */
  status: 201 | 200;
  upload: PluginUpload;
  /** The installation as it is now (after the enable, with --enable). */
  plugin: InstalledPlugin;
}

/** What `crmkit install --json` prints when a request was refused or failed. */
export interface InstallFailure {
  ok: false;
  /** Which request: the upload, or the enable after a successful upload. */
  step: 'upload' | 'enable';
  url: string;
  /** The HTTP status; absent when no answer came (host unreachable, timeout). */
  status?: number;
  /** The host's problem document, when it sent one. */
  problem?: HostProblemDocument;
  /** Why no answer came, or what came instead of JSON. */
  error?: string;
  hint: string;
  /** The upload that succeeded before the enable failed. */
  upload?: PluginUpload;
}

const en = {
  ...hostRequestText('en', 'plugins.manage'),
  usage: `Usage: crmkit install <package.tgz> --host <url> [--token <token>] [--enable] [--json] [--lang en|de]

Uploads a plugin package (the .tgz that crmkit pack wrote) to a host CRM, which checks it and stores
it: POST <url>/api/admin/plugins, as a user whose role has the privilege plugins.manage. A new plugin
is installed disabled until an admin enables it; another version of an installed plugin is only
stored, and what runs does not change until an admin switches to it.

  --host <url>     the host CRM's base URL, e.g. http://127.0.0.1:3000
  --token <token>  an API token of a user with plugins.manage (default: the environment variable
                   CRMKIT_TOKEN; prefer it: a --token value shows in the shell history and process list)
  --enable         enable the uploaded version right away: the admin's consent to its permissions
  --json           print the host's answers as JSON
  --lang en|de     language of the messages, also asked of the host (default: German when
                   LC_ALL/LANG says so, else English)
Exit codes: 0 installed, 1 refused by the host or the host unreachable, 2 usage error.
`,
  noFile: 'give the package file (the .tgz that crmkit pack wrote)',
  tooManyFiles: (n: number) => `give one package file, not ${n}`,
  fileMissing: (file: string) => `${file} does not exist`,
  fileIsFolder: (file: string) =>
    `${file} is a folder; give the .tgz of the plugin (crmkit pack ${file} writes it)`,
  fileUnreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  installedNew: (id: string, version: string, host: string) =>
    `Installed ${id} ${version} on ${host}: a new plugin`,
  storedVersion: (id: string, version: string, host: string, running: string) =>
    `Stored ${id} ${version} on ${host}, beside the installed version ${running}`,
  alreadyStored: (id: string, version: string, host: string) =>
    `${id} ${version} was already stored on ${host} (the same bytes); nothing changed`,
  permissions: 'permissions',
  noPermissions: 'none',
  integrity: 'integrity',
  size: 'size',
  files: (n: number) => `${n} file${n === 1 ? '' : 's'}`,
  running: 'runs',
  enabledYes: 'enabled',
  enabledNo: 'disabled',
  newIsDisabled:
    'A new plugin is installed disabled until an admin enables it: on the admin page (/admin), or with crmkit install … --enable.',
  upgradeNotSwitched: (running: string) =>
    `What runs is unchanged (${running}) until an admin switches to the new version: on the admin page (/admin), or with crmkit install … --enable.`,
  enabled: (id: string, version: string, permissions: string) =>
    `Enabled ${id} ${version}, with its permissions: ${permissions}`,
  refused: (what: string, url: string) => `crmkit install: the host refused ${what} (${url})`,
  theUpload: 'the package',
  theEnable: 'to enable the plugin',
  storedNotEnabled: (id: string, version: string) =>
    `The package ${id} ${version} is stored, but the plugin was not enabled.`,
  wholePackage: '(package)',
  hint: 'hint',
  hintUnauthorized:
    'the host does not know the token (or its user is deactivated): check --token or CRMKIT_TOKEN; it must be an API token of a user of this host',
  hintForbidden: (privilege: string) =>
    `the token's user lacks the privilege ${privilege}: use the token of an admin, or let an admin grant ${privilege} to that user's role (admin page, Roles)`,
  hintNotFound:
    'no such route on that host: --host must be the crmkit host\u2019s base URL (without /api), and the host must support plugin packages',
  hintUnsupported:
    'the host does not take plugin packages in this form; it may be older than this CLI',
  hintInvalidPackage:
    'the file is not a package crmkit pack wrote, or was changed since: pack the plugin again (crmkit pack <plugin dir>) and install that .tgz',
  hintInvalidManifest:
    'fix plugin.json (crmkit validate <plugin dir> shows the same findings with line numbers), then pack and install again',
  hintVersionExists:
    'that version is stored with other bytes: raise "version" in plugin.json, pack again and install the new .tgz',
  hintPermissionsNotAccepted:
    'the new version asks for more permissions: review and accept them on the admin page (/admin), where the upgrade is offered',
  hintTooLarge:
    'the package is larger than the host accepts: leave out what the plugin does not need',
  hintOther: 'see the host\u2019s log for details',
  unreachable: (url: string, reason: string) => `crmkit install: cannot reach ${url}: ${reason}`,
  hintUnreachable:
    'check --host (scheme, name and port) and that the host CRM is running (npm start in a crmkit checkout)',
  notJson: (status: number, type: string) =>
    `the host answered ${status} with ${type || 'no content type'}, not the crmkit REST API's JSON`,
  hintNotJson: 'check that --host names a crmkit host CRM, not another server or a proxy page',
};

/** The texts of one language. */
type InstallText = typeof en;

const de: InstallText = {
  ...hostRequestText('de', 'plugins.manage'),
  usage: `Aufruf: crmkit install <Paket.tgz> --host <URL> [--token <Token>] [--enable] [--json] [--lang en|de]

Lädt ein Plugin-Paket (die .tgz, die crmkit pack geschrieben hat) auf ein Host-CRM hoch, das es prüft
und speichert: POST <URL>/api/admin/plugins, als Benutzer, dessen Rolle die Berechtigung plugins.manage
hat. Ein neues Plugin wird deaktiviert installiert, bis ein Administrator es aktiviert; eine andere
Version eines installierten Plugins wird nur gespeichert, und was läuft, ändert sich erst, wenn ein
Administrator auf sie wechselt.

  --host <URL>     die Basis-URL des Host-CRM, z. B. http://127.0.0.1:3000
  --token <Token>  ein API-Token eines Benutzers mit plugins.manage (Standard: die Umgebungsvariable
                   CRMKIT_TOKEN; besser: ein --token-Wert steht in der Shell-History und der Prozessliste)
  --enable         die hochgeladene Version sofort aktivieren: die Zustimmung des Administrators zu
                   ihren Berechtigungen
  --json           die Antworten des Hosts als JSON ausgeben
  --lang en|de     Sprache der Meldungen, auch beim Host angefragt (Standard: Deutsch, wenn
                   LC_ALL/LANG es sagt, sonst Englisch)
Exit-Codes: 0 installiert, 1 vom Host abgelehnt oder Host nicht erreichbar, 2 Aufruffehler.
`,
  noFile: 'geben Sie die Paketdatei an (die .tgz, die crmkit pack geschrieben hat)',
  tooManyFiles: (n: number) => `geben Sie eine Paketdatei an, nicht ${n}`,
  fileMissing: (file: string) => `${file} existiert nicht`,
  fileIsFolder: (file: string) =>
    `${file} ist ein Ordner; geben Sie die .tgz des Plugins an (crmkit pack ${file} schreibt sie)`,
  fileUnreadable: (file: string, reason: string) => `${file} kann nicht gelesen werden: ${reason}`,
  installedNew: (id: string, version: string, host: string) =>
    `${id} ${version} auf ${host} installiert: ein neues Plugin`,
  storedVersion: (id: string, version: string, host: string, running: string) =>
    `${id} ${version} auf ${host} gespeichert, neben der installierten Version ${running}`,
  alreadyStored: (id: string, version: string, host: string) =>
    `${id} ${version} war auf ${host} bereits gespeichert (dieselben Bytes); nichts geändert`,
  permissions: 'Berechtigungen',
  noPermissions: 'keine',
  integrity: 'Integrität',
  size: 'Größe',
  files: (n: number) => `${n} ${n === 1 ? 'Datei' : 'Dateien'}`,
  running: 'läuft',
  enabledYes: 'aktiviert',
  enabledNo: 'deaktiviert',
  newIsDisabled:
    'Ein neues Plugin wird deaktiviert installiert, bis ein Administrator es aktiviert: auf der Admin-Seite (/admin) oder mit crmkit install … --enable.',
  upgradeNotSwitched: (running: string) =>
    `Was läuft, bleibt unverändert (${running}), bis ein Administrator auf die neue Version wechselt: auf der Admin-Seite (/admin) oder mit crmkit install … --enable.`,
  enabled: (id: string, version: string, permissions: string) =>
    `${id} ${version} aktiviert, mit seinen Berechtigungen: ${permissions}`,
  refused: (what: string, url: string) => `crmkit install: der Host hat ${what} (${url})`,
  theUpload: 'das Paket abgelehnt',
  theEnable: 'das Aktivieren des Plugins abgelehnt',
  storedNotEnabled: (id: string, version: string) =>
    `Das Paket ${id} ${version} ist gespeichert, aber das Plugin wurde nicht aktiviert.`,
  wholePackage: '(Paket)',
  hint: 'Hinweis',
  hintUnauthorized:
    'der Host kennt das Token nicht (oder sein Benutzer ist deaktiviert): prüfen Sie --token oder CRMKIT_TOKEN; es muss das API-Token eines Benutzers dieses Hosts sein',
  hintForbidden: (privilege: string) =>
    `dem Benutzer des Tokens fehlt die Berechtigung ${privilege}: verwenden Sie das Token eines Administrators, oder lassen Sie einen Administrator der Rolle des Benutzers ${privilege} geben (Admin-Seite, Rollen)`,
  hintNotFound:
    'diesen Pfad gibt es auf dem Host nicht: --host muss die Basis-URL des crmkit-Hosts sein (ohne /api), und der Host muss Plugin-Pakete unterstützen',
  hintUnsupported:
    'der Host nimmt Plugin-Pakete nicht in dieser Form an; er ist vielleicht älter als diese CLI',
  hintInvalidPackage:
    'die Datei ist kein Paket von crmkit pack oder wurde seitdem verändert: packen Sie das Plugin erneut (crmkit pack <Plugin-Ordner>) und installieren Sie diese .tgz',
  hintInvalidManifest:
    'korrigieren Sie plugin.json (crmkit validate <Plugin-Ordner> zeigt dieselben Befunde mit Zeilennummern), dann erneut packen und installieren',
  hintVersionExists:
    'diese Version ist mit anderen Bytes gespeichert: erhöhen Sie "version" in plugin.json, packen Sie erneut und installieren Sie die neue .tgz',
  hintPermissionsNotAccepted:
    'die neue Version verlangt weitere Berechtigungen: prüfen und akzeptieren Sie sie auf der Admin-Seite (/admin), die das Upgrade anbietet',
  hintTooLarge:
    'das Paket ist größer, als der Host annimmt: lassen Sie weg, was das Plugin nicht braucht',
  hintOther: 'Einzelheiten stehen im Log des Hosts',
  unreachable: (url: string, reason: string) =>
    `crmkit install: ${url} ist nicht erreichbar: ${reason}`,
  hintUnreachable:
    'prüfen Sie --host (Schema, Name und Port) und ob das Host-CRM läuft (npm start in einem crmkit-Checkout)',
  notJson: (status: number, type: string) =>
    `der Host antwortete ${status} mit ${type || 'keinem Content-Type'}, nicht mit dem JSON der crmkit-REST-API`,
  hintNotJson:
    'prüfen Sie, ob --host ein crmkit-Host-CRM nennt und nicht einen anderen Server oder eine Proxy-Seite',
};

/** Everything `crmkit install` prints for people, in English and German. Codes are never translated. */
export const INSTALL_TEXT: Record<Lang, InstallText> = {en, de};

/** The hint for a refusal: what the user can do about it. */
function hintFor(
  status: number,
  problem: HostProblemDocument | undefined,
  text$: InstallText,
): string {
  switch (problem?.code) {
    case 'invalid-plugin-package':
      return text$.hintInvalidPackage;
    case 'invalid-manifest':
      return text$.hintInvalidManifest;
    case 'plugin-version-exists':
      return text$.hintVersionExists;
    case 'permissions-not-accepted':
      return text$.hintPermissionsNotAccepted;
    case 'unsupported-media-type':
      return text$.hintUnsupported;
    case 'payload-too-large':
      return text$.hintTooLarge;
  }
  if (status === 401) return text$.hintUnauthorized;
  if (status === 403) return text$.hintForbidden(problem?.privilege ?? 'plugins.manage');
  if (status === 404 || status === 405) return text$.hintNotFound;
  if (status === 413) return text$.hintTooLarge;
  if (status === 415) return text$.hintUnsupported;
  return text$.hintOther;
}

function isUpload(body: unknown): body is PluginUpload {
  const b = body as Partial<PluginUpload> | null;
  return (
    !!b &&
    typeof b.id === 'string' &&
    typeof b.version === 'string' &&
    Array.isArray(b.permissions) &&
    !!b.plugin &&
    typeof b.plugin.version === 'string'
  );
}

function isPlugin(body: unknown): body is InstalledPlugin {
  const b = body as Partial<InstalledPlugin> | null;
  return (
    !!b &&
    typeof b.id === 'string' &&
    typeof b.version === 'string' &&
    typeof b.enabled === 'boolean'
  );
}

/** `crmkit install <package.tgz> --host <url> [--token <token>] [--enable] [--json] [--lang en|de]`. */
export const installCommand: Command = async (argv, io) => {
  const line = parseCommandLine(argv, io, {
    name: 'install',
    options: {
      host: {type: 'string', value: '<url>', example: 'http://127.0.0.1:3000'},
      token: {type: 'string', value: '<token>', example: '<token>'},
      enable: {type: 'boolean'},
      json: {type: 'boolean'},
    },
    usage: (lang) => INSTALL_TEXT[lang].usage,
  });
  if (typeof line === 'number') return line;
  const {values, positionals, lang, usageError} = line;
  const text$ = INSTALL_TEXT[lang];
  if (positionals.length === 0) return usageError(text$.noFile);
  if (positionals.length > 1) return usageError(text$.tooManyFiles(positionals.length));
  // --host and the token are checked before the file; the plain-http warning waits until the file is
  // read, so that a usage error comes alone.
  const warnings: string[] = [];
  let host: HostConnection;
  try {
    host = connectHost(values, lang, text$, (line) => warnings.push(line));
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }

  const given = positionals[0] as string;
  const file = resolve(io.cwd, given);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    if (statSync(file).isDirectory()) return usageError(text$.fileIsFolder(given));
    bytes = readFileSync(file);
  } catch (error) {
    const e = error as {code?: string; message: string};
    return usageError(
      e.code === 'ENOENT' ? text$.fileMissing(given) : text$.fileUnreadable(given, e.message),
    );
  }

  for (const line of warnings) io.stderr(`${line}\n`);

  const fail = (
    step: 'upload' | 'enable',
    url: string,
    answer: HostAnswer,
    upload?: PluginUpload,
  ): number => {
    const failure: InstallFailure = {
      ok: false,
      step,
      url,
      hint: text$.hintOther,
      ...(upload ? {upload} : {}),
    };
    const lines: string[] = [];
    if (answer.kind === 'unreachable') {
      failure.error = answer.reason;
      failure.hint = text$.hintUnreachable;
      lines.push(text$.unreachable(url, answer.reason));
    } else {
      failure.status = answer.status;
      lines.push(text$.refused(step === 'upload' ? text$.theUpload : text$.theEnable, url));
      if (answer.kind === 'problem') {
        const p = answer.problem;
        failure.problem = p;
        failure.hint = hintFor(answer.status, p, text$);
        lines.push(`  ${answer.status} ${p.title ?? ''}${p.code ? ` (${p.code})` : ''}`.trimEnd());
        if (p.detail) lines.push(`  ${p.detail}`);
        for (const e of p.errors ?? [])
          lines.push(
            `  - ${e.field || text$.wholePackage}: ${e.message}${e.code ? ` [${e.code}]` : ''}`,
          );
      } else {
        const contentType = answer.kind === 'other' ? answer.contentType : 'application/json';
        failure.error = text$.notJson(answer.status, contentType);
        failure.hint =
          answer.status >= 400 ? hintFor(answer.status, undefined, text$) : text$.hintNotJson;
        lines.push(`  ${failure.error}`);
      }
    }
    if (upload) lines.push(text$.storedNotEnabled(upload.id, upload.version));
    lines.push(`${text$.hint}: ${failure.hint}`);
    if (values.json) io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
    else io.stderr(`${lines.join('\n')}\n`);
    return EXIT.findings;
  };

  const uploadUrl = hostEndpoint(host.base, 'api/admin/plugins');
  const uploaded = await hostRequest(
    uploadUrl,
    {method: 'POST', headers: {...host.headers, 'content-type': 'application/gzip'}, body: bytes},
    text$,
  );
  if (
    uploaded.kind !== 'json' ||
    (uploaded.status !== 201 && uploaded.status !== 200) ||
    !isUpload(uploaded.body)
  )
    return fail('upload', uploadUrl, unexpected(uploaded));
  const upload = uploaded.body;
  let plugin = upload.plugin;
  const status = uploaded.status as 201 | 200;

  let enabledNow = false;
  if (values.enable && !(plugin.enabled && plugin.version === upload.version)) {
    const pluginUrl = hostEndpoint(host.base, `api/admin/plugins/${encodeURIComponent(upload.id)}`);
    // An upgrade of an installed plugin is only stored; --enable means "run what I uploaded", so it
    // switches to that version too. Added permissions are never accepted on the admin's behalf here:
    // the host then refuses (permissions-not-accepted) and the admin page shows what they are.
    const changes =
      plugin.version === upload.version
        ? {enabled: true}
        : {enabled: true, version: upload.version};
    const answer = await hostRequest(
      pluginUrl,
      {
        method: 'PUT',
        headers: {...host.headers, 'content-type': 'application/json'},
        body: JSON.stringify(changes),
      },
      text$,
    );
    if (answer.kind !== 'json' || answer.status !== 200 || !isPlugin(answer.body))
      return fail('enable', pluginUrl, unexpected(answer), upload);
    plugin = answer.body;
    enabledNow = true;
  }

  if (values.json) {
    const summary: InstallSummary = {ok: true, url: uploadUrl, status, upload, plugin};
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return EXIT.ok;
  }
  printInstalled(io, text$, lang, {hostShown: host.shown, status, upload, plugin, enabledNow});
  return EXIT.ok;
};

function printInstalled(
  io: CliIo,
  text$: InstallText,
  locale: string,
  r: {
    hostShown: string;
    status: number;
    upload: PluginUpload;
    plugin: InstalledPlugin;
    enabledNow: boolean;
  },
): void {
  const {upload, plugin} = r;
  const isNew = (plugin.versions?.length ?? 1) <= 1;
  const headline =
    r.status === 200
      ? text$.alreadyStored(upload.id, upload.version, r.hostShown)
      : isNew
        ? text$.installedNew(upload.id, upload.version, r.hostShown)
        : text$.storedVersion(upload.id, upload.version, r.hostShown, upload.plugin.version);
  const permissions = upload.permissions.length
    ? upload.permissions.join(', ')
    : text$.noPermissions;
  const rows: Array<[string, string]> = [
    [text$.permissions, permissions],
    [text$.integrity, upload.integrity],
    [text$.size, `${formatSize(upload.size, locale)}, ${text$.files(upload.files?.length ?? 0)}`],
    [text$.running, `${plugin.version}, ${plugin.enabled ? text$.enabledYes : text$.enabledNo}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  io.stdout(`${headline}\n`);
  for (const [label, value] of rows) io.stdout(`  ${`${label}:`.padEnd(width + 1)}  ${value}\n`);
  if (r.enabledNow) {
    const accepted = plugin.permissions.length
      ? plugin.permissions.join(', ')
      : text$.noPermissions;
    io.stdout(`${text$.enabled(plugin.id, plugin.version, accepted)}\n`);
  } else if (plugin.version !== upload.version) {
    io.stdout(`${text$.upgradeNotSwitched(plugin.version)}\n`);
  } else if (!plugin.enabled) {
    io.stdout(`${text$.newIsDisabled}\n`);
  }
}
