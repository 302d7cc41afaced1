import {createHash} from 'node:crypto';
import type {PageConfig} from './page-config.js';

/**
 * The import map a sandboxed frame starts from, as @crmkit/host-elements' `frameImportMapText`
 * writes it (that module needs a DOM to import here). A difference would stop every frame from
 * booting under this policy, which the frame and hostile e2e suites would show at once.
 */
const frameImportMapText = (importMap: Readonly<Record<string, string>>): string =>
  JSON.stringify({imports: importMap}).replace(/</g, '\\u003c');

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The security headers of every page. Scripts only from the host (its bundles, and the verified
 * plugin entries as blob: URLs), plus two inline import maps by their hash: the page's own, and the
 * one a sandboxed plugin frame starts from (a srcdoc frame inherits this policy, so its import map
 * must pass here too; it is the page's map made absolute against the host's origin). Nothing may
 * frame a page; no referrer leaves it. The admin page alone allows eval: the rule linter compiles
 * its JSON Schema (ajv) in the page, and it mounts no plugins.
 */
export function pageSecurityHeaders(options: {
  page: PageConfig['page'];
  /** The import map's text exactly as the page shell writes it. */
  importMapText: string;
  importMap: Readonly<Record<string, string>>;
  /** The host's origin as the browser sees it (`http://127.0.0.1:8080`). */
  origin: string;
}): Record<string, string> {
  const absolute = Object.fromEntries(
    Object.entries(options.importMap).map(([specifier, url]) => [
      specifier,
      new URL(url, `${options.origin}/`).href,
    ]),
  );
  const scripts = [
    "'self'",
    'blob:',
    sha256(options.importMapText),
    sha256(frameImportMapText(absolute)),
    ...(options.page === 'admin' ? ["'unsafe-eval'"] : []),
  ];
  const policy = [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    // Lit and FAST use constructed style sheets; the chart sets widths in style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
