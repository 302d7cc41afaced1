import type {Plugin} from 'rollup';

/** The Subresource Integrity value (`sha384-…`) of some bytes. */
export function sriHash(bytes: Uint8Array | string): string;
export function manifestWithIntegrity(options: {
  manifest: string;
  schema?: string;
  packageName?: string;
}): Plugin;
