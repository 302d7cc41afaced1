import {PackageRefusal} from './package-refusal.js';

/**
 * The bytes of a gzip stream, refused as `too-large` as soon as they pass `limit` (a small package
 * can unpack to gigabytes) and as `not-gzip` when they are not gzip. The web platform's
 * DecompressionStream: the same in Node and in the browser (the msw mock), no dependency.
 */
export async function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new PackageRefusal('not-gzip');
  }
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        throw new PackageRefusal('too-large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PackageRefusal) throw error;
    throw new PackageRefusal('not-gzip');
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
