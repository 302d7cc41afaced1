import {negotiateLocale} from '../contract/negotiate-locale.js';
import {HostProblem, LANGUAGES} from '../http/host-problem.js';
import type {Language} from '../http/host-problem.js';
import type {HostRequest, HostResponse} from '../http/host-request.js';
import type {HostStore} from '../store/host-store.js';
import {hostText} from '../texts/host-texts.js';

/** Content types by file extension; anything else is served as bytes (and nosniff keeps it so). */
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
};

/** 404 as every other refusal of the host: a problem document in the caller's language. */
const notFound = (request: HostRequest): HostResponse => {
  const language = negotiateLocale(request.header('accept-language'), LANGUAGES) as Language;
  const problem = new HostProblem(
    'not-found',
    hostText('plugins.file-not-found', {pathname: request.pathname}),
  ).toProblem(language);
  return {
    status: 404,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    },
    body: JSON.stringify(problem),
  };
};

/**
 * `GET /plugins/{id}/{version}/{path}`: a file of a stored plugin version, exactly the bytes that were
 * uploaded, so what a page runs is what the admin installed whatever any other server serves. A
 * version never changes once stored, hence immutable caching; nosniff keeps each file its declared
 * type; a sandbox CSP stops a file opened as a document (an SVG, HTML) from running as the host's
 * origin. Public (a sandboxed frame fetches without credentials) and CORS-open for the same reason:
 * the bytes are no secret, what a plugin may do is decided by its credential. Each path segment is
 * decoded once; one that decodes to `/`, `\`, `.` or `..` is 404, never a way out of the package.
 */
export async function servePluginFile(
  store: HostStore,
  request: HostRequest,
): Promise<HostResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return {
      status: 405,
      headers: {allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8'},
      body: 'Method not allowed\n',
    };
  }
  const raw = request.pathname.split('/').slice(2); // '', 'plugins', id, version, …path
  if (raw.length < 3) return notFound(request);
  let segments: string[];
  try {
    segments = raw.map((s) => decodeURIComponent(s));
  } catch {
    return notFound(request);
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s))) {
    return notFound(request);
  }
  const [id, version, ...path] = segments as [string, string, ...string[]];
  const bytes = await store.pluginFile(id, version, path.join('/'));
  if (!bytes) return notFound(request);
  const extension = /\.([a-z0-9]+)$/i.exec(path.at(-1)!)?.[1]?.toLowerCase() ?? '';
  return {
    status: 200,
    headers: {
      'content-type': TYPES[extension] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    },
    body: bytes,
  };
}
