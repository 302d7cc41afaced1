// `node packages/host-elements/bench/run-bench.mjs`: bundles open-close.bench.ts with esbuild (the
// workspace sources, legacy decorators) and runs it in headless Chromium, printing its figures.
import {build} from 'esbuild';
import {chromium} from 'playwright-core';
import {findChromium, chromiumArgs} from '../../../scripts/find-chromium.mjs';

const here = import.meta.dirname;
const bundle = await build({
  entryPoints: [`${here}/open-close.bench.ts`],
  bundle: true,
  format: 'esm',
  write: false,
  minify: true,
  target: 'es2022',
  conditions: ['@crmkit/source', 'browser', 'production'],
  tsconfig: `${here}/../../../tsconfig.base.json`,
  logLevel: 'error',
});
const browser = await chromium.launch({executablePath: findChromium(), args: chromiumArgs});
try {
  const page = await browser.newPage();
  const figures = new Promise((resolve) => {
    page.on('console', (message) => {
      if (message.text().startsWith('{')) resolve(JSON.parse(message.text()));
    });
  });
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({type: 'module', content: bundle.outputFiles[0].text});
  const result = await figures;
  if (result.error) throw new Error(result.error);
  console.log(
    `Chromium ${browser.version()}, bundle ${(bundle.outputFiles[0].text.length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `  render ${result.plugins} plugins' actions: ${result.renderActionsMs} ms (${result.actionsRendered} buttons)`,
  );
  console.log(
    `  open + close a plugin dialog: ${result.openCloseMsPerCycle} ms per cycle (${result.openClosePerSecond}/s over ${result.openCloseCycles})`,
  );
  console.log(
    `  switch language (re-label ${result.actionsRendered} actions): ${result.relocalizeMsPerSwitch} ms per switch (DOM work, no frame wait)`,
  );
} finally {
  await browser.close();
}
