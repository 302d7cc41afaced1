import type {IncomingMessage, ServerResponse} from 'node:http';
import type {HostRequest, HostResponse} from '@crmkit/host-core';

/** The host as the pages ask it (sign a demo user in, who is signed in): its own REST routes. */
export interface PageHost {
  handle(request: HostRequest): Promise<HostResponse>;
}

/**
 * Serves the non-API part of the dev host (pages, bundles). The server calls it for every request
 * outside `/api/` and `/plugins/`, before its own 404; it resolves true when it answered the request.
 */
export type PageHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  host?: PageHost,
) => Promise<boolean>;
