import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {basename, dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {SDK_VERSION, validateManifest} from '@crmkit/sdk';
import {EXIT, type Command} from './cli-io.js';
import {UsageError} from './cli-options.js';
import type {Lang} from './cli-text.js';
import {cliVersion} from './main.js';
import {parseCommandLine} from './parse-command-line.js';
import {formatIssue} from './validate-command.js';

const en = {
  usage: `Usage: crmkit create <dir> [--template lit|vanilla] [--id <reverse-dns id>] [--lang en|de]

Creates a crmkit plugin in <dir> (a new or empty folder; its name becomes the plugin's name): a
panel on Lead Detail that builds (rollup), tests (renderPlugin in Chromium), validates and packs as it
is, with a README of its own. Then: cd <dir> && npm install && npm test.

  --template, -t lit|vanilla  the element's base: Lit (default) or a plain HTMLElement
  --id <id>                   the plugin's reverse-DNS id (default com.example.<name>)
  --lang en|de                language of the messages (default: German when LC_ALL/LANG says so,
                              else English; the plugin itself always gets English and German texts)
Exit codes: 0 created, 2 usage error (nothing is written).
`,
  noFolder: 'give the folder to create the plugin in, e.g. crmkit create lead-notes',
  tooManyFolders: (n: number) => `give one folder, not ${n}`,
  badTemplate: (value: string) =>
    `--template must be lit or vanilla (got "${value}"), e.g. --template vanilla`,
  notEmpty: (given: string) =>
    `${given} already exists and is not an empty folder; nothing was written`,
  badName: (name: string) =>
    `the folder name "${name}" becomes the plugin's name, which must be lowercase kebab-case (e.g. lead-notes)`,
  badId: (id: string, message: string, hint: string) => `--id ${id}: ${message} (${hint})`,
  created: (id: string, template: string, shown: string, tag: string) =>
    `Created ${id} (${template}) in ${shown}: <${tag}> at lead.detail.panel`,
  next: 'Next:',
  installWorkspace: (prefix: string) => `npm install${prefix}   (links the new workspace)`,
  installAlone: (shown: string) => `cd ${shown} && npm install`,
  testStep: (shown: string) =>
    `npm test --prefix ${shown}        builds dist/index.js, then the browser tests`,
  validateStep: (shown: string) => `npx crmkit validate ${shown}`,
  packStep: (shown: string) => `npx crmkit pack ${shown}          the package a CRM admin installs`,
  devStep: (shown: string) =>
    `npx crmkit dev ${shown}           a local CRM with the plugin, reloaded on change`,
  seeReadme: (readme: string) => `See ${readme}.`,
};

/** The texts of one language. */
export type CreateText = typeof en;

const de: CreateText = {
  usage: `Aufruf: crmkit create <Ordner> [--template lit|vanilla] [--id <Reverse-DNS-ID>] [--lang en|de]

Legt ein crmkit-Plugin in <Ordner> an (ein neuer oder leerer Ordner; sein Name wird der Name des
Plugins): ein Panel auf der Lead-Detailseite, das so, wie es ist, baut (rollup), testet (renderPlugin
in Chromium), sich prüfen und packen lässt, mit einer eigenen README. Dann: cd <Ordner> && npm install
&& npm test.

  --template, -t lit|vanilla  die Basis des Elements: Lit (Standard) oder ein einfaches HTMLElement
  --id <ID>                   die Reverse-DNS-ID des Plugins (Standard com.example.<Name>)
  --lang en|de                Sprache der Meldungen (Standard: Deutsch, wenn LC_ALL/LANG es sagt,
                              sonst Englisch; das Plugin selbst bekommt immer englische und deutsche Texte)
Exit-Codes: 0 angelegt, 2 Aufruffehler (nichts wird geschrieben).
`,
  noFolder:
    'geben Sie den Ordner an, in dem das Plugin angelegt werden soll, z. B. crmkit create lead-notes',
  tooManyFolders: (n: number) => `geben Sie einen Ordner an, nicht ${n}`,
  badTemplate: (value: string) =>
    `--template muss lit oder vanilla sein (angegeben: „${value}“), z. B. --template vanilla`,
  notEmpty: (given: string) =>
    `${given} existiert bereits und ist kein leerer Ordner; nichts wurde geschrieben`,
  badName: (name: string) =>
    `der Ordnername „${name}“ wird der Name des Plugins und muss kleingeschriebenes kebab-case sein (z. B. lead-notes)`,
  badId: (id: string, message: string, hint: string) => `--id ${id}: ${message} (${hint})`,
  created: (id: string, template: string, shown: string, tag: string) =>
    `${id} (${template}) in ${shown} angelegt: <${tag}> an lead.detail.panel`,
  next: 'Weiter:',
  installWorkspace: (prefix: string) => `npm install${prefix}   (verknüpft den neuen Workspace)`,
  installAlone: (shown: string) => `cd ${shown} && npm install`,
  testStep: (shown: string) =>
    `npm test --prefix ${shown}        baut dist/index.js, dann die Browser-Tests`,
  validateStep: (shown: string) => `npx crmkit validate ${shown}`,
  packStep: (shown: string) =>
    `npx crmkit pack ${shown}          das Paket, das ein CRM-Administrator installiert`,
  devStep: (shown: string) =>
    `npx crmkit dev ${shown}           ein lokales CRM mit dem Plugin, bei Änderungen neu geladen`,
  seeReadme: (readme: string) => `Siehe ${readme}.`,
};

/**
 * Everything `crmkit create` prints for people, in English and German: usage, usage errors and what
 * it created. Option names, ids and paths are never translated; a finding of the new manifest comes
 * in @crmkit/sdk's English.
 */
export const CREATE_TEXT: Record<Lang, CreateText> = {en, de};

export const TEMPLATES = ['lit', 'vanilla'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** The templates folder: `../templates` from both src/ (a checkout) and dist/ (the package). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** Where the manifest schema is once @crmkit/sdk is installed next to a plugin. */
const SCHEMA = 'node_modules/@crmkit/sdk/schema/plugin-manifest.schema.json';

/** The names a plugin folder gives: its kebab-case name, tag, class and title. */
export interface PluginNames {
  name: string;
  tag: string;
  className: string;
  title: string;
}

/** The names of a plugin in folder `dir`; throws a UsageError when the folder name cannot be one. */
export function pluginNames(dir: string, lang: Lang = 'en'): PluginNames {
  const name = basename(resolve(dir));
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name))
    throw new UsageError(CREATE_TEXT[lang].badName(name));
  const tag = name.startsWith('crm-') ? name : `crm-${name}`;
  const words = name.split('-');
  const className = tag
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  const title = words
    .filter((w, i) => !(i === 0 && w === 'crm' && words.length > 1))
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  return {name, tag, className, title};
}

/**
 * The `$schema` of the new plugin.json: the schema of an @crmkit/sdk already installed above the
 * folder (a workspace, this repository), else where `npm install` in the folder will put it.
 */
function schemaPath(target: string): string {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const candidate = join(dir, SCHEMA);
    if (existsSync(candidate)) return relative(target, candidate).split(sep).join('/');
    if (dirname(dir) === dir) return SCHEMA;
  }
}

/** Every file of a template folder, as paths relative to it. */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesOf(dir, path) : [path];
  });
}

/**
 * The template's files with the placeholders filled in, by path. `.tmpl` names (test files that the
 * repository's own test runs must not pick up from the templates folder) lose the suffix, and
 * `gitignore` becomes `.gitignore` (npm leaves a `.gitignore` out of a package).
 */
export function renderTemplate(
  template: TemplateName,
  values: Record<string, string>,
): Map<string, string> {
  const files = new Map<string, string>();
  const fill = (text: string) =>
    text.replace(/__([A-Z_]+)__/g, (match, key: string) => values[key] ?? match);
  for (const folder of ['common', template]) {
    const root = join(TEMPLATES_DIR, folder);
    for (const file of filesOf(root)) {
      const target = fill(file)
        .replace(/\.tmpl$/, '')
        .replace(/^gitignore$/, '.gitignore');
      files.set(target, fill(readFileSync(join(root, file), 'utf8')));
    }
  }
  return files;
}

/** The folder of the npm workspace root whose `workspaces` include `dir`, if any. */
function workspaceRootOf(dir: string): string | undefined {
  for (let up = dirname(dir); dirname(up) !== up; up = dirname(up)) {
    const file = join(up, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {workspaces?: string[]};
    const rel = relative(up, dir).split(sep).join('/');
    const matches = (pattern: string) =>
      pattern === rel ||
      (pattern.endsWith('/*') && dirname(rel) === pattern.slice(0, -2) && !rel.includes('..'));
    if (pkg.workspaces?.some(matches)) return up;
  }
  return undefined;
}

/** `crmkit create <dir> [--template lit|vanilla] [--id <reverse-dns id>] [--lang en|de]`. */
export const createCommand: Command = async (argv, io) => {
  const line = parseCommandLine(argv, io, {
    name: 'create',
    options: {
      template: {type: 'string', short: 't', value: 'lit|vanilla', example: 'vanilla'},
      id: {type: 'string', value: '<reverse-dns id>', example: 'com.example.lead-notes'},
    },
    usage: (lang) => CREATE_TEXT[lang].usage,
  });
  if (typeof line === 'number') return line;
  const {values, positionals, lang, usageError} = line;
  const t = CREATE_TEXT[lang];
  if (positionals.length !== 1)
    return usageError(positionals.length === 0 ? t.noFolder : t.tooManyFolders(positionals.length));
  const template = (values.template ?? 'lit') as TemplateName;
  if (!TEMPLATES.includes(template)) return usageError(t.badTemplate(template));
  const given = positionals[0] as string;
  const target = resolve(io.cwd, given);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0))
    return usageError(t.notEmpty(given));
  let names: PluginNames;
  try {
    names = pluginNames(target, lang);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
  const id = values.id ?? `com.example.${names.name}`;
  const files = renderTemplate(template, {
    NAME: names.name,
    TAG: names.tag,
    CLASS: names.className,
    TITLE: names.title,
    ID: id,
    SDK_RANGE: `^${SDK_VERSION}`,
    CRMKIT_RANGE: `^${cliVersion()}`,
    SCHEMA: schemaPath(target),
  });

  // The new manifest must pass what crmkit validate checks (a bad --id is the usual reason).
  const manifestFile = join(given, 'plugin.json');
  const check = validateManifest(files.get('plugin.json') ?? '', {file: manifestFile});
  const errors = check.issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    const idError = errors.find((i) => i.pointer === '/id');
    return usageError(
      idError
        ? t.badId(id, idError.message, idError.hint)
        : errors.map((i) => formatIssue(i)).join('\n'),
    );
  }

  for (const [path, text] of files) {
    mkdirSync(dirname(join(target, path)), {recursive: true});
    writeFileSync(join(target, path), text);
  }

  const shown = relative(io.cwd, target) || '.';
  const workspaceRoot = workspaceRootOf(target);
  io.stdout(
    `${t.created(id, template, shown, names.tag)}\n` +
      [...files.keys()]
        .sort()
        .map((f) => `  ${f}\n`)
        .join(''),
  );
  const prefix = workspaceRoot && relative(io.cwd, workspaceRoot);
  const install =
    workspaceRoot === undefined
      ? t.installAlone(shown)
      : t.installWorkspace(prefix ? ` --prefix ${prefix}` : '');
  io.stdout(
    `${t.next}\n` +
      [install, t.testStep(shown), t.validateStep(shown), t.packStep(shown), t.devStep(shown)]
        .map((step) => `  ${step}\n`)
        .join('') +
      `${t.seeReadme(join(shown, 'README.md'))}\n`,
  );
  return EXIT.ok;
};
