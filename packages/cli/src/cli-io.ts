/** Where a command writes and what it knows of its terminal; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** Whether stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
}

/** A command: parses its own arguments and returns the exit code (0 ok, 1 findings, 2 usage). */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every command. */
export const EXIT = {ok: 0, findings: 1, usage: 2} as const;

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
