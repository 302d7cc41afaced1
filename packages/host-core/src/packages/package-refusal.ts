/**
 * Why a plugin package is refused (422 `invalid-plugin-package`): the stable codes of its field errors,
 * each with the file of the package it is about (`''` for the package as a whole).
 */
export type PackageRefusalCode =
  | 'too-large'
  | 'not-gzip'
  | 'not-tar'
  | 'link'
  | 'special-file'
  | 'path-outside'
  | 'duplicate-file'
  | 'manifest-missing'
  | 'entry-missing'
  | 'integrity-missing'
  | 'integrity-mismatch';

/** Thrown while a package is read; the route turns it into the bilingual problem. */
export class PackageRefusal extends Error {
  readonly code: PackageRefusalCode;
  /** The file inside the package (as the archive names it), or `''`. */
  readonly path: string;

  constructor(code: PackageRefusalCode, path = '') {
    super(`${code}${path ? `: ${path}` : ''}`);
    this.name = 'PackageRefusal';
    this.code = code;
    this.path = path;
  }
}
