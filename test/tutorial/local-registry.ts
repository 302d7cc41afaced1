// A registry for the @crmkit scope only, serving the packed tarballs: what `npm install @crmkit/cli`
// will find once the packages are published. npm is pointed at it for that scope alone
// (`@crmkit:registry`), so every other package still comes from the usual registry (and its cache).
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {basename} from 'node:path';
import {list} from 'tar';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The environment that points npm at it for @crmkit/*. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The package.json inside a tarball npm packed. */
async function manifestOf(
  file: string,
): Promise<Record<string, unknown> & {name: string; version: string}> {
  let text = '';
  await list({
    file,
    filter: (path) => path === 'package/package.json',
    onReadEntry: (entry) => entry.on('data', (chunk: Buffer) => (text += chunk.toString())),
  });
  return JSON.parse(text) as Record<string, unknown> & {name: string; version: string};
}

export async function startLocalRegistry(tarballs: readonly string[]): Promise<LocalRegistry> {
  const packages = new Map<string, {packument: string; bytes: Buffer}>();
  const files = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const tarball = files.get(path);
    if (tarball) {
      res.writeHead(200, {'content-type': 'application/octet-stream'});
      res.end(tarball);
      return;
    }
    const pkg = packages.get(path.slice(1));
    if (!pkg) {
      res.writeHead(404, {'content-type': 'application/json'});
      res.end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, {'content-type': 'application/json'});
    res.end(pkg.packument);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  for (const file of tarballs) {
    const bytes = readFileSync(file);
    const manifest = await manifestOf(file);
    const tarballPath = `/-/${basename(file)}`;
    files.set(tarballPath, bytes);
    const version = {
      ...manifest,
      _id: `${manifest.name}@${manifest.version}`,
      dist: {
        tarball: new URL(tarballPath.slice(1), url).href,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      },
    };
    packages.set(manifest.name, {
      bytes,
      packument: JSON.stringify({
        name: manifest.name,
        'dist-tags': {latest: manifest.version},
        versions: {[manifest.version]: version},
      }),
    });
  }
  return {
    url,
    env: {'npm_config_@crmkit:registry': url},
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // npm keeps its connections alive; nothing is in flight once the tutorial ran.
        server.closeAllConnections();
      }),
  };
}
