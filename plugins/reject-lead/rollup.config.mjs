import {join} from 'node:path';
import {packageBundle} from '../../scripts/rollup-package.mjs';
import {customElementsManifest} from '../../scripts/custom-elements-manifest.mjs';
import {manifestWithIntegrity} from './build/manifest-with-integrity.mjs';
import {minifyTemplates} from './build/minify-templates.mjs';

const dir = import.meta.dirname;

/**
 * The shared bundle config plus the template minifier, which must see the sources before esbuild.
 * No property mangling: renaming `_private` members once overrode a member of Lit's production build
 * and crashed the element; the class's private members are `#private`, which esbuild renames safely.
 */
function bundle(options) {
  const config = packageBundle({dir, ...options});
  config.plugins.unshift(minifyTemplates());
  return config;
}

// lit external: what a host with the shared lit vendor bundle loads. It also writes dist/plugin.json
// (with this bundle's integrity hash) and dist/custom-elements.json.
const litExternal = bundle({maxGzipBytes: 5 * 1024});
litExternal.plugins.push(
  manifestWithIntegrity({
    manifest: join(dir, 'plugin.json'),
    schema: '@crmkit/sdk/schema/plugin-manifest.schema.json',
    packageName: '@crmkit/reject-lead',
  }),
  customElementsManifest({dir}),
);

export default [
  litExternal,
  // self-contained: lit bundled in, for hosts without an import map.
  bundle({output: 'dist/reject-lead.bundle.js', selfContained: true, maxGzipBytes: 12 * 1024}),
];
