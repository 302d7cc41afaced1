import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {basename, dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {SDK_VERSION, validateManifest} from '@crmkit/sdk';
import {EXIT, type Command} from './cli-io.js';
import {UsageError} from './cli-options.js';
import {cliVersion} from './main.js';
import {formatIssue} from './validate-command.js';

const usage = `Usage: crmkit create <dir> [--template lit|vanilla] [--id <reverse-dns id>]

Creates a crmkit plugin in <dir> (a new or empty folder; its name becomes the plugin's name): a
panel on Lead Detail that builds (rollup), tests (renderPlugin in Chromium), validates and packs as it
is, with a README of its own. Then: cd <dir> && npm install && npm test.

  --template lit|vanilla  the element's base: Lit (default) or a plain HTMLElement
  --id <id>               the plugin's reverse-DNS id (default com.example.<name>)
Exit codes: 0 created, 2 usage error (nothing is written).
`;

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
export function pluginNames(dir: string): PluginNames {
  const name = basename(resolve(dir));
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name)) {
    throw new UsageError(
      `the folder name "${name}" becomes the plugin's name, which must be lowercase kebab-case (e.g. lead-notes)`,
    );
  }
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

/** `crmkit create <dir> [--template lit|vanilla] [--id <reverse-dns id>]`. */
export const createCommand: Command = async (argv, io) => {
  const usageError = (message: string) => {
    io.stderr(`crmkit create: ${message}\n\n${usage}`);
    return EXIT.usage;
  };
  let values: {template?: string; id?: string; help?: boolean};
  let positionals: string[];
  try {
    ({values, positionals} = parseArgs({
      args: argv,
      options: {
        template: {type: 'string', short: 't'},
        id: {type: 'string'},
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
  if (positionals.length !== 1) {
    return usageError(
      positionals.length === 0
        ? 'give the folder to create the plugin in'
        : `give one folder, not ${positionals.length}`,
    );
  }
  const template = (values.template ?? 'lit') as TemplateName;
  if (!TEMPLATES.includes(template)) {
    return usageError(`--template must be ${TEMPLATES.join(' or ')} (got "${values.template}")`);
  }
  const given = positionals[0] as string;
  const target = resolve(io.cwd, given);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    return usageError(`${given} already exists and is not an empty folder; nothing was written`);
  }
  let names: PluginNames;
  try {
    names = pluginNames(target);
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
        ? `--id ${id}: ${idError.message} (${idError.hint})`
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
    `Created ${id} (${template}) in ${shown}: <${names.tag}> at lead.detail.panel\n` +
      [...files.keys()]
        .sort()
        .map((f) => `  ${f}\n`)
        .join(''),
  );
  const install = workspaceRoot
    ? `npm install${relative(io.cwd, workspaceRoot) ? ` --prefix ${relative(io.cwd, workspaceRoot)}` : ''}   (links the new workspace)`
    : `cd ${shown} && npm install`;
  io.stdout(
    `Next:\n  ${install}\n` +
      `  npm test --prefix ${shown}        builds dist/index.js, then the browser tests\n` +
      `  npx crmkit validate ${shown}\n` +
      `  npx crmkit pack ${shown}          the package a CRM admin installs\n` +
      `  npx crmkit dev ${shown}           a local CRM with the plugin, reloaded on change\n` +
      `See ${join(shown, 'README.md')}.\n`,
  );
  return EXIT.ok;
};
