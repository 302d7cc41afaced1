// The SDK README's tutorial ("Your first plugin"), run as written: its shell blocks (the ones after
// `<!-- tutorial:commands -->`) by bash in a fresh folder outside this repository, its snippets (after
// `<!-- tutorial:snippet -->`) written to the files their first line names. What differs from a
// reader's machine is only where things are: the packages come from the tarballs `npm pack` makes of
// this checkout, served by a registry for the @crmkit scope (every other package comes from the usual
// registry), and the CRM is the reference host started here on a free port instead of `npm start`'s
// 8080. It runs twice: as written (the Lit template) and with `--template vanilla`. Then Chromium
// opens Lead Detail as max and sees both new panels work, each sandboxed in its frame.
//
// It needs the build (`npm test` builds first) and the npm registry for the tools the plugin project
// installs (rollup, @web/test-runner, …; the npm cache serves what the repository installed).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser} from 'playwright-core';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {buildPages, createPageHandler} from '@crmkit/dev-host/pages';
import {PUBLIC_PACKAGES} from '../../scripts/public-packages.mjs';
import {chromiumArgs, findChromium} from '../e2e/chromium.js';
import {startLocalRegistry, type LocalRegistry} from './local-registry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const README = join(root, 'packages/sdk/README.md');
/** Where the tutorial says its CRM is (`npm start`). */
const TUTORIAL_HOST = 'http://127.0.0.1:8080';

interface Step {
  kind: 'commands' | 'snippet';
  text: string;
}

/** The tutorial's blocks, in order: each fenced block right after a `<!-- tutorial:… -->` marker. */
function tutorialSteps(): Step[] {
  const markdown = readFileSync(README, 'utf8');
  const section = markdown.slice(
    markdown.indexOf('## Your first plugin'),
    markdown.indexOf('\n## ', markdown.indexOf('## Your first plugin') + 1),
  );
  const steps: Step[] = [];
  const pattern = /<!-- tutorial:(commands|snippet) -->\s*```\w*\n([\s\S]*?)```/g;
  for (const match of section.matchAll(pattern)) {
    steps.push({kind: match[1] as Step['kind'], text: match[2]!});
  }
  return steps;
}

let work: string;
let registry: LocalRegistry;
let host: DevHost;
let browser: Browser;
let env: NodeJS.ProcessEnv;

before(async () => {
  assert.ok(
    existsSync(join(root, 'packages/cli/dist/main.js')),
    'the packages are not built: run `npm run build` (npm test builds first)',
  );
  work = mkdtempSync(join(tmpdir(), 'crmkit-tutorial-'));
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const tarballs: string[] = [];
  for (const dir of PUBLIC_PACKAGES) {
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', packs], {
      cwd: join(root, dir),
      encoding: 'utf8',
    });
    assert.equal(packed.status, 0, `npm pack ${dir}: ${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as Array<{filename: string}>;
    tarballs.push(join(packs, info!.filename));
  }
  registry = await startLocalRegistry(tarballs);
  const pages = await buildPages({outDir: join(work, 'pages')});
  host = await startDevHost({
    port: 0,
    db: join(work, 'crmkit.sqlite'),
    pages: createPageHandler(pages),
  });
  env = {
    ...process.env,
    ...registry.env,
    CHROME_PATH: findChromium({install: true}),
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_prefer_offline: 'true',
    // English whatever the machine's locale: the tutorial's commands print what it shows.
    LANG: 'C.UTF-8',
    LC_ALL: '',
  };
  // Nothing of this test runner (tsx, the source condition) may reach what the tutorial runs.
  delete env.NODE_OPTIONS;
  browser = await chromium.launch({executablePath: env.CHROME_PATH, args: [...chromiumArgs]});
});

after(async () => {
  await browser?.close();
  await host?.close();
  await registry?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

/**
 * Runs a bash script and answers its exit code and output. Not spawnSync: the registry and the CRM
 * the script talks to answer from this very process.
 */
function bash(script: string, cwd: string): Promise<{status: number | null; output: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({status, output}));
  });
}

/**
 * Runs the tutorial in `folder`: each commands block as one bash script (so `cd` carries on, and
 * `set -e` stops at the first failing command), each snippet written below the folder the commands
 * are in by then. `adapt` turns the written text into the text run (the template variant, the port).
 */
async function runTutorial(folder: string, adapt: (text: string) => string): Promise<string> {
  mkdirSync(folder, {recursive: true});
  let cwd = folder;
  let log = '';
  for (const step of tutorialSteps()) {
    const text = adapt(step.text);
    if (step.kind === 'snippet') {
      const file = /^\/\/ (\S+)\n/.exec(text)?.[1];
      assert.ok(file, `a snippet names its file on its first line:\n${text}`);
      mkdirSync(dirname(join(cwd, file)), {recursive: true});
      writeFileSync(join(cwd, file), text);
      continue;
    }
    const where = join(work, `.cwd-${Math.random().toString(36).slice(2)}`);
    const script = `set -e\nexport PS4='+ $ '\nset -x\n${text}\nset +x\npwd > ${where}\n`;
    const result = await bash(script, cwd);
    log += `${result.output}\n`;
    assert.equal(
      result.status,
      0,
      `the tutorial's commands failed in ${cwd}:\n${log.slice(-12000)}`,
    );
    cwd = readFileSync(where, 'utf8').trim();
  }
  return log;
}

const withHost = (text: string) => text.replaceAll(TUTORIAL_HOST, host.url);

test('the tutorial as written: crmkit create (Lit), install, validate, build, test, pack, install into the CRM', async () => {
  const log = await runTutorial(join(work, 'lit'), withHost);
  const plugin = join(work, 'lit/my-plugins/hello-panel');
  assert.match(log, /Created com\.example\.hello-panel \(lit\) in hello-panel/);
  assert.match(log, /plugin\.json: OK, com\.example\.hello-panel 0\.1\.0/);
  assert.match(log, /dist\/index\.js: [\d.]+ KB min/);
  // The scaffold's five tests and the two of the README's snippet, in Chromium.
  assert.match(log, /2\/2 test files \| 7 passed, 0 failed/);
  assert.ok(existsSync(join(plugin, 'hello-panel-0.1.0.tgz')));
  assert.match(log, /Enabled com\.example\.hello-panel 0\.1\.0, with its permissions: leads\.read/);
  const installed = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  assert.equal(installed.devDependencies['@crmkit/sdk'], '^0.1.0');
});

test('the same with crmkit create --template vanilla', async () => {
  const log = await runTutorial(join(work, 'vanilla'), (text) =>
    withHost(text)
      .replace(
        'crmkit create hello-panel --id com.example.hello-panel',
        'crmkit create hello-vanilla --id com.example.hello-vanilla --template vanilla',
      )
      .replaceAll('hello-panel', 'hello-vanilla'),
  );
  assert.match(log, /Created com\.example\.hello-vanilla \(vanilla\) in hello-vanilla/);
  assert.match(log, /2\/2 test files \| 7 passed, 0 failed/);
  assert.match(
    log,
    /Enabled com\.example\.hello-vanilla 0\.1\.0, with its permissions: leads\.read/,
  );
  assert.ok(existsSync(join(work, 'vanilla/my-plugins/hello-vanilla/hello-vanilla-0.1.0.tgz')));
});

/** The text of a frame's document, open shadow roots included (a string: see crmkit-dev.e2e). */
const DEEP_TEXT = `(() => {
  const parts = [document.body ? document.body.innerText : ''];
  const walk = (scope) => {
    for (const el of scope.querySelectorAll('*')) {
      if (el.shadowRoot) {
        parts.push(el.shadowRoot.textContent || '');
        walk(el.shadowRoot);
      }
    }
  };
  walk(document);
  return parts.join('\\n');
})()`;

test('on Lead Detail, max sees both new panels work, each sandboxed in a frame of its own', async () => {
  const plugins = (await (
    await fetch(`${host.url}/api/plugins`, {headers: {authorization: 'Bearer max'}})
  ).json()) as Array<{id: string; isolation: string}>;
  assert.deepEqual(
    plugins
      .filter((p) => p.id.startsWith('com.example.'))
      .map((p) => `${p.id} ${p.isolation}`)
      .sort(),
    ['com.example.hello-panel frame', 'com.example.hello-vanilla frame'],
  );
  for (const [lang, greeting, status] of [
    ['en', 'Hello, Max Müller', 'Lead Status'],
    ['de', 'Hallo, Max Müller', 'Lead-Status'],
  ] as const) {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${host.url}/leads/L-1001?as=max&lang=${lang}`);
    const deadline = Date.now() + 20_000;
    let framed: string[] = [];
    for (;;) {
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      framed = await Promise.all(frames.map((f) => f.evaluate<string>(DEEP_TEXT).catch(() => '')));
      const showing = framed.filter((t) => t.includes(greeting) && t.includes(status));
      if (showing.length >= 2) break;
      assert.ok(Date.now() < deadline, `both panels, ${lang}:\n${framed.join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(framed.some((t) => t.includes('Hello Panel')));
    assert.ok(framed.some((t) => t.includes('Hello Vanilla')));
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});
