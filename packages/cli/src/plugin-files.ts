import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import {isAbsolute, relative, sep} from 'node:path';

/** Why a file may not go into a package. The codes are stable (`crmkit pack --json` prints them). */
export type PluginFileProblem =
  | {code: 'file-is-link'; target: string}
  | {code: 'file-not-regular'; kind: SpecialKind}
  | {code: 'file-outside-plugin'; realPath: string}
  | {code: 'file-changed'};

/** What a path that is not a regular file is instead. */
export type SpecialKind = 'directory' | 'fifo' | 'socket' | 'character-device' | 'block-device';

/** The bytes of a file that may go into a package, or why it may not. */
export type PluginFileRead = {ok: true; bytes: Buffer} | {ok: false; problem: PluginFileProblem};

/** A path inside `dir` as a package names it (forward slashes), or undefined outside it. */
export function insidePath(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Whether anything (a file, a link, even a dangling one, a FIFO…) is at `path`. */
export function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function specialKind(stats: Stats): SpecialKind {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character-device';
  return 'block-device';
}

// O_NOFOLLOW: a link swapped in after the checks is refused by the kernel instead of followed.
// O_NONBLOCK: opening a FIFO swapped in after the checks must not hang the command waiting for a writer.
// Both are 0 where the platform lacks them (Windows), which leaves the lstat checks.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file for a package when it is a regular file (not a link, FIFO, device, socket or folder)
 * whose real path lies inside `realDir` (the plugin folder's real path), so a package can only hold
 * bytes the author has inside the plugin folder. A folder on the way that links elsewhere is caught
 * by the real path; the plugin folder itself may be reached through a link. The bytes come from the
 * descriptor that was checked, so what is hashed and packed is what was checked.
 */
export function readPluginFile(path: string, realDir: string): PluginFileRead {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) {
    let target: string;
    try {
      target = readlinkSync(path);
    } catch {
      target = '?';
    }
    return {ok: false, problem: {code: 'file-is-link', target}};
  }
  if (!stats.isFile())
    return {ok: false, problem: {code: 'file-not-regular', kind: specialKind(stats)}};
  const realPath = realpathSync(path);
  if (insidePath(realDir, realPath) === undefined)
    return {ok: false, problem: {code: 'file-outside-plugin', realPath}};
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if ((error as {code?: string}).code === 'ELOOP')
      return {ok: false, problem: {code: 'file-is-link', target: '?'}};
    throw error;
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev)
      return {ok: false, problem: {code: 'file-changed'}};
    return {ok: true, bytes: readFileSync(fd)};
  } finally {
    closeSync(fd);
  }
}
