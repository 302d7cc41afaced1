import {createHash} from 'node:crypto';

/**
 * The Subresource Integrity value (`sha384-…`) of some bytes: what `crmkit pack` writes and `crmkit
 * validate` checks (the browser loader computes the same with WebCrypto).
 */
export function sriHash(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
