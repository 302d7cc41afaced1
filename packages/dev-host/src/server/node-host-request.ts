import type {IncomingMessage, ServerResponse} from 'node:http';
import {decodeBody, payloadTooLarge} from '@crmkit/host-core';
import type {HostRequest, HostResponse} from '@crmkit/host-core';

/** A node:http request as host-core's `HostRequest`: headers read lazily, the body streamed once. */
export function toHostRequest(req: IncomingMessage, url: URL): HostRequest {
  return {
    method: req.method ?? 'GET',
    pathname: url.pathname,
    query: url.searchParams,
    secure: (req.socket as {encrypted?: boolean}).encrypted === true,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    // Strict UTF-8 in host-core: Buffer#toString would put U+FFFD in place of bytes that are not.
    readBody: async (limit) => decodeBody(await readBytes(req, limit)),
    readBytes: (limit) => readBytes(req, limit),
    discardBody: () => void req.resume(),
  };
}

/**
 * The body's bytes, refused (413) as soon as the announced or received size passes `limit`. Plain
 * events rather than `for await` (one promise per body, not per chunk).
 */
async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    throw payloadTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return; // already refused; the rest is drained
      size += chunk.length;
      if (size > limit) {
        req.resume();
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', resolve);
    req.once('error', reject);
  });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Writes host-core's answer to a node:http response. */
export function writeHostResponse(res: ServerResponse, response: HostResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    ...(response.body ? {'content-length': Buffer.byteLength(response.body)} : {}),
  });
  res.end(response.body);
}
