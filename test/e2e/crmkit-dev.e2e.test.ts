// `crmkit dev` end to end: a plugin made by `crmkit create` in a folder of its own, the command run
// as a developer runs it (a child process, stopped with Ctrl+C's SIGINT), and Chromium on the page it
// prints. Editing a source file changes what the open page shows, with no step in between; a finding
// of crmkit validate and a failed build are printed in the terminal and shown on the page, while the
// last good build keeps running.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type Page} from 'playwright-core';
import {main} from '../../packages/cli/src/main.js';
import {chromiumArgs, findChromium} from './chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const devBin = join(root, 'packages/cli/bin/crmkit-dev.mjs');

let work: string;
let plugin: string;
let dev: ChildProcess;
let output = '';
let browser: Browser;
let page: Page;
let url: string;

/** Resolves once the dev command's output matches `pattern` (after `from`), with that output. */
function printed(pattern: RegExp, from = 0, timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const seen = output.slice(from);
      if (pattern.test(seen)) {
        clearInterval(timer);
        resolve(seen);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`crmkit dev did not print ${pattern} within ${timeout} ms:\n${output}`));
      }
    };
    const deadline = Date.now() + timeout;
    const timer = setInterval(check, 50);
    check();
  });
}

/**
 * Collects a document's text, open shadow roots included. A string, not a function: tsx would wrap
 * a function's inner functions in a helper (`__name`) that the page does not have.
 */
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

/** The text of the page and its frames (a sandboxed plugin has a frame of its own). */
async function pageText(): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((frame) => frame.evaluate<string>(DEEP_TEXT).catch(() => '')),
  );
  return texts.join('\n');
}

/** Waits until the page (or a frame of it) shows `text`. */
async function shows(text: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await pageText()).includes(text)) return;
    if (Date.now() > deadline) {
      throw new Error(`the page did not show "${text}":\n${await pageText()}\n--- dev:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Edits a file of the plugin: replaces `from` with `to`. */
function edit(file: string, from: string, to: string): void {
  const path = join(plugin, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(path, text.replace(from, to));
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'crmkit-dev-e2e-'));
  const io = {stdout: () => {}, stderr: (t: string) => void (output += t), cwd: work, isTTY: false};
  assert.equal(await main(['create', 'hello-panel', '--id', 'com.example.hello-panel'], io), 0);
  plugin = join(work, 'hello-panel');
  // Its `npm install`, without the network: this repository's packages and tools.
  symlinkSync(join(root, 'node_modules'), join(plugin, 'node_modules'));
  dev = spawn(process.execPath, [devBin, 'dev', '.', '--port', '0'], {
    cwd: plugin,
    // English whatever the machine's locale: the test reads the CLI's lines.
    env: {...process.env, NODE_OPTIONS: '', LANG: 'C.UTF-8', LC_ALL: ''},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The first start may build the page bundles (a minute on a busy machine).
  const started = await printed(/✓ installed com\.example\.hello-panel 0\.1\.0-dev\.1/, 0, 180_000);
  url = /crmkit dev: .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(started)![1]!;
  browser = await chromium.launch({
    executablePath: findChromium({install: true}),
    args: [...chromiumArgs],
  });
  page = await (await browser.newContext({locale: 'en-US'})).newPage();
});

after(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) dev.kill('SIGKILL');
  rmSync(work, {recursive: true, force: true});
});

test('the printed page shows the plugin as max, installed from the working folder as a prerelease', async () => {
  assert.match(output, /open http:\/\/127\.0\.0\.1:\d+\/leads\/L-1001\?as=max/);
  assert.match(
    output,
    /installed com\.example\.hello-panel 0\.1\.0-dev\.1 \(sandboxed; leads\.read\)/,
  );
  await page.goto(`${url}/leads/L-1001?as=max&lang=en`);
  await shows('Hello, Max Müller');
  // Not trusted: it runs in a sandboxed frame of its own, not in the page.
  const frames = page.frames().filter((frame) => frame !== page.mainFrame());
  const inFrames = await Promise.all(frames.map((f) => f.evaluate<string>(DEEP_TEXT)));
  assert.ok(
    inFrames.some((text) => text.includes('Hello, Max Müller')),
    inFrames.join('|'),
  );
  const installed = (await (
    await fetch(`${url}/api/admin/plugins`, {headers: {authorization: 'Bearer anna'}})
  ).json()) as Array<{id: string; version: string; enabled: boolean; trusted: boolean}>;
  assert.deepEqual(
    installed
      .filter((p) => p.id === 'com.example.hello-panel')
      .map(({version, enabled, trusted}) => ({version, enabled, trusted})),
    [{version: '0.1.0-dev.1', enabled: true, trusted: false}],
  );
});

test('editing a source file rebuilds, installs the next prerelease, and the open page shows it', async () => {
  const from = output.length;
  const opened = page.url();
  edit(
    'src/strings.ts',
    'greeting: (name) => `Hello, ${name}`',
    'greeting: (name) => `Welcome, ${name}`',
  );
  await printed(/✓ installed com\.example\.hello-panel 0\.1\.0-dev\.2/, from);
  await shows('Welcome, Max Müller');
  assert.equal(page.url(), opened, 'the page reloaded itself, nobody navigated');
  assert.doesNotMatch(output.slice(from), /integrity-mismatch/);
});

test('a finding of crmkit validate is printed and shown on the page; the build still installs', async () => {
  const from = output.length;
  edit(
    'plugin.json',
    '"displayName": {"en": "Hello Panel", "de": "Hello Panel"}',
    '"displayName": {"en": "Hello Panel"}',
  );
  const seen = await printed(/✓ installed com\.example\.hello-panel 0\.1\.0-dev\.3/, from);
  assert.match(seen, /plugin\.json:\d+:\d+: warning missing-translation: /);
  await shows('missing-translation');
  await shows('Findings of crmkit validate');
});

test('a failed build is printed and shown as an alert; the last good build keeps running', async () => {
  const from = output.length;
  edit('src/crm-hello-panel.ts', 'override render() {', 'override render() {{');
  const seen = await printed(/✗ build failed: /, from);
  assert.doesNotMatch(seen, /installed/);
  await shows('Build failed; the previous version keeps running');
  await shows('Welcome, Max Müller');
  const role = await page.evaluate(() =>
    document
      .querySelector('#crmkit-dev')
      ?.shadowRoot?.querySelector('section')
      ?.getAttribute('role'),
  );
  assert.equal(role, 'alert');
  edit('src/crm-hello-panel.ts', 'override render() {{', 'override render() {');
  await printed(/✓ installed com\.example\.hello-panel 0\.1\.0-dev\.4/, from);
});

test('Ctrl+C stops the dev host and the watcher, and the command exits 0', async () => {
  const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
  dev.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.match(output, /SIGINT: stopping crmkit dev…\nstopped\.\n$/);
  await assert.rejects(fetch(`${url}/api/me`), /fetch failed/);
});
