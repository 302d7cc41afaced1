import type {ManifestDraft} from '../manifest-issue.js';

/** Why `entry` breaks its pattern: a URL, an absolute path, `..`, backslashes, or not a module. */
export function entryFinding(entry: string, pointer: string): ManifestDraft {
  const where = `entry ${JSON.stringify(entry)}`;
  const hint = 'give the module path relative to the folder of plugin.json, e.g. "dist/index.js"';
  if (
    entry.startsWith('//') ||
    (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(entry) && !/^[A-Za-z]:[\\/]/.test(entry))
  ) {
    return {
      code: 'entry-remote',
      pointer,
      hint: `${hint}; ship the module inside the plugin folder`,
      message: `${where} is a URL; plugins load their code from their own folder only`,
    };
  }
  if (/^([/\\]|[A-Za-z]:[\\/])/.test(entry)) {
    return {code: 'entry-absolute', pointer, hint, message: `${where} is an absolute path`};
  }
  if (entry.split(/[/\\]/).includes('..')) {
    return {
      code: 'entry-escapes-plugin-folder',
      pointer,
      hint,
      message: `${where} uses ".." and may leave the plugin folder`,
    };
  }
  if (/[%?#]/.test(entry)) {
    // A server decodes "%2f" and "%2e" after the check, so "..%2foutside.js" could still leave.
    return {
      code: 'invalid-entry',
      pointer,
      hint: 'write the path as it is on disk, without percent-escapes, "?" or "#", e.g. "dist/index.js"',
      message: `${where} holds a percent-escape, "?" or "#"`,
    };
  }
  if (entry.includes('\\')) {
    return {
      code: 'invalid-entry',
      pointer,
      hint: 'use forward slashes, e.g. "dist/index.js"',
      message: `${where} uses backslashes`,
    };
  }
  if (!/\.m?js$/.test(entry)) {
    return {
      code: 'entry-not-module',
      pointer,
      hint: 'point to the built JavaScript module (.js or .mjs), not the TypeScript source',
      message: `${where} is not a .js or .mjs module`,
    };
  }
  return {code: 'invalid-entry', pointer, hint, message: `${where} is not a valid module path`};
}
