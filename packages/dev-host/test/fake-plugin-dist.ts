// A stand-in for plugins/reject-lead/dist (what `npm run build` writes) for tests that must not
// depend on a build: the real plugin.json with its entry pointing at a small module and that
// module's integrity, so the seed stores it exactly as it would store the built plugin.
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

export interface FakePluginDist {
  /** The folder, as a file URL ending in `/` (what `pluginDist` takes). */
  url: URL;
  /** The entry's bytes (with bytes no text encoding keeps: 0x00 and 0xff). */
  entry: Buffer;
  remove(): void;
}

/** Writes a fake built reject-lead plugin into a temp folder. */
export function fakePluginDist(): FakePluginDist {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-fake-dist-'));
  const source = JSON.parse(
    readFileSync(new URL('../../../plugins/reject-lead/plugin.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const entry = Buffer.concat([
    Buffer.from('customElements.define("crm-reject-lead", class extends HTMLElement {});\n//'),
    Buffer.from([0x00, 0xff, 0x0a]),
  ]);
  const manifest = {
    ...source,
    entry: 'index.js',
    integrity: `sha384-${createHash('sha384').update(entry).digest('base64')}`,
  };
  writeFileSync(join(dir, 'plugin.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'index.js'), entry);
  return {
    url: pathToFileURL(`${dir}/`),
    entry,
    remove: () => rmSync(dir, {recursive: true, force: true}),
  };
}
