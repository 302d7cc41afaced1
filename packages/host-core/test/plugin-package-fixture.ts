// Plugin packages for tests, made byte by byte: good ones as `crmkit pack` writes them, and every kind
// of bad one a host must refuse (links, devices, paths out of the package, broken checksums), which no
// well-behaved packer would write. Node only (zlib, crypto).
import {createHash} from 'node:crypto';
import {gzipSync} from 'node:zlib';

/** One tar entry: a regular file unless `type` says otherwise ('2' symlink, '3' device, …). */
export interface TarEntry {
  name: string;
  body?: Uint8Array | string;
  type?: string;
  linkName?: string;
  /** ustar's prefix field (for names over 100 bytes). */
  prefix?: string;
}

const encoder = new TextEncoder();

function put(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new Error(`tar field too long: ${text}`);
  header.set(bytes, offset);
}

const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\0`;

/** A ustar header and its data blocks. */
export function tarEntry(entry: TarEntry): Uint8Array {
  const body =
    typeof entry.body === 'string' ? encoder.encode(entry.body) : (entry.body ?? new Uint8Array());
  const header = new Uint8Array(512);
  put(header, 0, 100, entry.name);
  put(header, 100, 8, octal(0o644, 8));
  put(header, 108, 8, octal(0, 8));
  put(header, 116, 8, octal(0, 8));
  put(header, 124, 12, octal(body.length, 12));
  put(header, 136, 12, octal(499162500, 12));
  put(header, 148, 8, '        ');
  put(header, 156, 1, entry.type ?? '0');
  if (entry.linkName) put(header, 157, 100, entry.linkName);
  put(header, 257, 6, 'ustar\0');
  put(header, 263, 2, '00');
  if (entry.prefix) put(header, 345, 155, entry.prefix);
  let sum = 0;
  for (const b of header) sum += b;
  put(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const blocks = new Uint8Array(512 + Math.ceil(body.length / 512) * 512);
  blocks.set(header);
  blocks.set(body, 512);
  return blocks;
}

/** A pax extended header record block that names the next entry `path`. */
export function paxPath(path: string): Uint8Array {
  const record = (n: number) => `${n} path=${path}\n`;
  let length = record(0).length;
  while (encoder.encode(record(length)).length !== length)
    length = encoder.encode(record(length)).length;
  return tarEntry({name: 'PaxHeader', type: 'x', body: record(length)});
}

/** The entries as one archive, with its two zero blocks at the end. */
export function tarArchive(parts: Array<TarEntry | Uint8Array>): Uint8Array {
  const chunks = parts.map((p) => (p instanceof Uint8Array ? p : tarEntry(p)));
  const size = chunks.reduce((n, c) => n + c.length, 1024);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

export const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes));

export const sri = (bytes: Uint8Array | string): string =>
  `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** A valid manifest of a small panel plugin (overridable). */
export function fixtureManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'dev.crmkit.fixture',
    name: 'fixture',
    version: '1.0.0',
    sdk: '^0.1.0',
    displayName: {en: 'Fixture', de: 'Testobjekt'},
    entry: 'dist/index.js',
    elements: [{tag: 'crm-fixture-panel', extensionPoint: 'lead.detail.panel'}],
    actions: [],
    permissions: ['leads.read'],
    config: {
      type: 'object',
      properties: {greeting: {type: 'string', default: 'Hello'}},
      additionalProperties: false,
    },
    ...overrides,
  };
}

export const FIXTURE_ENTRY =
  "customElements.define('crm-fixture-panel', class extends HTMLElement {});\n";

/**
 * A .tgz as `crmkit pack` writes it: plugin.json (with the entry's integrity) and the entry; `extra`
 * entries go after them; `manifest` overrides fields; `integrity: null` leaves it out.
 */
export function pluginPackage(
  options: {
    manifest?: Record<string, unknown>;
    entry?: string;
    extra?: Array<TarEntry | Uint8Array>;
    integrity?: string | null;
  } = {},
): Uint8Array {
  const entry = options.entry ?? FIXTURE_ENTRY;
  const manifest = fixtureManifest(options.manifest);
  const integrity = options.integrity === undefined ? sri(entry) : options.integrity;
  if (integrity !== null) manifest.integrity = integrity;
  return gzip(
    tarArchive([
      {name: 'plugin.json', body: `${JSON.stringify(manifest, null, 2)}\n`},
      {name: String(manifest.entry), body: entry},
      ...(options.extra ?? []),
    ]),
  );
}
