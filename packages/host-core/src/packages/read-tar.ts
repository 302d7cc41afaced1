import {PackageRefusal} from './package-refusal.js';

const BLOCK = 512;
const utf8 = new TextDecoder('utf-8', {fatal: true});

/** A NUL-terminated header field as text. */
function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  try {
    return utf8.decode(end === -1 ? bytes : bytes.subarray(0, end));
  } catch {
    throw new PackageRefusal('not-tar');
  }
}

/** An octal number field (spaces and NULs around it allowed, as tar writers pad them). */
function octal(header: Uint8Array, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new PackageRefusal('not-tar');
  return parseInt(text, 8);
}

/** The header's checksum: its bytes summed with the checksum field counted as spaces. */
function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** The records of a pax extended header (`<length> <key>=<value>\n`…, the length in bytes). */
function paxRecords(bytes: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    const length = space === -1 ? NaN : Number(field(bytes, at, space - at));
    if (!Number.isInteger(length) || length <= 0 || at + length > bytes.length) {
      throw new PackageRefusal('not-tar');
    }
    if (bytes[at + length - 1] !== 0x0a) throw new PackageRefusal('not-tar');
    const record = field(bytes, space + 1, at + length - 1 - (space + 1));
    const equals = record.indexOf('=');
    if (equals <= 0) throw new PackageRefusal('not-tar');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/**
 * A path inside the package as the archive names it: `./` in front allowed, nothing that could land
 * outside the package's folder once unpacked or served (absolute, `..`, backslashes, drive letters,
 * empty or `.` segments, control characters).
 */
export function packagePath(name: string): string | undefined {
  const path = name.startsWith('./') ? name.slice(2) : name;
  if (path === '' || path.startsWith('/') || path.includes('\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path) || /^[A-Za-z]:/.test(path)) return undefined;
  const segments = path.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

/**
 * The regular files of a tar archive (ustar, with pax or GNU long names), in archive order, by path.
 * Strict where an unpacker would be lenient, because the host serves what it stores: a header whose
 * checksum is wrong, a link of either kind, a device, a FIFO or any other special entry, a path that
 * leaves the package, a file named twice, or data past the archive's end is refused, never skipped.
 * Directories are allowed (and dropped).
 */
export function readTar(archive: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  let sawEnd = false;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) {
      sawEnd = true;
      break;
    }
    if (octal(header, 148, 8) !== checksumOf(header)) throw new PackageRefusal('not-tar');
    const magic = field(header, 257, 6);
    if (magic !== 'ustar' && magic !== 'ustar ') throw new PackageRefusal('not-tar');
    const size = octal(header, 124, 12);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) throw new PackageRefusal('not-tar');
    const data = archive.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    const type = String.fromCharCode(header[156]!);
    const prefix = magic === 'ustar' ? field(header, 345, 155) : '';
    const name =
      longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (type === 'x') {
      longName = paxRecords(data).get('path') ?? longName;
      continue;
    }
    if (type === 'g') continue; // global pax defaults (charset, comments): nothing a file needs
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    longName = undefined;
    if (type === '1' || type === '2' || type === 'K') throw new PackageRefusal('link', name);
    if (type !== '0' && type !== '\0' && type !== '7' && type !== '5') {
      throw new PackageRefusal('special-file', name);
    }
    if (type === '5' && (name === './' || name === '.')) continue; // the package's own folder
    const path = packagePath(name);
    if (path === undefined) throw new PackageRefusal('path-outside', name);
    if (type === '5') continue;
    if (files.has(path)) throw new PackageRefusal('duplicate-file', path);
    files.set(path, data);
  }
  if (!sawEnd && files.size === 0) throw new PackageRefusal('not-tar');
  return files;
}
