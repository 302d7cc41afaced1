import {createHash} from 'node:crypto';
import {readFile, stat} from 'node:fs/promises';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {PageHandler} from '../server/page-handler.js';
import {extname, join, resolve, sep} from 'node:path';
import type {PagesBuild} from './build-pages.js';
import {DEV_HOST_DIR} from './build-pages.js';
import type {PageConfig} from './page-config.js';
import {pageSecurityHeaders} from './page-security-headers.js';
import {renderPageShell} from './render-page-shell.js';
import {pageSignIn} from './page-sign-in.js';
import {resolvePageSession} from './resolve-page-session.js';

/** Answers a non-API request; true when it did (the dev host's own 404 follows otherwise). */
export type PageRequestHandler = PageHandler;

/** Content types of the files the pages serve, by extension. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The pages, by path. `/leads/:id` takes any id; the page itself says when there is no such lead. */
const ROUTES: Array<{pattern: RegExp; page: PageConfig['page']}> = [
  {pattern: /^\/$/, page: 'lead-list'},
  {pattern: /^\/leads\/([^/]+)$/, page: 'lead-detail'},
  {pattern: /^\/admin\/?$/, page: 'admin'},
];

export interface PageHandlerOptions {
  /** Static files served at the root (`/pages.css`, `/favicon.svg`); default packages/dev-host/public. */
  publicDir?: string;
}

/**
 * The dev host's pages: `/` (lead list), `/leads/:id` (lead detail with the plugins), `/admin`, the
 * built bundles at `/assets/…` and the static files of `public/` (plugin files are the host's: the
 * stored packages at `/plugins/{id}/{version}/…`). Give it the result of `buildPages()`.
 */
export function createPageHandler(
  build: Pick<PagesBuild, 'outDir' | 'importMap'>,
  options: PageHandlerOptions = {},
): PageRequestHandler {
  const publicDir = resolve(options.publicDir ?? join(DEV_HOST_DIR, 'public'));
  const assetsDir = join(build.outDir, 'assets');

  return async (req, res, url, host) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = url.pathname;
    for (const {pattern, page} of ROUTES) {
      const match = pattern.exec(path);
      if (!match) continue;
      const asked = resolvePageSession(url, req.headers);
      const signIn = await pageSignIn(host, req, asked.as);
      const session = resolvePageSession(url, req.headers, signIn.userId);
      const config: PageConfig = {
        page,
        lang: session.lang,
        userId: signIn.userId,
        ...(signIn.unknownAs !== undefined ? {unknownAs: signIn.unknownAs} : {}),
      };
      if (page === 'lead-detail') config.leadId = safeDecode(match[1] ?? '');
      const body = renderPageShell({config, url, importMap: build.importMap});
      res.statusCode = 200;
      res.setHeader('Content-Type', CONTENT_TYPES['.html'] as string);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Language', session.lang);
      const importMapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';
      const secure = (req.socket as {encrypted?: boolean}).encrypted === true;
      const headers = pageSecurityHeaders({
        page,
        importMapText,
        importMap: build.importMap,
        origin: `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`,
      });
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      const cookies = [...signIn.setCookies, ...session.setCookies];
      if (cookies.length) res.setHeader('Set-Cookie', cookies);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    // Sandboxed plugin frames have an opaque origin and load the frame runtime and the shared modules
    // (lit, the sdk) from here in CORS mode: the bundles are public code, open to any origin, and
    // no credential is ever sent or honoured with them.
    if (path.startsWith('/assets/')) {
      return sendFile(req, res, assetsDir, path.slice(8), {'Access-Control-Allow-Origin': '*'});
    }
    return sendFile(req, res, publicDir, path.slice(1));
  };
}

/** Whether an If-None-Match header names `etag` (or is `*`): weak comparison, RFC 9110 13.1.2. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Sends `root/relativePath` if it is a file inside `root` with a known type; false otherwise. */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relativePath: string,
  headers: Record<string, string> = {},
): Promise<boolean> {
  const type = CONTENT_TYPES[extname(relativePath).toLowerCase()];
  if (!type || relativePath.includes('\0')) return false;
  const file = resolve(root, safeDecode(relativePath));
  if (!file.startsWith(root + sep)) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
    const body = await readFile(file);
    // A validator, so a page (or a plugin frame) asks again and gets 304 instead of the bytes; the
    // build's content-hashed chunks never change under their name, so they need no asking at all.
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const hashed = /(^|\/)chunks\//.test(relativePath);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  } catch {
    return false;
  }
}
