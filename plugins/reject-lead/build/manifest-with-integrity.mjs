// Rollup plugin: after the entry bundle is written, writes `<outDir>/plugin.json`: the plugin's
// plugin.json with `integrity` = `sha384-<base64>` of the bundle as written (source-map comment
// included, byte for byte what a host fetches) and `entry` (and `$schema`) made relative to the new
// file's folder, so a host can load the plugin from dist/ alone.
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {basename, dirname, isAbsolute, join, relative, resolve} from 'node:path';

/** The Subresource Integrity value (`sha384-…`) of some bytes. */
export function sriHash(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * - `manifest`: path of the source plugin.json.
 * - `schema` and `packageName`: the written `$schema` is the path from this package's installed copy
 *   (`node_modules/<packageName>/dist/plugin.json`) to `schema` (a package path such as
 *   `@crmkit/sdk/schema/plugin-manifest.schema.json`), so an editor finds it in a consumer's
 *   node_modules; without them, the source `$schema` made relative to the new file.
 */
export function manifestWithIntegrity({manifest, schema, packageName}) {
  return {
    name: 'crmkit-manifest-with-integrity',
    writeBundle(options, bundle) {
      const outFile = options.file ? resolve(options.file) : undefined;
      const outDir = outFile ? dirname(outFile) : resolve(options.dir);
      const source = JSON.parse(readFileSync(manifest, 'utf8'));
      const manifestDir = dirname(resolve(manifest));
      const entryPath = resolve(manifestDir, source.entry);
      if (
        entryPath !== outFile &&
        !Object.keys(bundle).some((f) => join(outDir, f) === entryPath)
      ) {
        this.error(
          `plugin.json's entry "${source.entry}" (${entryPath}) is not a file this bundle writes ` +
            `(${outFile ?? outDir}); point "entry" at the lit-external bundle.`,
        );
      }
      const target = join(outDir, 'plugin.json');
      const relativeTo = (path) => relative(outDir, path).split('\\').join('/');
      const out = {...source};
      if (schema) {
        // Where the schema is once both packages are installed side by side in node_modules:
        // node_modules/<this package>/<dist…>/plugin.json → node_modules/<schema's package>/…
        const installedDir = join('node_modules', packageName, relative(manifestDir, outDir));
        out.$schema = relative(installedDir, join('node_modules', schema)).split('\\').join('/');
      } else if (typeof out.$schema === 'string' && !/^[a-z]+:/i.test(out.$schema)) {
        out.$schema = relative(
          outDir,
          isAbsolute(out.$schema) ? out.$schema : join(manifestDir, out.$schema),
        )
          .split('\\')
          .join('/');
      }
      out.entry = relativeTo(entryPath);
      out.integrity = sriHash(readFileSync(entryPath));
      writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
      console.log(
        `  ${basename(dirname(manifestDir))}/${basename(manifestDir)} ${relative(manifestDir, target)}: ${out.integrity}`,
      );
    },
  };
}
