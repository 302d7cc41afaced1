import type {IncomingMessage, ServerResponse} from 'node:http';

/**
 * Serves the non-API part of the dev host (pages, bundles, plugin files). The server calls it for
 * every request outside `/api/`, before its own 404; it resolves true when it answered the request.
 */
export type PageHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
