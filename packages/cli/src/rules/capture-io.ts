import {fileURLToPath} from 'node:url';
import type {CliIo} from '../cli-io.js';

// Tests assert English output unless they pass --lang de: a German LANG on the developer's machine
// must not change that (the commands read LC_ALL/LANG).
process.env.LANG = 'C';
delete process.env.LC_ALL;

/** The repository root (commands in tests run from there, as a developer would). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A CliIo that keeps what a command writes, for tests. */
export function captureIo(options: {cwd?: string; isTTY?: boolean} = {}): CliIo & {
  out: string;
  err: string;
} {
  const io = {
    out: '',
    err: '',
    cwd: options.cwd ?? REPO_ROOT,
    isTTY: options.isTTY ?? false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}
