// `npm run bench:frames`: what sandboxing costs a plugin, measured on the real dev host in headless
// Chromium (playwright-core), with the end-to-end tests' own start-up (test/e2e/start-e2e-host.ts: the
// pages built, the dev host on a free port with a temp SQLite database, one Chromium).
//
// 1. Click-to-interactive of reject-lead on Lead Detail: from the click on "Reject" (the click
//    event's own time stamp) to the moment its Reject Lead form shows the reject codes (the select
//    holds them: the plugin read the lead, the codes and the settings), framed (`isolation: frame`,
//    the default) vs trusted (`PUT /api/admin/plugins/{id} {trusted: true}`, in the page), N runs
//    each, alternating, every run on a freshly loaded page of the same warm browser context.
// 2. The bridge's cost per host API call: `context.getLead(id)` made by the plugin through its frame's
//    bridge vs the same call in the page, and a call its guarded context refuses before the host
//    (`getLead(' ')`), which in a frame is the bridge's round trip alone.
//
// It prints figures and asserts nothing about them (the machine is shared; the numbers vary).
//
//   npm run bench:frames [-- --runs 15 --warmup 2 --calls 200 --timeline]
import {parseArgs} from 'node:util';
import type {BrowserContext, Frame, Page} from 'playwright-core';
import type {Lead} from '@crmkit/sdk';
import {startE2eHost, type E2eHost} from '../../../test/e2e/start-e2e-host.js';

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '15'},
    warmup: {type: 'string', default: '2'},
    calls: {type: 'string', default: '200'},
    /** Also print where the last framed run's time went (resources, from the click on). */
    timeline: {type: 'boolean', default: false},
  },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const CALLS = Number(values.calls);
const TARGET = {clickToInteractiveDeltaMs: 150, bridgeCallMs: 2};
const PLUGIN = 'dev.crmkit.reject-lead';
const TAG = 'crm-reject-lead';
type Mode = 'frame' | 'page';

/**
 * Runs in every document of the context, the sandboxed frames included, before their own scripts:
 * the top page notes each click's time; a document that creates <crm-reject-lead> notes when its
 * form first shows the reject codes. Times are `performance.timeOrigin + …`, comparable across
 * the page and its frames.
 */
function benchProbe(tag: string): void {
  const w = window as unknown as {crmkitBench?: {click?: number; interactive?: number}};
  const bench = (w.crmkitBench = {} as {click?: number; interactive?: number});
  if (window.top === window) {
    addEventListener(
      'click',
      (event) => {
        bench.click = performance.timeOrigin + event.timeStamp;
      },
      true,
    );
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    if (this.localName === tag) {
      const observer = new MutationObserver(() => {
        if (!root.querySelector('#rejectCode option[value="DUPLICATE"]')) return;
        bench.interactive = performance.timeOrigin + performance.now();
        observer.disconnect();
      });
      observer.observe(root, {childList: true, subtree: true});
    }
    return root;
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/** The nearest-rank percentile `p` (0–100). */
function percentile(xs: number[], p: number): number {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

async function setTrusted(e2e: E2eHost, trusted: boolean): Promise<void> {
  const changed = await e2e.rest('anna', 'PUT', `/api/admin/plugins/${PLUGIN}`, {trusted});
  if (changed.status !== 200) throw new Error(`PUT trusted: ${changed.status}`);
  const listed = await e2e.rest('max', 'GET', '/api/plugins');
  const isolation = (listed.body as Array<{id: string; isolation: Mode}>).find(
    (p) => p.id === PLUGIN,
  )?.isolation;
  if (isolation !== (trusted ? 'page' : 'frame')) throw new Error(`isolation is ${isolation}`);
}

/** Lead Detail of `lead` as max, loaded, its plugins loaded and the Reject button there. */
async function openLeadDetail(page: Page, e2e: E2eHost, lead: Lead): Promise<void> {
  await page.goto(`${e2e.url}/leads/${lead.id}?as=max&lang=en`);
  await page.waitForFunction(() => {
    const host = document.querySelector('crm-plugin-host') as
      (HTMLElement & {loading?: boolean}) | null;
    const point = document.querySelector('crm-extension-point[name="lead.detail.actions"]');
    return Boolean(
      host &&
      host.loading === false &&
      point?.shadowRoot?.querySelector('button[data-key="dev.crmkit.reject-lead/reject"]'),
    );
  });
  // Let the page settle (its own reads, the panels) before the click.
  await page.waitForTimeout(150);
}

/** The document the plugin element lives in: its sandboxed frame, or the page. */
async function pluginDocument(page: Page, mode: Mode): Promise<Page | Frame> {
  if (mode === 'page') return page;
  for (let i = 0; i < 400; i++) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.url() !== 'about:srcdoc') continue;
      const has = await frame
        .evaluate((tag) => document.querySelector(tag) !== null, TAG)
        .catch(() => false);
      if (has) return frame;
    }
    await page.waitForTimeout(5);
  }
  throw new Error('no frame holds <crm-reject-lead>');
}

/** One click on Reject, and the ms until the form is interactive (and the plugin document). */
async function clickToInteractive(
  page: Page,
  mode: Mode,
): Promise<{ms: number; doc: Page | Frame}> {
  const point = page.locator('crm-extension-point[name="lead.detail.actions"]');
  await point.getByRole('button', {name: 'Reject', exact: true}).click();
  const doc = await pluginDocument(page, mode);
  await doc.waitForFunction(
    () => (window as unknown as {crmkitBench: {interactive?: number}}).crmkitBench.interactive,
    undefined,
    {polling: 20, timeout: 20000},
  );
  const interactive = await doc.evaluate(
    () => (window as unknown as {crmkitBench: {interactive: number}}).crmkitBench.interactive,
  );
  const click = await page.evaluate(
    () => (window as unknown as {crmkitBench: {click: number}}).crmkitBench.click,
  );
  return {ms: interactive - click, doc};
}

interface TimelineEntry {
  /** ms after the click. */
  start: number;
  end: number;
  what: string;
}

/** The page's and the plugin frame's requests after the click, and the frame's own start. */
async function timeline(page: Page, doc: Page | Frame): Promise<TimelineEntry[]> {
  const entries = (d: Page | Frame) =>
    d.evaluate(() => {
      const origin = performance.timeOrigin;
      const bench = (window as unknown as {crmkitBench: {click?: number}}).crmkitBench;
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return {
        click: bench.click,
        origin,
        steps: nav
          ? (['responseEnd', 'domInteractive', 'domContentLoadedEventEnd'] as const).map(
              (step) => ({step, at: origin + nav[step]}),
            )
          : [],
        resources: performance.getEntriesByType('resource').map((e) => {
          const r = e as PerformanceResourceTiming;
          return {
            start: origin + r.startTime,
            end: origin + r.responseEnd,
            name: new URL(r.name).pathname,
            cached: r.transferSize === 0 && r.decodedBodySize > 0,
          };
        }),
      };
    });
  const top = await entries(page);
  const click = top.click!;
  const list: TimelineEntry[] = [];
  const add = (from: typeof top, where: string) => {
    for (const r of from.resources) {
      if (r.end < click) continue;
      list.push({
        start: r.start - click,
        end: r.end - click,
        what: `${where} ${r.name}${r.cached ? ' (cache)' : ''}`,
      });
    }
  };
  add(top, 'page ');
  if (doc !== page) {
    const inner = await entries(doc);
    list.push({
      start: inner.origin - click,
      end: inner.origin - click,
      what: 'frame document starts',
    });
    for (const {step, at} of inner.steps) {
      list.push({start: at - click, end: at - click, what: `frame document ${step}`});
    }
    add(inner, 'frame');
  }
  return list.sort((a, b) => a.start - b.start);
}

/** `count` sequential `context.getLead(id)` calls of the plugin where it lives: ms per call. */
function timeCalls(doc: Page | Frame, id: string, count: number): Promise<number[]> {
  return doc.evaluate(
    async ({tag, id, count}) => {
      const el = document.querySelector(tag) as HTMLElement & {
        context: {getLead(id: string): Promise<unknown>};
      };
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        await el.context.getLead(id).catch(() => undefined);
        times.push(performance.now() - start);
      }
      return times;
    },
    {tag: TAG, id, count},
  );
}

async function main(): Promise<void> {
  const e2e = await startE2eHost();
  const contexts: BrowserContext[] = [];
  try {
    const qualified = await e2e.rest('max', 'GET', '/api/leads?status=Qualified');
    const lead = (qualified.body as Lead[])[0];
    if (!lead) throw new Error('the demo data has no Qualified lead');
    const pages = {} as Record<Mode, Page>;
    for (const mode of ['frame', 'page'] as const) {
      const context = await e2e.browser.newContext({locale: 'en-US'});
      contexts.push(context);
      await context.addInitScript(benchProbe, TAG);
      pages[mode] = await context.newPage();
      pages[mode].setDefaultTimeout(20000);
    }

    // 1. Click to interactive, alternating the modes (the order flips every round).
    const times: Record<Mode, number[]> = {frame: [], page: []};
    let lastFramed: TimelineEntry[] = [];
    for (let round = 0; round < WARMUP + RUNS; round++) {
      const order: Mode[] = round % 2 ? ['page', 'frame'] : ['frame', 'page'];
      for (const mode of order) {
        await setTrusted(e2e, mode === 'page');
        await openLeadDetail(pages[mode], e2e, lead);
        const {ms: took, doc} = await clickToInteractive(pages[mode], mode);
        if (round >= WARMUP) times[mode].push(took);
        if (values.timeline && mode === 'frame') {
          lastFramed = [
            ...(await timeline(pages[mode], doc)),
            {start: took, end: took, what: 'form interactive'},
          ].sort((a, b) => a.start - b.start);
        }
      }
    }

    // 2. Per call: both pages open with the dialog at once, batches alternating.
    const docs = {} as Record<Mode, Page | Frame>;
    for (const mode of ['frame', 'page'] as const) {
      await setTrusted(e2e, mode === 'page');
      await openLeadDetail(pages[mode], e2e, lead);
      docs[mode] = (await clickToInteractive(pages[mode], mode)).doc;
    }
    const calls = {
      read: {frame: [] as number[], page: [] as number[]},
      refused: {frame: [] as number[], page: [] as number[]},
    };
    const batch = Math.max(1, Math.ceil(CALLS / 5));
    for (const mode of ['frame', 'page'] as const) {
      await timeCalls(docs[mode], lead.id, 20);
      await timeCalls(docs[mode], ' ', 20);
    }
    for (let done = 0; done < CALLS; done += batch) {
      const n = Math.min(batch, CALLS - done);
      for (const mode of ['frame', 'page'] as const) {
        calls.read[mode].push(...(await timeCalls(docs[mode], lead.id, n)));
        calls.refused[mode].push(...(await timeCalls(docs[mode], ' ', n)));
      }
    }

    const delta = median(times.frame) - median(times.page);
    const readDelta = median(calls.read.frame) - median(calls.read.page);
    const refusedDelta = median(calls.refused.frame) - median(calls.refused.page);
    const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER target');
    console.log(`Chromium ${e2e.browser.version()}, dev host ${e2e.url} (SQLite), lead ${lead.id}`);
    console.log(
      `click on Reject → Reject Lead form interactive (reject-lead, ${RUNS} runs each after ${WARMUP} warm-up, alternating):`,
    );
    for (const mode of ['frame', 'page'] as const) {
      const label = mode === 'frame' ? 'framed (sandboxed)' : 'trusted (in the page)';
      console.log(
        `  ${label.padEnd(22)} median ${ms(median(times[mode]))}, p90 ${ms(percentile(times[mode], 90))} (min ${ms(sorted(times[mode])[0]!)}, max ${ms(sorted(times[mode]).at(-1)!)})`,
      );
    }
    console.log(
      `  framed − trusted       median ${ms(delta)}, p90 ${ms(percentile(times.frame, 90) - percentile(times.page, 90))} (target ≤ ${TARGET.clickToInteractiveDeltaMs} ms: ${verdict(delta <= TARGET.clickToInteractiveDeltaMs)})`,
    );
    console.log(`host API call, median per call (${CALLS} calls each, alternating batches):`);
    console.log(
      `  context.getLead(id)    framed ${ms(median(calls.read.frame))}, trusted ${ms(median(calls.read.page))}: bridge overhead ${ms(readDelta)} (target ≤ ${TARGET.bridgeCallMs} ms: ${verdict(readDelta <= TARGET.bridgeCallMs)})`,
    );
    console.log(
      `  refused before the host framed ${ms(median(calls.refused.frame))}, trusted ${ms(median(calls.refused.page))}: the bridge round trip alone ${ms(refusedDelta)}`,
    );
    console.log(
      '  (framed calls go with the plugin credential, Bearer; trusted ones with the page session cookie)',
    );
    if (values.timeline) {
      console.log('the last framed run, ms after the click (start → end):');
      for (const e of lastFramed) {
        console.log(
          `  ${e.start.toFixed(1).padStart(7)} → ${e.end.toFixed(1).padStart(7)}  ${e.what}`,
        );
      }
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    await e2e.close();
  }
}

await main();
