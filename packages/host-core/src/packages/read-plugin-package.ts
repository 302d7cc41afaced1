import {validateManifest} from '@crmkit/sdk';
import type {ManifestIssue, PluginManifest} from '@crmkit/sdk';
import {findLoneSurrogate} from '../http/parse-json-body.js';
import {gunzip} from './gunzip.js';
import {PackageRefusal} from './package-refusal.js';
import {packagePath, readTar} from './read-tar.js';

/** The largest package a host takes, as uploaded (.tgz). */
export const MAX_PACKAGE_BYTES = 5 * 1024 * 1024;
/** The most a package may unpack to (its files and tar headers). */
export const MAX_UNPACKED_BYTES = 4 * MAX_PACKAGE_BYTES;

/** A package that passed every check: what the host stores and serves. */
export interface PluginPackage {
  manifest: PluginManifest;
  /** Every regular file by its path in the package (plugin.json included), exactly as packed. */
  files: Map<string, Uint8Array>;
  integrity: string;
  /** SHA-256 of the .tgz, base64. */
  digest: string;
  size: number;
}

/** Thrown for a package whose plugin.json is not a valid manifest (422 `invalid-manifest`). */
export class PackageManifestInvalid extends Error {
  readonly issues: ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    super(`plugin.json is invalid (${issues.length} errors)`);
    this.name = 'PackageManifestInvalid';
    this.issues = issues;
  }
}

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const digest = async (algorithm: 'SHA-256' | 'SHA-384', bytes: Uint8Array) =>
  base64(await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>));

/**
 * Reads a plugin package as `crmkit pack` writes it (a gzip tar with plugin.json at its root) and
 * checks everything a host must know before it stores a byte: the size, gzip and tar, only regular
 * files inside the package, plugin.json a valid manifest, its entry in the package, and the entry's
 * bytes equal to the manifest's `integrity`. Throws `PackageRefusal` (or `PackageManifestInvalid`) at
 * the first that fails. Web platform only (DecompressionStream, crypto.subtle): the same in every
 * environment.
 */
export async function readPluginPackage(
  bytes: Uint8Array,
  options: {sdkVersion?: string} = {},
): Promise<PluginPackage> {
  if (bytes.length > MAX_PACKAGE_BYTES) throw new PackageRefusal('too-large');
  const files = readTar(await gunzip(bytes, MAX_UNPACKED_BYTES));
  const manifestBytes = files.get('plugin.json');
  if (!manifestBytes) throw new PackageRefusal('manifest-missing', 'plugin.json');
  let text: string;
  try {
    // Fatal, as for request bodies: bytes that are not UTF-8 would be stored as U+FFFD, altered.
    text = new TextDecoder('utf-8', {fatal: true}).decode(manifestBytes);
  } catch {
    throw new PackageManifestInvalid([
      textIssue('plugin.json is not UTF-8', 'save plugin.json as UTF-8 and pack it again', ''),
    ]);
  }
  const result = validateManifest(text, {
    file: 'plugin.json',
    ...(options.sdkVersion ? {sdkVersion: options.sdkVersion} : {}),
  });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (!result.valid || !result.manifest) throw new PackageManifestInvalid(errors);
  const manifest = result.manifest;
  const lone = findLoneSurrogate(manifest);
  if (lone !== undefined) {
    throw new PackageManifestInvalid([
      textIssue(
        'a string holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape), which cannot be stored unchanged',
        'write the text as well-formed Unicode',
        lone,
      ),
    ]);
  }
  const entryPath = packagePath(manifest.entry);
  const entry = entryPath === undefined ? undefined : files.get(entryPath);
  if (!entry) throw new PackageRefusal('entry-missing', manifest.entry);
  if (!manifest.integrity) throw new PackageRefusal('integrity-missing', 'plugin.json');
  if (`sha384-${await digest('SHA-384', entry)}` !== manifest.integrity) {
    throw new PackageRefusal('integrity-mismatch', manifest.entry);
  }
  return {
    manifest,
    files,
    integrity: manifest.integrity,
    digest: await digest('SHA-256', bytes),
    size: bytes.length,
  };
}

/** An `invalid-json` issue of plugin.json's text itself (its encoding), at the top of the file. */
function textIssue(message: string, hint: string, pointer: string): ManifestIssue {
  return {severity: 'error', code: 'invalid-json', message, hint, pointer, line: 1, column: 1};
}
