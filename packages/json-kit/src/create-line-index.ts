import type {TextPosition} from './text-position.js';

/** Turns offsets into 1-based line and column positions and back, for one text. */
export interface LineIndex {
  /** The position of a character offset; offsets past the end give the end of the text. */
  positionAt(offset: number): TextPosition;
  /** The character offset of a position; lines and columns out of range are clamped. */
  offsetAt(position: TextPosition): number;
}

/**
 * Indexes the line starts of `text` once, so that each lookup is a binary search. A line ends at `\n`
 * (a `\r` before it stays part of the line, as in editors that show CRLF files).
 */
export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);
  return {
    positionAt(offset) {
      const at = clamp(offset, 0, text.length);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= at) lo = mid;
        else hi = mid - 1;
      }
      return {line: lo + 1, column: at - (starts[lo] ?? 0) + 1};
    },
    offsetAt({line, column}) {
      const index = clamp(line, 1, starts.length) - 1;
      const start = starts[index] ?? 0;
      const end = index + 1 < starts.length ? (starts[index + 1] ?? 0) - 1 : text.length;
      return clamp(start + column - 1, start, end);
    },
  };
}
