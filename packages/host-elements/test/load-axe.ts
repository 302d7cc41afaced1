// axe-core is a UMD script. Depending on how the test server converts CommonJS, importing it gives
// its API as the default export, or only a lazy `__require` (rollup commonjs with strict requires).
// This helper returns the API either way, so the accessibility checks do not depend on that setting.
import * as axeModule from 'axe-core';
import type {AxeResults, ElementContext, RunOptions} from 'axe-core';

interface AxeApi {
  run(context: ElementContext, options?: RunOptions): Promise<AxeResults>;
}

const loaded = axeModule as unknown as {default?: AxeApi; __require?: () => AxeApi} & AxeApi;

/** The axe-core API. */
export function loadAxe(): AxeApi {
  const axe =
    loaded.default ??
    loaded.__require?.() ??
    (typeof loaded.run === 'function' ? loaded : undefined);
  if (!axe) throw new Error('axe-core did not load: neither a default export nor __require');
  return axe;
}

/**
 * The ids and help texts of every axe violation inside `element` (empty when it is clean). Pass
 * `{iframes: false}` around sandboxed plugin frames: axe cannot run in an opaque-origin frame from
 * the page and would wait for it.
 */
export async function axeViolations(element: Element, options: RunOptions = {}): Promise<string[]> {
  const result = await loadAxe().run(element, options);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
