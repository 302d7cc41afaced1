// What every end-to-end test file starts once: the pages built into a temp folder, the dev host on a
// free port with a temp SQLite database (seeded with the demo data), and one headless Chromium.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type Browser, type Page} from 'playwright-core';
import {startDevHost, type DevHost} from '@crmkit/dev-host';
import {buildPages, createPageHandler} from '@crmkit/dev-host/pages';
import {chromiumArgs, findChromium} from './chromium.js';

export interface E2eHost {
  host: DevHost;
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies) showing `path` as `user` in `lang`. */
  open(path: string, user: string, lang: 'de' | 'en'): Promise<Page>;
  /** The uncaught errors a page opened with `open` has thrown so far. */
  errorsOf(page: Page): readonly string[];
  /** A REST call as `token`, answering the status and the parsed JSON body (or null). */
  rest(
    token: string,
    method: string,
    path: string,
    body?: unknown,
    /** Extra request headers, e.g. `{'accept-language': 'en'}`. */
    headers?: Record<string, string>,
  ): Promise<{status: number; body: any}>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startE2eHost(): Promise<E2eHost> {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-e2e-'));
  const pages = await buildPages({outDir: join(dir, 'pages')});
  const host = await startDevHost({
    port: 0,
    db: join(dir, 'crmkit.sqlite'),
    pages: createPageHandler(pages),
  });
  // Like `npm test`'s browser stage: as root on Debian without a Chromium, install Debian's.
  const browser = await chromium.launch({
    executablePath: findChromium({install: true}),
    args: [...chromiumArgs],
  });
  const url = host.url;
  const pageErrors = new WeakMap<Page, string[]>();
  return {
    host,
    url,
    browser,
    async open(path, user, lang) {
      const context = await browser.newContext({locale: lang === 'de' ? 'de-DE' : 'en-US'});
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (error) => errors.push(error.message));
      const separator = path.includes('?') ? '&' : '?';
      await page.goto(`${url}${path}${separator}as=${user}&lang=${lang}`);
      return page;
    },
    errorsOf(page) {
      return pageErrors.get(page) ?? [];
    },
    async rest(token, method, path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : {'content-type': 'application/json'}),
        },
        ...(body === undefined ? {} : {body: JSON.stringify(body)}),
      });
      const text = await res.text();
      return {status: res.status, body: text ? JSON.parse(text) : null};
    },
    async close() {
      await browser.close();
      await host.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core over the whole page (open shadow roots included) and answers its violations as
 * readable lines (`rule: help (selector)`), so a failing assertion says what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated by the debugger protocol, not added as a <script>: the pages' CSP refuses inline
  // scripts, and the test must not weaken it.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(axeSource, 'utf8'));
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(context: Document): Promise<AxeResults>}}).axe;
    const results = await axe.run(document);
    return results.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${v.help} (${n.target.join(' ')})`),
    );
  });
}

interface AxeResults {
  violations: Array<{id: string; help: string; nodes: Array<{target: string[]}>}>;
}
