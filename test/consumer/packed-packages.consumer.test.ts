// The consumer stage: what a user of the published packages gets. Every public package is packed with
// `npm pack` (from the dist/ that `npm run build` wrote), the tarballs are installed into a fresh
// project outside the workspace (copies, no links, no tsx, no workspace condition), and that project
// is used as its author would: type-checked, bundled for a page with Lit's production build and run
// in Chromium against the msw mock host, run under plain Node, and the installed `crmkit` is called.
// Run by `npm test` (stage `consumer`): `npm test -- --only consumer`.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, extname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build} from 'esbuild';
import {chromium, type Browser} from 'playwright-core';
import {chromiumArgs, findChromium} from '../e2e/chromium.js';
import {PUBLIC_PACKAGES} from '../../scripts/public-packages.mjs';
import {serveFolder, type FolderServer} from './serve-folder.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (pkg: string, path: string) => join(root, 'node_modules', pkg, path);

let work: string;
let project: string;
const tarballs: Record<string, string> = {};

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // No NODE_OPTIONS (tsx, conditions) of the test runner leaks into what the consumer runs.
  // English whatever the machine's locale: the checks read the CLI's lines.
  const env: NodeJS.ProcessEnv = {...process.env, LANG: 'C.UTF-8', LC_ALL: ''};
  delete env.NODE_OPTIONS;
  return spawnSync(command, args, {cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024});
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(
    result.status,
    0,
    `${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`.slice(0, 8000),
  );
  return result.stdout;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'crmkit-consumer-'));
  const packs = join(work, 'packs');
  project = join(work, 'project');
  mkdirSync(packs);
  mkdirSync(join(project, 'src'), {recursive: true});
  for (const dir of PUBLIC_PACKAGES) {
    const out = ok(
      run('npm', ['pack', '--json', '--pack-destination', packs], join(root, dir)),
      `npm pack ${dir}`,
    );
    const [info] = JSON.parse(out) as Array<{name: string; filename: string}>;
    tarballs[info!.name] = join(packs, info!.filename);
  }
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'crmkit-consumer',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(Object.entries(tarballs).map(([n, f]) => [n, `file:${f}`])),
          msw: rootPkg.devDependencies.msw,
        },
      },
      null,
      2,
    ),
  );
  ok(
    run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--install-links'],
      project,
    ),
    'npm install of the tarballs',
  );
});

after(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

test('the tarballs are installed as copies outside the workspace, not as links', () => {
  for (const name of Object.keys(tarballs)) {
    const dir = join(project, 'node_modules', name);
    assert.equal(lstatSync(dir).isSymbolicLink(), false, `${name} is a copy`);
    assert.ok(!resolve(dir).startsWith(root), `${name} is outside the workspace`);
  }
});

test('every public package is clean for publint and Are the Types Wrong (ESM only)', () => {
  for (const [name, tarball] of Object.entries(tarballs)) {
    const dir = join(project, 'node_modules', name);
    const lint = run(process.execPath, [bin('publint', 'src/cli.js'), dir, '--strict'], project);
    ok(lint, `publint ${name}`);
    const attw = run(
      process.execPath,
      [bin('@arethetypeswrong/cli', 'dist/index.js'), tarball, '--profile', 'esm-only'],
      project,
    );
    ok(attw, `attw ${name}`);
  }
});

const CONSUMER_TS = `
import {HostApiError, PluginRegistry, localize, validateManifest, type PluginManifest} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import {PROBLEM_CODES} from '@crmkit/host-core';
import {CrmExtensionPoint, CrmPluginHost} from '@crmkit/host-elements';
import {CrmRejectLead, LeadRejectedEvent, stringsFor} from '@crmkit/reject-lead';
import {parseRuleset, lintRuleset} from '@crmkit/assignment';

const manifest: PluginManifest | undefined = validateManifest('{}').manifest;
const registry = new PluginRegistry();
const api = createRestHostApi({token: 'max'});
const mock = createMockHost();
const point: CrmExtensionPoint | null = document.querySelector('crm-extension-point');
const host: HTMLElementTagNameMap['crm-plugin-host'] | null = document.querySelector('crm-plugin-host');
const element: CrmRejectLead = document.createElement('crm-reject-lead');
element.leadId = 'L-1001';
element.addEventListener('crm-lead-rejected', (event: LeadRejectedEvent) => event.detail.status);
const title: string = stringsFor('de').title;
const text: string = localize({en: 'Hi', de: 'Hallo'}, 'de');
export const used = [manifest, registry, api, mock, point, host instanceof CrmPluginHost, title, text,
  HostApiError, PROBLEM_CODES, parseRuleset, lintRuleset];
`;

for (const [module, moduleResolution] of [
  ['node16', 'node16'],
  ['esnext', 'bundler'],
] as const) {
  test(`the public API type-checks strictly with moduleResolution ${moduleResolution}, skipLibCheck false`, () => {
    writeFileSync(join(project, 'src', 'consumer.ts'), CONSUMER_TS);
    const tsconfig = join(project, `tsconfig.${moduleResolution}.json`);
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module,
          moduleResolution,
          lib: ['es2023', 'dom', 'dom.iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['src/consumer.ts'],
      }),
    );
    ok(run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', tsconfig], project), 'tsc');
  });
}

test('a consumer whose own tooling uses a plain "source" condition still gets the built files', async () => {
  const node = run(
    process.execPath,
    ['--conditions=source', '-e', "import('@crmkit/sdk').then((m) => console.log(m.SDK_VERSION))"],
    project,
  );
  assert.match(ok(node, 'node --conditions=source'), /^\d+\.\d+\.\d+/);
  const bundled = await build({
    stdin: {contents: "export * from '@crmkit/sdk';", resolveDir: project},
    bundle: true,
    write: false,
    format: 'esm',
    conditions: ['source'],
    logLevel: 'silent',
  });
  assert.ok(bundled.outputFiles[0]!.text.length > 0);
});

test('under plain Node every package imports, and class names are kept for logs', () => {
  const script = `
    const sdk = await import('@crmkit/sdk');
    await import('@crmkit/assignment');
    await import('@crmkit/rest-client');
    await import('@crmkit/host-core');
    console.log(new sdk.HostApiError({status: 404, title: 'x', code: 'lead-not-found'}).name);`;
  const out = ok(run(process.execPath, ['--input-type=module', '-e', script], project), 'node');
  assert.equal(out.trim(), 'HostApiError');
});

test('importing localize alone costs at most 1 KB min+gzip (per-module ESM, sideEffects false)', async () => {
  const result = await build({
    stdin: {contents: "export {localize} from '@crmkit/sdk';", resolveDir: project},
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const gz = gzipSync(result.outputFiles[0]!.contents, {level: 9}).length;
  assert.ok(gz <= 1024, `localize alone is ${gz} B min+gzip`);
});

test("the shipped plugin.json's $schema resolves in the consumer's node_modules", () => {
  const manifestFile = join(project, 'node_modules/@crmkit/reject-lead/dist/plugin.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {$schema: string};
  const schema = resolve(dirname(manifestFile), manifest.$schema);
  assert.ok(existsSync(schema), `${manifest.$schema} → ${schema}`);
  assert.equal((JSON.parse(readFileSync(schema, 'utf8')) as {type: string}).type, 'object');
});

test('the shipped browser files parse as ES2022, the supported browsers of the README', () => {
  const acorn = join(root, 'node_modules/acorn/dist/acorn.mjs');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (extname(entry.name) === '.js') files.push(path);
    }
  };
  for (const name of ['sdk', 'rest-client', 'host-elements', 'reject-lead']) {
    walk(join(project, 'node_modules/@crmkit', name, 'dist'));
  }
  const script = `
    import {parse} from ${JSON.stringify(acorn)};
    import {readFileSync} from 'node:fs';
    for (const file of ${JSON.stringify(files)}) {
      try { parse(readFileSync(file, 'utf8'), {ecmaVersion: 2022, sourceType: 'module'}); }
      catch (error) { console.error(file + ': ' + error.message); process.exitCode = 1; }
    }`;
  ok(run(process.execPath, ['--input-type=module', '-e', script], project), 'ES2022 parse');
  assert.ok(files.length > 20, `${files.length} files`);
});

const PAGE_TS = (plugin: string) => `
import {setupWorker} from 'msw/browser';
import {createMockHost} from '@crmkit/rest-client/msw';
import {createRestHostApi} from '@crmkit/rest-client';
import {PluginRegistry, validateManifest} from '@crmkit/sdk';
import '@crmkit/host-elements/define.js';
import ${JSON.stringify(plugin)};
import manifestText from '@crmkit/reject-lead/plugin.json' with {type: 'text'};

const worker = setupWorker(...createMockHost().handlers);
await worker.start({quiet: true, onUnhandledRequest: 'bypass', serviceWorker: {url: '/mockServiceWorker.js'}});
const api = createRestHostApi({token: 'max', locale: 'en'});
const {manifest} = validateManifest(manifestText);
if (!manifest) throw new Error('the shipped plugin.json is invalid');
const registry = new PluginRegistry();
registry.register({manifest, entryUrl: new URL('/plugin/index.js', location.href).href});
const host = document.createElement('crm-plugin-host');
host.locale = 'en';
host.host = api;
host.user = await api.getCurrentUser();
host.registry = registry;
host.innerHTML = '<crm-extension-point name="lead.detail.actions" record-id="L-1001" record-status="Qualified"></crm-extension-point>';
document.body.append(host);
document.addEventListener('crm-lead-rejected', (event) => {
  window.rejected = event.detail;
});
window.ready = true;
`;

let browser: Browser | undefined;
const servers: FolderServer[] = [];
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

for (const [label, plugin] of [
  ['the lit-external entry (@crmkit/reject-lead)', '@crmkit/reject-lead'],
  ['the self-contained bundle (@crmkit/reject-lead/bundle)', '@crmkit/reject-lead/bundle'],
] as const) {
  test(`a page bundled from the tarballs with Lit's production build rejects a lead: ${label}`, async () => {
    const site = mkdtempSync(join(work, 'site-'));
    writeFileSync(join(project, 'src', 'page.ts'), PAGE_TS(plugin));
    await build({
      absWorkingDir: project,
      entryPoints: [join(project, 'src', 'page.ts')],
      outfile: join(site, 'page.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['production'],
      minify: true,
      logLevel: 'silent',
    });
    cpSync(
      join(project, 'node_modules/msw/lib/mockServiceWorker.js'),
      join(site, 'mockServiceWorker.js'),
    );
    writeFileSync(
      join(site, 'index.html'),
      '<!doctype html><html lang="en"><title>consumer</title><script type="module" src="/page.js"></script>',
    );
    const server = await serveFolder(site);
    servers.push(server);
    browser ??= await chromium.launch({
      executablePath: findChromium({install: true}),
      args: chromiumArgs,
    });
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error.stack ?? error)));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
    await page.getByRole('button', {name: 'Reject'}).click();
    await page.getByLabel('Reject Code').selectOption('DUPLICATE');
    await page.getByLabel('Reject Reason').fill('Same person as L-1002');
    await page.getByRole('button', {name: 'Confirm Reject'}).click();
    const rejected = (await page
      .waitForFunction(() => (window as {rejected?: unknown}).rejected)
      .then((h) => h.jsonValue())) as {status: string; rejection: {code: string; reason: string}};
    assert.equal(rejected.status, 'Rejected');
    assert.equal(rejected.rejection.code, 'DUPLICATE');
    assert.equal(rejected.rejection.reason, 'Same person as L-1002');
    await page.getByRole('heading', {name: 'Lead rejected'}).waitFor();
    assert.deepEqual(errors, []);
  });
}

test('the installed crmkit runs with plain Node: --version, validate, rules lint, rules test, pack', () => {
  const crmkit = join(project, 'node_modules/.bin/crmkit');
  const version = ok(run(crmkit, ['--version'], project), 'crmkit --version');
  const cliPkg = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8'));
  assert.match(version, new RegExp(cliPkg.version.replaceAll('.', '\\.')));
  const plugin = join(project, 'node_modules/@crmkit/reject-lead/dist');
  ok(run(crmkit, ['validate', plugin], project), 'crmkit validate');
  const rules = join(work, 'rules');
  cpSync(join(root, 'rules'), rules, {recursive: true});
  ok(
    run(crmkit, ['rules', 'lint', join(rules, 'lead-assignment.json'), '--lang', 'en'], project),
    'crmkit rules lint',
  );
  const tested = ok(
    run(
      crmkit,
      ['rules', 'test', join(rules, 'lead-assignment.json'), join(rules, 'tests'), '--lang', 'en'],
      project,
    ),
    'crmkit rules test',
  );
  assert.match(tested, /passed/i);
  const out = join(work, 'packed');
  ok(run(crmkit, ['pack', plugin, '--out', out, '--lang', 'en'], project), 'crmkit pack');
  assert.deepEqual(readdirSync(out), ['reject-lead-0.1.0.tgz']);
});
