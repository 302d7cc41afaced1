// axe-core is a UMD script: depending on how the test server converts CommonJS, `import axe from
// 'axe-core'` gives its API as the default export, or the module only has a lazy `__require`. This
// returns the API either way, so the accessibility tests do not depend on that setting.
import * as axeModule from 'axe-core';
import type {AxeResults, ElementContext} from 'axe-core';

interface AxeApi {
  run(context: ElementContext): Promise<AxeResults>;
}

const loaded = axeModule as unknown as {default?: AxeApi; __require?: () => AxeApi} & AxeApi;

function loadAxe(): AxeApi {
  const axe =
    loaded.default ??
    loaded.__require?.() ??
    (typeof loaded.run === 'function' ? loaded : undefined);
  if (!axe) throw new Error('axe-core did not load: neither a default export nor __require');
  return axe;
}

/** Every axe-core violation inside `element` (shadow roots included), one line each; empty when clean. */
export async function axeViolations(element: Element): Promise<string[]> {
  const results = await loadAxe().run(element);
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}
