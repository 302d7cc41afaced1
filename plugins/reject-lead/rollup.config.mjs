import {join} from 'node:path';
import {packageBundle} from '../../scripts/rollup-package.mjs';
import {customElementsManifest} from './build/custom-elements-manifest.mjs';
import {manifestWithIntegrity} from './build/manifest-with-integrity.mjs';
import {manglePrivateMembers} from './build/mangle-private-members.mjs';
import {minifyTemplates} from './build/minify-templates.mjs';

const dir = import.meta.dirname;

/**
 * The shared bundle config plus two size steps: the template minifier, which must see the sources
 * before esbuild, and the private-member mangler, which must run before the size report.
 */
function bundle(options) {
  const config = packageBundle({dir, ...options});
  const report = config.plugins.findIndex((p) => p.name === 'crmkit-size-report');
  config.plugins.splice(report, 0, manglePrivateMembers());
  config.plugins.unshift(minifyTemplates());
  return config;
}

// lit external: what a host with the shared lit vendor bundle loads. It also writes dist/plugin.json
// (with this bundle's integrity hash) and dist/custom-elements.json.
const litExternal = bundle({maxGzipBytes: 5 * 1024});
litExternal.plugins.push(
  manifestWithIntegrity({manifest: join(dir, 'plugin.json')}),
  customElementsManifest({dir}),
);

export default [
  litExternal,
  // self-contained: lit bundled in, for hosts without an import map.
  bundle({output: 'dist/reject-lead.bundle.js', selfContained: true, maxGzipBytes: 12 * 1024}),
];
